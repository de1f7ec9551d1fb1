import { addYears } from '../../kernel/calendar/calendar.js';
import type { Profile } from '../../kernel/profiles/index.js';
import { fail, pass, rule } from '../../kernel/workflow/rules.js';
import type { IndicatorScore, Misconduct } from './model-endings.js';
import type { Indicator } from './model.js';

/** labs.md evaluation and exit rules (LAB-20, LAB-22…LAB-26), pure. Refusals are 422 (issue 18). */
const refuse = (code: string, params: Record<string, unknown> = {}) => fail(code, params, 422);

export interface CommissionFacts {
  evaluatorOrgId: string;
  initiatorOrgId: string;
  partnerOrgId: string;
  /** The evaluator org holds the `evaluator` actor role (a third party the authority may commission). */
  evaluatorIsEvaluator: boolean;
  /** It declared a conflict on this lab before (labs.md: never evaluates such a lab). */
  declaredConflictBefore: boolean;
}

/**
 * LAB-22: the evaluator is a third party — an `evaluator` organization that is neither the initiator nor the partner
 * and has not declared a conflict on this lab (000:L58–59; labs.md evaluator "may never").
 */
export const LAB_22_EVALUATOR = rule('LAB-22', (f: CommissionFacts) => {
  if (!f.evaluatorIsEvaluator) return refuse('LAB_EVALUATOR_NOT_THIRD_PARTY', { orgId: f.evaluatorOrgId });
  if (f.evaluatorOrgId === f.initiatorOrgId || f.evaluatorOrgId === f.partnerOrgId || f.declaredConflictBefore)
    return refuse('LAB_EVALUATOR_CONFLICT', { orgId: f.evaluatorOrgId });
  return pass();
});

/** LAB-22: the authority commissions the evaluation together with the initiator — no work before it concurs. */
export const LAB_22_JOINT = rule('LAB-22', (f: { initiatorConcurred: boolean }) =>
  f.initiatorConcurred ? pass() : refuse('LAB_EVALUATION_NOT_CONCURRED'),
);

/** LAB-22: only an evaluation of an evaluable lab (certified and still running) is commissioned. */
export const LAB_22_LAB = rule('LAB-22', (f: { labState: string }) =>
  ['active', 'rectifying'].includes(f.labState) ? pass() : refuse('LAB_NOT_EVALUABLE', { state: f.labState }),
);

/** LAB-22: every indicator of the evaluation's set is scored exactly once; none unknown. */
export const LAB_22_SCORES = rule('LAB-22', (f: { indicators: Indicator[]; scores: IndicatorScore[] }) => {
  const codes = f.indicators.map((i) => i.code);
  const unknown = f.scores.find((s) => !codes.includes(s.indicatorCode));
  if (unknown) return refuse('LAB_INDICATOR_UNKNOWN', { code: unknown.indicatorCode });
  const twice = f.scores.find((s, n) => f.scores.findIndex((x) => x.indicatorCode === s.indicatorCode) !== n);
  if (twice) return refuse('LAB_INDICATOR_TWICE', { code: twice.indicatorCode });
  const missing = codes.filter((c) => !f.scores.some((s) => s.indicatorCode === c));
  return missing.length ? refuse('LAB_INDICATORS_UNSCORED', { codes: missing.join(', ') }) : pass();
});

/**
 * LAB-22 / LAB-25: the total is the weighted mean of the indicator scores (whole points); the result is `pass` at
 * `evaluation.lab.passScore` (EVA-05), and `fail` whatever the scores when refusal, obstruction, evasion or fraud
 * was found (LAB-25, 000:L61).
 */
export function evaluationResult(
  indicators: Indicator[],
  scores: IndicatorScore[],
  misconduct: Misconduct[],
  p: Profile,
): { total: number; result: 'pass' | 'fail' } {
  const weight = indicators.reduce((a, i) => a + i.weight, 0);
  const sum = indicators.reduce(
    (a, i) => a + i.weight * (scores.find((s) => s.indicatorCode === i.code)?.score ?? 0),
    0,
  );
  const total = weight > 0 ? Math.round(sum / weight) : 0;
  const passes = !misconduct.length && total >= p.get<number>('evaluation.lab.passScore');
  return { total, result: passes ? 'pass' : 'fail' };
}

/** LAB-26: only an evaluation that found LAB-25 misconduct may be marked serious. */
export const LAB_26_SERIOUS = rule('LAB-26', (f: { misconduct: Misconduct[] }) =>
  f.misconduct.length ? pass() : refuse('LAB_NO_MISCONDUCT'),
);

