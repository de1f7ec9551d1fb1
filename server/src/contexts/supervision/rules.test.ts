import { describe, expect, it } from 'vitest';
import { addMonths, chinaCalendar, shanghaiDate, WorkingCalendar } from '../../kernel/calendar/calendar.js';
import { loadProfile } from '../../kernel/profiles/index.js';
import {
  CRD_03_DETERMINE,
  CRD_03_REPAIR,
  ENF_01,
  ENF_03,
  ENF_EVIDENCE,
  ENF_REJECT,
  rectificationDeadline,
  availableActions,
  EVA_01,
  EVA_04,
  escalationDue,
  INC_01,
  INC_06_CLOSE,
  INC_RECLASSIFY,
  notificationMatrix,
  REP_02,
  REP_03,
  REP_05,
  REP_RETURN,
  reportDueAt,
  resultOf,
  weightedTotal,
} from './rules.js';

const p = loadProfile('zhuhai');
const cal = chinaCalendar();
const draft = { figures: [{ key: 'jobs', value: 412, queryId: 'sandbox.jobs', checkpointSize: 1000 }], narrative: '' };

describe('REP-01 / CAL-02 due dates on the working-day calendar', () => {
  it('scenario 1: Q3 2026 operating report (10 WD) is due 2026-10-20 23:59:59 Shanghai — skips 1–7 Oct, counts Sat 10 Oct', () => {
    const { dueAt, provisional } = reportDueAt('operator_operating_periodic', '2026-09-30', cal, p);
    expect(dueAt.toISOString()).toBe('2026-10-20T15:59:59.999Z');
    expect(provisional).toBe(false);
  });
  it('H1 security report (15 WD) is due later than a plain 10-WD report over the same period end', () => {
    const sec = reportDueAt('operator_security_semiannual', '2026-06-30', cal, p).dueAt;
    expect(shanghaiDate(sec)).toBe('2026-07-21'); // scenario 4's due date
  });
  it('scenario 2: 15 working days from 2026-02-10 is 2026-03-09 (counts Sat 14 and 28 Feb, skips 15–23 Feb)', () => {
    expect(cal.addWorkingDays('2026-02-10', p.get<number>('supervision.objectionWorkingDays'))).toBe('2026-03-09');
  });
  it('scenario 13 / CAL-05: a clock ending in a year with no calendar is flagged provisional', () => {
    const c = new WorkingCalendar({ years: { '2027': { holidays: [], workdays: [] } } });
    expect(reportDueAt('operator_operating_periodic', '2027-12-31', c, p).provisional).toBe(true);
    expect(reportDueAt('operator_operating_periodic', '2027-09-30', c, p).provisional).toBe(false);
  });
});

describe('REP-02 a draft only after the period ends', () => {
  it('refuses on the last day of the period (报告期尚未结束), passes the day after', () => {
    expect(REP_02.check({ periodTo: '2026-06-30', today: '2026-06-30' }, p)).toMatchObject({
      ok: false,
      code: 'REPORT_PERIOD_NOT_OVER',
    });
    expect(REP_02.check({ periodTo: '2026-06-30', today: '2026-07-01' }, p).ok).toBe(true);
  });
});

describe('REP-03 signature, e-seal and reasons for changed figures', () => {
  const ok = { sealRef: 'seal-1', signedBy: 'u1', draft, corrections: [] };
  it('passes a sealed, signed submission', () => expect(REP_03.check(ok, p).ok).toBe(true));
  it('refuses without an e-seal', () =>
    expect(REP_03.check({ ...ok, sealRef: null }, p)).toMatchObject({ code: 'REPORT_SEAL_REQUIRED' }));
  it('scenario 3: changing "jobs" to 400 without a reason is refused; with one it passes', () => {
    expect(REP_03.check({ ...ok, corrections: [{ key: 'jobs', reportedValue: 400 }] }, p)).toMatchObject({
      code: 'CORRECTION_REASON_REQUIRED',
    });
    expect(
      REP_03.check({ ...ok, corrections: [{ key: 'jobs', reportedValue: 400, reason: '12 个测试作业' }] }, p).ok,
    ).toBe(true);
  });
  it('refuses a correction of a figure the draft does not have', () =>
    expect(REP_03.check({ ...ok, corrections: [{ key: 'x', reportedValue: 1, reason: 'r' }] }, p)).toMatchObject({
      code: 'REPORT_FIGURE_UNKNOWN',
    }));
  it('returning needs comments', () => {
    expect(REP_RETURN.check({ outcome: 'returned', comments: ' ' }, p).ok).toBe(false);
    expect(REP_RETURN.check({ outcome: 'returned', comments: '补充演练记录' }, p).ok).toBe(true);
  });
});

