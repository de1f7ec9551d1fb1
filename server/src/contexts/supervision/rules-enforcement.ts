import { addDays } from '../../kernel/calendar/calendar.js';
import type { Profile } from '../../kernel/profiles/index.js';
import { fail, pass, rule } from '../../kernel/workflow/rules.js';
import {
  AGREEMENT_TERMINATION_REASONS,
  LAB_TERMINATION_REASONS,
  type TerminationCascade,
  type TerminationTarget,
} from './model-enforcement.js';

/** supervision.md enforcement rules (issue 16 part A), each named by its ID. Pure: profile and dates passed in. */

// ---- Termination ----

export interface TerminationFacts {
  targetType: TerminationTarget;
  reasonCode: string;
  evidenceFileIds: string[];
  negotiationRecordFileId?: string | null;
}

/**
 * ENF-04: an OperationAgreement ends only on one of the nine coded reasons; every reason but the term's end or the
 * operator's withdrawal rests on evidence, and `delivery_failure_unresolved` on the negotiation record with the sector
 * regulator (002:L143–161).
 */
export const ENF_04 = rule('ENF-04', (f: TerminationFacts) => {
  if (f.targetType !== 'OperationAgreement') return pass();
  if (!(AGREEMENT_TERMINATION_REASONS as readonly string[]).includes(f.reasonCode))
    return fail('TERMINATION_REASON_INVALID', { reasonCode: f.reasonCode, allowed: 'ENF-04' }, 422);
  if (f.reasonCode !== 'expired_or_operator_withdrawal' && !f.evidenceFileIds.length)
    return fail('TERMINATION_EVIDENCE_REQUIRED', {}, 422);
  if (f.reasonCode === 'delivery_failure_unresolved' && !f.negotiationRecordFileId)
    return fail('NEGOTIATION_RECORD_REQUIRED', {}, 422);
  return pass();
});

/** ENF-05: a Lab ends only on one of the four lab codes (000:L51, L53, L60–61). */
export const ENF_05 = rule('ENF-05', (f: TerminationFacts) =>
  f.targetType !== 'Lab' || (LAB_TERMINATION_REASONS as readonly string[]).includes(f.reasonCode)
    ? pass()
    : fail('TERMINATION_REASON_INVALID', { reasonCode: f.reasonCode, allowed: 'ENF-05' }, 422),
);

/** What is still live after a termination took effect (empty when the wind-down is complete). */
export function windDownRemaining(c: TerminationCascade): string[] {
  return [
    ...c.collaborations
      .filter((x) => x.state !== 'terminated' && x.state !== 'ended')
      .map((x) => `collaboration:${x.id}`),
    ...c.grants
      .filter((x) => !['revoked', 'expired', 'lapsed', 'superseded'].includes(x.state))
      .map((x) => `grant:${x.id}`),
    ...c.workspaces.filter((x) => x.state !== 'destroyed').map((x) => `workspace:${x.workspaceId}`),
    ...c.destructionRecords.filter((x) => x.state !== 'verified').map((x) => `destruction_record:${x.id}`),
  ];
}

/**
 * ENF-06 (AUTH-26) and scenario 10: a terminated agreement is wound down only when every CollaborationAgreement under
 * it is terminated, every Grant has ended, every Workspace is destroyed and each DestructionRecord is verified.
 */
export const ENF_06 = rule('ENF-06', (f: { cascade: TerminationCascade }) => {
  const left = windDownRemaining(f.cascade);
  return left.length ? fail('TERMINATION_WIND_DOWN_INCOMPLETE', { remaining: left.join(', ') }, 409) : pass();
});

// ---- SupervisoryObjection ----

/** ENF-09: the answer is due N working days after filing (CAL-02). */
export function objectionDueAt(filedAt: Date, cal: { dueAt(start: Date, n: number): Date }, p: Profile): Date {
  return cal.dueAt(filedAt, p.get<number>('supervision.objectionWorkingDays'));
}

export interface ObjectionFiling {
  grounds: string;
  targetFound: boolean;
  targetIsFilers: boolean;
}
/** ENF-09 (002:L227): the subject of a supervisory decision objects to it, with its grounds. */
export const ENF_09_FILE = rule('ENF-09', (f: ObjectionFiling) => {
  if (!f.targetFound || !f.targetIsFilers) return fail('OBJECTION_TARGET_UNKNOWN', {}, 404);
  return f.grounds.trim().length >= 2 ? pass() : fail('OBJECTION_GROUNDS_REQUIRED', {}, 422);
});

/** ENF-09: a decision names its outcome with a reason. */
export const ENF_09_DECIDE = rule('ENF-09', (f: { reason: string }) =>
  f.reason.trim().length >= 2 ? pass() : fail('OBJECTION_REASON_REQUIRED', {}, 422),
);

// ---- Emergency drills ----

export interface DrillDuty {
  reminders: string[];
  overdue: boolean;
  findingQuarter: string | null;
}

/** The quarter a civil date falls in, as `YYYY-Qn`. */
export const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * INC-07 (AUTH-31): a filed plan is drilled by its due date (12 months from filing or the last drill, authorization's
 * `nextDrillDue`); reminders `emergency.drillReminderDays` days before it; from the day after, the drill is overdue
 * and a finding in the quarterly assessment of that day (scenario 7: due 2027-01-20 → reminders 2026-11-21 and
 * 2026-12-21, overdue from 2027-01-21, finding in 2027-Q1). Calendar days: a drill interval is not a filing deadline.
 */
export function drillDuty(nextDrillDue: string | null, today: string, p: Profile): DrillDuty {
  if (!nextDrillDue) return { reminders: [], overdue: false, findingQuarter: null };
  const reminders = p.get<number[]>('emergency.drillReminderDays').map((d) => addDays(nextDrillDue, -d));
  const overdue = today > nextDrillDue;
  return { reminders, overdue, findingQuarter: overdue ? quarterOf(addDays(nextDrillDue, 1)) : null };
}
