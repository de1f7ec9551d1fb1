import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { MasterKeyRing } from '../kernel/crypto/keyring.js';
import type { Kernel } from '../kernel/kernel.js';
import { signCheckpointIfDue } from '../kernel/ledger/checkpoint.js';
import { rollCheckpointKey } from '../kernel/ledger/keys.js';
import { integrate } from '../kernel/ledger/sequencer.js';
import { DERIVATION_KEY_SECRET, masterKeySecretName } from '../kernel/secrets.js';
import { systemActor } from '../kernel/workflow/actor.js';
import { defineLifecycle, NEW } from '../kernel/workflow/lifecycle.js';
import { transition } from '../kernel/workflow/transition.js';
import { OpsError } from './messages.js';
import { blobsNotCurrent, columnName, rewrapColumn, rewrapDerivationKey, WRAPPED_COLUMNS } from './rewrap.js';

/**
 * A master-key rotation (decision 0103): `MasterKeyRotation.started` when the new version becomes
 * current, `MasterKeyRotation.completed` when no blob is left under an older one. Both are ledger
 * entries written through the workflow (permission `ledger_key.rotate`, system actors only).
 */
export const masterKeyRotationLifecycle = defineLifecycle({
  objectType: 'MasterKeyRotation',
  table: 'ops_key_rotation',
  log: 'main',
  retentionClass: 'ledger_header',
  states: ['rewrapping', 'completed'],
  transitions: {
    start: { from: [NEW], to: 'rewrapping', permission: 'ledger_key.rotate', eventType: 'MasterKeyRotation.started' },
    complete: {
      from: ['rewrapping'],
      to: 'completed',
      permission: 'ledger_key.rotate',
      eventType: 'MasterKeyRotation.completed',
    },
  },
});

const actor = systemActor('keys');
const subject = { type: 'MasterKeyRotation', jurisdictionId: null };

interface RotationRow {
  id: string;
  from_version: number;
  to_version: number;
  state: string;
  version: number;
}

async function openRotation(k: Kernel): Promise<RotationRow | undefined> {
  return (
    await sql<RotationRow>`SELECT id, from_version, to_version, state, version FROM ops_key_rotation
      WHERE state = 'rewrapping' ORDER BY created_at DESC LIMIT 1`.execute(k.db)
  ).rows[0];
}

/**
 * Makes a new version current. Generated and kept in kernel_secret when the master key is; when it
 * comes from outside (SHUYUN_MASTER_KEY), the operator supplies the new version in
 * SHUYUN_MASTER_KEYS and restarts first, and this only re-wraps under it.
 */
async function startRotation(k: Kernel): Promise<RotationRow> {
  const ring = k.secrets.masterKeys;
  const external = !!process.env.SHUYUN_MASTER_KEY || !!process.env.SHUYUN_MASTER_KEYS;
  if (external && ring.current === 1) throw new OpsError('MASTER_KEY_EXTERNAL');
  const from = ring.current;
  const key = external ? null : randomBytes(16);
  const to = external ? from : from + 1;
  // The derivation key is wrapped under the new version before it becomes current (decision 0103).
  const next = key
    ? new MasterKeyRing([...ring.versions().map((v): [number, Buffer] => [v, ring.key(v)]), [to, key]])
    : ring;
  const row = await k.db.transaction().execute(async (trx) => {
    if (key)
      await sql`INSERT INTO kernel_secret (name, value) VALUES (${masterKeySecretName(to)}, ${key.toString('hex')})`.execute(
        trx,
      );
    await sql`INSERT INTO kernel_secret (name, value) VALUES (${DERIVATION_KEY_SECRET}, ${next.wrap(k.secrets.derivationKey).toString('hex')})
      ON CONFLICT (name) DO NOTHING`.execute(trx);
    const values = { id: randomUUID(), from_version: from, to_version: to, counts: '{}' };
    const r = await transition(trx, k.workflow, {
      lifecycle: masterKeyRotationLifecycle,
      action: 'start',
      actor,
      object: null,
      subject,
      values,
      payload: { fromVersion: from, toVersion: to },
    });
    return { id: r.id, from_version: from, to_version: to, state: r.state, version: r.version };
  });
  if (key) ring.add(to, key);
  // The ledger append path writes payload keys under the kernel's current key.
  k.ledger.masterKey = ring.currentKey;
  return row;
}