/** LAB-23: a failed evaluation of this lab, concluded, orders the rectification. */
export const LAB_23_ORDER = rule(
  'LAB-23',
  (f: { evaluation: { labMatches: boolean; result: string | null } | null }) =>
    f.evaluation?.labMatches && f.evaluation.result === 'fail' ? pass() : refuse('LAB_EVALUATION_NOT_FAILED'),
);

/** LAB-23: the lab returns to `active` only once its rectification is accepted by the party that ordered it. */
export const LAB_23_ACCEPTED = rule('LAB-23', (f: { rectificationState: string | null }) =>
  f.rectificationState === 'accepted'
    ? pass()
    : refuse('LAB_RECTIFICATION_NOT_ACCEPTED', { state: f.rectificationState ?? '' }),
);

/** Rectification states that still fail after the deadline (supervision.md: overdue, escalated; or rejected). */
const STILL_FAILING = ['overdue', 'escalated', 'rejected', 'ordered', 'submitted'];

/**
 * LAB-23: the initiator terminates the agreement only when the rectification still fails after its deadline
 * (not accepted, and the deadline has passed).
 */
export const LAB_23_TERMINATE = rule(
  'LAB-23',
  (f: { rectificationState: string | null; deadline: string | null; today: string }) => {
    if (!f.rectificationState || !f.deadline) return refuse('LAB_RECTIFICATION_NOT_ACCEPTED', { state: '' });
    if (f.rectificationState === 'accepted') return refuse('LAB_RECTIFICATION_ACCEPTED');
    const failing = STILL_FAILING.includes(f.rectificationState) && f.today > f.deadline;
    return failing ? pass() : refuse('LAB_RECTIFICATION_RUNNING', { deadline: f.deadline });
  },
);

/** Ban length in years and the day it counts from (LAB-24: the decision; LAB-26: the agreement's termination). */
export interface BanFacts {
  decidedOn: string;
  terminatedOn: string | null;
  serious: boolean;
}
/**
 * LAB-24 / LAB-26: a ban runs `lab.banYearsAfterRevocation` years from the decision, or, in a serious case of
 * LAB-25, `lab.banYearsSeriousMisconduct` years from the agreement's termination. The last banned day is the same
 * date N years later (labs.md "Bans"; 29 Feb → 28 Feb).
 */
export function partnerBan(f: BanFacts, p: Profile): { ruleId: 'LAB-24' | 'LAB-26'; startsOn: string; endsOn: string } {
  if (f.serious) {
    const from = f.terminatedOn ?? f.decidedOn;
    return { ruleId: 'LAB-26', startsOn: from, endsOn: addYears(from, p.get<number>('lab.banYearsSeriousMisconduct')) };
  }
  return {
    ruleId: 'LAB-24',
    startsOn: f.decidedOn,
    endsOn: addYears(f.decidedOn, p.get<number>('lab.banYearsAfterRevocation')),
  };
}

// supervision.md SEVERITIES, highest first: relatively_major and above ground a delisting (LAB-20).
const DELISTING_SEVERITIES = ['especially_major', 'major', 'relatively_major'];
const DELISTING_RECTIFICATION_STATES = ['overdue', 'rejected', 'escalated'];

export interface DelistFacts {
  basis:
    | { kind: 'rectification'; found: boolean; ofLab: boolean; state: string | null }
    | { kind: 'incident'; found: boolean; ofLab: boolean; severity: string | null };
}
/**
 * LAB-20: the authority delists only on a recorded basis — a Rectification of the lab that is overdue or rejected
 * (escalated is overdue taken further), or an Incident of the lab of severity relatively_major or higher (000:L51).
 */
export const LAB_20 = rule('LAB-20', (f: DelistFacts) => {
  const b = f.basis;
  if (!b.found || !b.ofLab) return refuse('LAB_DELISTING_BASIS_MISSING', { kind: b.kind });
  if (b.kind === 'rectification')
    return b.state && DELISTING_RECTIFICATION_STATES.includes(b.state)
      ? pass()
      : refuse('LAB_DELISTING_BASIS_INSUFFICIENT', { kind: b.kind, value: b.state ?? '' });
  return b.severity && DELISTING_SEVERITIES.includes(b.severity)
    ? pass()
    : refuse('LAB_DELISTING_BASIS_INSUFFICIENT', { kind: b.kind, value: b.severity ?? '' });
});

/** Merge (000:L53): the successor is another live, certified lab. */
export const LAB_MERGE = rule('LAB-MERGE', (f: { selfId: string; successor: { id: string; state: string } | null }) =>
  f.successor && f.successor.id !== f.selfId && f.successor.state === 'active'
    ? pass()
    : refuse('LAB_SUCCESSOR_INVALID', { successorLabId: f.successor?.id ?? '' }),
);
