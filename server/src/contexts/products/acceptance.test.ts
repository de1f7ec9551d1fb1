import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { DEMO_GRANTS } from '../../seed/sandbox.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import {
  approvedProduct,
  capInForce,
  checkManualItems,
  type Clients,
  clientsOf,
  draftProduct,
  filing,
  productBody,
  registrationInPublicity,
} from './test/factories.js';

// products-market.md acceptance scenarios of part 1 (1, 2, 3, 7, 8, 9, 12-in-part), through the HTTP API.
const clock = new FixedClock(new Date());
let t: TestApp;
let c: Clients;
const failuresOf = (body: string) =>
  (JSON.parse(body).error.details.failures as { ruleId: string; code: string }[]).map((f) => `${f.ruleId}:${f.code}`);

beforeAll(async () => {
  t = await startTestApp({ clock });
  c = await clientsOf(t);
});
afterAll(() => t?.close());

describe('scenario 1: happy path — review, ordinary registration with publicity, listing', () => {
  it('registers the verification_service product after the publicity days and lists it publicly', async () => {
    const p = await approvedProduct(c);
    expect(p.category).toBe('industry');
    const regId = await registrationInPublicity(c, p.id);
    // Publicity runs registration.publicityDays working days: completing early is refused.
    const early = await c.authority.post(`/api/v1/product-registrations/${regId}/complete`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('PUBLICITY_NOT_ENDED');
    clock.advanceMs(30 * 86400_000);
    c = await clientsOf(t); // sessions idle out over a month
    const done = await c.authority.post(`/api/v1/product-registrations/${regId}/complete`, {});
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ state: 'registered', procedure: 'ordinary' });
    expect(done.json().registrationCode).toMatch(/^DPR-/);
    const l = await c.operator.post('/api/v1/listings', { productId: p.id, venue: 'platform' });
    expect(l.statusCode, l.body).toBe(201);
    expect(l.json().state).toBe('live');
    const pub = await t.anonymous.get('/api/v1/public/products?pageSize=500');
    expect(pub.statusCode).toBe(200);
    expect(pub.json().items.find((x: { id: string }) => x.id === p.id)).toMatchObject({
      code: p.code,
      form: 'verification_service',
      category: 'industry',
    });
  });

  it('PM-08: the ordinary procedure cannot skip the second review', async () => {
    const p = await approvedProduct(c);
    const r = await c.operator.post('/api/v1/product-registrations', { productId: p.id });
    await c.authority.post(`/api/v1/product-registrations/${r.json().id}/accept`, {});
    const skip = await c.authority.post(`/api/v1/product-registrations/${r.json().id}/post_publicity`, {});
    expect(skip.statusCode).toBe(422);
    expect(failuresOf(skip.body)).toContain('PM-08:SECOND_REVIEW_REQUIRED');
  });

  it('PM-09: listing before the review passed is NOT_REVIEWED (and NOT_REGISTERED)', async () => {
    const p = await draftProduct(c);
    const l = await c.operator.post('/api/v1/listings', { productId: p.id, venue: 'platform' });
    expect(l.statusCode).toBe(422);
    expect(failuresOf(l.body)).toEqual(expect.arrayContaining(['PM-09:NOT_REVIEWED', 'PM-07:NOT_REGISTERED']));
  });
});

describe('scenario 2: grant scope', () => {
  it('refuses an ungranted field with GRANT_SCOPE_EXCEEDED naming it', async () => {
    const r = await c.operator.post(
      '/api/v1/products',
      productBody({ name: '企业核验（超范围）', fieldsUsed: ['统一社会信用代码', '法定代表人身份证号'] }),
    );
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('GRANT_SCOPE_EXCEEDED');
    expect(r.json().error.details.failures[0]).toMatchObject({
      ruleId: 'PM-02',
      params: { fields: ['法定代表人身份证号'] },
    });
  });
});

