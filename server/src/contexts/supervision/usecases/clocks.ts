import type { Kernel } from '../../../kernel/kernel.js';
import { runCreditClocks } from './credit.js';
import { runObligationSchedules } from './obligation-schedules.js';
import { runRectificationClocks } from './rectifications.js';
import { runReportClocks } from './reports.js';
import { runDraftingClock } from './report-drafting.js';
import { runReminderClock } from './report-reminders.js';

/** supervision.md "Deadlines and clocks": overdue reports and escalations, overdue rectifications, expired records. */
export async function runSupervisionClocks(k: Kernel) {
  return {
    obligations: await runObligationSchedules(k), // AUTH-27: signed agreements' reports (decision 0079)
    reports: await runReportClocks(k),
    drafting: await runDraftingClock(k), // REP-02 (part B)
    reminders: await runReminderClock(k), // REP-04/REP-05 (part B)
    rectifications: await runRectificationClocks(k),
    credit: await runCreditClocks(k),
  };
}

export const supervisionTasks = [
  {
    name: 'supervision-clocks',
    everyMs: 60_000,
    run: async (k: Kernel) => {
      await runSupervisionClocks(k);
    },
  },
];
