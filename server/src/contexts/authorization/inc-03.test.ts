import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../kernel/workflow/actor.js';
import { resourceId } from '../../seed/catalog.js';
import { demoId } from '../../seed/ids.js';
import { jid, oid, uid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { openLabGrants, resumeLabGrants } from './service.js';

// supervision.md INC-03 (enforced by authorization's AUTH-17 on `activate`): a scenario_application Grant has a
// filed EmergencyPlan before it activates; lab / share / open Grants carry none.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t?.close());

const grantRow = async (id: string) =>
  (
    await sql<{ basis: string; state: string; emergency_plan_id: string | null }>`
      SELECT basis, state, emergency_plan_id FROM data_grant WHERE id = ${id}`.execute(t.kernel.db)
  ).rows[0]!;

describe('INC-03: every scenario_application Grant has a filed EmergencyPlan before activation', () => {
  it('INC-03 activation without a plan, and with a plan only submitted, is refused; once filed the Grant is active', async () => {
    const appId = demoId('scenario:pending');
    const [samr, admin, reviewer, operator] = await Promise.all(
      ['source.admin', 'authority.admin', 'authority.reviewer', 'operator.admin'].map((u) => t.as(u)),
    );
    const app = (await admin.get(`/api/v1/scenario-applications/${appId}`)).json();
    const inbox = (await samr.get('/api/v1/source-consents'))
      .json()
      .items.find((c: { applicationId: string }) => c.applicationId === appId);
    const consents = app.items.map((i: { id: string }) => ({ itemId: i.id, decision: 'consent' }));
    expect((await samr.post(`/api/v1/source-consents/${inbox.id}/decide`, { items: consents })).statusCode).toBe(200);
    const itemDecisions = app.items.map((i: { id: string }) => ({
      itemId: i.id,
      decision: 'accepted',
      reason: '必要',
    }));
    expect((await admin.post(`/api/v1/scenario-applications/${appId}/endorse`, { itemDecisions })).statusCode).toBe(
      200,
    );
    const approved = await reviewer.post(`/api/v1/scenario-applications/${appId}/approve`, { itemDecisions });
    expect(approved.statusCode, approved.body).toBe(200);
    const grantId = approved.json().grantId as string;
    expect(await grantRow(grantId)).toMatchObject({ basis: 'scenario_application', state: 'pending_plan' });

    const noPlan = await admin.post(`/api/v1/grants/${grantId}/activate`);
    expect(noPlan.statusCode).toBe(409);
    expect(noPlan.json().error.code).toBe('EMERGENCY_PLAN_MISSING');

    const plan = await operator.post('/api/v1/emergency-plans', {
      grantId,
      incidentTypes: ['loss', 'leak', 'tampering', 'destruction'],
      responseLevels: '一级、二级、三级、四级',
      procedures: '发现→研判→处置→报告',
      roles: [{ role: '数据安全负责人', userId: uid('operator.admin'), securityOfficer: true }],
      reportingChain: [oid('zh-authority'), '区委网信办', '国家安全机关'],
    });
    expect(plan.statusCode, plan.body).toBe(201);
    expect((await operator.post(`/api/v1/emergency-plans/${plan.json().id}/submit`)).statusCode).toBe(200);
    const submittedOnly = await admin.post(`/api/v1/grants/${grantId}/activate`);
    expect(submittedOnly.json().error.code).toBe('EMERGENCY_PLAN_MISSING');
    expect((await grantRow(grantId)).state).toBe('pending_plan');

    expect((await admin.post(`/api/v1/emergency-plans/${plan.json().id}/file`)).statusCode).toBe(200);
    expect(await grantRow(grantId)).toMatchObject({ state: 'active', emergency_plan_id: plan.json().id });
  });

  it('INC-03 a lab_agreement Grant activates without any EmergencyPlan', async () => {
    const k = t.kernel;
    const actor = systemActor('inc-03-test');
    const [id] = await k.db.transaction().execute((trx) =>
      openLabGrants(trx, k, actor, {
        labId: '00000000-0000-4000-8000-0000000000a3',
        labNo: 'ZHLAB-2026-031',
        labName: '预案测试实验室',
        agreementId: '00000000-0000-4000-8000-0000000000b3',
        partnerOrgId: oid('zh-labpartner'),
        jurisdictionId: jid('440400'),
        jurisdictionPath: ['000000', '440000', '440400'].map(jid),
        lines: [
          {
            dataResourceId: resourceId('bus-card'),
            fieldIds: [demoId('catalog-field:bus-card:sksj')],
            grade: 'general' as const,
            rawAllowed: false,
            validTo: '2029-06-09',
          },
        ],
      }),
    );
    await k.db.transaction().execute((trx) => resumeLabGrants(trx, k, actor, [id!]));
    expect(await grantRow(id!)).toMatchObject({ basis: 'lab_agreement', state: 'active', emergency_plan_id: null });
    const plans = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM emergency_plan WHERE grant_id = ${id}`.execute(k.db);
    expect(plans.rows[0]!.n).toBe(0);
  });
});
