import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAuditAlone } from '../../kernel/audit.js';
import { FixedClock } from '../../kernel/clock.js';
import type { Database } from '../../kernel/db/connection.js';
import { openTestDatabase } from '../../kernel/db/testing.js';
import { createKernel, type Kernel } from '../../kernel/kernel.js';
import { systemActor } from '../../kernel/workflow/actor.js';
import {
  anchorLatest,
  catchUpAnchors,
  fileWitnessAnchor,
  staleAnchorReceipts,
  type CheckpointAnchor,
} from './usecases/anchor.js';
import { flushLog } from './usecases/public-ledger.js';

let database: Database;
let k: Kernel;
const clock = new FixedClock(new Date('2026-06-10T00:00:00.000Z'));
beforeAll(async () => {
  database = await openTestDatabase('bare');
  k = await createKernel(database, { clock });
});
afterAll(() => database?.close());
const write = () =>
  recordAuditAlone(k.db, k.ledger, {
    action: 'test.write',
    actor: systemActor('t'),
    targetType: 'T',
    targetId: 'a',
    result: 'success',
  });

describe('LED-12 checkpoint anchoring', () => {
  it('file-witness anchors idempotently and its receipt verifies offline', async () => {
    await write();
    await flushLog(k, 'audit', { forceCheckpoint: true });
    const witness = fileWitnessAnchor(mkdtempSync(join(tmpdir(), 'witness-')));
    const r1 = await anchorLatest(k, witness, 'audit');
    const r2 = await anchorLatest(k, witness, 'audit');
    expect(r1).toMatchObject({ status: 'confirmed' });
    expect(r2!.id).toBe(r1!.id);
    const cp = (await sql<any>`SELECT * FROM ledger_checkpoint ORDER BY id DESC LIMIT 1`.execute(k.db)).rows[0];
    const signed = { logId: cp.log_id, treeSize: Number(cp.tree_size), rootHash: cp.root_hash, noteText: cp.note_text };
    expect(await witness.verify(r1!, signed)).toBe(true);
    expect(await witness.verify(r1!, { ...signed, noteText: `${signed.noteText}x` })).toBe(false);
  });

  it('an anchor outage never blocks writes or checkpoints; a receipt pending past anchorAlertHours raises an alert; it catches up', async () => {
    let down = true;
    const flaky: CheckpointAnchor = {
      name: 'chain',
      anchor: async (cp) => {
        if (down) throw new Error('chain unavailable');
        return {
          anchorName: 'chain',
          logId: cp.logId,
          treeSize: cp.treeSize,
          rootHash: cp.rootHash,
          status: 'confirmed',
        };
      },
      status: async () => 'confirmed',
      verify: async () => true,
    };
    await write();
    await flushLog(k, 'audit', { forceCheckpoint: true });
    expect(await anchorLatest(k, flaky, 'audit')).toMatchObject({ status: 'failed' });
    await write(); // writes go on
    expect((await flushLog(k, 'audit', { forceCheckpoint: true })).integrated).toBe(1);
    clock.advanceMs(5 * 3600_000);
    expect(await staleAnchorReceipts(k)).toEqual([]);
    clock.advanceMs(3 * 3600_000); // 8 hours down: past the 6-hour alert
    expect((await staleAnchorReceipts(k)).map((r) => r.anchorName)).toEqual(['chain']);
    down = false;
    expect(await anchorLatest(k, flaky, 'audit')).toMatchObject({ status: 'confirmed' });
    expect(await catchUpAnchors(k, flaky)).toBe(1);
    expect(await staleAnchorReceipts(k)).toEqual([]);
  });
});
