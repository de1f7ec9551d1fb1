import { sql } from 'kysely';
import type { HashName } from '../crypto/sm3.js';
import { appendToEdge, edgeNodes, hasherFor, nodesNeeded, type Hasher, type NodeReader } from './merkle.js';
import type { Executor, Tx } from '../db/tables.js';

/**
 * The stored Merkle log: one `ledger_log` row per log and the compact node set in
 * `ledger_node` (docs/decisions/0010-ledger-tree-storage.md). Boring SQL only.
 */
export interface LogRow {
  log_id: string;
  hash: HashName;
  tree_size: number;
}

/** Creates the log row on first use; refuses a second log with the same id but another hash (LED-04). */
export async function ensureLog(db: Executor, logId: string, hash: HashName): Promise<LogRow> {
  await sql`INSERT INTO ledger_log (log_id, hash) VALUES (${logId}, ${hash}) ON CONFLICT (log_id) DO NOTHING`.execute(
    db,
  );
  const row = (await sql<LogRow>`SELECT log_id, hash, tree_size FROM ledger_log WHERE log_id = ${logId}`.execute(db))
    .rows[0]!;
  if (row.hash !== hash) throw new Error(`log ${logId} uses ${row.hash}; it cannot switch to ${hash} (LED-04)`);
  return row;
}

export async function getLog(db: Executor, logId: string): Promise<LogRow | undefined> {
  return (await sql<LogRow>`SELECT log_id, hash, tree_size FROM ledger_log WHERE log_id = ${logId}`.execute(db))
    .rows[0];
}

/** Fetches the given nodes in one query. */
export async function fetchNodes(
  db: Executor,
  logId: string,
  keys: Array<[number, number]>,
): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (!keys.length) return out;
  const rows = await sql<{ level: number; idx: number; hash: Buffer }>`
    SELECT n.level, n.idx, n.hash FROM ledger_node n
    JOIN unnest(${keys.map((k) => k[0])}::int[], ${keys.map((k) => k[1])}::bigint[]) AS q(level, idx)
      ON n.level = q.level AND n.idx = q.idx
    WHERE n.log_id = ${logId}`.execute(db);
  for (const r of rows.rows) out.set(`${r.level}:${Number(r.idx)}`, Buffer.from(r.hash));
  return out;
}

/** Runs a proof/root builder against stored nodes: learn the keys, fetch once, build. */
export async function withStoredNodes<T>(db: Executor, logId: string, build: (read: NodeReader) => T): Promise<T> {
  const nodes = await fetchNodes(db, logId, nodesNeeded(build));
  return build((level, index) => {
    const v = nodes.get(`${level}:${index}`);
    if (!v) throw new Error(`ledger node ${level}:${index} missing in ${logId}`);
    return v;
  });
}

/** Locks the log for its single sequencer/signer (LED-06): a transaction-scoped advisory lock. */
export async function lockLog(trx: Tx, logId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`ledger:${logId}`}, 0))`.execute(trx);
}

export interface PendingRow {
  event_id: string;
  leaf_hash: string;
}

export async function pendingEntries(trx: Tx, logId: string, limit: number): Promise<PendingRow[]> {
  return (
    await sql<PendingRow>`SELECT event_id, leaf_hash FROM ledger_entry
    WHERE log_id = ${logId} AND seq IS NULL ORDER BY created_at, event_id LIMIT ${limit}`.execute(trx)
  ).rows;
}

/**
 * Appends a batch of pending entries at the end of the log: assigns gapless seq, stores
 * every new complete-subtree node, and advances tree_size, all in the caller's transaction.
 */
export async function appendBatch(trx: Tx, log: LogRow, rows: PendingRow[]): Promise<number> {
  const h: Hasher = hasherFor(log.hash);
  const size = Number(log.tree_size);
  const edge = await fetchNodes(trx, log.log_id, edgeNodes(size));
  const created = appendToEdge(
    h,
    size,
    edge,
    rows.map((r) => Buffer.from(r.leaf_hash, 'hex')),
  );
  await sql`UPDATE ledger_entry e SET seq = v.seq, state = 'sequenced'
    FROM unnest(${rows.map((r) => r.event_id)}::uuid[], ${rows.map((_, i) => size + i)}::bigint[]) AS v(id, seq)
    WHERE e.event_id = v.id`.execute(trx);
  await sql`INSERT INTO ledger_node (log_id, level, idx, hash)
    SELECT ${log.log_id}, l, i, decode(hx, 'hex')
    FROM unnest(${created.map((c) => c[0])}::int[], ${created.map((c) => c[1])}::bigint[], ${created.map((c) => c[2].toString('hex'))}::text[]) AS v(l, i, hx)`.execute(
    trx,
  );
  await sql`UPDATE ledger_log SET tree_size = ${size + rows.length} WHERE log_id = ${log.log_id}`.execute(trx);
  return size + rows.length;
}
