import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { jid, oid, uid } from '../../seed/identity.js';
import { demoId } from '../../seed/ids.js';
import { DEMO_GRANTS } from '../../seed/sandbox.js';
import { resourceId } from '../../seed/catalog.js';
import { DEMO_AGREEMENT_ID } from '../../seed/authorization.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { applicationBody, justify } from './test/factories.js';

// authorization.md acceptance scenarios through the HTTP API, on the demo data (issue 12).
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 60_000);
afterAll(() => t?.close());

const count = async (table: string) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.kernel.db)).rows[0]!.n;

describe('AUTH-14 scenario 5: core data is refused as CORE_DATA_NOT_GRANTABLE, never as RESOURCE_NOT_REGISTERED', () => {
  // 传染病疫情监测原始数据 is graded core and, being core, was never registered: the grade must be what the user hears.
  const core = resourceId('epidemic-surveillance');

  it('a demand item on a field of the core resource: 409 CORE_DATA_NOT_GRANTABLE (AUTH-14 first) and nothing saved', async () => {
    const operator = await t.as('operator.admin');
    const before = await count('scenario_application');
    const r = await operator.post(
      '/api/v1/scenario-applications',
      applicationBody(DEMO_AGREEMENT_ID, [{ resourceId: core, fieldCode: 'bgkh', justification: justify }], {
        servicePeriod: { from: '2026-10-01', to: '2026-12-31' },
        usageTimeLimit: '2026-12-31',
      }),
    );
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().error.code).toBe('CORE_DATA_NOT_GRANTABLE');
    expect(r.json().error.details.failures[0]).toMatchObject({ ruleId: 'AUTH-14', code: 'CORE_DATA_NOT_GRANTABLE' });
    expect(r.json().error.details.failures.map((f: { code: string }) => f.code)).not.toContain(
      'RESOURCE_NOT_REGISTERED',
    );
    expect(r.json().error.message_zh).toContain('报告卡号');
    expect(await count('scenario_application')).toBe(before);
  });

  it('the core resource in an agreement catalog: 409 CORE_DATA_NOT_GRANTABLE and no agreement saved', async () => {
    const authority = await t.as('authority.admin');
    const before = await count('operation_agreement');
    const r = await authority.post('/api/v1/operation-agreements', {
      title: '含核心数据的协议（测试）',
      mode: 'whole_scope',
      jurisdictionId: jid('440400'),
      derivedRightsClause: '原始数据归数源单位',
      catalog: [{ resourceId: core, fieldCodes: ['bgkh', 'yqxx'] }],
    });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().error.details.failures[0]).toMatchObject({ ruleId: 'AUTH-14', code: 'CORE_DATA_NOT_GRANTABLE' });
    expect(await count('operation_agreement')).toBe(before);
  });
});

