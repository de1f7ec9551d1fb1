import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import {
  dutyState,
  LAB_14,
  LAB_15,
  LAB_16,
  LAB_17,
  LAB_18,
  policyDueOn,
  trainingWarning,
  trainingYears,
  usageQuarters,
} from './rules-duties.js';

// labs.md duties while active (LAB-14…LAB-18) as pure rules: each fails when the duty is not met.
const p = loadProfile('zhuhai');
const PERIOD = { from: '2026-06-10', to: '2029-06-10' };

describe('LAB-14 at least lab.minCompliantProducts products pass ComplianceReview in the co-construction period', () => {
  it('one passed inside the period meets it; none, or one passed after the period, does not', () => {
    expect(LAB_14.check({ passedOn: ['2028-03-01'], period: PERIOD }, p).ok).toBe(true);
    expect(LAB_14.check({ passedOn: [], period: PERIOD }, p)).toMatchObject({
      ok: false,
      code: 'LAB_PRODUCTS_SHORT',
      params: { expected: 1, actual: 0 },
    });
    expect(LAB_14.check({ passedOn: ['2029-06-11'], period: PERIOD }, p).ok).toBe(false);
    expect(LAB_14.check({ passedOn: ['2029-06-10'], period: PERIOD }, p).ok).toBe(true); // the last day counts
  });
  it('reads the minimum from the profile', () => {
    const two = { ...p, get: <T>(key: string) => (key === 'lab.minCompliantProducts' ? 2 : p.get(key)) as T };
    expect(LAB_14.check({ passedOn: ['2028-03-01'], period: PERIOD }, two).ok).toBe(false);
  });
});

describe('LAB-15 at least lab.minTrainingsPerYear data-security trainings per calendar year', () => {
  const y2027 = { from: '2027-01-01', to: '2027-12-31' };
  it('two in the year meet it; one (scenario 13) or two straddling the year do not', () => {
    expect(LAB_15.check({ heldOn: ['2027-03-01', '2027-11-20'], period: y2027 }, p).ok).toBe(true);
    expect(LAB_15.check({ heldOn: ['2027-03-01'], period: y2027 }, p)).toMatchObject({
      ok: false,
      code: 'LAB_TRAININGS_SHORT',
      params: { expected: 2, actual: 1, year: '2027' },
    });
    expect(LAB_15.check({ heldOn: ['2026-12-31', '2027-03-01'], period: y2027 }, p).ok).toBe(false);
  });
  it('years run from certification (first year partial) to the period end', () => {
    expect(trainingYears('2026-06-10', '2029-06-10', '2028-01-01')).toEqual([
      { from: '2026-06-10', to: '2026-12-31' },
      { from: '2027-01-01', to: '2027-12-31' },
      { from: '2028-01-01', to: '2028-12-31' },
    ]);
    expect(trainingYears('2026-06-10', '2029-06-10', '2030-01-01').at(-1)).toEqual({
      from: '2029-01-01',
      to: '2029-06-10',
    });
  });
  it('warns from 30 Sep when no training is recorded yet in the year', () => {
    const y = { from: '2027-01-01', to: '2027-12-31' };
    expect(trainingWarning(y, 0, '2027-09-29')).toBeNull();
    expect(trainingWarning(y, 0, '2027-09-30')).toBe('LAB_TRAINING_NONE_BY_SEP30');
    expect(trainingWarning(y, 1, '2027-10-15')).toBeNull();
  });
});

describe('LAB-16 the security policy is re-approved within lab.securityPolicyMaxAgeMonths', () => {
  it('due 12 months after approval: on the due day ok, the day after overdue', () => {
    expect(policyDueOn('2026-06-10', p)).toBe('2027-06-10');
    expect(LAB_16.check({ approvedAt: '2026-06-10', today: '2027-06-10' }, p).ok).toBe(true);
    expect(LAB_16.check({ approvedAt: '2026-06-10', today: '2027-06-11' }, p)).toMatchObject({
      ok: false,
      code: 'LAB_POLICY_OVERDUE',
      params: { dueOn: '2027-06-10' },
    });
  });
});

describe('LAB-17 a usage report every quarter, partner to initiator', () => {
  it('a submitted (or accepted) report meets it; scheduled or overdue does not', () => {
    expect(LAB_17.check({ reportState: 'submitted' }, p).ok).toBe(true);
    expect(LAB_17.check({ reportState: 'accepted' }, p).ok).toBe(true);
    expect(LAB_17.check({ reportState: 'scheduled' }, p).ok).toBe(false);
    expect(LAB_17.check({ reportState: 'overdue' }, p)).toMatchObject({ ok: false, code: 'LAB_REPORT_MISSING' });
  });
  it('quarters are calendar quarters from certification, the first partial, the last clipped', () => {
    expect(usageQuarters('2026-06-10', '2029-06-10', '2026-10-01')).toEqual([
      { from: '2026-06-10', to: '2026-06-30' },
      { from: '2026-07-01', to: '2026-09-30' },
      { from: '2026-10-01', to: '2026-12-31' },
    ]);
    expect(usageQuarters('2026-06-10', '2029-06-10', '2030-01-01').at(-1)).toEqual({
      from: '2029-04-01',
      to: '2029-06-10',
    });
  });
});

describe('LAB-18 a data problem is reported at once (within lab.issueReportHours)', () => {
  const found = new Date('2027-03-01T02:00:00Z');
  it('within the hour meets it; later does not', () => {
    expect(LAB_18.check({ discoveredAt: found, reportedAt: new Date('2027-03-01T03:00:00Z') }, p).ok).toBe(true);
    expect(LAB_18.check({ discoveredAt: found, reportedAt: new Date('2027-03-01T03:00:01Z') }, p)).toMatchObject({
      ok: false,
      code: 'LAB_ISSUE_REPORTED_LATE',
      params: { hours: 1 },
    });
  });
});

describe('duty state: ok when met, due until the due date, overdue after', () => {
  it('follows the due date', () => {
    expect(dutyState(true, '2027-01-01', '2028-01-01')).toBe('ok');
    expect(dutyState(false, '2027-01-01', '2027-01-01')).toBe('due');
    expect(dutyState(false, '2027-01-01', '2027-01-02')).toBe('overdue');
    expect(dutyState(false, null, '2099-01-01')).toBe('due');
  });
});
