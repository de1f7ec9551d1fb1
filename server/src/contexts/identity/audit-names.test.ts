import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';

// Issue 14 "actors as UUIDs": the audit list names the actor (user's real name, org name) for the reader,
// within the same visibility as before; IAM-16: a regulator reads other orgs' people masked.
interface Item {
  event_type: string;
  actor: { orgId?: string; userId?: string } | null;
  actor_name: string | null;
  actor_org_name: string | null;
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.as('operator.admin'); // a login event by 张伟 of 珠海市数据运营有限公司
  await t.as('buyer.admin');
});
afterAll(() => t?.close());

describe('audit events carry the actor names', () => {
  it('the platform auditor reads who acted by name and organization', async () => {
    const items: Item[] = (await (await t.as('platform.audit')).get('/api/v1/audit-events?pageSize=500')).json().items;
    const op = items.find((e) => e.event_type === 'auth.login' && e.actor?.orgId === oid('zh-operator'));
    expect(op).toMatchObject({ actor_name: '张伟', actor_org_name: '珠海市数据运营有限公司' });
  });

  it("cross-tenant: the buyer reads only its own org's events, never the operator's names", async () => {
    const res = await (await t.as('buyer.admin')).get('/api/v1/audit-events?pageSize=500');
    expect(res.statusCode).toBe(200);
    const items: Item[] = res.json().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.some((e) => e.actor_name === '张伟' || e.actor_org_name === '珠海市数据运营有限公司')).toBe(false);
    expect(items.filter((e) => e.actor?.orgId).every((e) => e.actor?.orgId === oid('buyer'))).toBe(true);
    expect(items.some((e) => e.actor_name === '林峰')).toBe(true);
  });

  it('the regulator reads people of other organizations masked (IAM-16)', async () => {
    const items: Item[] = (await (await t.as('regulator.viewer')).get('/api/v1/audit-events?pageSize=500')).json()
      .items;
    const others = items.filter((e) => e.actor?.orgId && e.actor.orgId !== oid('zh-regulator') && e.actor_name);
    for (const e of others) expect(e.actor_name).toMatch(/^.\*$/u);
  });
});
