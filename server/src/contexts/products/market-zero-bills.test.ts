import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../kernel/calendar/calendar.js';
import { FixedClock } from '../../kernel/clock.js';
import { flushLog } from '../ledger/service.js';
import { demoId } from '../../seed/ids.js';
import { type Client, startTestApp, type TestApp } from '../../test/harness.js';
import { chargeable, lineAmountFen, periodDays } from './rules/bill.js';
import { capInForce, clientsOf, filing } from './test/factories.js';

// Decision 0084: a settlement run issues no zero-fen bill (a priced contract with no billable use and no period
// fee), a contract priced per `period` owes its filed price for each period its term overlaps, and every line
// names a signed checkpoint holding its records, so "verify this bill" proves them right after the run.
let t: TestApp;
let buyer: Client;
let operator: Client;
// A clock that stands still: the ledger's signer never finds a checkpoint due on its own (LED-07 interval), so a
// line names a checkpoint holding its records only because the run sealed one.
const clock = new FixedClock(new Date());
beforeAll(async () => {
  t = await startTestApp({ clock });
  buyer = await t.as('buyer.admin');
  operator = await t.as('operator.admin');
});
afterAll(() => t?.close());

const VERIFY = demoId('product:status-verify');
const MONTHLY_FEN = 50_000;
const today = () => shanghaiDate(t.kernel.clock.now());

async function contractFor(unit: 'call' | 'period') {
  const o = await buyer.post('/api/v1/orders', {
    productId: VERIFY,
    useCategory: 'industry',
    purpose: '贷前核验',
    quantity: 1,
    unit,
  });
  expect(o.statusCode, o.body).toBe(201);
  const k = await operator.post('/api/v1/contracts', {
    orderId: o.json().id,
    termFrom: today(),
    termTo: today(),
    deliveryMode: 'api_key',
    quotaPerDay: 100,
    quotaPerMonth: 100,
    content: '甲方按备案价格使用核验服务',
  });
  expect(k.statusCode, k.body).toBe(201);
  return k.json().id as string;
}

async function meterOne(contractId: string, key: string) {
  expect((await operator.post(`/api/v1/contracts/${contractId}/file`, {})).statusCode).toBe(200);
  const d = (await operator.post('/api/v1/deliveries', { contractId, mode: 'api_key' })).json();
  const r = await operator.post('/api/v1/usage-records', {
    deliveryId: d.id,
    idempotencyKey: key,
    occurredAt: t.kernel.clock.now().toISOString(),
  });
  expect(r.json().outcome).toBe('billable');
}

/** A per-month price on the demo 核验 product, under a per-month cap, accepted by the authority. */
async function monthlyPrice() {
  const c = await clientsOf(t);
  const cap = await capInForce(c, VERIFY, { chargingUnit: 'period', unitDefinition: '每月', capFen: 80_000 });
  const f = await operator.post('/api/v1/price-filings', {
    ...filing(VERIFY, cap, MONTHLY_FEN),
    chargingUnit: 'period',
    unitDefinition: '每月',
  });
  expect(f.statusCode, f.body).toBe(201);
  expect((await c.authority.post(`/api/v1/price-filings/${f.json().id}/accept`, {})).json().state).toBe('effective');
}

describe('decision 0084: the amount of a line (pure)', () => {
  const call = { unit: 'call', unitPriceFen: 60, freeBasis: 'none', inTerm: true };
  it('per call: billable quantity × price; per period: the price once when in term, else nothing; free: 0', () => {
    expect(lineAmountFen(call, 3)).toBe(180);
    expect(lineAmountFen({ ...call, unit: 'period', unitPriceFen: MONTHLY_FEN }, 0)).toBe(MONTHLY_FEN);
    expect(lineAmountFen({ ...call, unit: 'period', unitPriceFen: MONTHLY_FEN, inTerm: false }, 7)).toBe(0);
    expect(lineAmountFen({ ...call, unit: 'period', freeBasis: 'governance_welfare' }, 0)).toBe(0);
  });
  it('chargeable only with an amount or billable use', () => {
    expect(chargeable([{ amountFen: 0, billableQty: 0 }])).toBe(false);
    expect(chargeable([])).toBe(false);
    expect(chargeable([{ amountFen: 0, billableQty: 2 }])).toBe(true);
    expect(chargeable([{ amountFen: MONTHLY_FEN, billableQty: 0 }])).toBe(true);
  });
});

