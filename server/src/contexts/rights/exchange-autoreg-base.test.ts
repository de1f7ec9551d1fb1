import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { shanghaiDate } from '../../kernel/calendar/calendar.js';
import { demoId } from '../../seed/ids.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import * as store from './store.js';
import { type Actors, actors, applyBody, ORG, registerFirst } from './test/factories.js';

// rights-assets.md RA-08 with RA-01: an exchange e-contract's licence finds its base — the seller's registered
// first registration of the same platform product (objectInfo.productId) — so it can be filed as it stands.
const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
const VERIFY = demoId('product:status-verify');
let t: TestApp;
let a: Actors;

beforeAll(async () => {
  t = await startTestApp({ clock });
  a = await actors(t, 'operator.admin', 'authority.admin');
}, 120_000);
afterAll(() => t?.close());

async function exchangeContract(): Promise<string> {
  const buyer = await t.as('buyer.admin');
  const o = await buyer.post('/api/v1/orders', {
    productId: VERIFY,
    useCategory: 'industry',
    purpose: '贷前核验',
    quantity: 10,
  });
  expect(o.statusCode, o.body).toBe(201);
  const today = shanghaiDate(t.kernel.clock.now());
  const c = await a.applicant.post('/api/v1/contracts', {
    orderId: o.json().id,
    termFrom: today,
    termTo: today,
    deliveryMode: 'api_key',
    quotaPerDay: 100,
    quotaPerMonth: 3,
    content: '甲方按备案价格调用核验服务',
  });
  expect(c.statusCode, c.body).toBe(201);
  const filed = await a.applicant.post(`/api/v1/contracts/${c.json().id}/file`, { filedWith: 'exchange' });
  expect(filed.statusCode, filed.body).toBe(200);
  return c.json().id as string;
}

describe('RA-08: the exchange licence and its base registration', () => {
  it('RA-08 (negative): with no registered right in the product, the licence opens without a base', async () => {
    const id = await exchangeContract();
    const row = (await store.registrationOfTradeRef(t.kernel.db, id, 'license'))!;
    expect(row.base_registration_id).toBeNull();
  });

  it("RA-08: once the seller's first registration of the product is registered, the next licence names it as base", async () => {
    const over = applyBody({
      profile: 'zhuhai',
      registryOrgId: ORG.zhuhaiRegistry,
      objectInfo: { ...applyBody().objectInfo, name: '企业经营状态核验API', productId: VERIFY },
    });
    const first = await registerFirst(t, a, (d) => clock.advanceMs(d * 86400_000), over);
    await a.relogin();
    const id = await exchangeContract();
    const row = (await store.registrationOfTradeRef(t.kernel.db, id, 'license'))!;
    expect(row.base_registration_id).toBe(first.id);
    const sub = await a.applicant.post(`/api/v1/rights-registrations/${row.id}/submit`, {});
    // Filed as it stands: no materials (RA-07, the trade ref) and no base to name (RA-01).
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json().state).not.toBe('draft');
  }, 120_000);
});
