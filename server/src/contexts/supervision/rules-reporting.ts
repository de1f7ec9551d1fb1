import type { WorkingCalendar } from '../../kernel/calendar/calendar.js';
import { addDays } from '../../kernel/calendar/calendar.js';
import { fail, pass, rule } from '../../kernel/workflow/rules.js';

/** supervision.md part B rules on reports, the calendar and complaints (decision 0079). Pure. */

/** The working day `n` working days before `date` (n = 0: the day itself, moved back to a working day). */
export function workingDaysBefore(date: string, n: number, cal: WorkingCalendar): string {
  let d = date;
  while (!cal.isWorkingDay(d)) d = addDays(d, -1);
  for (let left = n; left > 0; ) {
    d = addDays(d, -1);
    if (cal.isWorkingDay(d)) left--;
  }
  return d;
}

export interface Reminder {
  /** Working days before dueAt; 0 on the due day; -1 for REP-05's daily overdue reminder. */
  offset: number;
  day: string;
  sentAt: string;
}

/**
 * REP-04: reminders 10, 3 and 1 working days before dueAt and on the due day (`report.reminderWorkingDays`);
 * REP-05: once overdue, one a day. Returns the one reminder to send today, if any: when the clock missed a day
 * only the latest reminder goes out, so a subject never gets three at once.
 */
export function reminderToday(
  f: { dueDay: string; today: string; overdue: boolean; sent: Reminder[] },
  offsets: number[],
  cal: WorkingCalendar,
): { offset: number; day: string } | null {
  if (f.overdue) return f.sent.some((r) => r.offset === -1 && r.day === f.today) ? null : { offset: -1, day: f.today };
  if (f.today > f.dueDay) return null;
  const due = [...offsets]
    .map((offset) => ({ offset, day: workingDaysBefore(f.dueDay, offset, cal) }))
    .filter((r) => r.day <= f.today)
    .sort((a, b) => a.offset - b.offset)[0];
  if (!due || f.sent.some((r) => r.offset <= due.offset)) return null;
  return due;
}

/** CAL-05: an import recomputes an open clock, but a due date already announced never moves earlier. */
export function recomputedDue(announced: Date, recomputed: Date): Date {
  return recomputed > announced ? recomputed : announced;
}

export interface ComplaintCloseFacts {
  outcome: string | null;
}
/** A complaint case closes with a written outcome (the complainant is answered). */
export const COMPLAINT_OUTCOME = rule('CMP-01', (f: ComplaintCloseFacts) =>
  f.outcome?.trim() ? pass() : fail('COMPLAINT_OUTCOME_REQUIRED', {}, 422),
);
