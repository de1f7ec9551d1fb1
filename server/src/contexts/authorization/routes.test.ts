import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FixedClock } from '../../kernel/clock.js';
import { jid, oid } from '../../seed/identity.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { assertGrantUsable, getGrantForUse, listUsableGrantsForOrg, runAuthorizationClocks } from './service.js';
import {
  activeAgreement,
  applicationBody,
  ENTERPRISE_FIELDS,
  insertResource,
  justify,
  POPULATION_FIELDS,
} from './test/factories.js';

// One walk through the capability over HTTP, on 2026-09-28 (Mon) 10:00 Asia/Shanghai, just before 国庆.
const clock = new FixedClock(new Date('2026-09-28T02:00:00Z'));
let t: TestApp;
let authority: Client, reviewer: Client, operator: Client, samr: Client, health: Client;
let ent: string, pop: string, unregistered: string, agreementId: string;

async function login() {
  [authority, reviewer, operator, samr, health] = await Promise.all(
    ['authority.admin', 'authority.reviewer', 'operator.admin', 'source.admin', 'health.admin'].map((u) => t.as(u)),
  );
}
/** Moves the injected clock; sessions idle out across such jumps, so everyone logs in again. */
async function advance(to: string) {
  clock.set(to);
  await login();
}

beforeAll(async () => {
  t = await startTestApp({ clock });
  await login();
  ent = await insertResource(t.kernel.db, {
    name: '企业登记信息（测试）',
    owner: 'zh-samr',
    fields: ENTERPRISE_FIELDS,
  });
  pop = await insertResource(t.kernel.db, {
    name: '常住人口信息（测试）',
    owner: 'zh-health',
    fields: POPULATION_FIELDS,
  });
  unregistered = await insertResource(t.kernel.db, {
    name: '未登记资源',
    owner: 'zh-transport',
    registered: false,
    fields: [{ code: 'x', name: 'X', grade: 'general' }],
  });
  agreementId = await activeAgreement(
    authority,
    { 'zh-samr': samr, 'zh-health': health },
    [
      { resourceId: ent, fieldCodes: ENTERPRISE_FIELDS.map((f) => f.code), owner: 'zh-samr' },
      { resourceId: pop, fieldCodes: POPULATION_FIELDS.map((f) => f.code), owner: 'zh-health' },
    ],
    '2026-09-28',
  );
}, 60_000);
afterAll(() => t?.close());

const failure = (res: { json(): any }) => res.json().error.details.failures?.[0];

describe('OperationAgreement (AUTH-01…08, AUTH-27)', () => {
  it('is active for two years with obligation clocks after selection, award and signing', async () => {
    const a = (await authority.get(`/api/v1/operation-agreements/${agreementId}`)).json();
    expect(a).toMatchObject({
      state: 'active',
      validFrom: '2026-09-28',
      validTo: '2028-09-27',
      operatorOrgId: oid('zh-operator'),
    });
    expect(a.obligations.map((o: any) => o.code)).toEqual(
      expect.arrayContaining(['security_report', 'assessment', 'emergency_drill']),
    );
    expect(a.selection.candidates[0].outcome).toBe('awarded');
  });
  it('AUTH-07 refuses an unregistered resource in the catalog', async () => {
    const r = await authority.post('/api/v1/operation-agreements', {
      title: '测试',
      mode: 'whole_scope',
      jurisdictionId: jid('440400'),
      derivedRightsClause: '原始数据归数源单位',
      catalog: [{ resourceId: unregistered, fieldCodes: ['x'] }],
    });
    expect(r.statusCode).toBe(409);
    expect(failure(r)).toMatchObject({ ruleId: 'AUTH-07', code: 'RESOURCE_NOT_REGISTERED' });
  });
  it('AUTH-06 refuses direct renewal (re-selection required)', async () => {
    const r = await authority.post(`/api/v1/operation-agreements/${agreementId}/renew`);
    expect(r.statusCode).toBe(409);
    expect(failure(r)).toMatchObject({ ruleId: 'AUTH-06', code: 'RENEWAL_NOT_ALLOWED' });
  });
  it('AUTH-02 refuses an award with a failed qualification item (QUALIFICATION_FAILED)', async () => {
    const r = await authority.post('/api/v1/operation-agreements', {
      title: '测试2',
      mode: 'whole_scope',
      jurisdictionId: jid('440400'),
      derivedRightsClause: '原始数据归数源单位',
      catalog: [{ resourceId: ent, fieldCodes: ['uscc'] }],
    });
    const id = r.json().id;
    const entry = (await authority.get(`/api/v1/operation-agreements/${id}`)).json().catalog[0];
    await samr.post(`/api/v1/agreement-catalog-entries/${entry.id}/decide`, { decision: 'consent' });
    expect(
      (
        await authority.post(`/api/v1/operation-agreements/${id}/selection`, {
          method: 'public_tender',
          noticeFileId: 'n',
          noticeAt: '2026-09-28',
        })
      ).statusCode,
    ).toBe(200);
    const { qualifiedCandidate } = await import('./test/factories.js');
    const c = qualifiedCandidate('2026-09-20');
    c.qualification.no_security_incident = { result: 'fail', evidenceFileIds: ['ev'] };
    const res = await authority.post(`/api/v1/operation-agreements/${id}/award`, {
      awardOrgId: oid('zh-operator'),
      candidates: [c],
    });
    expect(res.statusCode).toBe(409);
    expect(failure(res)).toMatchObject({ ruleId: 'AUTH-02', code: 'QUALIFICATION_FAILED' });
  });
});

