import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import { DEMO_AGREEMENT_ID } from '../../seed/authorization.js';
import { DEMO_GRANTS } from '../../seed/sandbox.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { ensureSandboxDemo } from '../sandbox/test/factories.js';
import { provideEvaluations, type EvaluationSummary } from './service.js';

// The evaluation port (usecases/evaluations.ts, decision 0062) that supervision fills: AUTH-06 direct
// renewal and AUTH-28 termination reason 7 read the agreement's latest Evaluation through it.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await ensureSandboxDemo(t.kernel);
  // A profile that allows direct renewal at all (luohu and zhuhai do not: AUTH-06 re-selection).
  t.kernel.profile = loadProfile(t.kernel.profile.id, { 'authorization.directRenewalAllowed': true });
  t.kernel.workflow.profile = t.kernel.profile;
}, 120_000);
afterAll(async () => {
  provideEvaluations(undefined);
  await t?.close();
});

const evaluation = (o: Partial<EvaluationSummary>): EvaluationSummary => ({
  id: 'ev-1',
  agreementId: DEMO_AGREEMENT_ID,
  concludedAt: '2027-09-30T08:00:00Z',
  result: 'pass',
  actions: [],
  ...o,
});
const failure = (r: { json(): any }) => r.json().error.details.failures?.[0];

describe('AUTH-06 / AUTH-28 renewal through the evaluation port', () => {
  it("no Evaluation supplied (the port's default): 409 RENEWAL_NOT_ALLOWED not_renewal_eligible", async () => {
    const r = await (await t.as('authority.admin')).post(`/api/v1/operation-agreements/${DEMO_AGREEMENT_ID}/renew`);
    expect(r.statusCode).toBe(409);
    expect(failure(r)).toMatchObject({
      ruleId: 'AUTH-06',
      code: 'RENEWAL_NOT_ALLOWED',
      params: { reason: 'not_renewal_eligible' },
    });
  });
  it('a latest Evaluation that failed, or passed without renewal_eligible, is refused; an earlier renewal_eligible one does not count', async () => {
    const admin = await t.as('authority.admin');
    for (const latest of [
      evaluation({ result: 'fail', actions: ['renewal_eligible'] }),
      evaluation({ actions: ['scope_reduce'] }),
    ]) {
      provideEvaluations(async () => [
        evaluation({ id: 'old', concludedAt: '2027-03-31T08:00:00Z', actions: ['renewal_eligible'] }),
        latest,
      ]);
      const r = await admin.post(`/api/v1/operation-agreements/${DEMO_AGREEMENT_ID}/renew`);
      expect(failure(r)).toMatchObject({ ruleId: 'AUTH-06', code: 'RENEWAL_NOT_ALLOWED' });
    }
  });
  it('a passing latest Evaluation carrying renewal_eligible: the successor agreement is awarded to the same operator', async () => {
    provideEvaluations(async () => [evaluation({ actions: ['renewal_eligible'] })]);
    const r = await (await t.as('authority.admin')).post(`/api/v1/operation-agreements/${DEMO_AGREEMENT_ID}/renew`);
    expect(r.statusCode, r.body).toBe(200);
    const next = (await (await t.as('authority.admin')).get(`/api/v1/operation-agreements/${r.json().id}`)).json();
    expect(next).toMatchObject({ state: 'awarded', predecessorId: DEMO_AGREEMENT_ID });
  });
});

