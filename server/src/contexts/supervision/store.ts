import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import type {
  DB,
  SupervisionBanTable,
  SupervisionCreditRecordTable,
  SupervisionEvaluationTable,
  SupervisionIncidentTable,
  SupervisionRectificationTable,
  SupervisionReportTable,
} from '../../kernel/db/schema.js';
import { ownTables, type Executor, type KernelTables } from '../../kernel/db/tables.js';

/** The tables supervision owns; nothing here reads another context's table. */
export type SupervisionTables = Pick<
  DB,
  | 'supervision_report'
  | 'supervision_incident'
  | 'supervision_evaluation'
  | 'supervision_rectification'
  | 'supervision_credit_record'
  | 'supervision_ban'
> &
  KernelTables;

export type ReportRow = Selectable<SupervisionReportTable>;
export type IncidentRow = Selectable<SupervisionIncidentTable>;
export type EvaluationRow = Selectable<SupervisionEvaluationTable>;
export type RectificationRow = Selectable<SupervisionRectificationTable>;
export type CreditRecordRow = Selectable<SupervisionCreditRecordTable>;
export type BanRow = Selectable<SupervisionBanTable>;
export type NewIncident = Insertable<SupervisionIncidentTable>;

const q = (db: Executor) => ownTables<SupervisionTables>(db);

// One lock helper: every by-id read goes through it, FOR UPDATE when the caller is about to transition.
const lock = <T extends { forUpdate(): T }>(query: T, forUpdate: boolean) => (forUpdate ? query.forUpdate() : query);

export const getReport = (db: Executor, id: string, forUpdate = false): Promise<ReportRow | undefined> =>
  lock(q(db).selectFrom('supervision_report').selectAll().where('id', '=', id), forUpdate).executeTakeFirst();
export const getIncident = (db: Executor, id: string, forUpdate = false): Promise<IncidentRow | undefined> =>
  lock(q(db).selectFrom('supervision_incident').selectAll().where('id', '=', id), forUpdate).executeTakeFirst();
export const getEvaluation = (db: Executor, id: string, forUpdate = false): Promise<EvaluationRow | undefined> =>
  lock(q(db).selectFrom('supervision_evaluation').selectAll().where('id', '=', id), forUpdate).executeTakeFirst();
export const getRectification = (db: Executor, id: string, forUpdate = false): Promise<RectificationRow | undefined> =>
  lock(q(db).selectFrom('supervision_rectification').selectAll().where('id', '=', id), forUpdate).executeTakeFirst();

/** The suspension record beside the order (a data edit: the state does not change). */
export async function setRectificationSuspension(db: Executor, id: string, suspension: string) {
  await q(db).updateTable('supervision_rectification').set({ suspension }).where('id', '=', id).execute();
}

/** ENF-03 clock: open rectifications whose deadline (a civil date) is before today. */
export function listRectificationsPastDeadline(db: Executor, today: string): Promise<RectificationRow[]> {
  return q(db)
    .selectFrom('supervision_rectification')
    .selectAll()
    .where('state', 'in', ['ordered', 'rejected'])
    .where('deadline', '<', today)
    .execute();
}

/** Reports whose clock may have run out (REP-05): not yet submitted, or overdue and not yet escalated. */
export function listReportsForClock(db: Executor, now: Date): Promise<ReportRow[]> {
  return ownTables<SupervisionTables>(db)
    .selectFrom('supervision_report')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('state', 'in', ['scheduled', 'drafted']), eb('due_at', '<', now)]),
        eb.and([eb('state', '=', 'overdue'), eb('escalated_at', 'is', null)]),
      ]),
    )
    .orderBy('due_at')
    .execute();
}

/** The next INC-<year>-<seq> number (the unique index refuses a racing duplicate). */
export async function nextIncidentSeq(db: Executor, year: number): Promise<number> {
  const r = await ownTables<SupervisionTables>(db)
    .selectFrom('supervision_incident')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('incident_no', 'like', `INC-${year}-%`)
    .executeTakeFirstOrThrow();
  return Number(r.n) + 1;
}

/** ENF-08: the organization's incidents discovered on or after `since`. */
export function listIncidentsOfOrgSince(db: Executor, orgId: string, since: Date): Promise<IncidentRow[]> {
  return ownTables<SupervisionTables>(db)
    .selectFrom('supervision_incident')
    .selectAll()
    .where('reporter_org_id', '=', orgId)
    .where('discovered_at', '>=', since)
    .execute();
}

/** Concluded (final) evaluations of one operator org, newest first (the AUTH-06/AUTH-28 port). */
export function listFinalEvaluationsOfOrg(db: Executor, orgId: string): Promise<EvaluationRow[]> {
  return ownTables<SupervisionTables>(db)
    .selectFrom('supervision_evaluation')
    .selectAll()
    .where('subject_org_id', '=', orgId)
    .where('state', '=', 'final')
    .orderBy('concluded_at', 'desc')
    .execute();
}

/** Rows whose jurisdiction path meets any of `jurisdictionIds` (the regulator's and authority's reach). */
const within = (ids: string[]) => sql<boolean>`jurisdiction_path ?| ${sql.val(ids)}::text[]`;

