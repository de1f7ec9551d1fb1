import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GRANT_IDS, DEMO_INCIDENT_GRANT_ID } from '../../seed/authorization.js';
import { demoId } from '../../seed/ids.js';
import { startTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t?.close());

describe('issue 16 demo data (seed/supervision.ts)', () => {
  it('a submitted and an overdue report, a closed and an open incident, one final quarterly evaluation, an interview in progress, a published credit record; the regulator sees them', async () => {
    const a = await t.as('authority.admin');
    expect((await a.get(`/api/v1/reports/${demoId('report:h1-security')}`)).json().state).toBe('submitted');
    expect((await a.get(`/api/v1/reports/${demoId('report:q3-operating')}`)).json().state).toBe('overdue');
    expect((await a.get(`/api/v1/incidents/${demoId('incident:closed')}`)).json().state).toBe('closed');
    const open = (await a.get(`/api/v1/incidents/${demoId('incident:open')}`)).json();
    expect(open).toMatchObject({ state: 'reported', affected: { grantIds: [DEMO_INCIDENT_GRANT_ID] } });
    // INC-02: the open incident's dedicated Grant is suspended; the shared demo Grants stay active.
    const op = await t.as('operator.admin');
    const g = (await op.get(`/api/v1/grants/${DEMO_INCIDENT_GRANT_ID}`)).json();
    expect(g).toMatchObject({ state: 'suspended', suspension: { cause: 'incident', reason: 'INC-2026-0002' } });
    for (const id of Object.values(DEMO_GRANT_IDS))
      expect((await op.get(`/api/v1/grants/${id}`)).json().state).toBe('active');
    const e = (await a.get(`/api/v1/evaluations/${demoId('evaluation:q2-2026')}`)).json();
    expect(e).toMatchObject({ state: 'final', result: 'good', total: 84 });
    const ov = (await (await t.as('regulator.viewer')).get('/api/v1/supervision/overview')).json();
    expect(ov).toMatchObject({
      incidents: { open: 1 },
      // submitted: the operator's H1 security report and the demo lab's Q3 usage report (seed/labs.ts, issue 18).
      reports: { overdue: 1, submitted: 2 },
      evaluations: { final: 1 },
    });
    expect((await a.get(`/api/v1/rectifications/${demoId('rectification:zh-collab')}`)).json().state).toBe('ordered');
    const pub = (await t.anonymous.get('/api/v1/public/credit-records')).json().items;
    expect(pub.map((x: { id: string }) => x.id)).toContain(demoId('credit:zh-collab'));
    // The public sees none of the rest.
    expect((await t.anonymous.get('/api/v1/supervision/overview')).statusCode).toBe(401);
    expect((await (await t.as('buyer.admin')).get('/api/v1/supervision/overview')).statusCode).toBe(403);
  });
});
