import type { WorkingCalendar } from '../../kernel/calendar/calendar.js';
import { addDays, addMonths, shanghaiDate } from '../../kernel/calendar/calendar.js';
import type { Profile } from '../../kernel/profiles/index.js';
import { fail, pass, rule } from '../../kernel/workflow/rules.js';
import type {
  Correction,
  DimensionScores,
  Draft,
  EvaluationAction,
  Notification,
  ReportKind,
  Severity,
} from './model.js';

/** supervision.md rules, each named by its ID. Pure: the calendar and profile are passed in. */

// ---- Reports ----

/** REP-01 + CAL-02: due at 23:59:59 Asia/Shanghai on the Nth working day after the period's last day. */
export function reportDueAt(kind: ReportKind, periodTo: string, cal: WorkingCalendar, p: Profile) {
  const days = p.get<Record<ReportKind, number>>('report.dueWorkingDays')[kind];
  const due = cal.dueAt(new Date(`${periodTo}T12:00:00+08:00`), days);
  // CAL-05: a due date computed on a year without official data is flagged provisional.
  return { dueAt: due, provisional: cal.isProvisional(Number(shanghaiDate(due).slice(0, 4))) };
}

export interface PeriodFacts {
  periodTo: string;
  today: string;
}
/** REP-02: a report is drafted only once its period is over ("报告期尚未结束"). */
export const REP_02 = rule('REP-02', (f: PeriodFacts) =>
  f.today > f.periodTo ? pass() : fail('REPORT_PERIOD_NOT_OVER', { periodTo: f.periodTo }, 422),
);

export interface SubmitFacts {
  sealRef: string | null;
  signedBy: string | null;
  draft: Draft | null;
  corrections: { key: string; reportedValue: number; reason?: string }[];
}
/** REP-03: signature and e-seal of the subject org; a changed figure needs a reason. */
export const REP_03 = rule('REP-03', (f: SubmitFacts) => {
  if (!f.sealRef || !f.signedBy) return fail('REPORT_SEAL_REQUIRED', {}, 422);
  const keys = new Set((f.draft?.figures ?? []).map((x) => x.key));
  const unknown = f.corrections.find((c) => !keys.has(c.key));
  if (unknown) return fail('REPORT_FIGURE_UNKNOWN', { key: unknown.key }, 422);
  const bare = f.corrections.find((c) => !c.reason?.trim());
  return bare ? fail('CORRECTION_REASON_REQUIRED', { key: bare.key }, 422) : pass();
});

/** REP-03: every override keeps the computed value beside the reported one. */
export function correctionsOf(draft: Draft | null, cs: SubmitFacts['corrections']): Correction[] {
  const byKey = new Map((draft?.figures ?? []).map((x) => [x.key, x.value]));
  return cs.map((c) => ({
    key: c.key,
    computedValue: byKey.get(c.key) ?? 0,
    reportedValue: c.reportedValue,
    reason: c.reason ?? '',
  }));
}

export interface ReviewFacts {
  outcome: 'accepted' | 'returned';
  comments: string | null;
}
/** Report lifecycle guard: returning a report needs comments. */
export const REP_RETURN = rule('REP-03', (f: ReviewFacts) =>
  f.outcome === 'returned' && !f.comments?.trim() ? fail('RETURN_COMMENTS_REQUIRED', {}, 422) : pass(),
);

export interface OverdueFacts {
  dueAt: Date;
  now: Date;
}
/** REP-05: the day after dueAt the report is overdue. */
export const REP_05 = rule('REP-05', (f: OverdueFacts) =>
  f.now > f.dueAt ? pass() : fail('REPORT_NOT_DUE', { dueAt: f.dueAt.toISOString() }),
);

/** REP-05: the authority's escalation item appears N working days after the day the report became overdue. */
export function escalationDue(dueAt: Date, today: string, cal: WorkingCalendar, p: Profile): boolean {
  const overdueDay = addDays(shanghaiDate(dueAt), 1);
  return cal.workingDaysBetween(overdueDay, today) >= p.get<number>('report.escalateAfterWorkingDays');
}

// ---- Incidents ----

export interface IncidentFacts {
  discoveredAt: Date;
  reportedAt: Date;
}
/** INC-01 ("Bad input"): discoveredAt may be neither in the future nor after reportedAt. */
export const INC_01 = rule('INC-01', (f: IncidentFacts) =>
  f.discoveredAt > f.reportedAt
    ? fail('INCIDENT_DISCOVERED_AFTER_REPORT', { discoveredAt: f.discoveredAt.toISOString() }, 422)
    : pass(),
);

