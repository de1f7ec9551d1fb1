import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FixedClock } from '../../kernel/clock.js';
import { demoId } from '../../seed/ids.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { PM_01 } from '../products/rules/product.js';
import type { ProductFacts } from '../products/rules/product.js';
import { checkManualItems, clientsOf, productBody, type Clients } from '../products/test/factories.js';
import { LAB_31 } from '../products/rules/lab-research.js';
import { FREE_USE } from '../products/rules/free-use.js';
import { applyBody } from '../rights/test/factories.js';
import { LAB_29 } from './rules-products.js';

// Lab products (labs.md LAB-13, LAB-14, LAB-28; products-market.md PM-01/PM-02; decision 0088): the demo lab's
// partner drafts a product on its lab_agreement Grant, the review passes, LAB-14 counts it, and it reaches the
// public only after ProductRegistration. The seed opens the lab's Grant on the day it runs, so the clock starts a
// few days after the real date (the lab is certified 2026-07-15 to 2029-07-15).
const clock = new FixedClock(new Date(Math.max(Date.now(), Date.parse('2026-12-07T00:00:00Z')) + 3 * 86400_000));
const LAB = demoId('lab:transit');
let t: TestApp;
let partner: Client;
let c: Clients;
let grantIds: string[] = [];
let productId = '';
beforeAll(async () => {
  t = await startTestApp({ clock });
  partner = await t.as('lab.partner');
  c = await clientsOf(t);
  const r = await sql<{ grant_ids: string[] }>`SELECT grant_ids FROM lab_agreement WHERE lab_id = ${LAB}`.execute(
    t.kernel.db,
  );
  grantIds = r.rows[0]?.grant_ids ?? [];
}, 120_000);
afterAll(() => t?.close());

const labProductBody = (grants: string[], o: Record<string, unknown> = {}) => ({
  name: '珠海公交客流指数',
  form: 'dataset',
  grantIds: grants,
  fieldsUsed: ['线路', '上车站点'],
  personalInfo: 'none',
  deliveryModes: ['file_egress'],
  declaration: {
    source: '珠海市数据创新应用实验室共建协议授权数据',
    rights: '知识产权归共建方',
    quality: '按日汇总',
    use: '公共交通规划',
    signedBy: '李娜',
    signedAt: '2026-12-01',
  },
  ...o,
});
const ruleIds = (body: string) =>
  (JSON.parse(body).error.details.failures as { ruleId: string; code: string }[]).map((f) => `${f.ruleId}:${f.code}`);

const labFacts = (lab: ProductFacts['lab'], o: Partial<ProductFacts> = {}) =>
  ({
    scenarioState: null,
    scenarioApplicationId: null,
    grantScenarioIds: [''],
    grantsCited: 1,
    lab,
    ...o,
  }) as ProductFacts;
const lab = { labId: LAB, labNo: 'ZHLAB-2026-001', labState: 'active', active: true, grantIds: ['g1'] };

describe('PM-01 for a lab product (LAB-13/LAB-28): the active lab’s filed agreement is the basis', () => {
  it('passes for an active lab on its own Grants; refuses a lab not active, a mixed citation, and no lab', () => {
    expect(PM_01.check(labFacts(lab), t.kernel.profile).ok).toBe(true);
    const inactive = PM_01.check(labFacts({ ...lab, labState: 'rectification', active: false }), t.kernel.profile);
    expect(inactive).toMatchObject({ ok: false, code: 'LAB_BASIS_NOT_ACTIVE' });
    const mixed = PM_01.check(labFacts(lab, { grantsCited: 2, grantScenarioIds: ['', 'scn-1'] }), t.kernel.profile);
    expect(mixed).toMatchObject({ ok: false, code: 'LAB_BASIS_MIXED' });
    expect(PM_01.check(labFacts(null), t.kernel.profile).ok).toBe(false); // no scenario and no lab: still refused
  });
});

