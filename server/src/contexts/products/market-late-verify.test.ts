import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../kernel/calendar/calendar.js';
import { demoId } from '../../seed/ids.js';
import { type Client, startTestApp, type TestApp } from '../../test/harness.js';
import { periodDays } from './rules/bill.js';

// PM-24/PM-27 (issue 15, decision 0074): a closed bill verifies forever. Each line keeps its run's arrival
// cut-off, so records of its period that arrive later are recounted only by the next bill's adjustment line.
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

async function deliveredContract(termFrom: string) {
  const today = shanghaiDate(t.kernel.clock.now());
  const order = await buyer.post('/api/v1/orders', {
    productId: VERIFY,
    useCategory: 'industry',
    purpose: '贷前核验',
    quantity: 100,
  });
  expect(order.statusCode, order.body).toBe(201);
  const k = await operator.post('/api/v1/contracts', {
    orderId: order.json().id,
    termFrom,
    termTo: today,
    deliveryMode: 'api_key',
    quotaPerDay: 100_000,
    quotaPerMonth: 100_000,
    content: '按备案价格调用',
  });
  expect(k.statusCode, k.body).toBe(201);
  expect((await operator.post(`/api/v1/contracts/${k.json().id}/file`, {})).statusCode).toBe(200);
  const d = await operator.post('/api/v1/deliveries', { contractId: k.json().id, mode: 'api_key' });
  expect(d.statusCode, d.body).toBe(201);
  return { contractId: k.json().id as string, deliveryId: d.json().id as string };
}

async function meter(deliveryId: string, key: string, occurredAt: string, quantity = 1) {
  const r = await operator.post('/api/v1/usage-records', { deliveryId, idempotencyKey: key, occurredAt, quantity });
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json();
}

const verify = async (id: string) => (await buyer.get(`/api/v1/settlements/${id}/verify`)).json();

describe('PM-24/PM-27: a closed bill verifies after late records of its period arrive', () => {
  it('the closed bill still verifies; the next bill adjusts for the late record and verifies too', async () => {
    const today = shanghaiDate(t.kernel.clock.now());
    const { prev } = periodDays(today.slice(0, 7));
    const { from } = periodDays(prev);
    const { contractId, deliveryId } = await deliveredContract(from);
    await meter(deliveryId, 'late-verify-0001', `${from}T04:00:00Z`, 2);
    const closed = (await operator.post('/api/v1/settlements', { contractId, period: prev })).json();
    expect(closed.totalFen).toBe(120);
    expect(closed.lines[0].arrivalCutoff).toBeGreaterThan(0);
    expect((await verify(closed.id)).ok).toBe(true);

    await meter(deliveryId, 'late-verify-0002', `${from}T05:00:00Z`, 3); // late: its period is already billed
    const again = await verify(closed.id);
    expect(again.ok, JSON.stringify(again.lines)).toBe(true);
    expect(again.lines[0].recordCount).toBe(1);

    const next = (await operator.post('/api/v1/settlements', { contractId, period: today.slice(0, 7) })).json();
    expect(next.lines.map((l: { kind: string; amountFen: number }) => [l.kind, l.amountFen])).toEqual([
      ['usage', 0],
      ['adjustment', 180],
    ]);
    const v = await verify(next.id);
    expect(v.ok, JSON.stringify(v.lines)).toBe(true);
    expect((await verify(closed.id)).ok).toBe(true);
  });

  it('negative: a record the closed bill counted, changed in the database, fails verification', async () => {
    const today = shanghaiDate(t.kernel.clock.now());
    const { prev } = periodDays(today.slice(0, 7));
    const { from } = periodDays(prev);
    const { contractId, deliveryId } = await deliveredContract(from);
    const rec = await meter(deliveryId, 'lv-tamper-0001', `${from}T04:00:00Z`, 2);
    const closed = (await operator.post('/api/v1/settlements', { contractId, period: prev })).json();
    expect((await verify(closed.id)).ok).toBe(true);
    await sql`UPDATE usage_record SET quantity = 7 WHERE id = ${rec.id}`.execute(t.kernel.db);
    expect((await verify(closed.id)).ok).toBe(false);
  });
});
