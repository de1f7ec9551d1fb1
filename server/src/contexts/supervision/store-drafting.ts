import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../kernel/db/tables.js';

/**
 * REP-02: the named queries a report's figures are computed with. Each reads only the kernel's event log (which
 * every context writes through the workflow) joined to its ledger entry, and counts only events sequenced below
 * the checkpoint size: re-running a query with the same checkpoint gives the same number, whatever happened since.
 */
export interface FigureScope {
  orgId: string;
  /** [from, to) instants of the period (Asia/Shanghai civil days). */
  from: Date;
  to: Date;
  logId: string;
  checkpointSize: number;
}

type Where = (s: FigureScope) => RawBuilder<unknown>;

/** Objects the org created itself (the first event's actor names the org). */
const createdBy =
  (type: string): Where =>
  (s) =>
    sql`e.object_type = ${type} AND e.from_state IS NULL AND e.actor->>'orgId' = ${s.orgId}`;
/** Decisions reaching `toState` on objects the org created (`own`: the org's creations, one scan per query). */
const decidedOnOwn =
  (type: string, toState: string): Where =>
  () =>
    sql`e.object_type = ${type} AND e.to_state = ${toState} AND e.from_state IS DISTINCT FROM ${toState}
    AND e.object_id IN (SELECT o.object_id FROM own o WHERE o.object_type = ${type})`;
/** Same-state facts the org recorded (e.g. a drill recorded on its EmergencyPlan). */
const factBy =
  (type: string, action: string): Where =>
  (s) =>
    sql`e.object_type = ${type} AND e.action = ${action} AND e.actor->>'orgId' = ${s.orgId}`;

/** Object types whose decisions count for the org that created them (decidedOnOwn). */
const DECIDED_TYPES = ['EgressRequest'];

export const EVENT_QUERIES: Record<string, Where> = {
  'event.jobs_submitted': createdBy('Job'),
  'event.egress_approved': decidedOnOwn('EgressRequest', 'approved'),
  'event.egress_denied': decidedOnOwn('EgressRequest', 'denied'),
  'event.incidents_reported': createdBy('Incident'),
  'event.drills_recorded': factBy('EmergencyPlan', 'record_drill'),
  'event.products_created': createdBy('DataProduct'),
  'event.workspaces_opened': createdBy('Workspace'),
  // REP-05: "overdue reports lower the compliance score" — the org's reports that went overdue.
  'supervision.reports_overdue': (s) =>
    sql`e.object_type = 'Report' AND e.to_state = 'overdue' AND e.from_state IS DISTINCT FROM 'overdue'
      AND EXISTS (SELECT 1 FROM supervision_report r WHERE r.id::text = e.object_id AND r.subject_org_id = ${s.orgId})`,
};
export type EventQueryId = keyof typeof EVENT_QUERIES;

/**
 * Figures: the counts of events each named query selects in the scope, in one pass over the period's events
 * (one FILTER per query), so a report costs one scan of the log, not one per figure.
 */
export async function countEvents(db: Executor, queryIds: string[], s: FigureScope): Promise<Record<string, number>> {
  if (!queryIds.length) return {};
  const r = await figuresQuery(queryIds, s).execute(db);
  const row = r.rows[0] ?? {};
  return Object.fromEntries(queryIds.map((id, i) => [id, Number(row[`f${i}`] ?? 0)]));
}

/**
 * The one statement behind countEvents (exported for EXPLAIN in the bench). The checkpoint bound without a join
 * over the log: an event and its ledger entry are written in one transaction (occurred_at is its start, cut to the
 * millisecond; the entry's created_at is the same instant), so every event that occurred a millisecond before the
 * earliest entry outside the checkpoint (pending, or seq ≥ size) is inside it. Only events after that instant —
 * none when the draft is made, since the sequencer was just brought current — are checked entry by entry.
 */
export function figuresQuery(queryIds: string[], s: FigureScope) {
  const wheres = queryIds.map((id) => {
    const where = EVENT_QUERIES[id];
    if (!where) throw new Error(`unknown figure query ${id}`);
    return where(s);
  });
  const cols = sql.join(wheres.map((w, i) => sql`count(*) FILTER (WHERE ${w})::int AS ${sql.ref(`f${i}`)}`));
  return sql<Record<string, number>>`WITH own AS MATERIALIZED (
      SELECT c.object_type, c.object_id FROM event c WHERE c.log_id = ${s.logId} AND c.from_state IS NULL
        AND c.object_type IN (${sql.join(DECIDED_TYPES)}) AND c.occurred_at < ${s.to} AND c.actor->>'orgId' = ${s.orgId}),
    cut AS (
      SELECT min(created_at) - interval '1 millisecond' AS t FROM ledger_entry
      WHERE log_id = ${s.logId} AND (seq IS NULL OR seq >= ${s.checkpointSize})),
    e AS MATERIALIZED (
      SELECT e.* FROM event e WHERE e.log_id = ${s.logId} AND e.occurred_at >= ${s.from} AND e.occurred_at < ${s.to}
        AND (${sql.join(wheres, sql` OR `)}))
    SELECT ${cols} FROM e, cut
    WHERE cut.t IS NULL OR e.occurred_at < cut.t
      OR EXISTS (SELECT 1 FROM ledger_entry l WHERE l.event_id = e.id AND l.seq < ${s.checkpointSize})`;
}

/** The log's size now: entries below it are sequenced and covered by the next signed checkpoint. */
export async function logSize(db: Executor, logId: string): Promise<number> {
  const r = await sql<{ tree_size: number }>`SELECT tree_size FROM ledger_log WHERE log_id = ${logId}`.execute(db);
  return Number(r.rows[0]?.tree_size ?? 0);
}
