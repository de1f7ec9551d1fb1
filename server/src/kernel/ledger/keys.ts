import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { generateSm2KeyPair, sm2PublicKeyPem, type Sm2KeyPair } from '../crypto/sm2.js';
import type { Executor, Tx } from '../db/tables.js';
import type { Kernel } from '../kernel.js';
import { originalLedgerKey } from '../secrets.js';
import { systemActor } from '../workflow/actor.js';
import { definePermissions } from '../workflow/authorize.js';
import { defineLifecycle, NEW } from '../workflow/lifecycle.js';
import { importObject, transition } from '../workflow/transition.js';
import {
  ROLLOVER_FORMAT,
  signRollover,
  verifyKeyChain,
  type ChainKey,
  type LastCheckpoint,
  type SignedRollover,
} from './key-chain.js';
import { logIdFor } from './append.js';
import { keyId } from './note.js';
import type { LedgerDeps } from './sequencer.js';
import { lockLog } from './store.js';

/**
 * The checkpoint keys of this deployment and their rollover (issue 21, decision 0102). A key is a
 * `CheckpointKey` object (ledger_signing_key): generation 1 is the original key, recorded as
 * `CheckpointKey.imported` at the first rollover; every rollover writes `CheckpointKey.retired`
 * for the old key and `CheckpointKey.rolled_over` (payload: the signed statement) for the new one,
 * in one transaction through the workflow, like every other state change.
 */
export const checkpointKeyLifecycle = defineLifecycle({
  objectType: 'CheckpointKey',
  table: 'ledger_signing_key',
  log: 'main',
  retentionClass: 'ledger_header',
  states: ['active', 'retired'],
  transitions: {
    introduce: { from: [NEW], to: 'active', permission: 'ledger_key.rotate', eventType: 'CheckpointKey.rolled_over' },
    retire: { from: ['active'], to: 'retired', permission: 'ledger_key.rotate', eventType: 'CheckpointKey.retired' },
  },
});

definePermissions({
  // Only the operator's CLI (a system actor on the host) rotates keys; no HTTP route does.
  'ledger_key.rotate': { kind: 'write', roles: ['system'], actors: ['system'], relationships: ['any'] },
});

interface KeyRow {
  id: string;
  generation: number;
  public_key_hex: string;
  private_key_enc: Buffer | null;
  rollover: unknown;
  state: string;
  version: number;
}

async function keyRows(db: Executor): Promise<KeyRow[]> {
  return (
    await sql<KeyRow>`SELECT id, generation, public_key_hex, private_key_enc, rollover, state, version
    FROM ledger_signing_key ORDER BY generation`.execute(db)
  ).rows;
}

/** The public chain: the original key and the signed rollovers after it (what verifiers need). */
export interface KeyChainDoc {
  format: 'shuyun-checkpoint-key-chain/1';
  originalPublicKeyHex: string;
  rollovers: SignedRollover[];
}

export async function keyChainDoc(db: Executor, k: Pick<LedgerDeps, 'secrets'>): Promise<KeyChainDoc> {
  const rows = await keyRows(db);
  return {
    format: 'shuyun-checkpoint-key-chain/1',
    originalPublicKeyHex: rows[0]?.public_key_hex ?? k.secrets.ledgerSigningKey.publicKeyHex,
    // jsonb we wrote ourselves (signRollover's output).
    rollovers: rows.slice(1).map((r) => r.rollover as SignedRollover),
  };
}

/** The verified keys of this deployment's chain (the signer and the audit check checkpoints against them). */
export async function checkpointKeys(db: Executor, k: Pick<LedgerDeps, 'secrets'>): Promise<ChainKey[]> {
  const doc = await keyChainDoc(db, k);
  const v = verifyKeyChain(doc.originalPublicKeyHex, doc.rollovers);
  if (!v.ok) throw new Error(`${v.error}: the stored checkpoint key chain is broken at rollover ${v.index}`);
  return v.keys;
}

/**
 * The key that signs now: the newest generation. A process that has not seen a rollover made by
 * another one (several servers on PostgreSQL) picks the new key up here, before it signs.
 */
export async function activeCheckpointKey(db: Executor, k: LedgerDeps): Promise<Sm2KeyPair> {
  const row = (await keyRows(db)).at(-1);
  if (row?.private_key_enc && row.generation !== k.secrets.ledgerKeyGeneration) {
    k.secrets.ledgerSigningKey = {
      privateKeyHex: k.secrets.masterKeys.decrypt(row.private_key_enc).toString('utf8'),
      publicKeyHex: row.public_key_hex,
    };
    k.secrets.ledgerKeyGeneration = row.generation;
  }
  return k.secrets.ledgerSigningKey;
}

async function lastCheckpoints(trx: Tx): Promise<LastCheckpoint[]> {
  const rows = (
    await sql<{ log_id: string; tree_size: number; root_hash: string }>`SELECT DISTINCT ON (log_id) log_id,
      tree_size, root_hash FROM ledger_checkpoint ORDER BY log_id, tree_size DESC, id DESC`.execute(trx)
  ).rows;
  return rows.map((r) => ({ logId: r.log_id, treeSize: Number(r.tree_size), rootHash: r.root_hash }));
}

