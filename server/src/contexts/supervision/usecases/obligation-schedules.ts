import { signedAgreementObligations, type SignedAgreementObligations } from '../../authorization/service.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Tx } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { type Actor, systemActor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { reportLifecycle } from '../lifecycle.js';
import type { ReportKind } from '../model.js';
import { reportDueAt } from '../rules.js';
import * as store from '../store.js';
import { today } from './common.js';

/**
 * AUTH-27 → REP-01: the obligations an OperationAgreement recorded at signing become Report schedules. Each
 * obligation's periods are scheduled as they start (calendar-aligned: Jan–Jun/Jul–Dec for 6 months, quarters for 3),
 * the first one from the agreement's validFrom, the last clipped to its term. `obligation_ref` + `period_from` is
 * unique (migration 0097), so a second run schedules nothing new.
 */

/** The report kind each recorded obligation names; assessments and drills are scheduled elsewhere. */
const KIND_OF_OBLIGATION: Record<string, ReportKind> = {
  security_report: 'operator_security_semiannual',
  operating_report: 'operator_operating_periodic',
};

export type Period = { from: string; to: string };
export interface PlannedReport {
  obligationRef: string;
  kind: ReportKind;
  subjectOrgId: string;
  authorityOrgId: string;
  jurisdictionId: string;
  jurisdictionPath: string[];
  period: Period;
}

const lastDayOf = (year: number, month0: number) => new Date(Date.UTC(year, month0 + 1, 0)).toISOString().slice(0, 10);
const firstDayOf = (year: number, month0: number) => new Date(Date.UTC(year, month0, 1)).toISOString().slice(0, 10);

/** Periods of `everyMonths` that have started by `asOf`, from `from` to the end of the term (pure). */
export function obligationPeriods(from: string, everyMonths: number, asOf: string, validTo: string | null): Period[] {
  // A cadence that does not divide the year has no calendar-aligned periods: nothing to schedule.
  if (!Number.isInteger(everyMonths) || everyMonths <= 0 || 12 % everyMonths !== 0) return [];
  const out: Period[] = [];
  let year = Number(from.slice(0, 4));
  let month0 = Math.floor((Number(from.slice(5, 7)) - 1) / everyMonths) * everyMonths;
  for (;;) {
    const blockStart = firstDayOf(year, month0);
    const start = blockStart < from ? from : blockStart;
    if (start > asOf || (validTo !== null && start > validTo)) return out;
    const end = lastDayOf(year, month0 + everyMonths - 1);
    out.push({ from: start, to: validTo !== null && end > validTo ? validTo : end });
    month0 += everyMonths;
    if (month0 >= 12) [year, month0] = [year + 1, month0 - 12];
  }
}

/** The reports one signed agreement owes by `asOf`: always for its own operator, to its own authority (pure). */
export function plannedReports(a: SignedAgreementObligations, asOf: string): PlannedReport[] {
  return a.obligations.flatMap((o) => {
    const kind = KIND_OF_OBLIGATION[o.code];
    if (!kind) return [];
    return obligationPeriods(o.from, o.everyMonths, asOf, a.validTo).map((period) => ({
      obligationRef: `${a.agreementId}:${o.code}`,
      kind,
      subjectOrgId: a.operatorOrgId,
      authorityOrgId: a.authorityOrgId,
      jurisdictionId: a.jurisdictionId,
      jurisdictionPath: a.jurisdictionPath,
      period,
    }));
  });
}

/** Clock step: schedules every started obligation period not yet scheduled; idempotent. */
export async function runObligationSchedules(k: Kernel) {
  const asOf = today(k);
  let scheduled = 0;
  for (const a of await signedAgreementObligations(k.db)) {
    scheduled += await scheduleAgreement(k, plannedReports(a, asOf));
  }
  return { scheduled };
}

async function scheduleAgreement(k: Kernel, planned: PlannedReport[]) {
  if (planned.length === 0) return 0;
  const actor = systemActor('supervision.obligations');
  return k.db.transaction().execute(async (trx) => {
    let n = 0;
    const done = new Map<string, Set<string>>();
    for (const p of planned) {
      if (!done.has(p.obligationRef)) {
        done.set(p.obligationRef, new Set(await store.scheduledObligationPeriods(trx, p.obligationRef)));
      }
      if (done.get(p.obligationRef)!.has(p.period.from)) continue;
      await scheduleReportPeriod(trx, k, actor, {
        kind: p.kind,
        subjectOrgId: p.subjectOrgId,
        recipientOrgIds: [p.authorityOrgId],
        jurisdictionId: p.jurisdictionId,
        jurisdictionPath: p.jurisdictionPath,
        period: p.period,
        obligationRef: p.obligationRef,
      });
      n++;
    }
    return n;
  });
}

/** One scheduled period of a reporting obligation: a Report in `scheduled` with its working-day due date. */
export interface ScheduledPeriod {
  kind: ReportKind;
  subjectOrgId: string;
  recipientOrgIds: string[];
  jurisdictionId: string;
  jurisdictionPath: string[];
  period: { from: string; to: string };
  obligationRef: string;
}

/** Schedules one period (AUTH-27 obligations and labs' LAB-17 reports alike) through the Report lifecycle. */
export async function scheduleReportPeriod(trx: Tx, k: Kernel, actor: Actor, p: ScheduledPeriod) {
  const { dueAt, provisional } = reportDueAt(p.kind, p.period.to, k.calendar, k.profile);
  const id = uuidv7();
  await transition(trx, k.workflow, {
    lifecycle: reportLifecycle,
    action: 'schedule',
    actor,
    object: null,
    subject: {
      type: 'Report',
      id,
      ownerOrgId: p.subjectOrgId,
      jurisdictionId: p.jurisdictionId,
      jurisdictionPath: p.jurisdictionPath,
    },
    input: { kind: p.kind, subjectOrgId: p.subjectOrgId, period: p.period, obligationRef: p.obligationRef },
    values: {
      id,
      kind: p.kind,
      subject_org_id: p.subjectOrgId,
      to_org_ids: JSON.stringify(p.recipientOrgIds),
      jurisdiction_id: p.jurisdictionId,
      jurisdiction_path: JSON.stringify(p.jurisdictionPath),
      period_from: p.period.from,
      period_to: p.period.to,
      due_at: dueAt,
      provisional,
      obligation_ref: p.obligationRef,
    },
  });
  return id;
}
