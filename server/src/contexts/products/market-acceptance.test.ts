import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../kernel/calendar/calendar.js';
import { demoId } from '../../seed/ids.js';
import { oid } from '../../seed/identity.js';
import { type Client, startTestApp, type TestApp } from '../../test/harness.js';
import { clientsOf, draftProduct } from './test/factories.js';
import { periodDays } from './rules/bill.js';

// products-market.md acceptance scenarios of part 2 through the HTTP API (5, 6 and the late-record adjustment of
// PM-24), NOT_REVIEWED on ordering, and a database-backed property: a retried usage event is never billed twice.
let t: TestApp;
let buyer: Client;
let operator: Client;
beforeAll(async () => {
  t = await startTestApp();
  buyer = await t.as('buyer.admin');
  operator = await t.as('operator.admin');
});
afterAll(() => t?.close());

const VERIFY = demoId('product:status-verify');
const FREE = demoId('product:vaccination-stats');
const failuresOf = (body: string) =>
  (JSON.parse(body).error.details.failures as { ruleId: string; code: string }[]).map((f) => `${f.ruleId}:${f.code}`);

async function deliveredContract(
  c: Client,
  productId: string,
  o: { termFrom?: string; quota?: number; useCategory?: string } = {},
) {
  const today = shanghaiDate(t.kernel.clock.now());
  const order = await c.post('/api/v1/orders', {
    productId,
    useCategory: o.useCategory ?? 'industry',
    purpose: '贷前核验',
    quantity: 12000,
  });
  expect(order.statusCode, order.body).toBe(201);
  const k = await operator.post('/api/v1/contracts', {
    orderId: order.json().id,
    termFrom: o.termFrom ?? today,
    termTo: today,
    deliveryMode: 'api_key',
    quotaPerDay: 100_000,
    quotaPerMonth: o.quota ?? 100_000,
    content: '按备案价格调用',
  });
  expect(k.statusCode, k.body).toBe(201);
  expect((await operator.post(`/api/v1/contracts/${k.json().id}/file`, {})).statusCode).toBe(200);
  const d = await operator.post('/api/v1/deliveries', { contractId: k.json().id, mode: 'api_key' });
  expect(d.statusCode, d.body).toBe(201);
  return { order: order.json(), contractId: k.json().id as string, deliveryId: d.json().id as string };
}

const meter = (deliveryId: string, key: string, occurredAt: string, quantity = 1) =>
  operator.post('/api/v1/usage-records', { deliveryId, idempotencyKey: key, occurredAt, quantity });

describe('acceptance scenarios (part 2)', () => {
  it('NOT_REVIEWED (PM-07): a draft product cannot be ordered', async () => {
    const p = await draftProduct(await clientsOf(t));
    const r = await buyer.post('/api/v1/orders', {
      productId: p.id,
      useCategory: 'industry',
      purpose: 'x',
      quantity: 1,
    });
    expect(r.statusCode).toBe(422);
    expect(failuresOf(r.body)).toContain('PM-07:NOT_REVIEWED');
  });

  it('5. a source unit ordering a product built from free data uses it free: its UsageRecords are `free`', async () => {
    const health = await t.as('health.admin');
    const { order, deliveryId } = await deliveredContract(health, FREE, { useCategory: 'industry' });
    expect(order.freeBasis).not.toBe('none');
    expect(order.unitPriceFen).toBe(0);
    const r = await meter(deliveryId, 'free-0001', t.kernel.clock.now().toISOString());
    expect(r.json().outcome).toBe('free');
  });

  it('6. 12,000 calls at ¥0.60 bill ¥7,200.00 to the sub-account; the bank confirms; three payables 70/20/10', async () => {
    const { contractId, deliveryId } = await deliveredContract(buyer, VERIFY);
    expect((await meter(deliveryId, 'may-batch-1', t.kernel.clock.now().toISOString(), 12_000)).json().outcome).toBe(
      'billable',
    );
    await operator.post('/api/v1/revenue-shares', {
      productId: VERIFY,
      effectiveFrom: '2026-01-01',
      parties: [
        {
          orgId: oid('zh-operator'),
          role: 'operator',
          inputType: 'platform',
          contributionPct: 70,
          fiscalTreatment: 'commercial',
        },
        {
          orgId: oid('zh-collab'),
          role: 'collaborator',
          inputType: 'processing',
          contributionPct: 20,
          fiscalTreatment: 'commercial',
        },
        {
          orgId: oid('zh-samr'),
          role: 'source_unit',
          inputType: 'data',
          contributionPct: 10,
          fiscalTreatment: 'treasury_non_tax',
        },
      ],
    });
    const period = shanghaiDate(t.kernel.clock.now()).slice(0, 7);
    const s = (await operator.post('/api/v1/settlements', { contractId, period })).json();
    expect(s.totalFen).toBe(720_000);
    expect(s.lines[0]).toMatchObject({ unitPriceFen: 60, capFen: 80, billableQty: 12_000 });
    expect(s.lines[0].filingNo).toMatch(/^PF-/);
    const paid = await operator.post(`/api/v1/settlements/${s.id}/confirm`, { receivedFen: 720_000 });
    expect(paid.json().state).toBe('paid');
    const d = (await operator.post(`/api/v1/settlements/${s.id}/distribute`)).json();
    expect(d.shares).toEqual([
      { orgId: oid('zh-operator'), role: 'operator', amountFen: 504_000, treasuryNonTax: false },
      { orgId: oid('zh-collab'), role: 'collaborator', amountFen: 144_000, treasuryNonTax: false },
      { orgId: oid('zh-samr'), role: 'source_unit', amountFen: 72_000, treasuryNonTax: true },
    ]);
    // the source unit (a share party) sees the settlement; the buyer does too
    const samr = await t.as('source.admin');
    expect((await samr.get(`/api/v1/settlements/${s.id}`)).statusCode).toBe(200);
  });

  it('PM-24: a record arriving after its period closed is an adjustment line of the next period; the closed bill is unchanged', async () => {
    const today = shanghaiDate(t.kernel.clock.now());
    const { prev } = periodDays(today.slice(0, 7));
    const { from } = periodDays(prev);
    const { contractId, deliveryId } = await deliveredContract(buyer, VERIFY, { termFrom: from });
    await meter(deliveryId, 'late-0001', `${from}T04:00:00Z`);
    const closed = (await operator.post('/api/v1/settlements', { contractId, period: prev })).json();
    expect(closed.totalFen).toBe(60);
    await meter(deliveryId, 'late-0002', `${from}T05:00:00Z`); // arrives after the period was billed
    await meter(deliveryId, 'now-0001', t.kernel.clock.now().toISOString());
    const next = (await operator.post('/api/v1/settlements', { contractId, period: today.slice(0, 7) })).json();
    expect(next.lines.map((l: { kind: string; amountFen: number }) => [l.kind, l.amountFen])).toEqual([
      ['usage', 60],
      ['adjustment', 60],
    ]);
    expect(next.totalFen).toBe(120);
    expect((await operator.get(`/api/v1/settlements/${closed.id}`)).json().totalFen).toBe(60);
    expect((await buyer.get(`/api/v1/settlements/${next.id}/verify`)).json().ok).toBe(true);
  });
});

