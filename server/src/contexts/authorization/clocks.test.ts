import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FixedClock } from '../../kernel/clock.js';
import { oid } from '../../seed/identity.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { assertGrantUsable, getGrantForUse, runAuthorizationClocks } from './service.js';
import { activeAgreement, applicationBody, ENTERPRISE_FIELDS, insertResource, justify } from './test/factories.js';

// Time-driven behaviour with an injected clock (authorization.md "Deadlines and clocks").
const clock = new FixedClock(new Date('2026-09-28T02:00:00Z'));
let t: TestApp;
let authority: Client, reviewer: Client, operator: Client, samr: Client;
let ent: string, agreementId: string;

async function advance(to: string) {
  clock.set(to);
  [authority, reviewer, operator, samr] = await Promise.all(
    ['authority.admin', 'authority.reviewer', 'operator.admin', 'source.admin'].map((u) => t.as(u)),
  );
}
const row = async (
  table: 'scenario_application' | 'data_grant' | 'operation_agreement' | 'collaboration_agreement' | 'emergency_plan',
  id: string,
) => (await sql<any>`SELECT * FROM ${sql.table(table)} WHERE id = ${id}`.execute(t.kernel.db)).rows[0];

beforeAll(async () => {
  t = await startTestApp({ clock });
  await advance('2026-09-28T02:00:00Z');
  ent = await insertResource(t.kernel.db, {
    name: '企业登记信息（时钟测试）',
    owner: 'zh-samr',
    fields: ENTERPRISE_FIELDS,
  });
  agreementId = await activeAgreement(
    authority,
    { 'zh-samr': samr },
    [{ resourceId: ent, fieldCodes: ['uscc', 'name', 'est_date'], owner: 'zh-samr' }],
    '2026-09-28',
  );
}, 60_000);
afterAll(() => t?.close());

const items = () => [
  { resourceId: ent, fieldCode: 'uscc', justification: justify },
  { resourceId: ent, fieldCode: 'est_date', justification: '按成立年限分层统计企业存续情况' },
];

async function submitted() {
  const d = await operator.post('/api/v1/scenario-applications', applicationBody(agreementId, items()));
  const id = d.json().id as string;
  expect((await operator.post(`/api/v1/scenario-applications/${id}/submit`)).statusCode).toBe(200);
  return id;
}

describe('review clock: 20 working days, stopped while returned', () => {
  it('keeps the used working days across a return (国庆 and the 调休 Saturday 2026-10-10 counted correctly)', async () => {
    await advance('2026-09-28T02:00:00Z');
    const id = await submitted();
    expect((await authority.post(`/api/v1/scenario-applications/${id}/accept`)).statusCode).toBe(200);
    // Returned on Fri 2026-10-09: 9/29, 9/30, 10/8, 10/9 = 4 working days used.
    await advance('2026-10-09T02:00:00Z');
    expect(
      (await authority.post(`/api/v1/scenario-applications/${id}/return`, { reason: '请补充风险评估' })).statusCode,
    ).toBe(200);
    expect(await row('scenario_application', id)).toMatchObject({
      state: 'returned',
      review_days_used: 4,
      review_due_at: null,
    });
    // Resubmitted Mon 2026-10-12: 16 working days left → Tue 2026-11-03.
    await advance('2026-10-12T02:00:00Z');
    expect((await operator.post(`/api/v1/scenario-applications/${id}/submit`)).statusCode).toBe(200);
    expect(new Date((await row('scenario_application', id)).review_due_at).toISOString()).toBe(
      '2026-11-03T15:59:59.999Z',
    );
  });

  it('escalates when the consent clock runs out with consent still pending; never auto-approves', async () => {
    await advance('2026-09-28T02:00:00Z');
    const id = await submitted();
    await authority.post(`/api/v1/scenario-applications/${id}/accept`);
    clock.set('2026-10-16T15:59:00Z'); // 23:59 on the 10th working day: not yet
    await runAuthorizationClocks(t.kernel);
    expect((await row('scenario_application', id)).escalations).toEqual([]);
    clock.set('2026-10-16T16:00:01Z');
    await runAuthorizationClocks(t.kernel);
    const s = await row('scenario_application', id);
    expect(s.state).toBe('under_review');
    expect(s.escalations).toEqual([expect.objectContaining({ clock: 'consent', to: 'authority.org_admin' })]);
    await runAuthorizationClocks(t.kernel);
    expect((await row('scenario_application', id)).escalations).toHaveLength(1);
  });
});