describe('scenario 3: cap and price filing', () => {
  it('refuses ¥1.00 over a ¥0.80 cap; a ¥0.60 filing is published beside the cap', async () => {
    const p = await approvedProduct(c);
    const cap = await capInForce(c, p.id, { capFen: 80 });
    const over = await c.operator.post('/api/v1/price-filings', filing(p.id, cap, 100));
    expect(over.statusCode).toBe(422);
    expect(over.json().error.code).toBe('PRICE_ABOVE_CAP');
    expect(failuresOf(over.body)).toContain('PM-15:PRICE_ABOVE_CAP');
    const ok = await c.operator.post('/api/v1/price-filings', filing(p.id, cap, 60));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().state).toBe('filed');
    const acc = await c.authority.post(`/api/v1/price-filings/${ok.json().id}/accept`, {});
    expect(acc.statusCode, acc.body).toBe(200);
    // PM-07/PM-18: prices are published for registered products; register and list it.
    const regId = await registrationInPublicity(c, p.id);
    clock.advanceMs(30 * 86400_000);
    c = await clientsOf(t);
    expect((await c.authority.post(`/api/v1/product-registrations/${regId}/complete`, {})).statusCode).toBe(200);
    expect((await c.operator.post('/api/v1/listings', { productId: p.id, venue: 'platform' })).json().state).toBe(
      'live',
    );
    const cat = (await t.anonymous.get('/api/v1/public/products?pageSize=500')).json();
    expect(cat.items.find((x: { id: string }) => x.id === p.id).prices).toEqual([
      { unit: 'call', priceFen: 60, capFen: 80 },
    ]);
    const prices = await t.anonymous.get('/api/v1/public/prices');
    expect(prices.statusCode).toBe(200);
    expect(prices.json().items).toContainEqual({
      productId: p.id,
      unit: 'call',
      priceFen: 60,
      capFen: 80,
      filingNo: ok.json().filing.filingNo,
    });
  });

  it('PM-15: a unit the cap does not cover is UNIT_NOT_COVERED; PM-16: a bare filing is FILING_INCOMPLETE', async () => {
    const p = await approvedProduct(c);
    const cap = await capInForce(c, p.id, { capFen: 80 });
    const unit = await c.operator.post('/api/v1/price-filings', { ...filing(p.id, cap, 50), chargingUnit: 'period' });
    expect(unit.json().error.code).toBe('UNIT_NOT_COVERED');
    const bare = await c.operator.post('/api/v1/price-filings', {
      ...filing(p.id, cap, 50),
      pricingBasis: '',
      method: '',
    });
    expect(bare.statusCode).toBe(422);
    expect(failuresOf(bare.body)).toContain('PM-16:FILING_INCOMPLETE');
    // The refusal names the items in the reader's language, never the form's keys.
    expect(bare.json().error.message_zh).toContain('定价依据、定价方法');
    expect(bare.json().error.message_zh).not.toMatch(/pricingBasis|method/);
    expect(bare.json().error.message_en).toContain('pricing basis, pricing method');
  });

  it('PM-14: no charge without a cap in force; a cap without its written report cannot be reported', async () => {
    const p = await approvedProduct(c);
    const none = await c.operator.post('/api/v1/price-filings', filing(p.id, null, 50));
    expect(failuresOf(none.body)).toContain('PM-14:FEE_CAP_NOT_IN_FORCE');
    const cap = await c.authority.post('/api/v1/fee-caps', {
      ...(await capBody(p.id)),
      writtenReportRef: null,
    });
    const rep = await c.authority.post(`/api/v1/fee-caps/${cap.json().id}/report`, {});
    expect(rep.statusCode).toBe(422);
    expect(failuresOf(rep.body)).toContain('PM-14:WRITTEN_REPORT_REQUIRED');
  });

  it('only the authority sets caps; the operator is refused', async () => {
    const p = await draftProduct(c);
    const r = await c.operator.post('/api/v1/fee-caps', await capBody(p.id));
    expect(r.statusCode).toBe(403);
  });
});

async function capBody(productId: string) {
  const { DEMO_AGREEMENT_ID } = await import('../../seed/authorization.js');
  const { oid } = await import('../../seed/identity.js');
  return {
    operationAgreementId: DEMO_AGREEMENT_ID,
    operatorOrgId: oid('zh-operator'),
    productId,
    chargingUnit: 'call',
    unitDefinition: '每次调用',
    capFen: 80,
    taxInclusive: true,
    basis: { resources: '数据', labour: '人工', salesScale: '规模' },
    isTrial: true,
    effectiveFrom: '2026-01-01',
    effectiveTo: '2030-12-31',
  };
}

