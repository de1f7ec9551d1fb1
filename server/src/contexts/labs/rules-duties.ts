import { addDays, addMonths } from '../../kernel/calendar/calendar.js';
import type { Profile } from '../../kernel/profiles/index.js';
import { fail, pass, rule } from '../../kernel/workflow/rules.js';
import type { DutyEvidence, DutyKind, DutyState, DutyView } from './model-duties.js';

/**
 * labs.md duties while active (LAB-14…LAB-18), as pure functions of dated facts (decision 0085). Each rule answers
 * pass/fail for a period that is over; `dutyState` says ok/due/overdue for the lab's duty view. All dates are
 * YYYY-MM-DD in Asia/Shanghai; a period's last day still counts (labs.md "Deadlines and clocks").
 */

const short = (code: string, params: Record<string, unknown>) => fail(code, params, 422);

/** ok when met; otherwise due until `dueOn` has passed, then overdue. */
export function dutyState(met: boolean, dueOn: string | null, today: string): DutyState {
  if (met) return 'ok';
  return dueOn !== null && today > dueOn ? 'overdue' : 'due';
}

interface Counted {
  period: { from: string; to: string };
  expected: number;
  actual: number;
}

/** LAB-14: at least `lab.minCompliantProducts` lab products passed ComplianceReview in the co-construction period. */
export const LAB_14 = rule<{ passedOn: string[]; period: { from: string; to: string } }>('LAB-14', (f, p) => {
  const min = p.get<number>('lab.minCompliantProducts');
  const n = f.passedOn.filter((d) => d >= f.period.from && d <= f.period.to).length;
  return n >= min ? pass() : short('LAB_PRODUCTS_SHORT', { expected: min, actual: n, ...f.period });
});

/** LAB-15: at least `lab.minTrainingsPerYear` data-security trainings in the calendar year (first year: from certification). */
export const LAB_15 = rule<{ heldOn: string[]; period: { from: string; to: string } }>('LAB-15', (f, p) => {
  const min = p.get<number>('lab.minTrainingsPerYear');
  const n = f.heldOn.filter((d) => d >= f.period.from && d <= f.period.to).length;
  return n >= min ? pass() : short('LAB_TRAININGS_SHORT', { expected: min, actual: n, year: f.period.to.slice(0, 4) });
});

/** LAB-16: the security policy was (re-)approved within `lab.securityPolicyMaxAgeMonths` before `today`. */
export const LAB_16 = rule<{ approvedAt: string; today: string }>('LAB-16', (f, p) => {
  const dueOn = policyDueOn(f.approvedAt, p);
  return f.today <= dueOn ? pass() : short('LAB_POLICY_OVERDUE', { approvedAt: f.approvedAt, dueOn });
});

/** LAB-17: the quarter's usage report was submitted (on time or late, `late` says which). */
export const LAB_17 = rule<{ reportState: string }>('LAB-17', (f) =>
  SUBMITTED.includes(f.reportState) ? pass() : short('LAB_REPORT_MISSING', { state: f.reportState }),
);
const SUBMITTED = ['submitted', 'accepted', 'returned'];

/** LAB-18: a data problem is reported within `lab.issueReportHours` of its discovery. */
export const LAB_18 = rule<{ discoveredAt: Date; reportedAt: Date }>('LAB-18', (f, p) => {
  const hours = p.get<number>('lab.issueReportHours');
  const late = f.reportedAt.getTime() - f.discoveredAt.getTime() > hours * 3_600_000;
  return late ? short('LAB_ISSUE_REPORTED_LATE', { hours }) : pass();
});

/** LAB-16's due date: approvedAt + N months (a month period ends on the same day, clamped to the month's end). */
export const policyDueOn = (approvedAt: string, p: Profile) =>
  addMonths(approvedAt, p.get<number>('lab.securityPolicyMaxAgeMonths'));

/** LAB-15 periods: calendar years from the certification year to today's (the first starts at certifiedAt). */
export function trainingYears(certifiedAt: string, lastDay: string, today: string): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  const end = today < lastDay ? today : lastDay;
  for (let y = Number(certifiedAt.slice(0, 4)); y <= Number(end.slice(0, 4)); y++) {
    const from = y === Number(certifiedAt.slice(0, 4)) ? certifiedAt : `${y}-01-01`;
    out.push({ from, to: `${y}-12-31` < lastDay ? `${y}-12-31` : lastDay });
  }
  return out;
}

/** LAB-17 periods: calendar quarters from certification, the ones that started by today (the first is partial). */
export function usageQuarters(certifiedAt: string, lastDay: string, today: string): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  let y = Number(certifiedAt.slice(0, 4));
  let q0 = Math.floor((Number(certifiedAt.slice(5, 7)) - 1) / 3) * 3;
  for (;;) {
    const start = `${y}-${String(q0 + 1).padStart(2, '0')}-01`;
    const from = start < certifiedAt ? certifiedAt : start;
    if (from > today || from > lastDay) return out;
    const qEnd = addDays(addMonths(start, 3), -1);
    out.push({ from, to: qEnd > lastDay ? lastDay : qEnd });
    q0 += 3;
    if (q0 >= 12) [y, q0] = [y + 1, 0];
  }
}

/** LAB-15: the 30 Sep warning when no training is recorded yet in the year. */
export const trainingWarning = (year: { from: string; to: string }, actual: number, today: string) =>
  actual === 0 && today >= `${year.to.slice(0, 4)}-09-30` && today <= year.to ? 'LAB_TRAINING_NONE_BY_SEP30' : null;

/** One duty row for a counted period: the rule decides met/unmet, the due date decides due/overdue. */
export function countedDuty(
  kind: DutyKind,
  ruleId: string,
  c: Counted,
  dueOn: string,
  today: string,
  evidence: DutyEvidence[],
  warning: string | null = null,
): DutyView {
  const met = c.actual >= c.expected;
  return {
    key: `${kind}:${c.period.from}`,
    kind,
    ruleId,
    period: c.period,
    dueOn,
    state: dutyState(met, dueOn, today),
    expected: c.expected,
    actual: c.actual,
    shortfall: Math.max(0, c.expected - c.actual),
    warning: met ? null : warning,
    evidence,
  };
}