/** Generation 1 gets its CheckpointKey row (and ledger entry) the first time a rollover needs it. */
async function currentKeyRow(trx: Tx, k: Kernel, original: Sm2KeyPair): Promise<KeyRow> {
  const rows = await keyRows(trx);
  if (rows.length) return rows.at(-1)!;
  const id = randomUUID();
  const values = { id, generation: 1, alg: 'sm2-sm3', public_key_hex: original.publicKeyHex };
  await importObject(trx, k.workflow, checkpointKeyLifecycle, 'active', values, systemActor('keys'));
  return { ...values, private_key_enc: null, rollover: null, state: 'active', version: 1 };
}

export interface RolloverResult {
  generation: number;
  oldKeyId: string;
  newKeyId: string;
  rollover: SignedRollover;
}

/**
 * Rolls the checkpoint key over (decision 0102). Holding every log's sequencer lock, so no checkpoint
 * is signed meanwhile: the statement names each log's last checkpoint, is signed by the old key and
 * countersigned by the new one, and the old key is retired, all in one transaction. The caller then
 * signs fresh checkpoints with the new key.
 */
export async function rollCheckpointKey(k: Kernel): Promise<RolloverResult> {
  if (k.profile.get<string>('ledger.signAlg') === 'ed25519')
    throw new Error('CHECKPOINT_ROLLOVER_SM2_ONLY: the rollover statement is SM2; this deployment signs with Ed25519');
  const result = await k.db.transaction().execute(async (trx) => {
    const logs = (await sql<{ log_id: string }>`SELECT log_id FROM ledger_log ORDER BY log_id`.execute(trx)).rows;
    for (const l of logs) await lockLog(trx, l.log_id);
    const original = await originalLedgerKey(trx);
    const old = await currentKeyRow(trx, k, original);
    const oldKey =
      old.generation === 1
        ? original
        : {
            privateKeyHex: k.secrets.masterKeys.decrypt(old.private_key_enc!).toString('utf8'),
            publicKeyHex: old.public_key_hex,
          };
    const next = generateSm2KeyPair();
    const rollover = signRollover(
      {
        format: ROLLOVER_FORMAT,
        alg: 'sm2-sm3',
        generation: old.generation + 1,
        oldPublicKeyHex: old.public_key_hex,
        newPublicKeyHex: next.publicKeyHex,
        lastCheckpoints: await lastCheckpoints(trx),
        timeMs: k.clock.now().getTime(),
      },
      oldKey,
      next,
    );
    const actor = systemActor('keys');
    const subject = { type: 'CheckpointKey', jurisdictionId: null };
    await transition(trx, k.workflow, {
      lifecycle: checkpointKeyLifecycle,
      action: 'retire',
      actor,
      object: old,
      subject: { ...subject, id: old.id },
      payload: { retiredBy: rollover.statement.generation },
    });
    await transition(trx, k.workflow, {
      lifecycle: checkpointKeyLifecycle,
      action: 'introduce',
      actor,
      object: null,
      subject,
      values: {
        id: randomUUID(),
        generation: old.generation + 1,
        alg: 'sm2-sm3',
        public_key_hex: next.publicKeyHex,
        private_key_enc: k.secrets.masterKeys.encrypt(next.privateKeyHex),
        rollover: JSON.stringify(rollover),
      },
      payload: { rollover },
    });
    return { generation: old.generation + 1, rollover, next };
  });
  k.secrets.ledgerSigningKey = result.next;
  k.secrets.ledgerKeyGeneration = result.generation;
  const keyName = logIdFor(k.ledger, 'main');
  const idOf = (hex: string) => keyId(keyName, 'sm2-sm3', Buffer.from(hex, 'hex')).toString('hex');
  return {
    generation: result.generation,
    oldKeyId: idOf(result.rollover.statement.oldPublicKeyHex),
    newKeyId: idOf(result.rollover.statement.newPublicKeyHex),
    rollover: result.rollover,
  };
}

/** `GET /ledger/public-keys`: every key of the chain for one log (key id, PEM, state) and the chain itself. */
export async function publicKeyChainView(db: Executor, k: Pick<LedgerDeps, 'secrets'>, keyName: string) {
  const chain = await keyChainDoc(db, k);
  const keys = await checkpointKeys(db, k);
  return {
    keyName,
    algorithm: 'sm2-sm3' as const,
    keys: keys.map((c) => ({
      generation: c.generation,
      keyId: keyId(keyName, 'sm2-sm3', Buffer.from(c.publicKeyHex, 'hex')).toString('hex'),
      publicKeyHex: c.publicKeyHex,
      publicKeyPem: sm2PublicKeyPem(c.publicKeyHex),
      state: c.retiredAfter ? ('retired' as const) : ('active' as const),
    })),
    keyChain: chain,
  };
}