describe('scenario 4 (part 1): governance and welfare products are free', () => {
  it('PM-13: a public-welfare product may only file price 0 (FREE_USE_CHARGED otherwise)', async () => {
    const p = await approvedProduct(c, {
      name: '区域接种人口统计',
      form: 'data_service_api',
      grantIds: [DEMO_GRANTS.stats],
      fieldsUsed: ['所属区', '疫苗名称'],
    });
    expect(p.category).toBe('public_governance_welfare');
    const charged = await c.operator.post('/api/v1/price-filings', { ...filing(p.id, null, 10), scenario: '公益统计' });
    expect(charged.statusCode).toBe(422);
    expect(charged.json().error.code).toBe('FREE_USE_CHARGED');
    const free = await c.operator.post('/api/v1/price-filings', { ...filing(p.id, null, 0), scenario: '公益统计' });
    expect(free.statusCode, free.body).toBe(201);
  });
});

describe('scenario 7: MPR excess carries to the next cycle', () => {
  it('cycle 1 MPR ¥3,000,000 with ¥3,250,000 revenue: excess ¥250,000 deducted in cycle 2', async () => {
    const { DEMO_AGREEMENT_ID } = await import('../../seed/authorization.js');
    const { oid } = await import('../../seed/identity.js');
    const base = {
      operationAgreementId: DEMO_AGREEMENT_ID,
      operatorOrgId: oid('zh-operator'),
      approvalDocNo: '珠发改价〔2026〕1号',
    };
    const c1 = await c.authority.post('/api/v1/revenue-cycles', {
      ...base,
      cycleNo: 1,
      start: '2026-01-01',
      end: '2026-12-31',
      mprFen: 300_000_000,
    });
    expect(c1.statusCode, c1.body).toBe(201);
    const c2 = await c.authority.post('/api/v1/revenue-cycles', {
      ...base,
      cycleNo: 2,
      start: '2027-01-01',
      end: '2027-12-31',
      mprFen: 300_000_000,
    });
    const closed = await c.authority.post(`/api/v1/revenue-cycles/${c1.json().id}/close`, {
      actualIndustryRevenueFen: 325_000_000,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().cycle.excessFen).toBe(25_000_000);
    const next = await c.authority.get(`/api/v1/revenue-cycles/${c2.json().id}`);
    expect(next.json().deductionFromPriorFen).toBe(25_000_000);
    // PM-14: after a full operating year a trial cap is no longer allowed.
    const p = await draftProduct(c);
    const cap = await c.authority.post(
      '/api/v1/fee-caps',
      await capBody(p.id).then((b) => ({ ...b, writtenReportRef: 'R' })),
    );
    const rep = await c.authority.post(`/api/v1/fee-caps/${cap.json().id}/report`, {});
    expect(failuresOf(rep.body)).toContain('PM-14:TRIAL_CAP_NOT_ALLOWED');
  });
});

describe('scenario 8: negative list on every venue', () => {
  it('a product tagged with a prohibited category is NEGATIVE_LIST_MATCH on the platform and on an exchange', async () => {
    const p = await draftProduct(c, { name: '重点人员出行轨迹数据集', form: 'dataset', categoryTags: ['privacy'] });
    for (const venue of ['platform', 'exchange']) {
      const l = await c.operator.post('/api/v1/listings', {
        productId: p.id,
        venue,
        exchangeOrgId: venue === 'exchange' ? '0196f3a0-0000-7000-8000-000000000001' : null,
      });
      expect(l.statusCode).toBe(422);
      expect(l.json().error.code).toBe('NEGATIVE_LIST_MATCH');
      expect(l.json().error.details.failures[0]).toMatchObject({ ruleId: 'PM-10', params: { entries: ['NL-NAT-1'] } });
    }
  });
});

describe('scenario 9: raw personal data', () => {
  it('a dataset with 姓名 and 身份证号 fails CR-3 and cannot reach approved', async () => {
    const p = await draftProduct(c, {
      name: '接种人员明细',
      form: 'dataset',
      grantIds: [DEMO_GRANTS.stats],
      fieldsUsed: ['姓名', '身份证号', '所属区'],
      personalInfo: 'anonymised',
    });
    const s = await c.operator.post(`/api/v1/products/${p.id}/submit`);
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json().review.items.find((i: { code: string }) => i.code === 'CR-3').result).toBe('fail');
    await checkManualItems(c, p.id);
    const d = await c.authority.post(`/api/v1/products/${p.id}/reviews/decision`, { decision: 'passed' });
    expect(d.statusCode).toBe(422);
    expect(d.json().error.details.failures[0]).toMatchObject({ ruleId: 'PM-05', params: { items: ['CR-3'] } });
    expect((await c.operator.get(`/api/v1/products/${p.id}`)).json().state).toBe('in_review');
  });
});