export interface ReclassifyFacts {
  byAuthority: boolean;
  from: Severity;
  to: Severity;
}
const RANK: Record<Severity, number> = { general: 0, relatively_major: 1, major: 2, especially_major: 3 };
/** INC "Bad input": the reporter may raise but never lower a severity; only the authority reclassifies down. */
export const INC_RECLASSIFY = rule('INC-01', (f: ReclassifyFacts) =>
  f.byAuthority || RANK[f.to] >= RANK[f.from] ? pass() : fail('SEVERITY_LOWERING_FORBIDDEN', {}, 403),
);

export interface NotifyFacts {
  reporterActor: 'source_unit' | 'operator' | 'collaborator' | 'lab_partner' | 'other';
  severity: Severity;
  cii: boolean;
  centralOrgan: boolean;
  personalData: boolean;
  discoveredAt: Date;
}

const at = (t: Date, minutes: number) => new Date(t.getTime() + minutes * 60_000).toISOString();
const task = (recipient: string, dueAt: string): Notification => ({
  recipient,
  dueAt,
  sentAt: null,
  channel: null,
  refNo: null,
});

/** INC-04 + INC-05 (CAL-04: hour clocks run through nights and holidays, counted from discoveredAt). */
export function notificationMatrix(f: NotifyFacts, p: Profile): Notification[] {
  const first = at(f.discoveredAt, p.get<number>('incident.initialNoticeMinutes'));
  const base: Record<NotifyFacts['reporterActor'], string[]> = {
    source_unit: ['authority', 'district_cyberspace_office', 'state_security'],
    operator: ['authority'],
    collaborator: ['authority'],
    lab_partner: ['lab_initiator', 'authority'],
    other: ['authority'],
  };
  const recipients = [...base[f.reporterActor]];
  if (p.id === 'shenzhen' || p.id === 'luohu')
    recipients.push('city_cyberspace_office', 'police', 'sector_regulator', 'rights_holders');
  if (p.id === 'hainan' && f.personalData) recipients.push('affected_users');
  const tasks = recipients.map((r) => task(r, first));
  if (RANK[f.severity] >= RANK.relatively_major) tasks.push(...externalTasks(f, p));
  return tasks;
}

/** INC-05: relatively_major or above adds the external report with its hour deadline. */
function externalTasks(f: NotifyFacts, p: Profile): Notification[] {
  const h = p.get<{ cii: number; central: number; other: number }>('incident.externalDeadlineHours');
  if (f.cii)
    return [
      task('cii_protection_department', at(f.discoveredAt, h.cii * 60)),
      task('police', at(f.discoveredAt, h.cii * 60)),
    ];
  if (f.centralOrgan) return [task('own_cyberspace_unit', at(f.discoveredAt, h.central * 60))];
  return [task('provincial_cyberspace_office', at(f.discoveredAt, h.other * 60))];
}

export interface CloseFacts {
  notifications: Notification[];
}
/** INC-06 / "Bad input": an incident does not close while notifications are unsent (lists them). */
export const INC_06_CLOSE = rule('INC-06', (f: CloseFacts) => {
  const missing = f.notifications.filter((n) => !n.sentAt).map((n) => n.recipient);
  return missing.length ? fail('NOTIFICATIONS_UNSENT', { recipients: missing.join(', ') }, 409) : pass();
});

// ---- Evaluations ----

/** EVA-01: the four dimensions' weights sum to 100 (an IndicatorSet that does not is refused). */
export const EVA_01 = rule('EVA-01', (_f: unknown, p: Profile) => {
  const w = p.get<Record<string, number>>('evaluation.weights');
  const sum = Object.values(w).reduce((a, b) => a + b, 0);
  return sum === 100 ? pass() : fail('WEIGHTS_NOT_100', { total: sum }, 422);
});

/** EVA-01: the weighted total, rounded to an integer (scores are whole points). */
export function weightedTotal(s: DimensionScores, p: Profile): number {
  const w = p.get<Record<keyof DimensionScores, number>>('evaluation.weights');
  const sum = (Object.keys(w) as (keyof DimensionScores)[]).reduce((a, d) => a + s[d] * w[d], 0);
  return Math.round(sum / 100);
}

export type OperatorResult = 'excellent' | 'good' | 'pass' | 'fail';
/** EVA-03: ≥90 excellent, ≥80 good, ≥60 pass, else fail. */
export function resultOf(total: number, p: Profile): OperatorResult {
  const [ex, good, ok] = p.get<[number, number, number]>('evaluation.bands');
  return total >= ex ? 'excellent' : total >= good ? 'good' : total >= ok ? 'pass' : 'fail';
}

export interface ActionFacts {
  result: OperatorResult;
  actions: EvaluationAction[];
}
/** EVA-04 / ENF-04: a failed evaluation may carry propose_termination (evaluation_failed) or rectify; a passed one may not, nor can a failed one be renewal_eligible. */
export const EVA_04 = rule('EVA-04', (f: ActionFacts) => {
  const failed = f.result === 'fail';
  const bad = f.actions.find((a) =>
    failed ? a === 'renewal_eligible' || a === 'accept' : a === 'propose_termination',
  );
  return bad ? fail('EVALUATION_ACTION_NOT_ALLOWED', { action: bad, result: f.result }, 422) : pass();
});

