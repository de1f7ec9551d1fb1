import { addDays, shanghaiDate, type WorkingCalendar } from '../../../kernel/calendar/calendar.js';
import { noticeYearData, parseHolidayNotice, type CalendarDay } from '../../../kernel/calendar/notice.js';
import { sha256 } from '../../../kernel/crypto/sm3.js';
import type { Tx } from '../../../kernel/db/tables.js';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { activeActorRoles, systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { assertAuthorized, type Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { reportLifecycle, workCalendarLifecycle } from '../lifecycle.js';
import { reportDueAt } from '../rules.js';
import { recomputedDue } from '../rules-reporting.js';
import * as cals from '../store-calendar.js';
import type { ReportKind } from '../model.js';
import { reportSubject } from './reports.js';

/** Calendar import (supervision.md CAL-05, WorkCalendar; decision 0079). */

const calendarSubject = (id: string): Subject => ({ type: 'WorkCalendar', id, jurisdictionId: null });

export interface Recomputed {
  reportId: string;
  from: string;
  to: string;
  kept: boolean;
}

/**
 * platform_admin imports the official notice (kernel/calendar/notice.ts format) as a new version of its year.
 * In one transaction: the previous version is superseded, the new one recorded, and every open report clock is
 * recomputed on the new calendar — never earlier than announced. The kernel calendar switches after commit.
 */
export async function importCalendar(k: Kernel, actor: Actor, text: string) {
  // Who may import is settled before the file is read: a stranger learns nothing about its own file's faults.
  assertAuthorized(actor, 'calendar.import', calendarSubject('new'), k.clock.now(), k.profile);
  const parsed = parseHolidayNotice(text);
  if ('problems' in parsed) {
    const first = parsed.problems[0]!;
    throw new AppError(
      422,
      'CALENDAR_NOTICE_INVALID',
      { line: first.line, problem: first.code, value: first.value },
      { problems: parsed.problems },
    );
  }
  const n = parsed.notice;
  const cal = k.calendar.withYear(n.year, noticeYearData(n));
  const row = await k.db.transaction().execute(async (trx) => {
    const versions = await cals.calendarVersions(trx, n.year, true);
    for (const v of versions.filter((x) => x.state === 'official'))
      await transition(trx, k.workflow, {
        lifecycle: workCalendarLifecycle,
        action: 'supersede',
        actor,
        object: v,
        subject: calendarSubject(v.id),
      });
    const id = uuidv7();
    await transition(trx, k.workflow, {
      lifecycle: workCalendarLifecycle,
      action: 'import',
      actor,
      object: null,
      subject: calendarSubject(id),
      input: { year: n.year, sourceDocNo: n.sourceDocNo, days: n.days.length },
      values: {
        id,
        year: n.year,
        import_version: (versions[0]?.import_version ?? 0) + 1,
        source_doc_no: n.sourceDocNo,
        days: JSON.stringify(n.days),
        file_text: text,
        file_sha256: sha256(text).toString('hex'),
        imported_by: actor.userId ?? null,
      },
    });
    const recomputed = await recomputeOpenClocks(trx, k, cal, n.year);
    await cals.setRecomputed(trx, id, JSON.stringify(recomputed));
    return (await cals.getCalendarVersion(trx, id))!;
  });
  k.calendar = cal;
  return row;
}

/** CAL-05: open report clocks that reach into the imported year are recomputed; an earlier result is not applied. */
async function recomputeOpenClocks(trx: Tx, k: Kernel, cal: WorkingCalendar, year: number): Promise<Recomputed[]> {
  // A clock due from the day before the year starts may still cross into it.
  const from = new Date(`${addDays(`${year}-01-01`, -60)}T00:00:00+08:00`);
  const out: Recomputed[] = [];
  const sys = systemActor('supervision.calendar-import');
  for (const r of await cals.openReportClocks(trx, from)) {
    const next = reportDueAt(r.kind as ReportKind, r.period_to, cal, k.profile);
    const due = recomputedDue(r.due_at, next.dueAt);
    const provisional = cal.isProvisional(Number(shanghaiDate(due).slice(0, 4)));
    if (due.getTime() === r.due_at.getTime() && provisional === r.provisional) continue;
    await transition(trx, k.workflow, {
      lifecycle: reportLifecycle,
      action: `recompute_${r.state}`,
      actor: sys,
      object: r,
      subject: reportSubject(r),
      facts: { announced: r.due_at.toISOString(), computed: next.dueAt.toISOString() },
      values: { due_at: due, provisional },
    });
    out.push({
      reportId: r.id,
      from: r.due_at.toISOString(),
      to: due.toISOString(),
      kept: next.dueAt < r.due_at,
    });
  }
  return out;
}

/** At start, the kernel calendar takes every imported year in force (the bundled file stays the fallback). */
export async function loadImportedCalendars(k: Kernel) {
  let cal = k.calendar;
  for (const v of await cals.officialCalendars(k.db))
    cal = cal.withYear(v.year, noticeYearData({ year: v.year, sourceDocNo: v.source_doc_no, days: daysOf(v) }));
  k.calendar = cal;
}

// The days column holds the CalendarDay[] this use case wrote from a parsed notice.
const daysOf = (v: cals.WorkCalendarRow) => (Array.isArray(v.days) ? (v.days as unknown as CalendarDay[]) : []);

/** GET /calendar/{year}: the version in force (or provisional), its special days and every earlier version. */
export async function calendarYear(k: Kernel, year: number) {
  const versions = await cals.calendarVersions(k.db, year);
  const current = versions.find((v) => v.state === 'official');
  return {
    year,
    status: k.calendar.isProvisional(year) ? ('provisional' as const) : ('official' as const),
    importVersion: current?.import_version ?? null,
    sourceDocNo: current?.source_doc_no ?? null,
    days: current ? daysOf(current) : [],
    versions: versions.map((v) => ({
      id: v.id,
      importVersion: v.import_version,
      state: v.state,
      sourceDocNo: v.source_doc_no,
      fileSha256: v.file_sha256,
      importedAt: v.created_at.toISOString(),
      recomputed: Array.isArray(v.recomputed) ? (v.recomputed as unknown as Recomputed[]) : [],
    })),
  };
}

/**
 * CAL-05 alert for platform_admin: the current or the coming year runs provisionally (the coming year from
 * `calendar.importReminder`, e.g. 10-01), and the open reports whose due date was computed on a provisional year.
 */
export async function calendarAlerts(k: Kernel, actor: Actor) {
  if (!activeActorRoles(actor, 'platform_admin').length) throw notFound('CalendarAlerts');
  const today = shanghaiDate(k.clock.now());
  const year = Number(today.slice(0, 4));
  const remindFrom = `${year}-${k.profile.get<string>('calendar.importReminder')}`;
  const years = [year, ...(today >= remindFrom ? [year + 1] : [])].filter((y) => k.calendar.isProvisional(y));
  const reports = await cals.provisionalReports(k.db);
  return {
    provisionalYears: years,
    provisionalClocks: reports.map((r) => ({ objectType: 'Report', id: r.id, dueAt: r.due_at.toISOString() })),
  };
}