describe('AUTH-28 scope_reduce: an Evaluation narrows a Grant to a new version; Workspaces follow it with rebuilt views', () => {
  it('refused without a scope_reduce Evaluation or with a field the Grant lacks; with one: v2 active without 成立日期, v1 superseded, Workspaces rebound, the field no longer queryable', async () => {
    const admin = await t.as('authority.admin');
    provideEvaluations(async () => [evaluation({ actions: ['renewal_eligible'] })]);
    const body = { removeFieldCodes: ['clrq'], reason: '季度评估：成立日期不再必要' };
    const none = await admin.post(`/api/v1/grants/${DEMO_GRANTS.verify}/narrow`, body);
    expect(none.statusCode).toBe(409);
    expect(failure(none)).toMatchObject({ ruleId: 'AUTH-28', code: 'EVALUATION_RESULT_REQUIRED' });
    provideEvaluations(async () => [evaluation({ actions: ['scope_reduce'] })]);
    expect(
      failure(
        await admin.post(`/api/v1/grants/${DEMO_GRANTS.verify}/narrow`, { ...body, removeFieldCodes: ['不存在'] }),
      ),
    ).toMatchObject({ ruleId: 'AUTH-28', code: 'SCOPE_REDUCE_INVALID' });

    const r = await admin.post(`/api/v1/grants/${DEMO_GRANTS.verify}/narrow`, body);
    expect(r.statusCode, r.body).toBe(200);
    const v2 = (await admin.get(`/api/v1/grants/${r.json().id}`)).json();
    expect(v2).toMatchObject({ state: 'active', grantVersion: 2, grantNo: 'GR-2026-0001' });
    expect(v2.fields.map((f: { code: string }) => f.code)).not.toContain('clrq');
    expect((await admin.get(`/api/v1/grants/${DEMO_GRANTS.verify}`)).json().state).toBe('superseded');
    expect(
      (await admin.get(`/api/v1/grants/${DEMO_GRANTS.verify}/versions`))
        .json()
        .items.map((g: { grantVersion: number }) => g.grantVersion),
    ).toEqual([1, 2]);
    // AUTH-28 (issue 13): each collaboration follows v2 through the transition, so the re-pointing is an
    // event on the collaboration's own timeline, not a silent UPDATE; its data scope loses the removed field.
    expect(v2.collaborations.length).toBeGreaterThan(0);
    for (const c of v2.collaborations as { id: string; dataScope: string[] }[]) {
      expect(c.dataScope).not.toContain('clrq');
      const events = await t.kernel.db
        .selectFrom('event')
        .select(['event_type'])
        .where('object_id', '=', c.id)
        .where('event_type', '=', 'CollaborationAgreement.follow_grant')
        .execute();
      expect(events).toHaveLength(1);
    }

    const dev = await t.as('operator.dev');
    const ws = (await dev.get('/api/v1/workspaces'))
      .json()
      .items.find((w: { grantId: string; seats: unknown[] }) => w.grantId === v2.id && w.seats.length);
    expect(ws.views.flatMap((v: { fields: { name: string }[] }) => v.fields.map((f) => f.name))).not.toContain(
      '成立日期',
    );
    const gone = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: 'SELECT 成立日期 FROM 企业登记信息' });
    expect(gone.statusCode).toBe(422);
    expect(gone.json().error.details.failures[0].code).toBe('FIELD_NOT_GRANTED');
    expect(
      (
        await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, {
          sql: 'SELECT 所属区, count(*) AS n FROM 企业登记信息 GROUP BY 所属区',
        })
      ).statusCode,
    ).toBe(201);
    // The collaboration follows the new version: its seat still works.
    const collab = await t.as('collaborator.dev');
    const cws = (await collab.get('/api/v1/workspaces'))
      .json()
      .items.find((w: { grantId: string }) => w.grantId === v2.id);
    expect(
      (await collab.post(`/api/v1/workspaces/${cws.id}/jobs`, { sql: 'SELECT count(*) AS n FROM 企业登记信息' }))
        .statusCode,
    ).toBe(201);
  });
});

describe('AUTH-28 termination reason 7 (evaluation_failed) rests on an Evaluation', () => {
  it('without a failed Evaluation: 409 EVALUATION_RESULT_REQUIRED; with one: terminated', async () => {
    const admin = await t.as('authority.admin');
    const body = { reasonCode: 'evaluation_failed', facts: '年度评估不合格', evidenceFileIds: ['ev-eval'] };
    provideEvaluations(async () => [evaluation({ actions: ['renewal_eligible'] })]);
    const refused = await admin.post(`/api/v1/operation-agreements/${DEMO_AGREEMENT_ID}/terminate`, body);
    expect(refused.statusCode).toBe(409);
    expect(failure(refused)).toMatchObject({ ruleId: 'AUTH-28', code: 'EVALUATION_RESULT_REQUIRED' });
    provideEvaluations(async () => [evaluation({ result: 'fail' })]);
    const ok = await admin.post(`/api/v1/operation-agreements/${DEMO_AGREEMENT_ID}/terminate`, body);
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
