import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FixedClock } from '../../kernel/clock.js';
import { demoId } from '../../seed/ids.js';
import { oid } from '../../seed/identity.js';
import { DEMO_GRANTS } from '../../seed/sandbox.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { activeBanFor, drillFindings, terminationsOf } from './service.js';
import { incidentBody } from './test/factories.js';

// supervision.md INC-07 (drill duties on the calendar), INC-02 (plan activation) and ENF-09 (SupervisoryObjection)
// over HTTP, with an injected clock.
const clock = new FixedClock(new Date('2026-02-10T03:00:00Z'));
let t: TestApp;
let authority: Client;
let op: Client;
async function at(iso: string) {
  clock.set(iso);
  authority = await t.as('authority.admin');
  op = await t.as('operator.admin');
}
beforeAll(async () => {
  t = await startTestApp({ clock });
  await at('2026-02-10T03:00:00Z');
}, 120_000);
afterAll(() => t?.close());

const PLAN = demoId('emergency-plan:verify');
const duty = async (c: Client) =>
  ((await c.get('/api/v1/emergency-plans/drill-duties')).json().items as { planId: string }[]).find(
    (d) => d.planId === PLAN,
  );

describe('ENF-09 SupervisoryObjection (scenario 2: filed 2026-02-10, answer due 2026-03-09)', () => {
  let rectId: string;
  let objectionId: string;
  it('the org a rectification concerns objects; the clock is 15 working days; the suspension stays', async () => {
    const r = await authority.post('/api/v1/rectifications', {
      subjectOrgId: oid('zh-operator'),
      measure: 'rectification',
      basis: { kind: 'finding' },
      items: [{ finding: '日志留存不足', requiredAction: '补足日志留存' }],
    });
    expect(r.statusCode, r.body).toBe(201);
    rectId = r.json().id;
    const collab = await t.as('collaborator.admin');
    const other = await collab.post('/api/v1/supervisory-objections', {
      targetType: 'Rectification',
      targetId: rectId,
      grounds: '不服',
    });
    expect(other.statusCode).toBe(404); // another org's decision answers like an unknown one
    const bare = await op.post('/api/v1/supervisory-objections', {
      targetType: 'Rectification',
      targetId: rectId,
      grounds: ' ',
    });
    expect(bare.json().error.code).toBe('OBJECTION_GROUNDS_REQUIRED');
    const res = await op.post('/api/v1/supervisory-objections', {
      targetType: 'Suspension',
      targetId: rectId,
      grounds: '日志留存已满足六个月要求，整改令认定事实有误',
      evidenceFileIds: ['ev-log-retention'],
    });
    expect(res.statusCode, res.body).toBe(201);
    objectionId = res.json().id;
    expect(res.json()).toMatchObject({ state: 'filed', dueAt: '2026-03-09T15:59:59.999Z', provisional: false });
    // ENF-09: filing suspends nothing and lifts nothing.
    expect((await authority.get(`/api/v1/rectifications/${rectId}`)).json().state).toBe('ordered');
    const g = await sql<{ state: string }>`SELECT state FROM data_grant WHERE id = ${DEMO_GRANTS.verify}`.execute(
      t.kernel.db,
    );
    expect(g.rows[0]!.state).toBe('suspended');
    const list = (await authority.get(`/api/v1/supervisory-objections?target=${rectId}`)).json().items;
    expect(list.map((x: { id: string }) => x.id)).toEqual([objectionId]);
    expect((await collab.get(`/api/v1/supervisory-objections?target=${rectId}`)).json().items).toEqual([]);
  });

  it('only the authority decides, with a reason; an answer after the due date is marked late; the objector records 行政复议', async () => {
    expect(
      (await op.post(`/api/v1/supervisory-objections/${objectionId}/decide`, { decision: 'upheld', reason: '自认' }))
        .statusCode,
    ).toBe(403);
    const noReason = await authority.post(`/api/v1/supervisory-objections/${objectionId}/decide`, {
      decision: 'dismissed',
      reason: '',
    });
    expect(noReason.json().error).toMatchObject({ code: 'OBJECTION_REASON_REQUIRED', details: { ruleId: 'ENF-09' } });
    await at('2026-03-10T02:00:00Z');
    const d = await authority.post(`/api/v1/supervisory-objections/${objectionId}/decide`, {
      decision: 'dismissed',
      reason: '日志留存不足三个月，事实清楚',
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({ state: 'decided', decision: 'dismissed', late: true, suspendTarget: false });
    const remedy = await op.post(`/api/v1/supervisory-objections/${objectionId}/external-remedy`, {
      kind: 'administrative_reconsideration',
      caseNo: '珠府复〔2026〕15号',
    });
    expect(remedy.statusCode, remedy.body).toBe(200);
    expect(remedy.json().externalRemedy).toMatchObject({ kind: 'administrative_reconsideration' });
  });
});

describe('INC-07 drill duties and INC-02 plan activation', () => {
  it('the demo plan last drilled 2026-06-15: reminders 60 and 30 days before 2027-06-15; overdue from 2027-06-16, a 2027-Q2 finding', async () => {
    await at('2027-04-01T02:00:00Z');
    expect(await duty(authority)).toMatchObject({
      lastDrillOn: '2026-06-15',
      nextDrillDue: '2027-06-15',
      reminders: ['2027-04-16', '2027-05-16'],
      overdue: false,
      findingQuarter: null,
    });
    expect(await duty(op)).toBeDefined(); // the holder sees its own duties
    expect(await duty(await t.as('buyer.admin'))).toBeUndefined();
    await at('2027-06-16T02:00:00Z');
    expect(await duty(await t.as('regulator.viewer'))).toMatchObject({ overdue: true, findingQuarter: '2027-Q2' });
    // The port the quarterly assessment reads: a finding in 2027-Q2 (and later), none in 2027-Q1.
    const q2 = await drillFindings(t.kernel, oid('zh-operator'), '2027-Q2');
    expect(q2.map((f) => f.planId)).toContain(PLAN);
    expect((await drillFindings(t.kernel, oid('zh-operator'), '2027-Q1')).map((f) => f.planId)).not.toContain(PLAN);
  });

  it('opening an incident on the Grant activates its filed plan in the same transaction', async () => {
    await at('2026-10-02T02:00:00Z');
    const plan = async () => (await op.get(`/api/v1/emergency-plans/${PLAN}`)).json().state;
    const res = await op.post('/api/v1/incidents', incidentBody({ grantIds: [DEMO_GRANTS.stats] }));
    expect(res.statusCode, res.body).toBe(201);
    expect((await op.get(`/api/v1/emergency-plans/${demoId('emergency-plan:stats')}`)).json().state).toBe('activated');
    expect(await plan()).toBe('filed'); // a Grant the incident does not name keeps its plan as it was
  });
});

describe('ENF-05 lab termination', () => {
  it('a Lab case takes a lab code only, and reaches labs through terminationsOf once effective', async () => {
    await at('2028-02-20T02:00:00Z');
    const lab = '01900000-0000-7000-8000-00000000ab01';
    const body = {
      targetType: 'Lab',
      targetId: lab,
      subjectOrgId: oid('zh-labpartner'),
      reasonCode: 'breach_of_agreement',
      facts: '评估不合格且整改后仍不合格',
      evidenceFileIds: ['ev-eval-2027'],
    };
    const wrong = await authority.post('/api/v1/terminations', body);
    expect(wrong.json().error).toMatchObject({ code: 'TERMINATION_REASON_INVALID', details: { ruleId: 'ENF-05' } });
    const res = await authority.post('/api/v1/terminations', { ...body, reasonCode: 'lab_rectification_failed' });
    expect(res.statusCode, res.body).toBe(201);
    expect(await terminationsOf(t.kernel.db, 'Lab', lab)).toMatchObject([{ state: 'proposed', effectiveAt: null }]);
    const d = await authority.post(`/api/v1/terminations/${res.json().id}/decide`, {});
    expect(d.json()).toMatchObject({ state: 'effective', cascade: null });
    expect(await terminationsOf(t.kernel.db, 'Lab', lab)).toMatchObject([
      { state: 'effective', reasonCode: 'lab_rectification_failed' },
    ]);
    const w = await authority.post(`/api/v1/terminations/${res.json().id}/wind-down`);
    expect(w.json().state).toBe('wound_down');
  });
});

describe('ENF-09: an upheld objection creates the new version of its target', () => {
  const USCC = '91440400MA5D11223W';
  it('a Ban on the objector is lifted when upheld; a credit record is held while objected and published again when dismissed', async () => {
    await at('2026-11-02T02:00:00Z');
    const ban = await authority.post('/api/v1/bans', {
      subjectUscc: USCC,
      orgId: oid('zh-operator'),
      scope: 'collaborator_admission',
      reason: '严重违约',
      basisDecisionId: '珠数据〔2026〕20号',
      startsOn: '2026-11-02',
      endsOn: '2027-11-01',
    });
    expect(ban.statusCode, ban.body).toBe(201);
    const banId = ban.json().id;
    const o1 = await op.post('/api/v1/supervisory-objections', {
      targetType: 'Ban',
      targetId: banId,
      grounds: '违约事实已由仲裁认定不成立',
    });
    expect(o1.statusCode, o1.body).toBe(201);
    expect(await activeBanFor(t.kernel.db, USCC, '2026-11-03')).toBeDefined(); // filing lifts nothing
    const d1 = await authority.post(`/api/v1/supervisory-objections/${o1.json().id}/decide`, {
      decision: 'upheld',
      reason: '仲裁裁决认定违约不成立',
    });
    expect(d1.statusCode, d1.body).toBe(200);
    expect(await activeBanFor(t.kernel.db, USCC, '2026-11-03')).toBeUndefined();

    const rec = await authority.post('/api/v1/credit-records', {
      subjectUscc: USCC,
      subjectOrgId: oid('zh-operator'),
      kind: 'bad_faith',
      area: 'security',
      facts: '未按期报送安全报告',
    });
    const recId = rec.json().id;
    await authority.post(`/api/v1/credit-records/${recId}/determine`, { basisDecisionId: '珠数据〔2026〕21号' });
    await authority.post(`/api/v1/credit-records/${recId}/publish`, { publicUntil: '2029-11-01' });
    const o2 = await op.post('/api/v1/supervisory-objections', {
      targetType: 'CreditRecord',
      targetId: recId,
      grounds: '报告已按期报送，系统记录有误',
    });
    expect(o2.statusCode, o2.body).toBe(201);
    expect((await authority.get(`/api/v1/credit-records/${recId}`)).json().state).toBe('objection_pending');
    await authority.post(`/api/v1/supervisory-objections/${o2.json().id}/decide`, {
      decision: 'dismissed',
      reason: '报送记录显示逾期 12 天',
    });
    expect((await authority.get(`/api/v1/credit-records/${recId}`)).json().state).toBe('published');
  });
});