describe('a lab product through the API (LAB-13, LAB-14, LAB-28)', () => {
  it('the partner drafts a product on its lab Grant; the product is tied to the lab; a stranger is refused', async () => {
    expect(grantIds.length).toBeGreaterThan(0);
    const res = await partner.post('/api/v1/products', labProductBody(grantIds));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ labId: LAB, state: 'draft' });
    productId = res.json().id;
    const stranger = await c.operator.post('/api/v1/products', labProductBody(grantIds));
    expect(stranger.statusCode).toBe(422);
    expect(ruleIds(stranger.body)).toContain('PM-02:GRANT_NOT_HELD');
  });

  it('LAB-14: a product on another Grant cannot name the lab (the count cannot be inflated by tagging)', async () => {
    const tagged = await c.operator.post(
      '/api/v1/products',
      productBody({ name: '企业经营状态核验API（冒用实验室）', labId: LAB }),
    );
    expect(tagged.statusCode, tagged.body).toBe(422);
    expect(tagged.json().error).toMatchObject({ code: 'LAB_ID_NOT_OF_GRANT', details: { ruleId: 'LAB-14' } });
  });

  it('LAB-14: once its ComplianceReview passes, the product counts on GET /labs/{id}/duties', async () => {
    const before = (await partner.get(`/api/v1/labs/${LAB}/duties`)).json();
    const d0 = before.duties.find((d: { kind: string }) => d.kind === 'products');
    expect(d0.actual).toBe(0);
    const sub = await partner.post(`/api/v1/products/${productId}/submit`);
    expect(sub.statusCode, sub.body).toBe(200);
    await checkManualItems(c, productId);
    const dec = await c.authority.post(`/api/v1/products/${productId}/reviews/decision`, { decision: 'passed' });
    expect(dec.statusCode, dec.body).toBe(200);
    const after = (await partner.get(`/api/v1/labs/${LAB}/duties`)).json();
    const d1 = after.duties.find((d: { kind: string }) => d.kind === 'products');
    expect(d1).toMatchObject({ ruleId: 'LAB-14', actual: 1, state: 'ok' });
  });

  it('LAB-28: no listing before ProductRegistration; listed after registration', async () => {
    const early = await partner.post('/api/v1/listings', { productId, venue: 'platform' });
    expect(early.statusCode, early.body).toBe(422);
    expect(ruleIds(early.body).some((r) => r.startsWith('PM-07'))).toBe(true); // not registered yet
    const r = await partner.post('/api/v1/product-registrations', { productId });
    expect(r.statusCode, r.body).toBe(201);
    const regId = r.json().id as string;
    for (const a of ['accept', 'pass_first_review', 'post_publicity']) {
      const x = await c.authority.post(`/api/v1/product-registrations/${regId}/${a}`, {});
      expect(x.statusCode, `${a}: ${x.body}`).toBe(200);
    }
    clock.advanceMs(30 * 86400_000);
    c = await clientsOf(t);
    partner = await t.as('lab.partner');
    const done = await c.authority.post(`/api/v1/product-registrations/${regId}/complete`, {});
    expect(done.statusCode, done.body).toBe(200);
    const l = await partner.post('/api/v1/listings', { productId, venue: 'platform' });
    expect(l.statusCode, l.body).toBe(201);
  });

  it('LAB-29: the listed lab product ordered for Zhuhai public governance is priced 0; a charge on it is refused', async () => {
    expect(t.kernel.profile.get<boolean>('lab.freeForLocalGovernance')).toBe(true);
    const buyer = await t.as('authority.admin');
    const o = await buyer.post('/api/v1/orders', {
      productId,
      useCategory: 'public_governance_welfare',
      purpose: '珠海市公交线网优化（公共治理）',
      quantity: 1,
      unit: 'period',
    });
    expect(o.statusCode, o.body).toBe(201);
    expect(o.json()).toMatchObject({ freeBasis: 'governance_welfare', unitPriceFen: 0 });
    const charged = FREE_USE.check({ freeBasis: o.json().freeBasis, amountFen: 100 }, t.kernel.profile);
    expect(charged).toMatchObject({ ok: false, code: 'FREE_USE_CHARGED' });
  });

  it('LAB-29: with lab.freeForLocalGovernance off, the same governance order is priced as filed (not free)', async () => {
    const orig = t.kernel.profile;
    t.kernel.profile = {
      id: orig.id,
      has: (key) => orig.has(key),
      get: ((key: string) => (key === 'lab.freeForLocalGovernance' ? false : orig.get(key))) as typeof orig.get,
    };
    try {
      const buyer = await t.as('authority.admin');
      const o = await buyer.post('/api/v1/orders', {
        productId,
        useCategory: 'public_governance_welfare',
        purpose: '珠海市公交线网优化（公共治理）',
        quantity: 1,
        unit: 'period',
      });
      // Priced like any industry order: the filed price is frozen (PM-17), and this product has none yet — so it is
      // refused rather than given away (with the switch on the same order is free, above).
      expect(o.statusCode, o.body).toBe(422);
      expect(JSON.parse(o.body).error).toMatchObject({ code: 'NO_EFFECTIVE_PRICE', details: { ruleId: 'PM-17' } });
    } finally {
      t.kernel.profile = orig;
    }
  });

  it('LAB-29 (rule): free only with the switch on and the agreement stating the initiator’s product use', () => {
    expect(LAB_29.check({ agreementAllows: true }, t.kernel.profile).ok).toBe(true);
    expect(LAB_29.check({ agreementAllows: false }, t.kernel.profile)).toMatchObject({
      ok: false,
      code: 'LAB_GOVERNANCE_FREE_NOT_AGREED',
    });
  });
});