export interface MasterRotationResult {
  rotationId: string;
  fromVersion: number;
  toVersion: number;
  counts: Record<string, number>;
}

/**
 * `keys rotate-master`: a new master-key version becomes current (new blobs are written under it at
 * once), then every blob under an older version is re-wrapped in batches, each its own transaction,
 * while the server serves; reads work throughout because each blob names its version. An
 * interrupted rotation resumes where the sweep is idempotent (blobs already current are skipped).
 */
export async function rotateMasterKey(k: Kernel, opts: { batchSize?: number } = {}): Promise<MasterRotationResult> {
  const rotation = (await openRotation(k)) ?? (await startRotation(k));
  const ring = k.secrets.masterKeys;
  if (ring.current !== rotation.to_version)
    throw new OpsError('MASTER_KEY_VERSION_MISSING', { version: rotation.to_version });
  const counts: Record<string, number> = {};
  // A writer that read the old version just before the switch may commit behind the sweep: sweep again.
  let left: Record<string, number> = {};
  for (let pass = 0; pass < 3; pass++) {
    for (const c of WRAPPED_COLUMNS) {
      const n = await rewrapColumn(k.db, ring, c, opts.batchSize ?? 500);
      counts[columnName(c)] = (counts[columnName(c)] ?? 0) + n;
    }
    counts[DERIVATION_KEY_SECRET] = (counts[DERIVATION_KEY_SECRET] ?? 0) + (await rewrapDerivationKey(k.db, ring));
    left = await blobsNotCurrent(k.db, ring);
    if (!Object.keys(left).length) break;
  }
  if (Object.keys(left).length) throw new OpsError('MASTER_KEY_REWRAP_INCOMPLETE', left);
  await k.db.transaction().execute((trx) =>
    transition(trx, k.workflow, {
      lifecycle: masterKeyRotationLifecycle,
      action: 'complete',
      actor,
      object: rotation,
      subject: { ...subject, id: rotation.id },
      values: { counts: JSON.stringify(counts) },
      payload: { fromVersion: rotation.from_version, toVersion: rotation.to_version, counts },
    }),
  );
  return { rotationId: rotation.id, fromVersion: rotation.from_version, toVersion: rotation.to_version, counts };
}

export interface CheckpointRotationResult {
  generation: number;
  oldKeyId: string;
  newKeyId: string;
  lastCheckpoints: { logId: string; treeSize: number }[];
  signedAfter: { log: string; treeSize: number }[];
}

/** `keys rotate-checkpoint`: the rollover (decision 0102), then a checkpoint of each log under the new key. */
export async function rotateCheckpointKey(k: Kernel): Promise<CheckpointRotationResult> {
  let r: Awaited<ReturnType<typeof rollCheckpointKey>>;
  try {
    r = await rollCheckpointKey(k);
  } catch (e) {
    if (String((e as Error).message).startsWith('CHECKPOINT_ROLLOVER_SM2_ONLY'))
      throw new OpsError('CHECKPOINT_ROLLOVER_SM2_ONLY');
    throw e;
  }
  const signedAfter: CheckpointRotationResult['signedAfter'] = [];
  for (const log of ['main', 'audit']) {
    await integrate(k, log); // the new key's first checkpoint covers the rollover's own events
    const s = await signCheckpointIfDue(k, log, { force: true });
    if (s.signed) signedAfter.push({ log, treeSize: Number(s.checkpoint.tree_size) });
  }
  return {
    generation: r.generation,
    oldKeyId: r.oldKeyId,
    newKeyId: r.newKeyId,
    lastCheckpoints: r.rollover.statement.lastCheckpoints.map((c) => ({ logId: c.logId, treeSize: c.treeSize })),
    signedAfter,
  };
}