describe('decision 0084: settlement runs through the API', () => {
  let idle: string;
  let used: string;
  let monthly: string;
  beforeAll(async () => {
    await monthlyPrice();
    idle = await contractFor('call');
    used = await contractFor('call');
    monthly = await contractFor('period');
    // An audit checkpoint exists before the record is metered, so (the clock standing still) none other will be
    // signed on its own before the run: the record is covered only if the run seals it.
    await flushLog(t.kernel, 'audit', { forceCheckpoint: true });
    await meterOne(used, 'zero-bills-0001');
  });

  it('a run bills the contract with use and the period-priced one, never the idle one (no zero-fen bill)', async () => {
    const period = today().slice(0, 7);
    // The period before: the monthly contract's term does not reach it, so it owes nothing there either.
    const prev = await operator.post('/api/v1/settlement-runs', {
      period: periodDays(period).prev,
      contractIds: [idle, used, monthly],
    });
    expect(prev.statusCode, prev.body).toBe(201);
    expect(prev.json().billed).toBe(0);
    const run = await operator.post('/api/v1/settlement-runs', { period, contractIds: [idle, used, monthly] });
    expect(run.statusCode, run.body).toBe(201);
    const byContract = new Map(
      run.json().items.map((b: { contractId: string; totalFen: number }) => [b.contractId, b.totalFen]),
    );
    expect(byContract).toEqual(
      new Map([
        [used, 60],
        [monthly, MONTHLY_FEN],
      ]),
    );
    const bills = (await operator.get(`/api/v1/settlements?pageSize=200`)).json().items as { contractId: string }[];
    expect(bills.filter((b) => b.contractId === idle)).toEqual([]);
  });

  it('a single-contract run refuses the idle contract: 422 NOTHING_TO_BILL, nothing written', async () => {
    const r = await operator.post('/api/v1/settlements', { contractId: idle, period: today().slice(0, 7) });
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error.code).toBe('NOTHING_TO_BILL');
    expect(r.json().error.message_zh).toContain('零元账单');
    const bills = (await operator.get(`/api/v1/settlements?pageSize=200`)).json().items as { contractId: string }[];
    expect(bills.filter((b) => b.contractId === idle)).toEqual([]);
  });

  it('the period fee verifies: recomputed from the contract terms, not from usage', async () => {
    const bills = (await buyer.get(`/api/v1/settlements?pageSize=200`)).json().items as {
      id: string;
      contractId: string;
    }[];
    const bill = bills.find((b) => b.contractId === monthly)!;
    const v = (await buyer.get(`/api/v1/settlements/${bill.id}/verify`)).json();
    expect(v.ok).toBe(true);
    expect(v.lines[0]).toMatchObject({ billedFen: MONTHLY_FEN, recomputedFen: MONTHLY_FEN, recordCount: 0 });
  });

  it('right after the run the bill names a signed checkpoint holding its record, and verify proves it', async () => {
    const bills = (await buyer.get(`/api/v1/settlements?pageSize=200`)).json().items as {
      id: string;
      contractId: string;
    }[];
    const id = bills.find((b) => b.contractId === used)!.id;
    const bill = (await buyer.get(`/api/v1/settlements/${id}`)).json();
    expect(bill.lines[0].checkpoint).not.toBeNull();
    const v = (await buyer.get(`/api/v1/settlements/${id}/verify`)).json();
    expect(v.ok).toBe(true);
    expect(v.proofs).toHaveLength(1);
    expect(v.proofs[0].treeSize).toBe(bill.lines[0].checkpoint.treeSize);
    expect(v.proofs[0].seq).toBeLessThan(bill.lines[0].checkpoint.treeSize);
  });

  it('the run page offers the server’s month in Asia/Shanghai, whatever the browser’s clock says', async () => {
    const was = t.kernel.clock.now();
    clock.set('2026-12-31T15:59:00Z'); // 23:59 on 31 December in Shanghai
    try {
      const late = await t.as('operator.admin'); // a new session: the old one idled out across the jump
      expect((await late.get('/api/v1/settlement-runs')).json().currentPeriod).toBe('2026-12');
      clock.set('2026-12-31T16:01:00Z'); // 2027-01-01 00:01 in Shanghai; still December in UTC
      expect((await late.get('/api/v1/settlement-runs')).json().currentPeriod).toBe('2027-01');
    } finally {
      clock.set(was);
    }
  });
});
