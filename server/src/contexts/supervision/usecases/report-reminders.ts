import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { reportLifecycle } from '../lifecycle.js';
import { reminderToday, type Reminder } from '../rules-reporting.js';
import * as store from '../store.js';
import { reportSubject } from './reports.js';

// The reminders column holds the Reminder[] this clock wrote.
export const remindersOf = (r: store.ReportRow): Reminder[] =>
  Array.isArray(r.reminders) ? (r.reminders as unknown as Reminder[]) : [];

/**
 * REP-04 clock: 10, 3 and 1 working days before dueAt and on the due day the subject org is reminded; REP-05:
 * once overdue, daily. Each reminder is a `Report.reminded` event (the record that it was sent) and a line on
 * the row, so the same reminder is never sent twice.
 */
export async function runReminderClock(k: Kernel) {
  const actor = systemActor('supervision.reminders');
  const now = k.clock.now();
  const today = shanghaiDate(now);
  const offsets = k.profile.get<number[]>('report.reminderWorkingDays');
  let sent = 0;
  for (const listed of await store.listReportsToRemind(k.db, now)) {
    const due = reminderToday(
      { dueDay: shanghaiDate(listed.due_at), today, overdue: listed.state === 'overdue', sent: remindersOf(listed) },
      offsets,
      k.calendar,
    );
    if (!due) continue;
    await k.db.transaction().execute(async (trx) => {
      const r = await store.getReport(trx, listed.id, true);
      if (!r || r.version !== listed.version) return; // changed since listed: the next run sees it
      await transition(trx, k.workflow, {
        lifecycle: reportLifecycle,
        action: `remind_${r.state}`,
        actor,
        object: r,
        subject: reportSubject(r),
        input: { offset: due.offset, day: due.day, to: r.subject_org_id },
        values: { reminders: JSON.stringify([...remindersOf(r), { ...due, sentAt: now.toISOString() }]) },
      });
      sent++;
    });
  }
  return { sent };
}
