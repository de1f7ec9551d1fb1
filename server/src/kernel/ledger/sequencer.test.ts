import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAuditAlone } from '../audit.js';
import { FixedClock } from '../clock.js';
import type { Database } from '../db/connection.js';
import { openTestDatabase } from '../db/testing.js';
import { createKernel, type Kernel } from '../kernel.js';
import { systemActor } from '../workflow/actor.js';
import { logIdFor } from './append.js';
import { latestCheckpoint, signCheckpointIfDue } from './checkpoint.js';
import { hasherFor, MemoryTree } from './merkle.js';
import { integrate } from './sequencer.js';
import { ensureLog } from './store.js';

let database: Database;
let k: Kernel;
const clock = new FixedClock(new Date('2026-06-10T02:00:00.000Z'));
const write = (n: number, target = 'x') =>
  Promise.all(
    Array.from({ length: n }, (_, i) =>
      recordAuditAlone(k.db, k.ledger, {
        action: 'test.write',
        actor: systemActor('t'),
        targetType: 'T',
        targetId: `${target}${i}`,
        result: 'success',
      }),
    ),
  );

beforeAll(async () => {
  database = await openTestDatabase('bare');
  k = await createKernel(database, { clock });
});
afterAll(() => database?.close());

describe('LED-06 single sequencer, gapless seq', () => {
  it('assigns seq 0..n-1 in (created_at, event_id) order across batches and stores the tree', async () => {
    await write(11);
    const r = await integrate(k, 'audit', { batchSize: 3 });
    expect(r).toMatchObject({ integrated: 11, treeSize: 11 });
    const rows = (
      await sql<{ seq: number; leaf_hash: string; state: string }>`SELECT seq, leaf_hash, state FROM ledger_entry
      WHERE log_id = ${logIdFor(k.ledger, 'audit')} ORDER BY created_at, event_id`.execute(k.db)
    ).rows;
    expect(rows.map((x) => Number(x.seq))).toEqual([...Array(11).keys()]);
    expect(rows.every((x) => x.state === 'sequenced')).toBe(true);
    const t = new MemoryTree(hasherFor('sm3'));
    rows.forEach((x) => t.append(Buffer.from(x.leaf_hash, 'hex')));
    const nodes = (
      await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM ledger_node WHERE log_id = ${logIdFor(k.ledger, 'audit')}`.execute(k.db)
    ).rows[0]!.n;
    expect(nodes).toBe(t.levels.reduce((s, l) => s + l.length, 0));
    expect((await integrate(k, 'audit')).integrated).toBe(0);
  });

  it('two concurrent sequencers never duplicate or skip a seq (advisory lock)', async () => {
    if (database.kind === 'pglite') return; // one connection: concurrency is serial by construction
    await write(50, 'c');
    await Promise.all([integrate(k, 'audit', { batchSize: 7 }), integrate(k, 'audit', { batchSize: 5 })]);
    const seqs = (
      await sql<{
        seq: number;
      }>`SELECT seq FROM ledger_entry WHERE log_id = ${logIdFor(k.ledger, 'audit')} ORDER BY seq`.execute(k.db)
    ).rows.map((x) => Number(x.seq));
    expect(seqs).toEqual([...Array(seqs.length).keys()]);
  });

  it('LED-04 refuses a second log with the same id but another hash', async () => {
    await expect(ensureLog(k.db, logIdFor(k.ledger, 'audit'), 'sha256')).rejects.toThrow(/LED-04/);
  });
});

describe('LED-07 checkpoint signer', () => {
  it('signs the first checkpoint, then only when grown and the interval passed, or at max age', async () => {
    const first = await signCheckpointIfDue(k, 'audit');
    expect(first.signed).toBe(true);
    expect(await signCheckpointIfDue(k, 'audit')).toEqual({ signed: false, reason: 'not_due' });
    await write(2, 'g');
    await integrate(k, 'audit');
    clock.advanceMs(599_000); // audit interval is 600 s (AUD-02)
    expect((await signCheckpointIfDue(k, 'audit')).signed).toBe(false);
    clock.advanceMs(1_000);
    const grown = await signCheckpointIfDue(k, 'audit');
    expect(grown.signed && Number(grown.checkpoint.tree_size)).toBe(
      Number(first.signed && first.checkpoint.tree_size) + 2,
    );
    expect(grown.signed && grown.checkpoint.consistency_proof.length).toBeGreaterThan(0);
    clock.advanceMs(3_599_000);
    expect((await signCheckpointIfDue(k, 'audit')).signed).toBe(false);
    clock.advanceMs(1_000); // max age 3600 s without growth
    const aged = await signCheckpointIfDue(k, 'audit');
    expect(aged.signed && Number(aged.checkpoint.tree_size)).toBe(grown.signed && Number(grown.checkpoint.tree_size));
  });

  it('refuses to sign when the stored tree is not consistent with the previous checkpoint', async () => {
    const logId = logIdFor(k.ledger, 'audit');
    const before = await latestCheckpoint(k.db, logId);
    await sql`ALTER TABLE ledger_node DISABLE TRIGGER USER`.execute(k.db);
    await sql`UPDATE ledger_node SET hash = decode(repeat('00', 32), 'hex') WHERE log_id = ${logId} AND idx = 0`.execute(
      k.db,
    );
    await sql`ALTER TABLE ledger_node ENABLE TRIGGER USER`.execute(k.db);
    await write(1, 'z');
    await integrate(k, 'audit');
    expect(await signCheckpointIfDue(k, 'audit', { force: true })).toEqual({ signed: false, reason: 'inconsistent' });
    expect((await latestCheckpoint(k.db, logId))!.id).toBe(before!.id);
  });
});
