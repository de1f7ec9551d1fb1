import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../db/connection.js';
import type { StatementLane } from '../db/lane.js';
import { executePrepared } from '../db/prepared.js';
import { uuidv7 } from '../ids.js';
import type { Tx } from '../db/tables.js';
import {
  keyOf,
  logIdFor,
  sealEvent,
  type AppendedEvent,
  type EventInput,
  type LedgerConfig,
  type Prev,
} from './seal.js';
import { sealBatch } from './sealer.js';

export { logIdFor, type AppendedEvent, type EventInput, type LedgerConfig, type LogName } from './seal.js';

interface HeadRow {
  now: Date;
  tx: string;
  leaf_hash: string | null;
  object_version: number | null;
}

/**
 * Writes the event row and its ledger-queue entry inside the caller's transaction
 * (LED-01: if this fails, the state change rolls back). Takes a Transaction, never a
 * bare connection, so an event cannot be written outside one (style.md §10).
 */
export async function appendEvent(trx: Tx, cfg: LedgerConfig, e: EventInput): Promise<AppendedEvent> {
  const logId = logIdFor(cfg, e.log);
  // One round trip for the transaction time and the object's previous entry, one for both
  // inserts: statement count bounds throughput (bench ledger.append). No NOTIFY for the
  // sequencer: it polls (ledger/jobs.ts), and a notifying commit takes a database-wide lock
  // that serializes every other notifying commit (decision 0106).
  // A version-1 event (creation) has no previous entry, so it skips the lookup (LED-02).
  const first = e.objectVersion === 1;
  if (!first && e.log === 'audit') await lockObjectChains(trx, [[logId, e.objectType, e.objectId]]);
  const head = first
    ? await sql<HeadRow>`SELECT now() AS now, txid_current()::text AS tx, NULL AS leaf_hash, NULL AS object_version`.execute(
        trx,
      )
    : await sql<HeadRow>`
    SELECT now() AS now, txid_current()::text AS tx, p.leaf_hash, p.object_version
    FROM (SELECT 1) AS one LEFT JOIN LATERAL (
      SELECT leaf_hash, object_version FROM ledger_entry
      WHERE log_id = ${logId} AND object_type = ${e.objectType} AND object_id = ${e.objectId}
      ORDER BY object_version DESC LIMIT 1) AS p ON true`.execute(trx);
  const row = head.rows[0]!;
  const occurredAt = new Date(row.now).toISOString();
  const last =
    row.leaf_hash === null ? undefined : { leaf_hash: row.leaf_hash, object_version: Number(row.object_version) };
  const objectVersion = e.objectVersion ?? (last ? last.object_version + 1 : 1);
  const sealed = sealEvent(cfg, e, logId, objectVersion, occurredAt, row.tx, last?.leaf_hash ?? null);
  await insertSealed([sealed.row]).execute(trx);
  return sealed.out;
}

/**
 * LED-02 under concurrency: in the `audit` log, entries that change no row (logins, denials,
 * exports) share an object's chain with no row lock to order them, so two at once would both
 * read the same previous entry and fork the chain. A transaction-scoped advisory lock per
 * object chain orders them (main-log chains are ordered by the state row's lock). Its own
 * statement: the lookup that follows must take its snapshot after the lock is granted.
 * Keys in sorted order (unnest keeps the array's), so two batches never wait on each other in a cycle.
 */