describe('LAB-32: product IP belongs to the partner (RightsRegistration)', () => {
  it('the partner registers its lab product as holder; the initiator is refused', async () => {
    const body = (holderOrgId: string) =>
      applyBody({ holderOrgId, objectInfo: { ...applyBody().objectInfo, name: '珠海公交客流指数', productId } });
    const view = (await partner.get(`/api/v1/products/${productId}`)).json();
    const partnerOrg = view.ipOwnerOrgId as string;
    expect(partnerOrg).toBe(view.producerOrgId);
    const initiator = await t.as('lab.initiator');
    const refused = await initiator.post('/api/v1/rights-registrations', body(partnerOrg));
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().error.details).toMatchObject({ ruleId: 'LAB-32' });
    const ok = await partner.post('/api/v1/rights-registrations', body(partnerOrg));
    expect(ok.statusCode, ok.body).toBe(201);
  });
});

describe('LAB-31: a product derived from a free research Order is never listed', () => {
  it('the rule refuses lab_research only', () => {
    expect(LAB_31.check({ derivedFromFreeBasis: 'lab_research' }, t.kernel.profile)).toMatchObject({
      ok: false,
      code: 'DERIVED_FROM_FREE_RESEARCH',
    });
    expect(LAB_31.check({ derivedFromFreeBasis: 'none' }, t.kernel.profile).ok).toBe(true);
    expect(LAB_31.check({ derivedFromFreeBasis: null }, t.kernel.profile).ok).toBe(true);
  });

  it('the partner names the free research Order on its product; the Listing is refused with LAB-31', async () => {
    const order = await partner.post('/api/v1/orders', {
      productId: demoId('product:district-dataset'),
      useCategory: 'industry',
      purpose: '实验室既定研究：公交客流与企业分布关联分析',
      quantity: 1,
      unit: 'period',
      labResearch: true,
    });
    expect(order.statusCode, order.body).toBe(201);
    expect(order.json().freeBasis).toBe('lab_research');
    const p = await partner.post(
      '/api/v1/products',
      labProductBody(grantIds, { name: '客流与企业分布关联指数', derivedFromOrderId: order.json().id }),
    );
    expect(p.statusCode, p.body).toBe(201);
    expect(p.json().derivedFromOrderId).toBe(order.json().id);
    const l = await partner.post('/api/v1/listings', { productId: p.json().id, venue: 'platform' });
    expect(l.statusCode, l.body).toBe(422);
    expect(ruleIds(l.body)).toContain('LAB-31:DERIVED_FROM_FREE_RESEARCH');
  });

  it('a product names only an Order its maker bought: another’s Order and an unknown id get the same 422', async () => {
    const count = async () =>
      Number((await sql<{ n: string }>`SELECT count(*) AS n FROM data_product`.execute(t.kernel.db)).rows[0]!.n);
    const before = await count();
    for (const orderId of [demoId('market-order:file'), '00000000-0000-4000-8000-000000000031']) {
      const p = await partner.post(
        '/api/v1/products',
        labProductBody(grantIds, { name: '借用他人订单的产品', derivedFromOrderId: orderId }),
      );
      expect(p.statusCode, p.body).toBe(422);
      expect(p.json().error).toMatchObject({
        code: 'DERIVED_ORDER_NOT_OURS',
        message_zh: '产品来源订单须为本单位自己的订单',
      });
    }
    expect(await count()).toBe(before);
  });
});
