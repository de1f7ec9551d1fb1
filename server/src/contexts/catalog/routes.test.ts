import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { resourceId } from '../../seed/catalog.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/resources (CAT-09)', () => {
  it('finds 企业登记信息 by a Chinese query, ranked first', async () => {
    const c = await t.as('operator.admin');
    const res = await c.get(`/api/v1/resources?q=${encodeURIComponent('企业登记')}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items[0].nameZh).toBe('企业登记信息');
  });

  it("hides a sibling unit's draft from lists and answers 404 on detail (identity.md scenario 4)", async () => {
    const transport = await t.as('transport.admin');
    const draft = resourceId('emergency-supplies');
    const list = (await transport.get(`/api/v1/resources?q=${encodeURIComponent('应急物资')}`)).json();
    expect(list.items.map((x: any) => x.id)).not.toContain(draft);
    expect((await transport.get(`/api/v1/resources/${draft}`)).statusCode).toBe(404);
    const health = await t.as('health.admin');
    expect((await health.get(`/api/v1/resources/${draft}`)).statusCode).toBe(200);
  });
});

describe('GET /api/openapi.json', () => {
  it('documents the catalog endpoints, including the public ones', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/resources',
        '/api/v1/public/registrations',
        '/api/v1/public/registrations/{id}',
        '/api/v1/registrations',
      ]),
    );
  });
  it('public registration pages need no login and never list drafts', async () => {
    const res = await t.anonymous.get('/api/v1/public/registrations?state=registered');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((x: any) => x.summary.name)).toContain('企业登记信息');
    expect((await t.anonymous.get('/api/v1/resources')).statusCode).toBe(401);
  });
});

describe('demo catalog work after npm start (issue 12 capabilities)', () => {
  it('the desks show a consent item, requests on their clocks, a rights objection and the task list', async () => {
    const transport = await t.as('transport.admin');
    const changes = (await transport.get('/api/v1/change-requests')).json().items;
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'modify', state: 'pending_consent', resource_name: '道路运输经营许可信息' }),
      ]),
    );
    const reqs = (await transport.get('/api/v1/data-requests?kind=share')).json().items;
    expect(reqs.find((x: any) => x.state === 'under_review' && x.clocks.replyDue)).toBeTruthy();
    const tasks = (await transport.get('/api/v1/catalog-tasks')).json().items.map((x: any) => `${x.kind}:${x.ruleId}`);
    expect(tasks).toEqual(expect.arrayContaining(['rectification:CAT-06', 'class_review:SHR-05']));
    const objections = (await (await t.as('health.admin')).get('/api/v1/resource-objections')).json().items;
    expect(objections).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'rights_infringement', state: 'verifying' })]),
    );
    const open = (await (await t.as('buyer.admin')).get('/api/v1/data-requests?kind=open')).json().items;
    expect(open).toEqual(
      expect.arrayContaining([expect.objectContaining({ state: 'approved', resourceName: '食品经营许可信息' })]),
    );
  });
});
