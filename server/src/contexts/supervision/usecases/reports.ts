import type { z } from 'zod';
import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { badInput } from '../../../kernel/http/errors.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import type { Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { reportLifecycle } from '../lifecycle.js';
import {
  Draft,
  type DraftReportInput,
  type ReviewReportInput,
  type ScheduleReportInput,
  type SubmitReportInput,
} from '../model.js';
import { correctionsOf, escalationDue, reportDueAt } from '../rules.js';
import * as store from '../store.js';
import { asStrings, authorityRole, mustRead, today } from './common.js';

/** Reports (supervision.md REP-01…REP-05): scheduled with a working-day due date, drafted, submitted, reviewed. */

export const reportSubject = (r: store.ReportRow): Subject => ({
  type: 'Report',
  id: r.id,
  ownerOrgId: r.subject_org_id,
  partyOrgIds: asStrings(r.to_org_ids),
  jurisdictionId: r.jurisdiction_id,
  jurisdictionPath: asStrings(r.jurisdiction_path),
});
// The draft column holds a value we wrote from the Draft schema.
export const draftOf = (r: store.ReportRow) => (r.draft === null ? null : Draft.parse(r.draft));

/** REP-01: the authority schedules a report for a subject org in its jurisdiction; dueAt from the calendar. */
export async function scheduleReport(k: Kernel, actor: Actor, input: z.infer<typeof ScheduleReportInput>) {
  const role = authorityRole(actor);
  if (input.period.to < input.period.from) throw badInput('REPORT_PERIOD_INVALID');
  const { dueAt, provisional } = reportDueAt(input.kind, input.period.to, k.calendar, k.profile);
  const id = uuidv7();
  return k.db.transaction().execute(async (trx) => {
    await transition(trx, k.workflow, {
      lifecycle: reportLifecycle,
      action: 'schedule',
      actor,
      object: null,
      subject: {
        type: 'Report',
        id,
        ownerOrgId: input.subjectOrgId,
        jurisdictionId: role.jurisdictionId,
        jurisdictionPath: role.jurisdictionPath,
      },
      input,
      values: {
        id,
        kind: input.kind,
        subject_org_id: input.subjectOrgId,
        to_org_ids: JSON.stringify([actor.orgId]),
        jurisdiction_id: role.jurisdictionId,
        jurisdiction_path: JSON.stringify(role.jurisdictionPath),
        period_from: input.period.from,
        period_to: input.period.to,
        due_at: dueAt,
        provisional,
      },
    });
    return (await store.getReport(trx, id))!;
  });
}

export async function getReport(k: Kernel, actor: Actor, id: string) {
  return mustRead(await store.getReport(k.db, id), actor, reportSubject, 'Report', id);
}

/** REP-02: the draft is frozen once the period is over; each figure names its query and checkpoint size. */
export function draftReport(k: Kernel, actor: Actor, id: string, input: z.infer<typeof DraftReportInput>) {
  return step(k, actor, id, (r) => ({
    action: 'draft',
    facts: { periodTo: r.period_to, today: today(k) },
    values: { draft: JSON.stringify({ figures: input.figures, narrative: input.narrative }) },
  }));
}

/** REP-03: the subject org signs and seals; an overridden figure keeps the computed value and needs a reason. */
export function submitReport(k: Kernel, actor: Actor, id: string, input: z.infer<typeof SubmitReportInput>) {
  return step(k, actor, id, (r) => {
    const draft = draftOf(r);
    return {
      action: 'submit',
      facts: {
        sealRef: input.sealRef ?? null,
        signedBy: actor.userId ?? null,
        draft,
        corrections: input.corrections,
      },
      values: {
        corrections: JSON.stringify(correctionsOf(draft, input.corrections)),
        signed_by: actor.userId ?? null,
        seal_ref: input.sealRef ?? null,
        submitted_at: k.clock.now(),
        late: r.late || r.state === 'overdue' || k.clock.now() > r.due_at,
      },
    };
  });
}

/** The recipient accepts, or returns with comments (a new resubmission clock, `report.resubmitWorkingDays`). */
export function reviewReport(k: Kernel, actor: Actor, id: string, input: z.infer<typeof ReviewReportInput>) {
  return step(k, actor, id, () => {
    const returned = input.outcome === 'returned';
    const due = returned ? k.calendar.dueAt(k.clock.now(), k.profile.get<number>('report.resubmitWorkingDays')) : null;
    return {
      action: returned ? 'return' : 'accept',
      facts: { outcome: input.outcome, comments: input.comments ?? null },
      values: { review_comments: input.comments ?? null, ...(due ? { due_at: due } : {}) },
    };
  });
}

type Plan = { action: string; facts: unknown; values: Record<string, unknown> };
async function step(k: Kernel, actor: Actor, id: string, plan: (r: store.ReportRow) => Plan) {
  return k.db.transaction().execute(async (trx) => {
    const row = mustRead(await store.getReport(trx, id, true), actor, reportSubject, 'Report', id);
    const p = plan(row);
    await transition(trx, k.workflow, {
      lifecycle: reportLifecycle,
      action: p.action,
      actor,
      object: row,
      subject: reportSubject(row),
      facts: p.facts,
      values: p.values,
    });
    return (await store.getReport(trx, id))!;
  });
}

/**
 * REP-05 clock: the day after dueAt an unsubmitted report is overdue; `report.escalateAfterWorkingDays`
 * working days after that day the authority gets an escalation item. Nothing is terminated.
 */
export async function runReportClocks(k: Kernel) {
  const actor = systemActor('supervision.reports');
  const now = k.clock.now();
  const out = { overdue: 0, escalated: 0 };
  for (const r of await store.listReportsForClock(k.db, now)) {
    if (r.state !== 'overdue') {
      await clockStep(k, actor, r, 'overdue', { dueAt: r.due_at, now }, {});
      out.overdue++;
      continue;
    }
    if (!escalationDue(r.due_at, shanghaiDate(now), k.calendar, k.profile)) continue;
    await clockStep(k, actor, r, 'escalate', {}, { escalated_at: now });
    out.escalated++;
  }
  return out;
}

async function clockStep(
  k: Kernel,
  actor: Actor,
  r: store.ReportRow,
  action: string,
  facts: unknown,
  values: Record<string, unknown>,
) {
  await k.db.transaction().execute(async (trx) => {
    const row = await store.getReport(trx, r.id, true);
    if (!row || row.version !== r.version) return; // changed since listed: the next run sees it
    await transition(trx, k.workflow, {
      lifecycle: reportLifecycle,
      action,
      actor,
      object: row,
      subject: reportSubject(row),
      facts,
      values,
    });
  });
}