describe('settlement run (decision 0074)', () => {
  it('one call bills every contract of the period with usage; running it again bills nothing; each bill verifies', async () => {
    const a = await deliveredContract(buyer, VERIFY);
    const b = await deliveredContract(buyer, VERIFY);
    const idle = await deliveredContract(buyer, VERIFY);
    const now = t.kernel.clock.now().toISOString();
    await meter(a.deliveryId, 'run-a-0001', now, 3);
    await meter(b.deliveryId, 'run-b-0001', now, 5);
    await meter(b.deliveryId, 'run-b-0002', now, 2);
    const period = shanghaiDate(t.kernel.clock.now()).slice(0, 7);
    const contractIds = [a.contractId, b.contractId, idle.contractId];
    // a buyer may not run the operator's settlement (checked before any row is read)
    expect((await buyer.post('/api/v1/settlement-runs', { period, contractIds })).statusCode).toBe(403);
    const run = await operator.post('/api/v1/settlement-runs', { period, contractIds });
    expect(run.statusCode, run.body).toBe(201);
    const byContract = Object.fromEntries(
      (run.json().items as { contractId: string; totalFen: number }[]).map((x) => [x.contractId, x.totalFen]),
    );
    expect(byContract).toEqual({ [a.contractId]: 180, [b.contractId]: 420 }); // the idle contract is not billed
    expect(run.json()).toMatchObject({ billed: 2, totalFen: 600 });
    const again = await operator.post('/api/v1/settlement-runs', { period, contractIds });
    expect(again.json()).toMatchObject({ billed: 0, totalFen: 0 });
    // the single-contract endpoint sees the run's bill
    expect((await operator.post('/api/v1/settlements', { contractId: a.contractId, period })).statusCode).toBe(409);
    for (const x of run.json().items as { id: string }[]) {
      const v = (await buyer.get(`/api/v1/settlements/${x.id}/verify`)).json();
      expect(v).toMatchObject({ ok: true, sharesSumToTotal: true });
      const bill = (await buyer.get(`/api/v1/settlements/${x.id}`)).json();
      expect(bill.lines[0]).toMatchObject({ kind: 'usage', digestScheme: 'sm3-lanes', unitPriceFen: 60, capFen: 80 });
    }
  });
});

describe('property through the database', () => {
  it('a retried usage event is never billed twice (any interleaving of retries)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 15 }), async (keys) => {
        run += 1;
        const { contractId, deliveryId } = await deliveredContract(buyer, VERIFY);
        const now = t.kernel.clock.now().toISOString();
        for (const key of keys) expect((await meter(deliveryId, `prop-run${run}-key${key}`, now)).statusCode).toBe(201);
        const period = shanghaiDate(t.kernel.clock.now()).slice(0, 7);
        const s = (await operator.post('/api/v1/settlements', { contractId, period })).json();
        expect(s.totalFen).toBe(new Set(keys).size * 60);
      }),
      { numRuns: 4 },
    );
  });
});