export interface StateCount {
  state: string;
  key: string;
  n: number;
}

/** Counts per state and a key column, limited to a jurisdiction reach (the regulator's desk). */
export async function countIncidents(db: Executor, reach: string[]): Promise<StateCount[]> {
  if (!reach.length) return [];
  const rows = await ownTables<SupervisionTables>(db)
    .selectFrom('supervision_incident')
    .select(['state', 'severity as key', (eb) => eb.fn.countAll<number>().as('n')])
    .where(within(reach))
    .groupBy(['state', 'severity'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export async function countReports(db: Executor, reach: string[]): Promise<StateCount[]> {
  if (!reach.length) return [];
  const rows = await ownTables<SupervisionTables>(db)
    .selectFrom('supervision_report')
    .select([
      'state',
      sql<string>`CASE WHEN escalated_at IS NULL THEN '' ELSE 'escalated' END`.as('key'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where(within(reach))
    .groupBy(['state', sql`2`])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export async function countEvaluations(db: Executor, reach: string[]): Promise<StateCount[]> {
  if (!reach.length) return [];
  const rows = await ownTables<SupervisionTables>(db)
    .selectFrom('supervision_evaluation')
    .select(['state', 'result as key', (eb) => eb.fn.countAll<number>().as('n')])
    .where(within(reach))
    .groupBy(['state', 'result'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export const getCreditRecord = (db: Executor, id: string, forUpdate = false): Promise<CreditRecordRow | undefined> =>
  lock(q(db).selectFrom('supervision_credit_record').selectAll().where('id', '=', id), forUpdate).executeTakeFirst();

/** CRD-02: the public list — published records within their publication window, newest first. */
export function listPublishedCredit(db: Executor, today: string): Promise<CreditRecordRow[]> {
  return q(db)
    .selectFrom('supervision_credit_record')
    .selectAll()
    .where('state', '=', 'published')
    .where('public_from', '<=', today)
    .where((eb) => eb.or([eb('public_until', 'is', null), eb('public_until', '>=', today)]))
    .orderBy('public_from', 'desc')
    .limit(500)
    .execute();
}

/** CRD-04: one organization's bad-faith records in their publication window on `today`, newest first. */
export function listPublishedBadFaithOfOrg(db: Executor, orgId: string, today: string): Promise<CreditRecordRow[]> {
  return q(db)
    .selectFrom('supervision_credit_record')
    .selectAll()
    .where('subject_org_id', '=', orgId)
    .where('kind', '=', 'bad_faith')
    .where('state', '=', 'published')
    .where('public_from', '<=', today)
    .where((eb) => eb.or([eb('public_until', 'is', null), eb('public_until', '>=', today)]))
    .orderBy('public_from', 'desc')
    .execute();
}

/** Published records whose publication window ended before today (the `expire` clock). */
export function listCreditPastPublication(db: Executor, today: string): Promise<CreditRecordRow[]> {
  return q(db)
    .selectFrom('supervision_credit_record')
    .selectAll()
    .where('state', '=', 'published')
    .where('public_until', '<', today)
    .execute();
}

export const getBan = (db: Executor, id: string): Promise<BanRow | undefined> =>
  q(db).selectFrom('supervision_ban').selectAll().where('id', '=', id).executeTakeFirst();

/** ENF-07: the Bans on one credit code for one scope, whatever their state (the rule decides). */
export function listBans(db: Executor, uscc: string, scope: string): Promise<BanRow[]> {
  return q(db)
    .selectFrom('supervision_ban')
    .selectAll()
    .where('subject_uscc', '=', uscc)
    .where('scope', '=', scope)
    .orderBy('ends_on', 'desc')
    .execute();
}

// ---- Part B (decision 0079): drafting and reminder clocks ----

/** REP-02: scheduled reports whose period ended before `today` (drafted the day after). */
export function listReportsToDraft(db: Executor, today: string): Promise<ReportRow[]> {
  return q(db)
    .selectFrom('supervision_report')
    .selectAll()
    .where('state', '=', 'scheduled')
    .where('period_to', '<', today)
    .orderBy('due_at')
    .execute();
}

/** REP-04/REP-05: reports a reminder may be due on (not yet submitted), due from `from` on or already overdue. */
export function listReportsToRemind(db: Executor, from: Date): Promise<ReportRow[]> {
  return q(db)
    .selectFrom('supervision_report')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('state', 'in', ['scheduled', 'drafted']), eb('due_at', '>=', from)]),
        eb('state', '=', 'overdue'),
      ]),
    )
    .orderBy('due_at')
    .execute();
}

/** AUTH-27 schedules (decision 0079): the period starts already scheduled for one agreement obligation. */
export async function scheduledObligationPeriods(db: Executor, obligationRef: string): Promise<string[]> {
  const rows = await q(db)
    .selectFrom('supervision_report')
    .select('period_from')
    .where('obligation_ref', '=', obligationRef)
    .execute();
  return rows.map((r) => r.period_from);
}
