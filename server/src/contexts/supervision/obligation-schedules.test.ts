import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FixedClock } from '../../kernel/clock.js';
import { DEMO_AGREEMENT_ID } from '../../seed/authorization.js';
import { jid, oid } from '../../seed/identity.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { signedAgreementObligations } from '../authorization/service.js';
import { activeAgreement, ENTERPRISE_FIELDS, insertResource } from '../authorization/test/factories.js';
import { reportDueAt } from './rules.js';
import { runSupervisionClocks } from './usecases/clocks.js';
import { obligationPeriods, plannedReports, runObligationSchedules } from './usecases/obligation-schedules.js';

// AUTH-27 → REP-01 (decision 0079): the obligations recorded at signing become Report schedules.
describe('obligationPeriods (pure)', () => {
  it('half-yearly periods are Jan–Jun / Jul–Dec, the first from validFrom, only those started', () => {
    expect(obligationPeriods('2026-09-28', 6, '2026-12-31', '2028-09-27')).toEqual([
      { from: '2026-09-28', to: '2026-12-31' },
    ]);
    expect(obligationPeriods('2026-09-28', 6, '2027-01-01', '2028-09-27')).toEqual([
      { from: '2026-09-28', to: '2026-12-31' },
      { from: '2027-01-01', to: '2027-06-30' },
    ]);
  });
  it('quarters, clipped to the end of the term; nothing after it; a cadence not dividing the year gives none', () => {
    expect(obligationPeriods('2026-05-10', 3, '2026-12-31', '2026-11-15')).toEqual([
      { from: '2026-05-10', to: '2026-06-30' },
      { from: '2026-07-01', to: '2026-09-30' },
      { from: '2026-10-01', to: '2026-11-15' },
    ]);
    expect(obligationPeriods('2026-05-10', 5, '2026-12-31', null)).toEqual([]);
  });
  it('an agreement of another org schedules only for that org, never for zh-operator', () => {
    const other = oid('zh-samr');
    const planned = plannedReports(
      {
        agreementId: 'a-other',
        agreementNo: 'OA-x',
        operatorOrgId: other,
        authorityOrgId: oid('zh-authority'),
        jurisdictionId: jid('440400'),
        jurisdictionPath: [jid('440400')],
        validFrom: '2026-01-01',
        validTo: null,
        obligations: [
          { code: 'security_report', everyMonths: 6, from: '2026-01-01' },
          { code: 'assessment', everyMonths: 3, from: '2026-01-01' },
        ],
      },
      '2026-03-01',
    );
    expect(planned).toHaveLength(1); // assessments are Evaluations, not Reports
    expect(planned[0]).toMatchObject({ kind: 'operator_security_semiannual', subjectOrgId: other });
    expect(planned.some((p) => p.subjectOrgId === oid('zh-operator'))).toBe(false);
  });
});

const clock = new FixedClock(new Date('2026-09-28T02:00:00Z'));
let t: TestApp;
let operator: Client;
let agreementId: string;
type Row = { id: string; kind: string; subject_org_id: string; period_from: string; period_to: string; due_at: Date };
const reportsOf = async (agreement: string) =>
  (
    await sql<Row>`SELECT id, kind, subject_org_id, period_from::text, period_to::text, due_at FROM supervision_report
      WHERE obligation_ref LIKE ${`${agreement}:%`} ORDER BY kind, period_from`.execute(t.kernel.db)
  ).rows;

beforeAll(async () => {
  t = await startTestApp({ clock });
  const authority = await t.as('authority.admin');
  const samr = await t.as('source.admin');
  const ent = await insertResource(t.kernel.db, {
    name: '企业登记信息（报告计划）',
    owner: 'zh-samr',
    fields: ENTERPRISE_FIELDS,
  });
  const catalog = [{ resourceId: ent, fieldCodes: ENTERPRISE_FIELDS.map((f) => f.code), owner: 'zh-samr' }];
  agreementId = await activeAgreement(authority, { 'zh-samr': samr }, catalog, '2026-09-28');
  operator = await t.as('operator.admin');
}, 120_000);
afterAll(() => t?.close());

describe('AUTH-27: signing schedules the operator’s reports', () => {
  it('the signed agreement’s security and operating reports are scheduled with working-day due dates', async () => {
    await runObligationSchedules(t.kernel);
    const rows = await reportsOf(agreementId);
    expect(rows.map((r) => [r.kind, r.subject_org_id, r.period_from, r.period_to])).toEqual([
      ['operator_operating_periodic', oid('zh-operator'), '2026-09-28', '2026-09-30'],
      ['operator_security_semiannual', oid('zh-operator'), '2026-09-28', '2026-12-31'],
    ]);
    // REP-01 + CAL: 10 working days after 2026-09-30 skip National Day → 2026-10-20 end of day, Shanghai.
    expect(rows[0]!.due_at.toISOString()).toBe('2026-10-20T15:59:59.999Z');
    // 15 working days after 2026-12-31 on the kernel's 2027 calendar (REP-01's dueWorkingDays).
    const h2 = reportDueAt('operator_security_semiannual', '2026-12-31', t.kernel.calendar, t.kernel.profile);
    expect(rows[1]!.due_at.toISOString()).toBe(h2.dueAt.toISOString());
    expect(rows[1]!.due_at.toISOString() > '2027-01-15').toBe(true);
    const seen = await operator.get(`/api/v1/reports/${rows[1]!.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ state: 'scheduled', toOrgIds: [oid('zh-authority')] });
  });
  it('running again (the whole supervision clock) creates nothing new', async () => {
    const before = (await reportsOf(agreementId)).length;
    const all = await sql<{ n: number }>`SELECT count(*)::int AS n FROM supervision_report`.execute(t.kernel.db);
    expect((await runSupervisionClocks(t.kernel)).obligations.scheduled).toBe(0);
    expect(await reportsOf(agreementId)).toHaveLength(before);
    const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM supervision_report`.execute(t.kernel.db);
    expect(after.rows[0]!.n).toBe(all.rows[0]!.n);
  });
  it('the demo agreement’s seeded reports are not scheduled twice', async () => {
    const demo = await reportsOf(DEMO_AGREEMENT_ID);
    const q3 = demo.filter((r) => r.kind === 'operator_operating_periodic' && r.period_from === '2026-07-01');
    expect(q3).toHaveLength(1);
    const h1 = demo.filter((r) => r.kind === 'operator_security_semiannual' && r.period_from === '2026-01-01');
    expect(h1).toHaveLength(1);
  });
  it('the next quarter is scheduled when it starts; every report names its own agreement’s operator', async () => {
    clock.set('2026-10-01T02:00:00Z');
    expect((await runObligationSchedules(t.kernel)).scheduled).toBeGreaterThanOrEqual(1);
    const next = (await reportsOf(agreementId)).filter((r) => r.period_from === '2026-10-01');
    expect(next.map((r) => [r.kind, r.period_to])).toEqual([['operator_operating_periodic', '2026-12-31']]);
    for (const a of await signedAgreementObligations(t.kernel.db)) {
      for (const r of await reportsOf(a.agreementId)) expect(r.subject_org_id).toBe(a.operatorOrgId);
    }
  });
});
