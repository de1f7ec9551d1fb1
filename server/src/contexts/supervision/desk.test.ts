import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jid, oid } from '../../seed/identity.js';
import { demoId } from '../../seed/ids.js';
import { DEMO_GRANTS } from '../../seed/sandbox.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { grantFlows } from '../authorization/service.js';
import { orderFlows } from '../products/service.js';
import { egressFlows } from '../sandbox/service.js';
import { incidentBody } from './test/factories.js';

// The supervisory desk (issue 16, decision 0080): flows, to-do and the desk lists, over the demo data.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t?.close());

type Edge = { kind: string; fromOrgId: string; toOrgId: string; fromName: string; toName: string; count: number };

describe('GET /api/v1/supervision/flows', () => {
  it('the regulator sees grant edges source unit → operator, named, with their Grants to drill into', async () => {
    const reg = await t.as('regulator.viewer');
    const res = await reg.get('/api/v1/supervision/flows');
    expect(res.statusCode, res.body).toBe(200);
    const grants = res.json().edges.filter((e: Edge) => e.kind === 'grant');
    expect(grants.length).toBeGreaterThan(0);
    const toOperator = grants.filter((e: Edge) => e.toOrgId === oid('zh-operator'));
    expect(toOperator.length).toBeGreaterThan(0);
    expect(toOperator[0].toName).toMatch(/[\u4e00-\u9fa5]/);
    expect(toOperator[0].objectType).toBe('Grant');
    expect(toOperator.flatMap((e: { objectIds: string[] }) => e.objectIds)).toContain(DEMO_GRANTS.verify);
  });

  it("the authority sees its own jurisdiction; another jurisdiction's authority sees none of Zhuhai's flows", async () => {
    const zh = (await (await t.as('authority.admin')).get('/api/v1/supervision/flows')).json().edges;
    expect(zh.some((e: Edge) => e.toOrgId === oid('zh-operator'))).toBe(true);
    const lh = await (await t.as('luohu.reviewer')).get('/api/v1/supervision/flows');
    expect(lh.statusCode, lh.body).toBe(200);
    expect(lh.json().edges.some((e: Edge) => e.toOrgId === oid('zh-operator'))).toBe(false);
  });

  it('an operator, a buyer and the public are refused (403, 403, 401)', async () => {
    const op = await (await t.as('operator.admin')).get('/api/v1/supervision/flows');
    expect(op.statusCode).toBe(403);
    expect(op.json().error.code).toBe('FORBIDDEN');
    expect((await (await t.as('buyer.admin')).get('/api/v1/supervision/flows')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/v1/supervision/flows')).statusCode).toBe(401);
  });
});

describe('flow ports (authorization grantFlows, sandbox egressFlows, products orderFlows)', () => {
  it('an empty reach reads nothing; a reach outside the grants reads nothing', async () => {
    expect(await grantFlows(t.kernel.db, [])).toEqual([]);
    expect(await egressFlows(t.kernel.db, [])).toEqual([]);
    expect(await orderFlows(t.kernel.db, [])).toEqual([]);
    const nowhere = ['00000000-0000-0000-0000-000000000001'];
    expect(await grantFlows(t.kernel.db, nowhere)).toEqual([]);
    expect(await egressFlows(t.kernel.db, nowhere)).toEqual([]);
    expect(await orderFlows(t.kernel.db, nowhere)).toEqual([]);
  });

  it('orderFlows reads the demo orders operator → buyer, with their ids', async () => {
    const edges = await orderFlows(t.kernel.db, [jid('440400')]);
    const e = edges.find((x) => x.operatorOrgId === oid('zh-operator') && x.buyerOrgId === oid('buyer'));
    expect(e?.orderIds.length).toBeGreaterThan(0);
  });

  it('grantFlows counts a suspended Grant on its edge once an incident stops it (INC-02)', async () => {
    const reach = [jid('440400')]; // Zhuhai, where the demo Grants live
    const before = (await grantFlows(t.kernel.db, reach)).filter((e) => e.grantIds.includes(DEMO_GRANTS.stats));
    expect(before.length).toBeGreaterThan(0);
    const op = await t.as('operator.admin');
    const res = await op.post(
      '/api/v1/incidents',
      incidentBody({ grantIds: [DEMO_GRANTS.stats], discoveredAt: new Date().toISOString() }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const after = (await grantFlows(t.kernel.db, reach)).filter((e) => e.grantIds.includes(DEMO_GRANTS.stats));
    expect(after.every((e) => e.suspended >= 1)).toBe(true);
  });
});

describe('GET /api/v1/supervision/todo', () => {
  it('the authority sees the overdue report with its days overdue and the submitted one to review', async () => {
    const res = await (await t.as('authority.admin')).get('/api/v1/supervision/todo');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { kind: string; objectId: string; daysOverdue: number | null; orgName: string }[];
    const overdue = items.find((i) => i.objectId === demoId('report:q3-operating'));
    expect(overdue?.kind).toBe('report_overdue');
    expect(overdue?.daysOverdue).toBeGreaterThanOrEqual(0);
    expect(overdue?.orgName).toMatch(/[\u4e00-\u9fa5]/);
    expect(items.find((i) => i.objectId === demoId('report:h1-security'))?.kind).toBe('report_review');
  });

  it('an operator is refused 403', async () => {
    expect((await (await t.as('operator.admin')).get('/api/v1/supervision/todo')).statusCode).toBe(403);
  });
});

describe('GET /api/v1/supervision/desk/* lists', () => {
  it("the operator lists only its own incidents and rectifications; the collaborator's order is not among them", async () => {
    const op = await t.as('operator.admin');
    const inc = (await op.get('/api/v1/supervision/desk/incidents')).json();
    expect(inc.items.length).toBeGreaterThan(0);
    expect(inc.items.every((i: { reporterOrgId: string }) => i.reporterOrgId === oid('zh-operator'))).toBe(true);
    const rect = (await op.get('/api/v1/supervision/desk/rectifications')).json();
    expect(rect.items.map((r: { id: string }) => r.id)).not.toContain(demoId('rectification:zh-collab'));
    const collab = await t.as('collaborator.admin');
    const theirs = (await collab.get('/api/v1/supervision/desk/incidents')).json();
    expect(theirs.items.some((i: { reporterOrgId: string }) => i.reporterOrgId === oid('zh-operator'))).toBe(false);
  });

  it("the authority sees the collaborator's rectification with names and abilities; the subject may submit, not accept", async () => {
    const a = await t.as('authority.admin');
    const rect = (await a.get('/api/v1/supervision/desk/rectifications')).json();
    const r = rect.items.find((x: { id: string }) => x.id === demoId('rectification:zh-collab'));
    expect(r.subjectName).toMatch(/[\u4e00-\u9fa5]/);
    expect(r.abilities).not.toContain('submit');
    const collab = await t.as('collaborator.admin');
    const mine = (await collab.get('/api/v1/supervision/desk/rectifications')).json().items;
    expect(mine.find((x: { id: string }) => x.id === r.id).abilities).toEqual(['submit']);
  });

  it('reports filter by state; the incident detail names the Grants it stopped', async () => {
    const a = await t.as('authority.admin');
    const over = (await a.get('/api/v1/supervision/desk/reports?state=overdue')).json();
    expect(over.items.length).toBeGreaterThan(0);
    expect(over.items.every((r: { state: string }) => r.state === 'overdue')).toBe(true);
    const submitted = (await a.get('/api/v1/supervision/desk/reports?state=submitted')).json().items;
    expect(submitted.find((r: { id: string }) => r.id === demoId('report:h1-security')).abilities.sort()).toEqual([
      'accept',
      'return',
    ]);
    const op = await t.as('operator.admin');
    const opened = (
      await op.post(
        '/api/v1/incidents',
        incidentBody({ grantIds: [DEMO_GRANTS.verify], discoveredAt: new Date().toISOString() }),
      )
    ).json();
    const d = await a.get(`/api/v1/supervision/desk/incidents/${opened.id}`);
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().grants).toEqual([expect.objectContaining({ id: DEMO_GRANTS.verify, state: 'suspended' })]);
    expect(d.json().grants[0].grantNo).toBeTruthy();
    // Another jurisdiction's authority cannot open it (404, not 403).
    expect(
      (await (await t.as('luohu.reviewer')).get(`/api/v1/supervision/desk/incidents/${opened.id}`)).statusCode,
    ).toBe(404);
  });

  it('report and rectification details carry names and abilities; another jurisdiction gets 404', async () => {
    const a = await t.as('authority.admin');
    const rep = await a.get(`/api/v1/supervision/desk/reports/${demoId('report:h1-security')}`);
    expect(rep.statusCode, rep.body).toBe(200);
    expect(rep.json().subjectName).toMatch(/[\u4e00-\u9fa5]/);
    expect(rep.json().abilities.sort()).toEqual(['accept', 'return']);
    const mine = await (await t.as('operator.admin')).get(
      `/api/v1/supervision/desk/reports/${demoId('report:h1-security')}`,
    );
    expect(mine.json().abilities).toEqual([]); // submitted: the subject waits for the review
    const rect = await a.get(`/api/v1/supervision/desk/rectifications/${demoId('rectification:zh-collab')}`);
    expect(rect.json()).toMatchObject({ state: 'ordered', abilities: [] });
    const lh = await t.as('luohu.reviewer');
    expect((await lh.get(`/api/v1/supervision/desk/reports/${demoId('report:h1-security')}`)).statusCode).toBe(404);
    expect(
      (await lh.get(`/api/v1/supervision/desk/rectifications/${demoId('rectification:zh-collab')}`)).statusCode,
    ).toBe(404);
  });
});
