import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLedger } from '../contexts/ledger/usecases/audit.js';
import { crashThing, ensureCrashTable } from '../contexts/ledger/test/crash-lifecycle.js';
import { canonicalJson } from '../kernel/crypto/jcs.js';
import { generateSm2KeyPair, sm2PublicKeyPem, sm2Sign } from '../kernel/crypto/sm2.js';
import type { Database } from '../kernel/db/connection.js';
import { openTestDatabase } from '../kernel/db/testing.js';
import { createKernel, type Kernel } from '../kernel/kernel.js';
import { logIdFor } from '../kernel/ledger/append.js';
import { latestCheckpoint, signCheckpointIfDue, type CheckpointRow } from '../kernel/ledger/checkpoint.js';
import type { SignedRollover } from '../kernel/ledger/key-chain.js';
import { publicKeyChainView } from '../kernel/ledger/keys.js';
import { consistencyProof, hasherFor } from '../kernel/ledger/merkle.js';
import { formatBody, signNote, sm2Signer } from '../kernel/ledger/note.js';
import { integrate } from '../kernel/ledger/sequencer.js';
import { withStoredNodes } from '../kernel/ledger/store.js';
import { systemActor } from '../kernel/workflow/actor.js';
import { transition } from '../kernel/workflow/transition.js';
import { rotateCheckpointKey } from './keys.js';

// Issue 21 key rotation, decision 0102: checkpoints before and after a checkpoint-key rollover verify OFFLINE
// with the verifier the project ships (tools/verify/bin/ledger-verify.mjs), linked by a rollover statement
// signed by the old key; a forged statement or a checkpoint by an unknown key fails with a named error.
const BIN = join(__dirname, '../../../tools/verify/bin/ledger-verify.mjs');
const dir = mkdtempSync(join(tmpdir(), 'shuyun-keys-'));
function verify(name: string, content: unknown, chain?: unknown) {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(content));
  const args = [BIN, p, '--json'];
  if (chain) {
    writeFileSync(`${p}.chain`, JSON.stringify(chain));
    args.push('--chain', `${p}.chain`);
  }
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const out = JSON.parse(r.stdout || '{}') as { ok?: boolean; checks?: { ok: boolean; code?: string }[] };
  return { status: r.status, codes: (out.checks ?? []).filter((c) => !c.ok).map((c) => c.code) };
}

async function write(k: Kernel, n: number) {
  for (let i = 0; i < n; i++)
    await k.db.transaction().execute((trx) =>
      transition(trx, k.workflow, {
        lifecycle: crashThing,
        action: 'create',
        actor: systemActor('keys-test'),
        object: null,
        subject: { type: 'CrashThing' },
        values: { id: randomUUID() },
      }),
    );
  await integrate(k, 'main');
}

async function signed(k: Kernel): Promise<CheckpointRow> {
  const s = await signCheckpointIfDue(k, 'main', { force: true });
  if (!s.signed) throw new Error(`not signed: ${s.reason}`);
  return s.checkpoint;
}