/** The actions the authority may attach given the result (scenario 8: propose_termination only after a fail). */
export function availableActions(result: OperatorResult): EvaluationAction[] {
  return result === 'fail'
    ? ['renewal_ineligible', 'scope_reduce', 'rectify', 'propose_termination']
    : ['accept', 'renewal_eligible', 'renewal_ineligible', 'scope_expand', 'scope_reduce', 'rectify'];
}

// ---- Rectification ----

/** ENF-02 + CAL-03: the default deadline is `rectification.defaultDays` calendar days; a rest-day end moves on. */
export function rectificationDeadline(today: string, cal: WorkingCalendar, p: Profile, asked?: string): string {
  let d = asked ?? addDays(today, p.get<number>('rectification.defaultDays'));
  while (!cal.isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

export interface OrderFacts {
  deadline: string;
  today: string;
}
/** ENF-01: an order carries a deadline after today. */
export const ENF_01 = rule('ENF-01', (f: OrderFacts) =>
  f.deadline > f.today ? pass() : fail('RECTIFICATION_DEADLINE_INVALID', { deadline: f.deadline }, 422),
);

export interface EvidenceFacts {
  items: { evidenceFileIds: string[] }[];
}
/** Rectification lifecycle guard: evidence for every item before submission. */
export const ENF_EVIDENCE = rule('ENF-02', (f: EvidenceFacts) => {
  const missing = f.items.findIndex((i) => i.evidenceFileIds.length === 0);
  return missing >= 0 ? fail('RECTIFICATION_EVIDENCE_REQUIRED', { item: missing + 1 }, 422) : pass();
});

export interface DecideFacts {
  outcome: 'accepted' | 'rejected';
  reasons: string[];
  itemCount: number;
}
/** Rectification lifecycle guard: a rejection gives a reason for every item. */
export const ENF_REJECT = rule('ENF-02', (f: DecideFacts) =>
  f.outcome === 'rejected' && (f.reasons.length !== f.itemCount || f.reasons.some((r) => !r.trim()))
    ? fail('REJECTION_REASONS_REQUIRED', { items: f.itemCount }, 422)
    : pass(),
);

export interface DeadlineFacts {
  deadline: string;
  today: string;
}
/** ENF-03: the day after the deadline an unfinished rectification is overdue. */
export const ENF_03 = rule('ENF-03', (f: DeadlineFacts) =>
  f.today > f.deadline ? pass() : fail('RECTIFICATION_NOT_DUE', { deadline: f.deadline }),
);

// ---- Credit records ----

export interface DetermineFacts {
  basisDecisionId: string | null;
}
/** CRD-03: a bad-faith determination needs its basis decision attached. */
export const CRD_03_DETERMINE = rule('CRD-03', (f: DetermineFacts) =>
  f.basisDecisionId?.trim() ? pass() : fail('CREDIT_BASIS_REQUIRED', {}, 422),
);

export interface RepairFacts {
  publicFrom: string | null;
  today: string;
}
/** CRD-03: repair only after `credit.minPublicMonths` months of publication. */
export const CRD_03_REPAIR = rule('CRD-03', (f: RepairFacts, p: Profile) => {
  const earliest = f.publicFrom ? addMonths(f.publicFrom, p.get<number>('credit.minPublicMonths')) : null;
  return earliest && f.today >= earliest ? pass() : fail('CREDIT_REPAIR_TOO_EARLY', { earliest: earliest ?? '' }, 409);
});

export interface CreditEnabledFacts {
  enabled?: boolean;
}
/** CRD-01: the credit file exists where the profile enables it. */
export const CRD_01 = rule('CRD-01', (_f: CreditEnabledFacts, p: Profile) =>
  p.get<boolean>('credit.enabled') ? pass() : fail('CREDIT_DISABLED', {}, 409),
);

// ---- Bans ----

export interface BanFacts {
  state: string;
  startsOn: string;
  endsOn: string;
  today: string;
}
/** ENF-07: an active Ban blocks from its first day through endsOn (a validity period, never moved: CAL-03). */
export const ENF_07 = rule('ENF-07', (f: BanFacts) =>
  f.state === 'active' && f.startsOn <= f.today && f.today <= f.endsOn
    ? fail('BANNED', { until: f.endsOn }, 403)
    : pass(),
);

export interface BanPeriodFacts {
  startsOn: string;
  endsOn: string;
}
/** Ban lifecycle guard: the period ends on or after its start. */
export const BAN_PERIOD = rule('ENF-07', (f: BanPeriodFacts) =>
  f.endsOn >= f.startsOn ? pass() : fail('BAN_PERIOD_INVALID', {}, 422),
);
