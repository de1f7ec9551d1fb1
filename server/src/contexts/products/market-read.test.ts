import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../kernel/calendar/calendar.js';
import { demoId } from '../../seed/ids.js';
import { type Client, startTestApp, type TestApp } from '../../test/harness.js';
import { periodDays } from './rules/bill.js';

// The market's read side through the HTTP API (issue 15 web): the caller's orders, contracts, usage and bills, and
// the settlement run page. Every list answers only the caller's own records; another buyer sees none of them.
let t: TestApp;
let buyer: Client;
let operator: Client;
let health: Client; // a second buyer (a governance user ordering for free, PM-13)
let outsider: Client;
let authority: Client;
let healthOrderId: string;
beforeAll(async () => {
  t = await startTestApp();
  [buyer, operator, health, outsider, authority] = await Promise.all(
    ['buyer.admin', 'operator.admin', 'health.admin', 'transport.admin', 'authority.admin'].map((u) => t.as(u)),
  );
  const o = await health.post('/api/v1/orders', {
    productId: demoId('product:vaccination-stats'),
    useCategory: 'public_governance_welfare',
    purpose: '辖区接种统计',
    quantity: 10,
  });
  expect(o.statusCode, o.body).toBe(201);
  healthOrderId = o.json().id;
});
afterAll(() => t?.close());

const API_CONTRACT = demoId('market-contract:api');
type Item = { id: string; side: string } & Record<string, unknown>;
const items = async (c: Client, url: string) => {
  const r = await c.get(url);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items as Item[];
};
const lastMonth = () => periodDays(shanghaiDate(t.kernel.clock.now()).slice(0, 7)).prev;

describe('GET /orders and /contracts', () => {
  it('the buyer lists its orders with product and party names, as the buying side, without operator actions', async () => {
    const mine = await items(buyer, '/api/v1/orders?pageSize=200');
    const api = mine.find((o) => o.id === demoId('market-order:api'));
    expect(api).toMatchObject({
      side: 'buyer',
      productName: '企业经营状态核验API',
      operatorName: '珠海市数据运营有限公司',
      buyerName: '深圳市前海征信服务有限公司',
      contractId: API_CONTRACT,
      contractState: 'active',
      estimatedFen: 6_000_000,
      abilities: { drawContract: false },
    });
    expect(mine.every((o) => o.buyerOrgId === api!.buyerOrgId)).toBe(true);
  });

  it('the operator sees the orders it sells, and may draw the contract of a submitted one', async () => {
    const mine = await items(operator, '/api/v1/orders?state=submitted&pageSize=200');
    const h = mine.find((o) => o.id === healthOrderId);
    expect(h).toMatchObject({ side: 'operator', state: 'submitted', abilities: { drawContract: true } });
    expect(mine.every((o) => o.state === 'submitted')).toBe(true);
  });

  it('cross-tenant: another buyer gets none of the buyer’s orders, contracts or bills, and the buyer none of its', async () => {
    const healthOrders = await items(health, '/api/v1/orders?pageSize=200');
    expect(healthOrders.map((o) => o.id)).toEqual([healthOrderId]);
    expect((await items(buyer, '/api/v1/orders?pageSize=200')).map((o) => o.id)).not.toContain(healthOrderId);
    expect(await items(health, '/api/v1/contracts?pageSize=200')).toEqual([]);
    expect(await items(health, '/api/v1/bills?pageSize=200')).toEqual([]);
    for (const url of ['/api/v1/orders', '/api/v1/contracts', '/api/v1/bills'])
      expect(await items(outsider, url)).toEqual([]);
    expect((await outsider.get(`/api/v1/usage?contractId=${API_CONTRACT}`)).statusCode).toBe(404);
    expect((await health.get(`/api/v1/usage?contractId=${API_CONTRACT}`)).statusCode).toBe(404);
    expect((await outsider.get('/api/v1/settlement-runs')).json().items).toEqual([]);
    expect((await outsider.get(`/api/v1/settlement-runs/${lastMonth()}`)).json()).toMatchObject({
      bills: [],
      shares: [],
      pending: [],
    });
  });

  it('an anonymous caller is refused before anything is read', async () => {
    for (const url of ['/api/v1/orders', '/api/v1/contracts', '/api/v1/bills', '/api/v1/settlement-runs'])
      expect((await t.anonymous.get(url)).statusCode).toBe(401);
  });

  it('contracts filter by order and state; the filing party may file a draft and deliver an active one', async () => {
    const one = await items(buyer, `/api/v1/contracts?orderId=${demoId('market-order:file')}`);
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({
      id: demoId('market-contract:file'),
      deliveryMode: 'file_egress',
      side: 'buyer',
      productName: '区域企业分布统计数据集',
      abilities: { file: false, deliver: false, settle: false },
    });
    const sold = await items(operator, '/api/v1/contracts?state=active&pageSize=200');
    const api = sold.find((c) => c.id === API_CONTRACT);
    expect(api).toMatchObject({
      side: 'operator',
      deliveryCount: 1,
      abilities: { file: false, deliver: true, settle: true },
    });
    expect(sold.every((c) => c.state === 'active')).toBe(true);
  });
});