describe('authorization scenario 3: filing the plan activates the Grant AND provisions its Workspace, in one transaction', () => {
  const appId = demoId('scenario:pending'); // SA-2026-0003 小微企业普惠金融授信辅助, under review in the demo

  it("consent → approval → Grant pending_plan → plan filed → Grant active with the holder's Workspace active, views mounted", async () => {
    const [samr, admin, reviewer, operator] = await Promise.all(
      ['source.admin', 'authority.admin', 'authority.reviewer', 'operator.admin'].map((u) => t.as(u)),
    );
    const app = (await admin.get(`/api/v1/scenario-applications/${appId}`)).json();
    const inbox = (await samr.get('/api/v1/source-consents'))
      .json()
      .items.find((c: { applicationId: string }) => c.applicationId === appId);
    expect(
      (
        await samr.post(`/api/v1/source-consents/${inbox.id}/decide`, {
          items: app.items.map((i: { id: string }) => ({ itemId: i.id, decision: 'consent' })),
        })
      ).statusCode,
    ).toBe(200);
    const itemDecisions = app.items.map((i: { id: string }) => ({
      itemId: i.id,
      decision: 'accepted',
      reason: '符合最小必要原则',
    }));
    expect((await admin.post(`/api/v1/scenario-applications/${appId}/endorse`, { itemDecisions })).statusCode).toBe(
      200,
    ); // AUTH-15 first approver
    const approved = await reviewer.post(`/api/v1/scenario-applications/${appId}/approve`, { itemDecisions });
    expect(approved.statusCode, approved.body).toBe(200);
    const grantId = approved.json().grantId as string;
    expect((await operator.get(`/api/v1/grants/${grantId}`)).json().state).toBe('pending_plan');
    const wsOf = async () =>
      (await operator.get('/api/v1/workspaces')).json().items.filter((w: { grantId: string }) => w.grantId === grantId);
    expect(await wsOf()).toEqual([]); // SBX-01: no Workspace before the Grant is active

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
    const filed = await admin.post(`/api/v1/emergency-plans/${plan.json().id}/file`);
    expect(filed.statusCode, filed.body).toBe(200);

    // No sweep has run: the Workspace exists because the activation made it.
    expect((await operator.get(`/api/v1/grants/${grantId}`)).json().state).toBe('active');
    const [ws] = await wsOf();
    expect(ws).toMatchObject({ state: 'active', holderOrgId: oid('zh-operator'), seats: [] });
    expect(ws.views.map((v: { name: string }) => v.name)).toEqual(['企业登记信息']);
    const events = (
      await sql<{
        event_type: string;
        n: number;
      }>`SELECT e.event_type, count(*)::int AS n FROM event e WHERE e.object_id IN (${grantId}, ${ws.id}) GROUP BY 1`.execute(
        t.kernel.db,
      )
    ).rows;
    expect(events.map((e) => e.event_type)).toEqual(
      expect.arrayContaining(['Grant.activate', 'workspace.provision', 'workspace.activate']),
    );

    // SBX-02: the holder's org_admin names the seats; a seated developer then runs a Job.
    const seated = await operator.post('/api/v1/workspaces', { grantId, seats: [uid('operator.dev')] });
    expect(seated.statusCode, seated.body).toBe(201);
    expect(
      seated
        .json()
        .seats.map((s: { userId: string }) => s.userId)
        .sort(),
    ).toEqual([uid('operator.admin'), uid('operator.dev')].sort());
    const job = await (await t.as('operator.dev')).post(`/api/v1/workspaces/${ws.id}/jobs`, {
      sql: 'SELECT count(*) AS n FROM 企业登记信息',
    });
    expect(job.statusCode, job.body).toBe(201);
  });
});