describe('ScenarioApplication bad input', () => {
  const item = (fieldCode: string, o: Record<string, unknown> = {}) => ({
    resourceId: ent,
    fieldCode,
    justification: justify,
    ...o,
  });
  const count = async () =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM scenario_application`.execute(t.kernel.db)).rows[0]!.n;

  it('AUTH-14 (scenario 5) refuses a core field with CORE_DATA_NOT_GRANTABLE and saves nothing', async () => {
    const before = await count();
    const r = await operator.post(
      '/api/v1/scenario-applications',
      applicationBody(agreementId, [item('uscc'), item('secret')]),
    );
    expect(r.statusCode).toBe(409);
    expect(failure(r)).toMatchObject({ ruleId: 'AUTH-14', code: 'CORE_DATA_NOT_GRANTABLE' });
    expect(r.json().error.message_zh).toContain('重要设施坐标');
    expect(await count()).toBe(before);
  });
  it('AUTH-07 refuses a field of an unregistered resource with RESOURCE_NOT_REGISTERED', async () => {
    const r = await operator.post(
      '/api/v1/scenario-applications',
      applicationBody(agreementId, [{ resourceId: unregistered, fieldCode: 'x', justification: justify }]),
    );
    expect(r.statusCode).toBe(409);
    expect(failure(r)).toMatchObject({ ruleId: 'AUTH-07', code: 'RESOURCE_NOT_REGISTERED' });
  });
  // Ungraded fields (CLASSIFICATION_MISSING) are covered by rules.test.ts: the catalog contract reports them as general.
  it('AUTH-16 refuses a clear personal field without a legal basis at submission', async () => {
    const d = await operator.post('/api/v1/scenario-applications', applicationBody(agreementId, [item('legal_rep')]));
    expect(d.statusCode).toBe(201);
    const s = await operator.post(`/api/v1/scenario-applications/${d.json().id}/submit`);
    expect(s.statusCode).toBe(422);
    expect(s.json().error.details.failures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: 'AUTH-16', code: 'PERSONAL_DATA_NEEDS_DEIDENTIFICATION' }),
      ]),
    );
  });
  it('AUTH-09 (scenario 4) names the field whose justification is empty; AUTH-10 refuses a period past the agreement', async () => {
    const d = await operator.post(
      '/api/v1/scenario-applications',
      applicationBody(agreementId, [
        item('uscc'),
        item('legal_rep', { justification: '', requestedMasking: { method: 'mask' } }),
      ]),
    );
    const s = await operator.post(`/api/v1/scenario-applications/${d.json().id}/submit`);
    expect(s.statusCode).toBe(422);
    expect(s.json().error.details.failures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ruleId: 'AUTH-09',
          code: 'JUSTIFICATION_REQUIRED',
          params: expect.objectContaining({ field: '法定代表人' }),
        }),
      ]),
    );
    // Dates are checked in the create call, before any draft exists (issue 14).
    const late = await operator.post(
      '/api/v1/scenario-applications',
      applicationBody(agreementId, [item('uscc')], { usageTimeLimit: '2029-01-01' }),
    );
    expect(late.statusCode).toBe(422);
    expect(late.json().error.details.failures).toEqual([
      expect.objectContaining({
        ruleId: 'AUTH-10',
        code: 'DATE_EXCEEDS_AGREEMENT',
        params: expect.objectContaining({ field: 'usageTimeLimit' }),
      }),
    ]);
  });
});

describe('Application → consent → approval → grant → plan → collaboration', () => {
  let appId: string, grantId: string;
  const demand = () => [
    { resourceId: ent, fieldCode: 'uscc', justification: justify },
    { resourceId: ent, fieldCode: 'name', justification: '核验结果需返回企业名称用于与申请材料比对' },
    { resourceId: ent, fieldCode: 'reg_capital', justification: '按注册资本区间做聚合统计分析，评估企业规模分布' },
    { resourceId: pop, fieldCode: 'district', justification: '按所属区统计服务覆盖的人口分布情况' },
  ];

  it('submits: review (20) and consent (10) working-day clocks run across 国庆 and the 调休 Saturday 2026-10-10', async () => {
    const d = await operator.post('/api/v1/scenario-applications', applicationBody(agreementId, demand()));
    expect(d.statusCode).toBe(201);
    appId = d.json().id;
    const s = await operator.post(`/api/v1/scenario-applications/${appId}/submit`);
    expect(s.statusCode, s.body).toBe(200);
    const a = (await authority.get(`/api/v1/scenario-applications/${appId}`)).json();
    expect(a.consentDueAt).toBe('2026-10-16T15:59:59.999Z');
    expect(a.reviewDueAt).toBe('2026-10-30T15:59:59.999Z');
  });

  it('cross-tenant: luohu.reviewer gets 404; gd.reviewer reads but approve is 403 CROSS_TENANT_FORBIDDEN', async () => {
    expect((await authority.post(`/api/v1/scenario-applications/${appId}/accept`)).statusCode).toBe(200);
    const luohu = await t.as('luohu.reviewer');
    expect((await luohu.get(`/api/v1/scenario-applications/${appId}`)).statusCode).toBe(404);
    expect((await luohu.post(`/api/v1/scenario-applications/${appId}/approve`, { itemDecisions: [] })).statusCode).toBe(
      404,
    );
    const gd = await t.as('gd.reviewer');
    expect((await gd.get(`/api/v1/scenario-applications/${appId}`)).statusCode).toBe(200);
    const r = await gd.post(`/api/v1/scenario-applications/${appId}/approve`, { itemDecisions: [] });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('CROSS_TENANT_FORBIDDEN');
    const other = await t.as('transport.admin');
    expect((await other.get(`/api/v1/scenario-applications/${appId}`)).statusCode).toBe(404);
  });

  it('AUTH-12 refuses approval while a source unit is silent; consents are per item', async () => {
    const a = (await authority.get(`/api/v1/scenario-applications/${appId}`)).json();
    const decisions = a.items.map((i: any) => ({ itemId: i.id, decision: 'accepted', reason: '符合最小必要' }));
    const r = await reviewer.post(`/api/v1/scenario-applications/${appId}/approve`, { itemDecisions: decisions });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details.failures).toEqual(
      expect.arrayContaining([expect.objectContaining({ ruleId: 'AUTH-12', code: 'SOURCE_UNIT_CONSENT_MISSING' })]),
    );
    const inbox = (await samr.get('/api/v1/source-consents')).json().items.find((c: any) => c.applicationId === appId);
    const mine = a.items.filter((i: any) => i.sourceUnitOrgId === oid('zh-samr'));
    expect(
      (
        await samr.post(`/api/v1/source-consents/${inbox.id}/decide`, {
          items: mine.map((i: any) => ({ itemId: i.id, decision: 'consent' })),
        })
      ).statusCode,
    ).toBe(200);
    const hInbox = (await health.get('/api/v1/source-consents'))
      .json()
      .items.find((c: any) => c.applicationId === appId);
    const hItems = a.items.filter((i: any) => i.sourceUnitOrgId === oid('zh-health'));
    // samr cannot answer for health's items
    expect(
      (
        await samr.post(`/api/v1/source-consents/${hInbox.id}/decide`, {
          items: hItems.map((i: any) => ({ itemId: i.id, decision: 'consent' })),
        })
      ).statusCode,
    ).toBe(404);
    const refuse = await health.post(`/api/v1/source-consents/${hInbox.id}/decide`, {
      items: hItems.map((i: any) => ({ itemId: i.id, decision: 'refuse', reason: '人口数据暂不开放' })),
    });
    expect(refuse.statusCode).toBe(200);
  });

  it('AUTH-15 refuses an important field without the extra approval step, then accepts a second approver', async () => {
    const a = (await authority.get(`/api/v1/scenario-applications/${appId}`)).json();
    const decisions = a.items
      .filter((i: any) => i.consent === 'consent')
      .map((i: any) => ({ itemId: i.id, decision: 'accepted', reason: '符合最小必要' }));
    const r = await authority.post(`/api/v1/scenario-applications/${appId}/approve`, { itemDecisions: decisions });
    expect(r.statusCode).toBe(409);
    expect(failure(r)).toMatchObject({ ruleId: 'AUTH-15', code: 'SECOND_APPROVAL_REQUIRED' });
    expect(
      (await authority.post(`/api/v1/scenario-applications/${appId}/endorse`, { itemDecisions: decisions })).statusCode,
    ).toBe(200);
    const same = await authority.post(`/api/v1/scenario-applications/${appId}/approve`, { itemDecisions: decisions });
    expect(failure(same)).toMatchObject({ ruleId: 'AUTH-15', code: 'SECOND_APPROVAL_REQUIRED' });
    // AUTH-12: the refused field cannot be accepted over the source unit's refusal
    const refused = a.items.find((i: any) => i.consent === 'refuse');
    const over = await reviewer.post(`/api/v1/scenario-applications/${appId}/approve`, {
      itemDecisions: [...decisions, { itemId: refused.id, decision: 'accepted', reason: '需要' }],
    });
    expect(over.json().error.details.failures).toEqual(
      expect.arrayContaining([expect.objectContaining({ ruleId: 'AUTH-12', code: 'SOURCE_UNIT_REFUSED' })]),
    );
    const ok = await reviewer.post(`/api/v1/scenario-applications/${appId}/approve`, { itemDecisions: decisions });
    expect(ok.statusCode).toBe(200);
    grantId = ok.json().grantId;
    const after = (await authority.get(`/api/v1/scenario-applications/${appId}`)).json();
    expect(after.state).toBe('approved');
    expect(after.items.find((i: any) => i.id === refused.id)).toMatchObject({
      decision: 'rejected',
      decisionReason: expect.stringContaining('人口数据暂不开放'),
    });
  });

  it('Grant v1 is pending_plan with the accepted fields only; important → aggregate_only and 2 reviewers', async () => {
    const g = (await operator.get(`/api/v1/grants/${grantId}`)).json();
    expect(g).toMatchObject({
      state: 'pending_plan',
      validFrom: '2026-10-01',
      validTo: '2027-06-30',
      reviewersRequired: 2,
    });
    expect(g.fields.map((f: any) => f.code)).toEqual(['uscc', 'name', 'reg_capital']);
    expect(g.fields.find((f: any) => f.code === 'reg_capital').visibility).toBe('aggregate_only');
    expect(g.egressPolicy.minGroupSize).toBe(10);
  });

  it('AUTH-17 refuses activation without a filed plan; filing the plan activates the grant', async () => {
    const r = await authority.post(`/api/v1/grants/${grantId}/activate`);
    expect(r.statusCode).toBe(409);
    expect(failure(r)).toMatchObject({ ruleId: 'AUTH-17', code: 'EMERGENCY_PLAN_MISSING' });
    const incomplete = await operator.post('/api/v1/emergency-plans', {
      grantId,
      incidentTypes: ['loss'],
      responseLevels: '一级',
      procedures: '报告',
      roles: [],
      reportingChain: [],
    });
    const planId = incomplete.json().id;
    const bad = await operator.post(`/api/v1/emergency-plans/${planId}/submit`);
    expect(failure(bad)).toMatchObject({ ruleId: 'AUTH-31', code: 'EMERGENCY_PLAN_INCOMPLETE' });
    await sql`UPDATE emergency_plan SET incident_types = ${JSON.stringify(['loss', 'leak', 'tampering', 'destruction'])}::jsonb,
      roles = ${JSON.stringify([{ role: '数据安全负责人', name: '张伟', securityOfficer: true }])}::jsonb, reporting_chain = ${JSON.stringify(['珠海市政务服务和数据管理局', '区委网信办', '国家安全机关'])}::jsonb WHERE id = ${planId}`.execute(
      t.kernel.db,
    );
    expect((await operator.post(`/api/v1/emergency-plans/${planId}/submit`)).statusCode).toBe(200);
    expect((await authority.post(`/api/v1/emergency-plans/${planId}/file`)).statusCode).toBe(200);
    await advance('2026-10-01T01:00:00Z');
    const g = (await operator.get(`/api/v1/grants/${grantId}`)).json();
    expect(g).toMatchObject({ state: 'active', emergencyPlanId: planId });
    expect(g.emergencyPlan.nextDrillDue).toBe('2027-09-28');
  });

  it('AUTH-21 refuses a collaboration past the operator term (422 TERM_EXCEEDS_OPERATOR_TERM); a filed one reaches the sandbox contract', async () => {
    const body = (validTo: string) => ({
      grantId,
      collaboratorOrgId: oid('zh-collab'),
      dataScope: ['uscc', 'name'],
      validFrom: '2026-10-01',
      validTo,
      terms: {
        conditions: '仅限沙箱内开发',
        securityRequirements: '等保三级',
        serviceFees: '按人天计费',
        terminationCases: '违约即终止',
        breachLiability: '承担赔偿责任',
      },
    });
    const over = await operator.post('/api/v1/collaboration-agreements', body('2027-12-31'));
    expect(over.statusCode).toBe(422);
    expect(failure(over)).toMatchObject({ ruleId: 'AUTH-21', code: 'TERM_EXCEEDS_OPERATOR_TERM' });
    const wide = await operator.post('/api/v1/collaboration-agreements', {
      ...body('2027-06-30'),
      dataScope: ['uscc', 'est_date'],
    });
    expect(failure(wide)).toMatchObject({ ruleId: 'AUTH-21', code: 'SCOPE_EXCEEDS_GRANT' });
    const ok = await operator.post('/api/v1/collaboration-agreements', body('2027-06-30'));
    expect(ok.statusCode).toBe(201);
    expect((await authority.post(`/api/v1/collaboration-agreements/${ok.json().id}/file`)).statusCode).toBe(200);
    const g = (await getGrantForUse(t.kernel.db, grantId))!;
    expect(g.collaboratorOrgIds).toEqual([oid('zh-collab')]);
    expect(g.resources[0]!.fields.map((f) => f.code)).toEqual(['uscc', 'name', 'reg_capital']);
    expect(() => assertGrantUsable(g, oid('zh-collab'), '2026-10-01', false)).not.toThrow();
    expect((await listUsableGrantsForOrg(t.kernel.db, oid('zh-collab'), '2026-10-01')).map((x) => x.id)).toContain(
      grantId,
    );
    const collab = await t.as('collaborator.dev');
    expect((await collab.get(`/api/v1/grants/${grantId}`)).statusCode).toBe(200);
  });

  it('AUTH-19 refuses use by a third party; AUTH-24 suspension is immediate; ORG_IN_RECTIFICATION is checked first', async () => {
    const g = (await getGrantForUse(t.kernel.db, grantId))!;
    expect(() => assertGrantUsable(g, oid('buyer'), '2026-10-01', false)).toThrow(
      expect.objectContaining({ status: 403, code: 'REAUTHORIZATION_FORBIDDEN' }),
    );
    expect(() => assertGrantUsable(g, oid('zh-operator'), '2026-10-01', true)).toThrow(
      expect.objectContaining({ status: 403, code: 'ORG_IN_RECTIFICATION' }),
    );
    expect((await authority.post(`/api/v1/grants/${grantId}/suspend`, { reason: '整改期间暂停' })).statusCode).toBe(
      200,
    );
    const s = (await getGrantForUse(t.kernel.db, grantId))!;
    let err: any;
    try {
      assertGrantUsable(s, oid('zh-collab'), '2026-10-01', false);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({
      status: 409,
      code: 'GRANT_SUSPENDED',
      details: { failures: [expect.objectContaining({ ruleId: 'AUTH-24' })] },
    });
    expect((await authority.post(`/api/v1/grants/${grantId}/resume`, { reason: '整改完成' })).statusCode).toBe(200);
  });

  it('AUTH-18 the grant is usable on its last day and expired the day after, before and after the clock job', async () => {
    clock.set('2027-06-30T15:59:00Z'); // 23:59 Shanghai on validTo
    const g = (await getGrantForUse(t.kernel.db, grantId))!;
    expect(() => assertGrantUsable(g, oid('zh-operator'), '2027-06-30', false)).not.toThrow();
    clock.set('2027-06-30T16:00:00Z'); // 00:00 Shanghai the next day
    let err: any;
    try {
      assertGrantUsable(g, oid('zh-operator'), '2027-07-01', false);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({
      status: 409,
      code: 'GRANT_EXPIRED',
      details: { failures: [expect.objectContaining({ ruleId: 'AUTH-18' })] },
    });
    const counts = await runAuthorizationClocks(t.kernel);
    expect(counts.grantsExpired).toBeGreaterThanOrEqual(1);
    expect((await getGrantForUse(t.kernel.db, grantId))!.state).toBe('expired');
    expect(
      (await listUsableGrantsForOrg(t.kernel.db, oid('zh-operator'), '2027-07-01')).map((x) => x.id),
    ).not.toContain(grantId);
  });
});