async function lockObjectChains(trx: Tx, chains: [string, string, string][]) {
  if (!chains.length) return;
  const keys = [...new Set(chains.map((c) => `ledger-object:${c.join('\n')}`))].sort();
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${keys}::text[]) AS k`.execute(trx);
}

interface PrevRow {
  k: number | null;
  leaf_hash: string | null;
  object_version: number | null;
}

/**
 * appendEvent for many events in one transaction, in two round trips whatever their number:
 * one for the transaction time, txid and every object's previous entry, one
 * for the multi-row INSERTs into `event` and `ledger_entry`. Rows are identical to calling appendEvent
 * once per event in order: events of the same object chain (version + 1, prevObjectLeafHash =
 * the previous event's leaf hash) within the batch as across batches. Used by group commit
 * (the data-service gateway, 0053).
 */
export async function appendEvents(trx: Tx, cfg: LedgerConfig, events: EventInput[]): Promise<AppendedEvent[]> {
  if (events.length === 0) return [];
  // Objects whose first event here is a creation (version 1) have no previous entry (LED-02).
  const lookups = new Map<string, EventInput>();
  const seen = new Set<string>();
  for (const e of events) {
    const key = keyOf(e);
    if (!seen.has(key)) {
      seen.add(key);
      if (e.objectVersion !== 1) lookups.set(key, e);
    }
  }
  await lockObjectChains(
    trx,
    [...lookups.values()].filter((e) => e.log === 'audit').map((e) => [logIdFor(cfg, e.log), e.objectType, e.objectId]),
  );
  // One round trip: transaction time, txid and the previous entry of every object
  // (one row per object found; a single row of NULLs when there is none to find).
  const wanted = [...lookups];
  const keys = wanted.length
    ? sql.join(
        wanted.map(
          ([, e], i) => sql`(${i}::int, ${logIdFor(cfg, e.log)}::text, ${e.objectType}::text, ${e.objectId}::text)`,
        ),
      )
    : sql`(NULL::int, NULL::text, NULL::text, NULL::text)`;
  const rows = (
    await sql<
      PrevRow & { now: Date; tx: string }
    >`SELECT now() AS now, txid_current()::text AS tx, f.k, f.leaf_hash, f.object_version
    FROM (SELECT 1) AS one LEFT JOIN (SELECT q.k, p.leaf_hash, p.object_version FROM (VALUES ${keys}) AS q(k, log_id, object_type, object_id)
      JOIN LATERAL (SELECT leaf_hash, object_version FROM ledger_entry
        WHERE log_id = q.log_id AND object_type = q.object_type AND object_id = q.object_id
        ORDER BY object_version DESC LIMIT 1) AS p ON true) AS f ON true`.execute(trx)
  ).rows;
  const head = rows[0]!;
  const last = new Map<string, Prev>();
  for (const r of rows)
    if (r.k !== null && r.leaf_hash !== null)
      last.set(wanted[Number(r.k)]![0], { leaf_hash: r.leaf_hash, object_version: Number(r.object_version) });
  const occurredAt = new Date(head.now).toISOString();
  const { rows: sealed, out } = await sealBatch(cfg, events, occurredAt, head.tx, last);
  await insertSealed(sealed).execute(trx);
  return out;
}

/**
 * Both inserts in one statement with the rows as ONE jsonb parameter: binding ~34 parameters
 * per event costs more than PostgreSQL's JSON parsing (bench gateway.verify). Each row carries
 * the header once (sealedRow); the columns that repeat it are read from it here. The FK check
 * of ledger_entry → event runs at the statement's end. `alongside` are further data-modifying
 * CTEs of the same statement.
 */
function insertSealed(rows: string[], alongside: RawBuilder<unknown>[] = []) {
  const more = alongside.map((cte, i) => sql`, ${sql.raw(`side${i}`)} AS (${cte})`);
  return sql`WITH r AS (SELECT (x.h->>'eventId')::uuid AS id, x.h->>'logId' AS log_id, x.h->>'objectType' AS object_type,
      x.h->>'objectId' AS object_id, (x.h->>'objectVersion')::int AS object_version, x.h->>'eventType' AS event_type,
      x.h->>'fromState' AS from_state, x.h->>'toState' AS to_state, x.h->'actor' AS actor, (x.h->>'occurredAt')::timestamptz AS occurred_at,
      x.h->>'txId' AS tx_id, x.h->>'prevObjectLeafHash' AS prev_object_leaf_hash, x.h->>'retentionClass' AS retention_class,
      (x.h->>'schemaVersion')::int AS schema_version, x.*
    FROM jsonb_to_recordset(${`[${rows.join(',')}]`}::jsonb) AS x(h jsonb, action text, jurisdiction_id uuid, input_digest text,
      rule_results jsonb, result text, reason_code text, header_salt text, header_commitment text, payload_enc text,
      payload_key_enc text, payload_salt text, payload_commitment text, leaf_data text, leaf_hash text)),
    ev AS (INSERT INTO event (id, log_id, object_type, object_id, object_version, event_type, action, from_state, to_state,
      actor, jurisdiction_id, input_digest, rule_results, result, reason_code, occurred_at, tx_id)
      SELECT id, log_id, object_type, object_id, object_version, event_type, action, from_state, to_state,
        actor, jurisdiction_id, input_digest, rule_results, result, reason_code, occurred_at, tx_id FROM r RETURNING id),
    le AS (INSERT INTO ledger_entry (event_id, log_id, object_type, object_id, object_version, header, header_salt,
      header_commitment, payload_enc, payload_key_enc, payload_salt, payload_commitment, prev_object_leaf_hash,
      leaf_data, leaf_hash, retention_class, schema_version)
    SELECT r.id, log_id, object_type, object_id, object_version, h, decode(header_salt, 'base64'), header_commitment,
      decode(payload_enc, 'base64'), decode(payload_key_enc, 'base64'), decode(payload_salt, 'base64'), payload_commitment, prev_object_leaf_hash,
      decode(leaf_data, 'base64'), leaf_hash, retention_class, schema_version FROM r JOIN ev ON ev.id = r.id)${sql.join(more, sql``)}
    SELECT 1`;
}

/**
 * Events that each begin their object (version 1: nothing precedes them, so nothing to look
 * up) written in ONE autocommit statement, atomic on its own, with `alongside` (e.g. the rows
 * they record) in the same statement: one round trip instead of BEGIN, head, insert, COMMIT.
 * The time comes from the caller's clock and the header's txId is the statement's batch id
 * (it groups what committed together, as a transaction id does). On PostgreSQL it is a prepared
 * statement (kernel/db/prepared.ts). Such batches do not contend with one another, so several
 * may be in flight at once (the data-service gateway, 0055); with a `lane`, they are sealed at once
 * but written as the lane allows (decision 0106).
 */
export async function appendCreationsAlone(
  database: Database,
  cfg: LedgerConfig,
  events: EventInput[],
  at: Date,
  alongside: RawBuilder<unknown>[] = [],
  lane?: StatementLane,
): Promise<AppendedEvent[]> {
  if (events.length === 0) return [];
  if (new Set(events.map(keyOf)).size !== events.length)
    throw new Error('appendCreationsAlone: one event per new object');
  const firsts = events.map((e) => ({ ...e, objectVersion: 1 }));
  const { rows, out } = await sealBatch(cfg, firsts, at.toISOString(), `batch:${uuidv7()}`, new Map());
  const write = () => executePrepared(database, insertSealed(rows, alongside));
  await (lane ? lane.run(write) : write());
  return out;
}