describe('review discipline', () => {
  it('PM-05: the authority cannot pass a review before CR-4 and CR-6 are checked (CR-5 n/a without personal data)', async () => {
    const p = await draftProduct(c);
    await c.operator.post(`/api/v1/products/${p.id}/submit`);
    const d = await c.authority.post(`/api/v1/products/${p.id}/reviews/decision`, { decision: 'passed' });
    expect(d.statusCode).toBe(422);
    expect(d.json().error.details.failures[0].params.items).toEqual(['CR-4', 'CR-6']);
  });

  it('CR-6: an irreversibility test below review.irreversibility.minK records a fail', async () => {
    const p = await draftProduct(c);
    await c.operator.post(`/api/v1/products/${p.id}/submit`);
    const r = await c.evaluator.post(`/api/v1/products/${p.id}/reviews/items`, {
      items: [{ code: 'CR-6', result: 'pass', minK: 3 }],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items.find((i: { code: string }) => i.code === 'CR-6').result).toBe('fail');
  });

  it('the operator may not decide its own review (authority only)', async () => {
    const p = await draftProduct(c);
    await c.operator.post(`/api/v1/products/${p.id}/submit`);
    const d = await c.operator.post(`/api/v1/products/${p.id}/reviews/decision`, { decision: 'passed' });
    expect(d.statusCode).toBe(403);
  });
});

describe('scenario 12 (part 1, with the demo collaborator; labs are not modelled yet)', () => {
  it('a collaborator makes a product under the operator’s grant; listing it before review is NOT_REVIEWED', async () => {
    const collab = await t.as('collaborator.admin');
    const r = await collab.post(
      '/api/v1/products',
      productBody({ name: '企业名称核验（协作开发）', fieldsUsed: ['企业名称'] }),
    );
    expect(r.statusCode, r.body).toBe(201);
    const { oid } = await import('../../seed/identity.js');
    expect(r.json()).toMatchObject({
      producerOrgId: oid('zh-collab'),
      operatorOrgId: oid('zh-operator'),
      ipOwnerOrgId: oid('zh-collab'),
    });
    // The product code names the Grant's jurisdiction by its division code (珠海 440400), never a slice of an id.
    expect(r.json().code).toMatch(/^DP-440400-\d{4}-\d{6}$/);
    const l = await collab.post('/api/v1/listings', { productId: r.json().id, venue: 'platform' });
    expect(l.statusCode).toBe(422);
    expect(failuresOf(l.body)).toContain('PM-09:NOT_REVIEWED');
    // The operator, the registrant, sees the collaborator's product.
    expect((await c.operator.get(`/api/v1/products/${r.json().id}`)).statusCode).toBe(200);
  });

  it('a buyer cannot create products from someone else’s grant', async () => {
    const buyer = await t.as('buyer.admin');
    const r = await buyer.post('/api/v1/products', {
      name: 'x',
      form: 'dataset',
      grantIds: [DEMO_GRANTS.verify],
      fieldsUsed: ['企业名称'],
      personalInfo: 'none',
      deliveryModes: ['api_key'],
    });
    expect(r.statusCode).toBe(403); // not a producer (operator, collaborator or lab partner)
  });
});
