import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, recordAudits, recordCreationAuditsAlone, type AuditRecord } from '../audit.js';
import { FixedClock } from '../clock.js';
import type { Database } from '../db/connection.js';
import { openTestDatabase } from '../db/testing.js';
import { createKernel, type Kernel } from '../kernel.js';
import { systemActor } from '../workflow/actor.js';
import { leafDataOf, leafHashOf } from './entry.js';
import { appendCreationsAlone, appendEvents } from './append.js';

let database: Database;
let k: Kernel;
const clock = new FixedClock(new Date('2026-06-10T02:00:00.000Z'));
const rec = (targetId: string): AuditRecord => ({
  action: 'test.batch',
  actor: systemActor('t'),
  targetType: 'B',
  targetId,
  result: 'success',
  after: { n: targetId },
});

beforeAll(async () => {
  database = await openTestDatabase('bare');
  k = await createKernel(database, { clock });
});
afterAll(() => database?.close());

describe('LED-02 appendEvents (group commit): same rows and per-object links as appendEvent one by one', () => {
  it('chains events of one object within a batch and onto entries written before it', async () => {
    await k.db.transaction().execute((trx) => recordAudit(trx, k.ledger, rec('a')));
    const out = await k.db
      .transaction()
      .execute((trx) => recordAudits(trx, k.ledger, ['a', 'b', 'a', 'a', 'b'].map(rec)));
    expect(out.map((o) => o.objectVersion)).toEqual([2, 1, 3, 4, 2]);
    await k.db.transaction().execute((trx) => recordAudit(trx, k.ledger, rec('b')));
    const rows = (
      await sql<any>`SELECT object_id, object_version, leaf_hash, prev_object_leaf_hash, lag(leaf_hash) OVER w AS prev_leaf,
        lag(object_version) OVER w AS prev_version, header, leaf_data
      FROM ledger_entry WHERE object_type = 'B' WINDOW w AS (PARTITION BY object_id ORDER BY object_version) ORDER BY object_id, object_version`.execute(
        k.db,
      )
    ).rows;
    expect(rows.map((r) => `${r.object_id}${r.object_version}`)).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3']);
    for (const r of rows) {
      expect(r.prev_object_leaf_hash ?? null).toBe(r.prev_leaf ?? null);
      expect(r.object_version).toBe((r.prev_version ?? 0) + 1);
      expect(r.header.prevObjectLeafHash ?? null).toBe(r.prev_leaf ?? null);
      // The leaf bytes and hash are those appendEvent would build from the stored header.
      expect(leafHashOf(k.ledger.hash, r.leaf_data)).toBe(r.leaf_hash);
      const leaf = JSON.parse(Buffer.from(r.leaf_data).toString('utf8'));
      expect(Buffer.from(r.leaf_data).equals(leafDataOf(r.header, leaf.headerCommitment, leaf.payloadCommitment))).toBe(
        true,
      );
    }
  });

  it('writes event rows in the same format as appendEvent (one event per entry, same tx id)', async () => {
    await k.db.transaction().execute((trx) => recordAudit(trx, k.ledger, rec('single')));
    await k.db.transaction().execute((trx) => recordAudits(trx, k.ledger, [rec('c'), rec('d')]));
    const ev = (
      await sql<any>`SELECT e.*, l.header FROM event e JOIN ledger_entry l ON l.event_id = e.id WHERE e.object_id IN ('single', 'c', 'd') ORDER BY e.object_id`.execute(
        k.db,
      )
    ).rows;
    expect(ev).toHaveLength(3);
    const shape = (r: any) => ({
      cols: Object.keys(r).sort(),
      headerKeys: Object.keys(r.header).sort(),
      result: r.result,
      action: r.action,
      log: r.log_id,
      txMatches: r.tx_id === r.header.txId,
      at: new Date(r.occurred_at).toISOString() === r.header.occurredAt,
    });
    expect(shape(ev[0])).toEqual(shape(ev[2]));
    expect(shape(ev[1])).toEqual(shape(ev[2]));
    expect(ev[0].tx_id).toBe(ev[1].tx_id);
  });

  it('a version-1 (creation) event starts its object chain without a lookup; an empty batch writes nothing', async () => {
    expect(await k.db.transaction().execute((trx) => appendEvents(trx, k.ledger, []))).toEqual([]);
    const base = {
      log: 'main' as const,
      objectType: 'C',
      objectId: 'new1',
      eventType: 'create',
      action: 'create',
      fromState: null,
      toState: 'draft',
      actor: { kind: 'system' },
      retentionClass: 'permanent',
    };
    const out = await k.db.transaction().execute((trx) =>
      appendEvents(trx, k.ledger, [
        { ...base, objectVersion: 1 },
        { ...base, objectVersion: 2, eventType: 'submit', fromState: 'draft', toState: 'submitted' },
      ]),
    );
    expect(out.map((o) => o.objectVersion)).toEqual([1, 2]);
    const rows = (
      await sql<any>`SELECT object_version, leaf_hash, prev_object_leaf_hash FROM ledger_entry WHERE object_type = 'C' ORDER BY object_version`.execute(
        k.db,
      )
    ).rows;
    expect(rows[0].prev_object_leaf_hash).toBeNull();
    expect(rows[1].prev_object_leaf_hash).toBe(rows[0].leaf_hash);
  });
});

