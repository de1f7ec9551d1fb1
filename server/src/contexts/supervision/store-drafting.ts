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
const bound = (s: FigureScope) =>
  sql`e.occurred_at >= ${s.from} AND e.occurred_at < ${s.to} AND l.log_id = ${s.logId} AND l.seq < ${s.checkpointSize}`;

/** Objects the org created itself (the first event's actor names the org). */
const createdBy =
  (type: string): Where =>
  (s) =>
    sql`e.object_type = ${type} AND e.from_state IS NULL AND e.actor->>'orgId' = ${s.orgId}`;
/** Decisions reaching `toState` on objects the org created. */
const decidedOnOwn =
  (type: string, toState: string): Where =>
  (s) =>
    sql`e.object_type = ${type} AND e.to_state = ${toState} AND e.from_state IS DISTINCT FROM ${toState}
    AND EXISTS (SELECT 1 FROM event c WHERE c.object_type = e.object_type AND c.object_id = e.object_id
      AND c.from_state IS NULL AND c.actor->>'orgId' = ${s.orgId})`;
/** Same-state facts the org recorded (e.g. a drill recorded on its EmergencyPlan). */
const factBy =
  (type: string, action: string): Where =>
  (s) =>
    sql`e.object_type = ${type} AND e.action = ${action} AND e.actor->>'orgId' = ${s.orgId}`;

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

/** One figure: the count of events the named query selects in the scope. */
export async function countEvents(db: Executor, queryId: string, s: FigureScope): Promise<number> {
  const where = EVENT_QUERIES[queryId];
  if (!where) throw new Error(`unknown figure query ${queryId}`);
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM event e
    JOIN ledger_entry l ON l.event_id = e.id
    WHERE ${where(s)} AND ${bound(s)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** The log's size now: entries below it are sequenced and covered by the next signed checkpoint. */
export async function logSize(db: Executor, logId: string): Promise<number> {
  const r = await sql<{ tree_size: number }>`SELECT tree_size FROM ledger_log WHERE log_id = ${logId}`.execute(db);
  return Number(r.rows[0]?.tree_size ?? 0);
}