describe('checkpoint-key rollover (issue 21, decision 0102)', () => {
  let database: Database;
  let k: Kernel;
  let logId: string;
  let before: CheckpointRow;
  let after: CheckpointRow;
  let originalPem: string;
  let originalKey: { privateKeyHex: string; publicKeyHex: string };
  let chain: Awaited<ReturnType<typeof publicKeyChainView>>;

  beforeAll(async () => {
    database = await openTestDatabase('bare');
    k = await createKernel(database);
    await ensureCrashTable(k.db);
    logId = logIdFor(k.ledger, 'main');
    originalKey = { ...k.secrets.ledgerSigningKey };
    originalPem = sm2PublicKeyPem(originalKey.publicKeyHex);
    await write(k, 5);
    before = await signed(k);
    const r = await rotateCheckpointKey(k);
    expect(r.generation).toBe(2);
    expect(r.signedAfter.map((s) => s.log)).toContain('main');
    await write(k, 5);
    after = await signed(k); // the signer verified the previous checkpoint with the key it names
    chain = await publicKeyChainView(k.db, k, logId);
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  it('signs with the new key after the rollover; the chain lists both keys, the old one retired', () => {
    expect(after.key_id).not.toBe(before.key_id);
    expect(chain.keys.map((c) => [c.generation, c.state])).toEqual([
      [1, 'retired'],
      [2, 'active'],
    ]);
    expect(chain.keys[0]!.keyId).toBe(before.key_id);
    expect(chain.keys[1]!.keyId).toBe(after.key_id);
    const st = chain.keyChain.rollovers[0]!.statement;
    expect(st.oldPublicKeyHex).toBe(originalKey.publicKeyHex);
    expect(st.lastCheckpoints.find((c) => c.logId === logId)?.treeSize).toBe(Number(before.tree_size));
  });

  it('records the rollover as ledger events (CheckpointKey imported, retired, rolled_over) and audits clean', async () => {
    const types = (
      await sql<{ t: string }>`SELECT header->>'eventType' AS t FROM ledger_entry WHERE object_type = 'CheckpointKey'
        `.execute(k.db)
    ).rows.map((r) => r.t);
    // One transaction: the three share their occurredAt, so compare as a set.
    expect(types.sort()).toEqual(['CheckpointKey.imported', 'CheckpointKey.retired', 'CheckpointKey.rolled_over']);
    await integrate(k, 'main');
    await integrate(k, 'audit');
    const report = await auditLedger(k);
    expect(report.mismatches).toEqual([]);
  });

  it('verifies offline: the old checkpoint with the old key alone, the new one through the chain, and a consistency proof across the rollover', async () => {
    expect(verify('before.json', { checkpoint: before.note_text, publicKeyPem: originalPem }).status).toBe(0);
    expect(verify('after.json', { checkpoint: after.note_text, publicKeyPem: originalPem }, chain).status).toBe(0);
    // The verifier pinned the NEW key (from GET /ledger/public-key): the old checkpoint verifies through the chain.
    const newPem = sm2PublicKeyPem(chain.keys[1]!.publicKeyHex);
    expect(verify('before-new.json', { checkpoint: before.note_text, publicKeyPem: newPem }, chain).status).toBe(0);
    const h = hasherFor(k.ledger.hash);
    const m = Number(before.tree_size);
    const n = Number(after.tree_size);
    const proof = await withStoredNodes(k.db, logId, (read) => consistencyProof(h, read, m, n));
    const doc = {
      from: m,
      to: n,
      hashes: proof.map((p) => p.toString('hex')),
      fromCheckpoint: before.note_text,
      toCheckpoint: after.note_text,
      publicKeyPem: originalPem,
      keyChain: chain,
    };
    expect(verify('consistency.json', doc).status).toBe(0);
  });

  it('without the chain, the new checkpoint names an unknown key: CHECKPOINT_UNKNOWN_KEY, exit 1', () => {
    const r = verify('after-nochain.json', { checkpoint: after.note_text, publicKeyPem: originalPem });
    expect(r).toEqual({ status: 1, codes: ['CHECKPOINT_UNKNOWN_KEY'] });
  });

  it('a forged rollover statement (not signed by the old key) fails: ROLLOVER_NOT_SIGNED_BY_OLD_KEY', () => {
    const attacker = generateSm2KeyPair();
    const real = chain.keyChain.rollovers[0]! as SignedRollover;
    const statement = { ...real.statement, newPublicKeyHex: attacker.publicKeyHex };
    const bytes = Buffer.from(canonicalJson(statement), 'utf8');
    const forged = {
      statement,
      signature: sm2Sign(bytes, attacker.privateKeyHex).toString('base64'),
      newKeySignature: sm2Sign(bytes, attacker.privateKeyHex).toString('base64'),
    };
    const note = signNote(
      formatBody({ origin: logId, treeSize: Number(after.tree_size), rootHash: Buffer.from(after.root_hash, 'hex') }),
      [sm2Signer(logId, attacker.privateKeyHex, attacker.publicKeyHex)],
    );
    const forgedChain = { ...chain.keyChain, rollovers: [forged] };
    const r = verify('forged.json', { checkpoint: note, publicKeyPem: originalPem }, forgedChain);
    expect(r.status).toBe(1);
    expect(r.codes).toContain('ROLLOVER_NOT_SIGNED_BY_OLD_KEY');
  });

  it('a checkpoint by a key outside the chain fails CHECKPOINT_UNKNOWN_KEY; one by the retired key past its last checkpoint fails CHECKPOINT_AFTER_ROLLOVER', () => {
    const stranger = generateSm2KeyPair();
    const body = formatBody({
      origin: logId,
      treeSize: Number(after.tree_size),
      rootHash: Buffer.from(after.root_hash, 'hex'),
    });
    const byStranger = signNote(body, [sm2Signer(logId, stranger.privateKeyHex, stranger.publicKeyHex)]);
    expect(verify('stranger.json', { checkpoint: byStranger, publicKeyPem: originalPem }, chain).codes).toEqual([
      'CHECKPOINT_UNKNOWN_KEY',
    ]);
    const byRetired = signNote(body, [sm2Signer(logId, originalKey.privateKeyHex, originalKey.publicKeyHex)]);
    const r = verify('retired.json', { checkpoint: byRetired, publicKeyPem: originalPem }, chain);
    expect(r).toEqual({ status: 1, codes: ['CHECKPOINT_AFTER_ROLLOVER'] });
  });

  it('the signer refuses to build on a previous checkpoint signed by an unknown key (prev_key_unknown)', async () => {
    const auditLog = logIdFor(k.ledger, 'audit');
    const last = (await latestCheckpoint(k.db, auditLog))!;
    const stranger = generateSm2KeyPair();
    const note = signNote(
      formatBody({ origin: auditLog, treeSize: Number(last.tree_size), rootHash: Buffer.from(last.root_hash, 'hex') }),
      [sm2Signer(auditLog, stranger.privateKeyHex, stranger.publicKeyHex)],
    );
    await sql`INSERT INTO ledger_checkpoint (log_id, tree_size, root_hash, time_ms, note_text, key_name, key_id, alg,
      prev_tree_size, consistency_proof) VALUES (${auditLog}, ${last.tree_size}, ${last.root_hash}, ${Date.now()}, ${note},
      ${auditLog}, ${'00000000'}, ${'sm2-sm3'}, ${last.tree_size}, ${'[]'})`.execute(k.db);
    expect(await signCheckpointIfDue(k, 'audit', { force: true })).toEqual({
      signed: false,
      reason: 'prev_key_unknown',
    });
  });
});