describe('appendCreationsAlone (one autocommit statement; the data-service gateway, 0055)', () => {
  const usage = (id: string, key: string) =>
    sql`INSERT INTO usage_record (id, meter, idempotency_key, outcome, shanghai_day) VALUES (${id}::uuid, 'gateway', ${key}, 'billable', '2026-06-10')`;
  const ids = ['0193f2c0-0000-7000-8000-00000000000a', '0193f2c0-0000-7000-8000-00000000000b'];
  const counts = async (objectIds: string[]) =>
    (
      await sql<any>`SELECT (SELECT count(*)::int FROM usage_record WHERE id::text = ANY(${objectIds})) AS u,
    (SELECT count(*)::int FROM event WHERE object_id = ANY(${objectIds})) AS e, (SELECT count(*)::int FROM ledger_entry WHERE object_id = ANY(${objectIds})) AS l`.execute(
        k.db,
      )
    ).rows[0];

  it("AUD-02 writes the audited rows and their first entries together, chained to nothing, with the caller's time and one batch id", async () => {
    const out = await recordCreationAuditsAlone(
      database,
      k.ledger,
      ids.map((id) => ({ ...rec(id), targetType: 'UsageRecord' })),
      clock.now(),
      [usage(ids[0]!, 'k-a')],
    );
    expect(out.map((o) => o.objectVersion)).toEqual([1, 1]);
    expect(await counts(ids)).toEqual({ u: 1, e: 2, l: 2 });
    const rows = (
      await sql<any>`SELECT e.tx_id, e.occurred_at, l.header, l.leaf_data, l.leaf_hash, l.prev_object_leaf_hash, l.object_version FROM event e
      JOIN ledger_entry l ON l.event_id = e.id WHERE e.object_id = ANY(${ids})`.execute(k.db)
    ).rows;
    for (const r of rows) {
      expect(r.prev_object_leaf_hash).toBeNull();
      expect(r.header.txId).toBe(r.tx_id);
      expect(r.tx_id).toMatch(/^batch:/);
      expect(r.header.occurredAt).toBe(clock.now().toISOString());
      expect(leafHashOf(k.ledger.hash, r.leaf_data)).toBe(r.leaf_hash);
    }
    expect(rows[0].tx_id).toBe(rows[1].tx_id);
  });

  it('writes nothing when a row beside it fails (one statement), nor when two events name one object', async () => {
    const more = ['0193f2c0-0000-7000-8000-00000000000c', '0193f2c0-0000-7000-8000-00000000000d'];
    await usage('0193f2c0-0000-7000-8000-0000000000ff', 'k-dup').execute(k.db);
    await expect(
      recordCreationAuditsAlone(database, k.ledger, more.map(rec), clock.now(), [usage(more[0]!, 'k-dup')]),
    ).rejects.toThrow(/duplicate key|unique/i);
    expect(await counts(more)).toEqual({ u: 0, e: 0, l: 0 });
    await expect(
      appendCreationsAlone(
        database,
        k.ledger,
        [
          {
            log: 'audit',
            objectType: 'U',
            objectId: more[1]!,
            eventType: 'x',
            action: 'x',
            fromState: null,
            toState: null,
            actor: {},
            retentionClass: 'access_log',
          },
          {
            log: 'audit',
            objectType: 'U',
            objectId: more[1]!,
            eventType: 'y',
            action: 'y',
            fromState: null,
            toState: null,
            actor: {},
            retentionClass: 'access_log',
          },
        ],
        clock.now(),
      ),
    ).rejects.toThrow(/one event per new object/);
    expect(await counts(more)).toEqual({ u: 0, e: 0, l: 0 });
    expect(await appendCreationsAlone(database, k.ledger, [], clock.now())).toEqual([]);
  });
});
