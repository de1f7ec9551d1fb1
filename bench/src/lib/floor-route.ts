/**
 * The write floor of gateway.verify: a Fastify route that does ONLY what SVC-07 and AUD-02
 * make durable before a call may answer (one UsageRecord row, one `event` row and one
 * `ledger_entry` row), group-committed the way the gateway does it (one autocommit statement
 * per batch, with 1, 2 or 4 in flight), with every value copied from a real call's rows: no
 * authentication, checks, hashing or sealing, and no sequencer integration afterwards. No
 * implementation that keeps those records per call can be faster on the same machine, so
 * floor ÷ bare bounds the ratio any gateway can reach here.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../server/src/kernel/db/connection.js';
import { executePrepared } from '../../../server/src/kernel/db/prepared.js';

const TABLES = ['usage_record', 'event', 'ledger_entry'] as const;

/** Copies of the three tables with their indexes and defaults (foreign keys left out: they would only add work). */
async function createFloorTables(d: Database) {
  for (const t of TABLES)
    await sql`CREATE TABLE ${sql.raw(`floor_${t}`)} (LIKE ${sql.raw(t)} INCLUDING ALL)`.execute(d.db);
}

/** One real call's three rows (the newest gateway UsageRecord with its audit entry), as JSON objects. */
async function templateRows(d: Database) {
  const r = (
    await sql<{
      usage: Record<string, unknown>;
      event: Record<string, unknown>;
      entry: Record<string, unknown>;
    }>`SELECT to_jsonb(u) AS usage, to_jsonb(e) AS event, to_jsonb(l) AS entry
    FROM usage_record u JOIN ledger_entry l ON l.object_type = 'UsageRecord' AND l.object_id = u.id::text
    JOIN event e ON e.id = l.event_id WHERE u.meter = 'gateway' ORDER BY u.occurred_at DESC LIMIT 1`.execute(d.db)
  ).rows[0];
  if (!r) throw new Error('floor route: no gateway call to copy (make one first)');
  return r;
}

/** Fresh keys for one copy, so unique indexes see distinct rows as real calls would. */
function copyFor(t: Awaited<ReturnType<typeof templateRows>>) {
  const id = randomUUID();
  const eventId = randomUUID();
  return {
    usage: { ...t.usage, id, idempotency_key: randomUUID() },
    event: { ...t.event, id: eventId, object_id: id },
    entry: { ...t.entry, event_id: eventId, object_id: id, seq: null, state: 'pending' },
  };
}

const insertAll = (rows: ReturnType<typeof copyFor>[]) => sql`WITH
  u AS (INSERT INTO floor_usage_record SELECT * FROM jsonb_populate_recordset(NULL::floor_usage_record, ${JSON.stringify(rows.map((r) => r.usage))}::jsonb)),
  e AS (INSERT INTO floor_event SELECT * FROM jsonb_populate_recordset(NULL::floor_event, ${JSON.stringify(rows.map((r) => r.event))}::jsonb))
  INSERT INTO floor_ledger_entry SELECT * FROM jsonb_populate_recordset(NULL::floor_ledger_entry, ${JSON.stringify(rows.map((r) => r.entry))}::jsonb)`;

/** A group-commit writer for copies of `t`: up to `writers` statements in flight, each taking what has queued. */
function floorWriter(d: Database, t: Awaited<ReturnType<typeof templateRows>>, writers: number) {
  const pending: { rows: ReturnType<typeof copyFor>; done: (e?: unknown) => void }[] = [];
  let inFlight = 0;
  const start = () => {
    if (inFlight >= writers || pending.length === 0) return;
    inFlight++;
    setImmediate(() => {
      const batch = pending.splice(0, 256);
      void executePrepared(d, insertAll(batch.map((p) => p.rows)))
        .then(
          () => {
            for (const p of batch) p.done();
          },
          (e) => {
            for (const p of batch) p.done(e);
          },
        )
        .finally(() => {
          inFlight--;
          start();
        });
    });
  };
  return () =>
    new Promise((resolve, reject) => {
      pending.push({ rows: copyFor(t), done: (e) => (e ? reject(e) : resolve({ result: 'no_match' })) });
      start();
    });
}

/**
 * Registers POST /floor/{w} for each writer count w (call after one real gateway call has
 * committed): fewer writers make larger batches, more make more overlap; the bench keeps the best.
 */
export async function addFloorRoutes(app: FastifyInstance, d: Database, writerCounts: number[]) {
  await createFloorTables(d);
  const t = await templateRows(d);
  for (const w of writerCounts) app.post(`/floor/${w}`, floorWriter(d, t, w));
}
