import type { Selectable } from 'kysely';
import type { DB, WorkCalendarTable } from '../../kernel/db/schema.js';
import { ownTables, type Executor, type KernelTables } from '../../kernel/db/tables.js';
import type { ReportRow } from './store.js';

/** WorkCalendar versions (CAL-05) and the open report clocks an import recomputes. */
export type CalendarTables = Pick<DB, 'work_calendar' | 'supervision_report'> & KernelTables;
export type WorkCalendarRow = Selectable<WorkCalendarTable>;

const q = (db: Executor) => ownTables<CalendarTables>(db);

/** Every version of a year, newest first; FOR UPDATE so two imports of one year queue behind each other. */
export function calendarVersions(db: Executor, year: number, forUpdate = false): Promise<WorkCalendarRow[]> {
  const base = q(db).selectFrom('work_calendar').selectAll().where('year', '=', year).orderBy('import_version', 'desc');
  return (forUpdate ? base.forUpdate() : base).execute();
}

/** The version in force of every imported year (what the kernel calendar is built from at start). */
export function officialCalendars(db: Executor): Promise<WorkCalendarRow[]> {
  return q(db).selectFrom('work_calendar').selectAll().where('state', '=', 'official').orderBy('year').execute();
}

export function getCalendarVersion(db: Executor, id: string): Promise<WorkCalendarRow | undefined> {
  return q(db).selectFrom('work_calendar').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The import's record of the clocks it recomputed (a data edit on the row it just wrote). */
export async function setRecomputed(db: Executor, id: string, recomputed: string) {
  await q(db).updateTable('work_calendar').set({ recomputed }).where('id', '=', id).execute();
}

/** Open report clocks (not yet submitted nor overdue) whose due date falls on or after `from`. */
export function openReportClocks(db: Executor, from: Date): Promise<ReportRow[]> {
  return q(db)
    .selectFrom('supervision_report')
    .selectAll()
    .where('state', 'in', ['scheduled', 'drafted'])
    .where('due_at', '>=', from)
    .forUpdate()
    .execute();
}

/** Open reports whose due date was computed on a provisional year (the platform_admin's alert list). */
export function provisionalReports(db: Executor): Promise<ReportRow[]> {
  return q(db)
    .selectFrom('supervision_report')
    .selectAll()
    .where('provisional', '=', true)
    .where('state', 'in', ['scheduled', 'drafted', 'returned', 'overdue'])
    .orderBy('due_at')
    .limit(200)
    .execute();
}