describe('GET /usage', () => {
  it('PM-24: a contract’s daily series, outcome counts and quota, the same on both sides', async () => {
    const period = lastMonth();
    const { from, to } = periodDays(period);
    const url = `/api/v1/usage?contractId=${API_CONTRACT}&from=${from}&to=${to}`;
    const b = await buyer.get(url);
    expect(b.statusCode, b.body).toBe(200);
    const u = b.json();
    expect(u.side).toBe('buyer');
    expect(u.days).toHaveLength(Number(to.slice(8)));
    expect(u.days[0]).toEqual({ day: from, billable: 40, free: 0, rejected: 0 });
    expect(u.days[9]).toEqual({ day: `${period}-10`, billable: 39, free: 0, rejected: 1 });
    const rejected = Math.floor(Number(to.slice(8)) / 10);
    expect(u.outcomes).toEqual({
      billable: 40 * Number(to.slice(8)) - rejected,
      free: 0,
      rejected_quota: rejected,
      rejected_expired: 0,
    });
    expect(u.quota).toMatchObject({ perDay: 10_000, perMonth: 200_000 });
    const o = (await operator.get(url)).json();
    expect({ ...o, side: 'buyer' }).toEqual(u);
    expect(o.side).toBe('operator');
  });

  it('a window with from after to is refused as bad input', async () => {
    const r = await buyer.get(`/api/v1/usage?contractId=${API_CONTRACT}&from=2026-05-02&to=2026-05-01`);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBeDefined();
  });
});

describe('GET /bills and the settlement run page', () => {
  it('each bill line names the filed price, the cap beside it and its records; only the operator may confirm', async () => {
    const mine = await items(buyer, `/api/v1/bills?period=${lastMonth()}`);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      side: 'buyer',
      state: 'distributed',
      unitPriceFen: 60,
      capFen: 80,
      filingNo: expect.stringMatching(/^PF-/),
      productName: '企业经营状态核验API',
      abilities: { verify: true, confirm: false, distribute: false },
    });
    const sold = await items(operator, `/api/v1/bills?period=${lastMonth()}`);
    expect(sold[0]).toMatchObject({ side: 'operator', settlementId: mine[0]!.settlementId });
    // The source unit, a share party, sees the bill it is paid from.
    const source = await t.as('source.admin');
    expect((await items(source, `/api/v1/bills?period=${lastMonth()}`))[0]).toMatchObject({ side: 'party' });
  });

  it('PM-26/PM-27: the run page splits the period’s revenue per party (summing to the total); the authority reads only', async () => {
    const runs = (await operator.get('/api/v1/settlement-runs')).json();
    expect(runs.mayRun).toBe(true);
    expect(runs.items.map((r: { period: string }) => r.period)).toContain(lastMonth());
    const run = (await operator.get(`/api/v1/settlement-runs/${lastMonth()}`)).json();
    expect(run.shares.reduce((a: number, s: { amountFen: number }) => a + s.amountFen, 0)).toBe(run.totalFen);
    expect(run.shares.find((s: { role: string }) => s.role === 'source_unit')).toMatchObject({
      orgName: '珠海市市场监督管理局',
      treasuryNonTax: true,
    });
    expect(run.subAccounts[0]).toMatchObject({ subAccountNo: 'SA-BUYER-API', dueFen: run.totalFen });
    // What a run would bill (decision 0084): a period-priced contract in term (its monthly fee); never an idle
    // per-call contract (no zero-fen bill).
    const pending = run.pending.map((p: { contractId: string }) => p.contractId);
    expect(pending).toContain(demoId('market-contract:file'));
    expect(pending).not.toContain(demoId('market-contract:model'));
    const ro = (await authority.get(`/api/v1/settlement-runs/${lastMonth()}`)).json();
    expect(ro).toMatchObject({ mayRun: false, pending: [], totalFen: run.totalFen });
    expect(ro.bills[0].abilities).toEqual({ verify: true, confirm: false, distribute: false });
  });
});