async function approvedGrant(): Promise<string> {
  await advance('2026-09-28T02:00:00Z');
  const id = await submitted();
  await authority.post(`/api/v1/scenario-applications/${id}/accept`);
  const a = (await samr.get(`/api/v1/scenario-applications/${id}`)).json();
  const consent = a.consents.find((c: any) => c.sourceUnitOrgId === oid('zh-samr'));
  await samr.post(`/api/v1/source-consents/${consent.id}/decide`, {
    items: a.items.map((i: any) => ({ itemId: i.id, decision: 'consent' })),
  });
  const r = await reviewer.post(`/api/v1/scenario-applications/${id}/approve`, {
    itemDecisions: a.items.map((i: any) => ({ itemId: i.id, decision: 'accepted', reason: '必要' })),
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().grantId;
}

async function filePlan(grantId: string) {
  const p = await operator.post('/api/v1/emergency-plans', {
    grantId,
    incidentTypes: ['loss', 'leak', 'tampering', 'destruction'],
    responseLevels: '一级/二级/三级',
    procedures: '发现、报告、处置、复盘',
    roles: [{ role: '数据安全负责人', name: '张伟', securityOfficer: true }],
    reportingChain: ['实施机构', '网信部门', '国家安全机关'],
  });
  await operator.post(`/api/v1/emergency-plans/${p.json().id}/submit`);
  expect((await authority.post(`/api/v1/emergency-plans/${p.json().id}/file`)).statusCode).toBe(200);
  return p.json().id as string;
}

describe('grant clocks', () => {
  it('AUTH-17: a grant without a submitted plan lapses after 30 calendar days', async () => {
    const g = await approvedGrant();
    clock.set('2026-10-28T15:59:00Z');
    await runAuthorizationClocks(t.kernel);
    expect((await row('data_grant', g)).state).toBe('pending_plan');
    clock.set('2026-10-28T16:00:01Z');
    await runAuthorizationClocks(t.kernel);
    expect((await row('data_grant', g)).state).toBe('lapsed');
  });

  it('AUTH-31 (scenario 11): a plan with no drill within 12 months is flagged overdue', async () => {
    const g = await approvedGrant();
    const planId = await filePlan(g);
    expect((await row('emergency_plan', planId)).next_drill_due).toBe('2027-09-28');
    clock.set('2027-09-28T12:00:00Z');
    await runAuthorizationClocks(t.kernel);
    expect((await row('emergency_plan', planId)).drill_overdue).toBe(false);
    clock.set('2027-09-29T01:00:00Z');
    await runAuthorizationClocks(t.kernel);
    expect((await row('emergency_plan', planId)).drill_overdue).toBe(true);
  });

  it('AUTH-24/25 (scenarios 9, 10): suspension is immediate; a missed deadline → termination_pending; termination revokes grants and collaborations', async () => {
    const g = await approvedGrant();
    await filePlan(g);
    await advance('2026-10-01T02:00:00Z');
    const c = await operator.post('/api/v1/collaboration-agreements', {
      grantId: g,
      collaboratorOrgId: oid('zh-collab'),
      dataScope: ['uscc'],
      validFrom: '2026-10-01',
      validTo: '2027-06-30',
      terms: {
        conditions: '沙箱内',
        securityRequirements: '等保',
        serviceFees: '无',
        terminationCases: '违约',
        breachLiability: '赔偿',
      },
    });
    await authority.post(`/api/v1/collaboration-agreements/${c.json().id}/file`);
    const s = await authority.post(`/api/v1/operation-agreements/${agreementId}/suspend`, {
      reason: '整改令',
      rectificationDeadline: '2026-10-31',
    });
    expect(s.statusCode, s.body).toBe(200);
    const use = (await getGrantForUse(t.kernel.db, g))!;
    expect(use.state).toBe('suspended');
    expect(() => assertGrantUsable(use, oid('zh-operator'), '2026-10-01', false)).toThrow(
      expect.objectContaining({ code: 'GRANT_SUSPENDED' }),
    );
    clock.set('2026-10-31T12:00:00Z');
    await runAuthorizationClocks(t.kernel);
    expect((await row('operation_agreement', agreementId)).state).toBe('suspended');
    await advance('2026-11-01T02:00:00Z');
    await runAuthorizationClocks(t.kernel);
    expect((await row('operation_agreement', agreementId)).state).toBe('termination_pending');
    const noReason = await authority.post(`/api/v1/operation-agreements/${agreementId}/terminate`, {
      facts: '逾期未整改',
      evidenceFileIds: ['ev-1'],
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.details.failures[0]).toMatchObject({
      ruleId: 'AUTH-23',
      code: 'TERMINATION_REASON_REQUIRED',
    });
    const r = await authority.post(`/api/v1/operation-agreements/${agreementId}/terminate`, {
      reasonCode: 'breach_of_agreement',
      facts: '逾期未整改',
      evidenceFileIds: ['ev-1'],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect((await row('data_grant', g)).state).toBe('revoked');
    expect((await row('collaboration_agreement', c.json().id)).state).toBe('terminated');
    expect((await row('operation_agreement', agreementId)).state).toBe('terminated');
  });
});
