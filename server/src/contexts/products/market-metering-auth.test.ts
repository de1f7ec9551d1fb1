import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../kernel/calendar/calendar.js';
import { demoId } from '../../seed/ids.js';
import { type Client, startTestApp, type TestApp } from '../../test/harness.js';

// PM-24 "POST /usage-records from meters only": the contract's operator (or a platform meter) records use. A buyer
// reads its own contract but may not meter its own calls, and another org does not even see the delivery.
let t: TestApp;
let buyer: Client;
let operator: Client;
let health: Client;
let deliveryId: string;
let contractId: string;
beforeAll(async () => {
  t = await startTestApp();
  buyer = await t.as('buyer.admin');
  operator = await t.as('operator.admin');
  health = await t.as('health.admin');
  const o = await buyer.post('/api/v1/orders', {
    productId: demoId('product:status-verify'),
    useCategory: 'industry',
    purpose: '贷前核验',
    quantity: 100,
  });
  expect(o.statusCode, o.body).toBe(201);
  const today = shanghaiDate(t.kernel.clock.now());
  const k = await operator.post('/api/v1/contracts', {
    orderId: o.json().id,
    termFrom: today,
    termTo: today,
    deliveryMode: 'api_key',
    quotaPerDay: 100,
    quotaPerMonth: 100,
    content: '甲方按备案价格调用核验服务',
  });
  expect(k.statusCode, k.body).toBe(201);
  contractId = k.json().id;
  expect((await operator.post(`/api/v1/contracts/${contractId}/file`, {})).statusCode).toBe(200);
  const d = await operator.post('/api/v1/deliveries', { contractId, mode: 'api_key' });
  expect(d.statusCode, d.body).toBe(201);
  deliveryId = d.json().id;
});
afterAll(() => t?.close());

const post = (c: Client, idempotencyKey: string) =>
  c.post('/api/v1/usage-records', { deliveryId, idempotencyKey, occurredAt: t.kernel.clock.now().toISOString() });

const recorded = async () =>
  (
    await sql<{ n: number }>`SELECT count(*)::int AS n FROM usage_record WHERE contract_id = ${contractId}`.execute(
      t.kernel.db,
    )
  ).rows[0].n;

describe('PM-24: who may meter a contract', () => {
  it('the buyer (a party that reads the contract) is refused with 403 and nothing is recorded', async () => {
    const before = await recorded();
    const r = await post(buyer, 'buyer-self-meter-1');
    expect(r.statusCode, r.body).toBe(403);
    expect(r.json().error.code).toBe('FORBIDDEN');
    expect(await recorded()).toBe(before);
  });

  it('another org does not see the delivery (404) and nothing is recorded', async () => {
    const before = await recorded();
    const r = await post(health, 'other-org-meter-1');
    expect([403, 404]).toContain(r.statusCode);
    expect(await recorded()).toBe(before);
  });

  it("the contract's operator meters: 201, one record", async () => {
    const before = await recorded();
    const r = await post(operator, 'operator-meter-1');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ contractId, outcome: 'billable', duplicate: false });
    expect(await recorded()).toBe(before + 1);
  });
});
