import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../kernel/calendar/calendar.js';
import { demoId } from '../../seed/ids.js';
import { oid } from '../../seed/identity.js';
import { type Client, startTestApp, type TestApp } from '../../test/harness.js';

// PM-33, PM-32, PM-29 and PM-20 through the HTTP API, on their own database: the exchange listing made here would refuse the
// demo buyer's orders in every other test of the market.
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
const failuresOf = (body: string) =>
  (JSON.parse(body).error.details.failures as { ruleId: string; code: string }[]).map((f) => `${f.ruleId}:${f.code}`);
const order = (c: Client, o: Record<string, unknown> = {}) =>
  c.post('/api/v1/orders', { productId: VERIFY, useCategory: 'industry', purpose: '贷前核验', quantity: 10, ...o });

describe('PM-20: lab research is free only in an active Lab', () => {
  it('a lab_research order from an org without an active Lab is LAB_NOT_ACTIVE; the same order without it is placed', async () => {
    const r = await order(buyer, { labResearch: true });
    expect(r.statusCode, r.body).toBe(422);
    expect(failuresOf(r.body)).toContain('PM-20:LAB_NOT_ACTIVE');
    const ok = await order(buyer);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().freeBasis).toBe('none');
  });
});

describe('PM-33: an exchange may not trade on its own venue', () => {
  it("once the product is listed on the buyer's exchange, the buyer's order is EXCHANGE_MAY_NOT_TRADE; others still order", async () => {
    const health = await t.as('health.admin');
    expect((await order(buyer)).statusCode).toBe(201);
    const l = await operator.post('/api/v1/listings', {
      productId: VERIFY,
      venue: 'exchange',
      exchangeOrgId: oid('buyer'),
    });
    expect(l.statusCode, l.body).toBeLessThan(300);
    const r = await order(buyer);
    expect(r.statusCode, r.body).toBe(422);
    expect(failuresOf(r.body)).toContain('PM-33:EXCHANGE_MAY_NOT_TRADE');
    const other = await order(health);
    expect(other.statusCode, other.body).toBe(201);
  });
});

describe('PM-32: no re-authorization of granted data', () => {
  it('a contract letting the buyer pass the deliverables on is REAUTHORIZATION_FORBIDDEN; without it, it is drawn', async () => {
    const o = await order(await t.as('health.admin'));
    expect(o.statusCode, o.body).toBe(201);
    const today = shanghaiDate(t.kernel.clock.now());
    const body = {
      orderId: o.json().id,
      termFrom: today,
      termTo: today,
      deliveryMode: 'api_key',
      quotaPerDay: 100,
      quotaPerMonth: 1000,
      content: '按备案价格调用',
    };
    const r = await operator.post('/api/v1/contracts', { ...body, onwardTransfer: true });
    expect(r.statusCode, r.body).toBe(422);
    expect(failuresOf(r.body)).toContain('PM-32:REAUTHORIZATION_FORBIDDEN');
    const ok = await operator.post('/api/v1/contracts', body);
    expect(ok.statusCode, ok.body).toBe(201);
  });
});

describe("PM-29: the operator's annual operating report (Word)", () => {
  const textOf = async (body: Buffer) =>
    (await (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');

  it('the operator downloads its report from its own records; a buyer or anonymous caller gets none', async () => {
    const year = Number(shanghaiDate(t.kernel.clock.now()).slice(0, 4));
    const r = await operator.get(`/api/v1/operating-reports/${year}/export.docx`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    const text = await textOf(r.rawPayload);
    expect(text).toContain(`${year} 年度公共数据授权运营报告`);
    expect(text).toContain('DP-'); // its products by code
    expect(text).toMatch(/本年度账单：\d+ 张/);
    expect((await buyer.get(`/api/v1/operating-reports/${year}/export.docx`)).statusCode).toBe(403);
    expect((await t.anonymous.get(`/api/v1/operating-reports/${year}/export.docx`)).statusCode).toBe(401);
  });
});
