import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../kernel/db/tables.js';
import { ownTables } from '../../kernel/db/tables.js';
import type { SupervisionTables } from './store.js';
import type { BanRow, CreditRecordRow, IncidentRow, RectificationRow, ReportRow } from './store.js';

/**
 * The desk's lists (issue 16), filtered in SQL by the same relationship the read check uses (style.md §4): a row
 * is visible when its jurisdiction path meets the actor's reach (authority, regulator) or the actor's org is the
 * one the row names (the subject, the reporter, the orderer).
 */
export interface Visibility {
  reach: string[];
  orgId: string | null;
}
export interface ListFilter {
  state?: string;
  orgId?: string;
  limit: number;
  offset: number;
}

const q = (db: Executor) => ownTables<SupervisionTables>(db);
const NO_ORG = '00000000-0000-0000-0000-000000000000';

/** `jurisdiction_path ?| reach OR <org column> = org` — reach is empty for an actor that supervises nothing. */
function visible(v: Visibility, orgCols: string[]): Expression<SqlBool> {
  const reach = v.reach.length ? sql<boolean>`jurisdiction_path ?| ${sql.val(v.reach)}::text[]` : sql<boolean>`false`;
  const own = orgCols.map((c) => sql<boolean>`${sql.id(c)}::text = ${v.orgId ?? NO_ORG}`);
  return sql<boolean>`(${sql.join([reach, ...own], sql` OR `)})`;
}

async function page<R>(
  base: { where: Expression<SqlBool>; table: keyof SupervisionTables & `supervision_${string}` },
  db: Executor,
  f: ListFilter,
  orgCol: string,
  order: string,
): Promise<{ rows: R[]; total: number }> {
  const filters = [base.where];
  if (f.state) filters.push(sql<boolean>`state = ${f.state}`);
  if (f.orgId) filters.push(sql<boolean>`${sql.id(orgCol)}::text = ${f.orgId}`);
  const where = sql.join(filters, sql` AND `);
  const t = sql.table(base.table);
  const rows = await sql<R>`SELECT * FROM ${t} WHERE ${where} ORDER BY ${sql.id(order)} DESC, id DESC
    LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${t} WHERE ${where}`.execute(db);
  return { rows: rows.rows, total: Number(n.rows[0]?.n ?? 0) };
}

export const listIncidents = (db: Executor, v: Visibility, f: ListFilter) =>
  page<IncidentRow>(
    { table: 'supervision_incident', where: visible(v, ['reporter_org_id']) },
    db,
    f,
    'reporter_org_id',
    'reported_at',
  );
export const listReports = (db: Executor, v: Visibility, f: ListFilter) =>
  page<ReportRow>(
    { table: 'supervision_report', where: visible(v, ['subject_org_id']) },
    db,
    f,
    'subject_org_id',
    'due_at',
  );
export const listRectifications = (db: Executor, v: Visibility, f: ListFilter) =>
  page<RectificationRow>(
    { table: 'supervision_rectification', where: visible(v, ['subject_org_id', 'orderer_org_id']) },
    db,
    f,
    'subject_org_id',
    'created_at',
  );
export const listBans = (db: Executor, v: Visibility, f: ListFilter) =>
  page<BanRow>({ table: 'supervision_ban', where: visible(v, ['org_id']) }, db, f, 'org_id', 'starts_on');
export const listCreditRecords = (db: Executor, v: Visibility, f: ListFilter) =>
  page<CreditRecordRow>(
    { table: 'supervision_credit_record', where: visible(v, ['subject_org_id']) },
    db,
    f,
    'subject_org_id',
    'created_at',
  );

/** The authority's to-do (supervision.md "Overdue list", "Deadlines"): what waits on it or has run out. */
export async function listTodoRows(db: Executor, reach: string[]) {
  if (!reach.length) return { reports: [], rectifications: [], incidents: [] };
  const inReach = sql<boolean>`jurisdiction_path ?| ${sql.val(reach)}::text[]`;
  const [reports, rectifications, incidents] = await Promise.all([
    q(db)
      .selectFrom('supervision_report')
      .selectAll()
      .where(inReach)
      .where('state', 'in', ['submitted', 'overdue'])
      .orderBy('due_at')
      .limit(200)
      .execute(),
    q(db)
      .selectFrom('supervision_rectification')
      .selectAll()
      .where(inReach)
      .where('state', 'in', ['submitted', 'overdue', 'escalated'])
      .orderBy('deadline')
      .limit(200)
      .execute(),
    q(db)
      .selectFrom('supervision_incident')
      .selectAll()
      .where(inReach)
      .where('state', 'in', ['reported', 'contained', 'resolved', 'reopened'])
      .orderBy('reported_at')
      .limit(200)
      .execute(),
  ]);
  return { reports, rectifications, incidents };
}