describe('REP-05 overdue and escalation', () => {
  const due = new Date('2026-07-21T15:59:59.999Z');
  it('not overdue on the due day, overdue the day after', () => {
    expect(REP_05.check({ dueAt: due, now: new Date('2026-07-21T10:00:00Z') }, p).ok).toBe(false);
    expect(REP_05.check({ dueAt: due, now: new Date('2026-07-21T16:00:00Z') }, p).ok).toBe(true);
  });
  it('scenario 4: escalation on 2026-07-29 (5 WD after the overdue day 07-22), not on 07-28', () => {
    expect(escalationDue(due, '2026-07-28', cal, p)).toBe(false);
    expect(escalationDue(due, '2026-07-29', cal, p)).toBe(true);
  });
});

describe('INC-01 timestamps and severity', () => {
  it('refuses discoveredAt after reportedAt', () => {
    const t = new Date('2026-10-02T01:20:00Z');
    expect(INC_01.check({ discoveredAt: new Date(t.getTime() + 1), reportedAt: t }, p).ok).toBe(false);
    expect(INC_01.check({ discoveredAt: new Date('2026-10-02T01:00:00Z'), reportedAt: t }, p).ok).toBe(true);
  });
  it('the reporter may not lower a severity; the authority may', () => {
    expect(INC_RECLASSIFY.check({ byAuthority: false, from: 'major', to: 'general' }, p).ok).toBe(false);
    expect(INC_RECLASSIFY.check({ byAuthority: false, from: 'general', to: 'major' }, p).ok).toBe(true);
    expect(INC_RECLASSIFY.check({ byAuthority: true, from: 'major', to: 'general' }, p).ok).toBe(true);
  });
});

describe('INC-04 / INC-05 notification matrix (hour clocks from discoveredAt, CAL-04)', () => {
  const base = {
    reporterActor: 'operator' as const,
    cii: false,
    centralOrgan: false,
    personalData: false,
    discoveredAt: new Date('2026-10-02T01:00:00Z'), // 09:00 Shanghai, National Day
  };
  it('scenario 5: relatively_major → authority by 10:00, provincial cyberspace office by 13:00', () => {
    const n = notificationMatrix({ ...base, severity: 'relatively_major' }, p);
    expect(n.map((x) => [x.recipient, x.dueAt])).toEqual([
      ['authority', '2026-10-02T02:00:00.000Z'],
      ['provincial_cyberspace_office', '2026-10-02T05:00:00.000Z'],
    ]);
  });
  it('a general incident has no external task; a CII operator reports to protection dept and police within 1 h', () => {
    expect(notificationMatrix({ ...base, severity: 'general' }, p).map((x) => x.recipient)).toEqual(['authority']);
    const cii = notificationMatrix({ ...base, severity: 'major', cii: true }, p);
    expect(cii.filter((x) => x.dueAt === '2026-10-02T02:00:00.000Z').map((x) => x.recipient)).toEqual([
      'authority',
      'cii_protection_department',
      'police',
    ]);
  });
  it('a source unit notifies authority, district cyberspace office and state security; luohu adds city recipients', () => {
    expect(notificationMatrix({ ...base, reporterActor: 'source_unit', severity: 'general' }, p).length).toBe(3);
    const lh = notificationMatrix({ ...base, severity: 'general' }, loadProfile('luohu')).map((x) => x.recipient);
    expect(lh).toContain('city_cyberspace_office');
  });
  it('INC-06: closing with an unsent notification is refused, listing it', () => {
    const n = notificationMatrix({ ...base, severity: 'general' }, p);
    expect(INC_06_CLOSE.check({ notifications: n }, p)).toMatchObject({
      ok: false,
      params: { recipients: 'authority' },
    });
    expect(INC_06_CLOSE.check({ notifications: n.map((x) => ({ ...x, sentAt: 'x' })) }, p).ok).toBe(true);
  });
});