describe('AUTH-29 / EGR-13 scenario 12: a patent_filing egress needs a publication permission approved by the authority AND the source units', () => {
  const egress = async (declaredUse: string) => {
    const dev = await t.as('operator.dev');
    const ws = (await dev.get('/api/v1/workspaces'))
      .json()
      .items.find((w: { grantId: string; seats: unknown[] }) => w.grantId === DEMO_GRANTS.verify && w.seats.length);
    const job = (
      await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, {
        sql: 'SELECT 所属区, count(*) AS 企业数 FROM 企业登记信息 GROUP BY 所属区',
      })
    ).json();
    return dev.post('/api/v1/egress-requests', {
      workspaceId: ws.id,
      sourceJobId: job.id,
      outputKind: 'aggregate_table',
      declaredUse,
      justification: '用于专利申请的统计附表',
    });
  };
  // The alert is an audit entry on the Grant in the Grant's jurisdiction: the authority's audit log shows it.
  const alerts = async () =>
    (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM event e JOIN data_grant g ON g.id::text = e.object_id
    WHERE e.object_id = ${DEMO_GRANTS.verify} AND e.event_type = 'alert.publication_permission_required' AND e.jurisdiction_id = g.jurisdiction_id AND e.result = 'denied'`.execute(
        t.kernel.db,
      )
    ).rows[0]!.n;

  it('without permission: 403 PUBLICATION_PERMISSION_REQUIRED (AUTH-29), no request saved, and the authority is alerted', async () => {
    const before = await count('sandbox_egress_request');
    const r = await egress('patent_filing');
    expect(r.statusCode, r.body).toBe(403);
    expect(r.json().error).toMatchObject({ code: 'PUBLICATION_PERMISSION_REQUIRED', details: { ruleId: 'AUTH-29' } });
    expect(await count('sandbox_egress_request')).toBe(before);
    expect(await alerts()).toBe(1);
  });

  it('the authority alone is not enough; with the source unit too the permission is approved and the patent_filing egress is checked; exclusive_publication still needs its own', async () => {
    const [operator, authority, samr] = await Promise.all(
      ['operator.admin', 'authority.admin', 'source.admin'].map((u) => t.as(u)),
    );
    const asked = await operator.post(`/api/v1/grants/${DEMO_GRANTS.verify}/publication-permissions`, {
      declaredUse: 'patent_filing',
      purpose: '基于企业登记统计的授信模型专利申请',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const id = asked.json().id as string;
    expect(
      (
        await authority.post(`/api/v1/publication-permissions/${id}/decide`, {
          decision: 'approve',
          reason: '不含原始数据',
        })
      ).json().state,
    ).toBe('requested');
    expect(
      (
        await authority.post(`/api/v1/publication-permissions/${id}/decide`, { decision: 'approve', reason: '再次' })
      ).json().error.code,
    ).toBe('PUBLICATION_ALREADY_DECIDED');
    expect((await egress('patent_filing')).json().error.code).toBe('PUBLICATION_PERMISSION_REQUIRED');
    expect(
      (
        await (
          await t.as('buyer.admin')
        ).post(`/api/v1/publication-permissions/${id}/decide`, { decision: 'approve', reason: '无关方' })
      ).statusCode,
    ).toBe(404);
    expect(
      (await samr.post(`/api/v1/publication-permissions/${id}/decide`, { decision: 'approve', reason: '同意' })).json()
        .state,
    ).toBe('approved');
    const ok = await egress('patent_filing');
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await egress('exclusive_publication')).json().error.code).toBe('PUBLICATION_PERMISSION_REQUIRED');
  });

  it('one refusal (here the source unit) refuses the permission', async () => {
    const [operator, samr] = await Promise.all(['operator.admin', 'source.admin'].map((u) => t.as(u)));
    const id = (
      await operator.post(`/api/v1/grants/${DEMO_GRANTS.verify}/publication-permissions`, {
        declaredUse: 'exclusive_publication',
        purpose: '独家发布区域企业发展报告',
      })
    ).json().id;
    expect(
      (
        await samr.post(`/api/v1/publication-permissions/${id}/decide`, {
          decision: 'refuse',
          reason: '不同意独占发布',
        })
      ).json().state,
    ).toBe('refused');
    expect((await egress('exclusive_publication')).json().error.code).toBe('PUBLICATION_PERMISSION_REQUIRED');
  });
});

describe('AUTH-26: terminating the agreement revokes its Grants, terminates its collaborations and closes the Workspaces in the same request', () => {
  it('the demo agreement terminated with breach_of_agreement: Grants revoked, collaboration terminated, every Workspace closing at once', async () => {
    const admin = await t.as('authority.admin');
    const r = await admin.post(`/api/v1/operation-agreements/${DEMO_AGREEMENT_ID}/terminate`, {
      reasonCode: 'breach_of_agreement',
      facts: '逾期未整改',
      evidenceFileIds: ['ev-1'],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().revokedGrantIds).toEqual(expect.arrayContaining([DEMO_GRANTS.verify, DEMO_GRANTS.stats]));
    const grants = (
      await sql<{ state: string }>`SELECT state FROM data_grant WHERE agreement_id = ${DEMO_AGREEMENT_ID}`.execute(
        t.kernel.db,
      )
    ).rows;
    expect(grants.every((g) => g.state === 'revoked')).toBe(true);
    const collab = (
      await sql<{
        state: string;
      }>`SELECT state FROM collaboration_agreement WHERE agreement_id = ${DEMO_AGREEMENT_ID}`.execute(t.kernel.db)
    ).rows;
    // The collaborator's two demo collaborations: on the 核验 Grant and on the incident demo Grant (issue 16).
    expect(collab.map((c) => c.state)).toEqual(['terminated', 'terminated']);
    const ws = (
      await sql<{
        state: string;
      }>`SELECT w.state FROM sandbox_workspace w JOIN data_grant g ON g.id = w.grant_id WHERE g.agreement_id = ${DEMO_AGREEMENT_ID}`.execute(
        t.kernel.db,
      )
    ).rows;
    expect(ws.length).toBeGreaterThan(0);
    expect(ws.every((w) => w.state === 'closing')).toBe(true);
  });
});