describe('EVA-01 / EVA-03 / EVA-04 four dimensions, bands, actions', () => {
  it('scenario 8: 70/50/60/40 with weights 30/30/25/15 totals 57 → fail', () => {
    const total = weightedTotal({ compliance: 70, security: 50, effectiveness: 60, innovation: 40 }, p);
    expect(total).toBe(57);
    expect(resultOf(total, p)).toBe('fail');
  });
  it('bands at 90 / 80 / 60', () => {
    expect([90, 89, 80, 79, 60, 59].map((t) => resultOf(t, p))).toEqual([
      'excellent',
      'good',
      'good',
      'pass',
      'pass',
      'fail',
    ]);
  });
  it('weights that do not sum to 100 are refused', () => {
    expect(EVA_01.check({}, p).ok).toBe(true);
    const bad = loadProfile('zhuhai', {
      'evaluation.weights': { compliance: 30, security: 30, effectiveness: 25, innovation: 10 },
    });
    expect(EVA_01.check({}, bad)).toMatchObject({ code: 'WEIGHTS_NOT_100' });
  });
  it('propose_termination only after a fail; renewal_eligible never after a fail', () => {
    expect(EVA_04.check({ result: 'fail', actions: ['propose_termination'] }, p).ok).toBe(true);
    expect(EVA_04.check({ result: 'good', actions: ['propose_termination'] }, p).ok).toBe(false);
    expect(EVA_04.check({ result: 'fail', actions: ['renewal_eligible'] }, p).ok).toBe(false);
    expect(availableActions('fail')).toContain('propose_termination');
    expect(availableActions('pass')).not.toContain('propose_termination');
  });
});

describe('ENF-01/02/03 rectification guards', () => {
  it('ENF-02 + CAL-03: default deadline is 30 calendar days; a rest-day end moves to the next working day', () => {
    expect(rectificationDeadline('2026-11-02', cal, p)).toBe('2026-12-02');
    expect(rectificationDeadline('2026-09-01', cal, p)).toBe('2026-10-08'); // 10-01 falls in National Day
  });
  it('ENF-01: the deadline must be after today', () => {
    expect(ENF_01.check({ deadline: '2026-11-02', today: '2026-11-02' }, p).ok).toBe(false);
    expect(ENF_01.check({ deadline: '2026-11-03', today: '2026-11-02' }, p).ok).toBe(true);
  });
  it('evidence for every item; a rejection gives a reason per item', () => {
    expect(ENF_EVIDENCE.check({ items: [{ evidenceFileIds: ['a'] }, { evidenceFileIds: [] }] }, p)).toMatchObject({
      params: { item: 2 },
    });
    expect(ENF_EVIDENCE.check({ items: [{ evidenceFileIds: ['a'] }] }, p).ok).toBe(true);
    expect(ENF_REJECT.check({ outcome: 'rejected', reasons: ['a'], itemCount: 2 }, p).ok).toBe(false);
    expect(ENF_REJECT.check({ outcome: 'rejected', reasons: ['a', 'b'], itemCount: 2 }, p).ok).toBe(true);
    expect(ENF_REJECT.check({ outcome: 'accepted', reasons: [], itemCount: 2 }, p).ok).toBe(true);
  });
  it('ENF-03: overdue only the day after the deadline', () => {
    expect(ENF_03.check({ deadline: '2026-12-02', today: '2026-12-02' }, p).ok).toBe(false);
    expect(ENF_03.check({ deadline: '2026-12-02', today: '2026-12-03' }, p).ok).toBe(true);
  });
});

describe('CRD-03 determination and repair', () => {
  it('a determination needs a basis decision', () => {
    expect(CRD_03_DETERMINE.check({ basisDecisionId: null }, p).ok).toBe(false);
    expect(CRD_03_DETERMINE.check({ basisDecisionId: '珠数据〔2026〕1号' }, p).ok).toBe(true);
  });
  it('repair only once credit.minPublicMonths (6) have passed since publication', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(CRD_03_REPAIR.check({ publicFrom: '2026-03-01', today: '2026-08-31' }, p).ok).toBe(false);
    expect(CRD_03_REPAIR.check({ publicFrom: '2026-03-01', today: '2026-09-01' }, p).ok).toBe(true);
    expect(CRD_03_REPAIR.check({ publicFrom: null, today: '2026-09-01' }, p).ok).toBe(false);
  });
});
