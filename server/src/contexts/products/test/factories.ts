import { expect } from 'vitest';
import { DEMO_AGREEMENT_ID } from '../../../seed/authorization.js';
import { oid } from '../../../seed/identity.js';
import { DEMO_GRANTS } from '../../../seed/sandbox.js';
import type { Client, TestApp } from '../../../test/harness.js';

// Products built through the products API (style.md §7 factories with overrides): each step uses the real
// use cases, so a factory-made product went through the same rules as a user's.

export const DECLARATION = {
  source: '珠海市市场监督管理局企业登记信息（授权运营）',
  rights: '依授权协议与授权决定开发',
  quality: '每日更新，经质量核验',
  use: '限于已批准场景',
  signedBy: '张伟',
  signedAt: '2026-06-01',
};

export type ProductOverrides = Partial<{
  name: string;
  form: string;
  grantIds: string[];
  fieldsUsed: string[];
  personalInfo: string;
  deliveryModes: string[];
  declaration: typeof DECLARATION | null;
  categoryTags: string[];
}>;

export interface Clients {
  operator: Client;
  authority: Client;
  evaluator: Client;
}

export async function clientsOf(t: TestApp): Promise<Clients> {
  return {
    operator: await t.as('operator.admin'),
    authority: await t.as('authority.admin'),
    evaluator: await t.as('evaluator.admin'),
  };
}

/** The body of a product on the demo 企业登记 grant (industry scenario); overrides replace its fields. */
export const productBody = (o: ProductOverrides & Record<string, unknown> = {}) => ({
  name: '企业经营状态核验API',
  form: 'verification_service',
  grantIds: [DEMO_GRANTS.verify],
  fieldsUsed: ['统一社会信用代码', '企业名称'],
  personalInfo: 'none',
  deliveryModes: ['api_key'],
  declaration: DECLARATION,
  ...o,
});

/** A draft product on the demo 企业登记 grant (industry scenario), made by the operator. */
export async function draftProduct(c: Clients, o: ProductOverrides = {}) {
  const res = await c.operator.post('/api/v1/products', productBody(o));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; code: string; category: string; state: string };
}

/** Submitted, CR-4…CR-6 checked by the evaluator, passed by the authority: an `approved` product. */
export async function approvedProduct(c: Clients, o: ProductOverrides = {}) {
  const p = await draftProduct(c, o);
  expect((await c.operator.post(`/api/v1/products/${p.id}/submit`)).statusCode).toBe(200);
  await checkManualItems(c, p.id);
  const d = await c.authority.post(`/api/v1/products/${p.id}/reviews/decision`, { decision: 'passed' });
  expect(d.statusCode, d.body).toBe(200);
  return p;
}

export async function checkManualItems(c: Clients, productId: string) {
  const r = await c.evaluator.post(`/api/v1/products/${productId}/reviews/items`, {
    items: [
      { code: 'CR-4', result: 'pass', evidenceFileIds: ['sec-report'] },
      { code: 'CR-5', result: 'n_a' },
      { code: 'CR-6', result: 'pass', minK: 12 },
    ],
    evaluatorReportId: 'EVAL-2026-001',
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

/** Runs the ordinary registration procedure; the caller moves the clock past publicity before `complete`. */
export async function registrationInPublicity(c: Clients, productId: string) {
  const r = await c.operator.post('/api/v1/product-registrations', { productId });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json().id as string;
  for (const a of ['accept', 'pass_first_review', 'post_publicity']) {
    const x = await c.authority.post(`/api/v1/product-registrations/${id}/${a}`, {});
    expect(x.statusCode, `${a}: ${x.body}`).toBe(200);
  }
  return id;
}

/** A FeeCap in force on one product (per call by default), set and reported by the authority. */
export async function capInForce(
  c: Clients,
  productId: string,
  o: Partial<{ capFen: number; chargingUnit: string; unitDefinition: string }> = {},
) {
  const cap = await c.authority.post('/api/v1/fee-caps', {
    operationAgreementId: DEMO_AGREEMENT_ID,
    operatorOrgId: oid('zh-operator'),
    productId,
    chargingUnit: o.chargingUnit ?? 'call',
    unitDefinition: o.unitDefinition ?? '每次调用',
    capFen: o.capFen ?? 80,
    taxInclusive: true,
    basis: { resources: '数据、算力、存储', labour: '运维 2 人', salesScale: '预计 100 万次/年' },
    isTrial: true,
    writtenReportRef: 'RPT-2026-001',
    effectiveFrom: '2026-01-01',
    effectiveTo: '2030-12-31',
  });
  expect(cap.statusCode, cap.body).toBe(201);
  const rep = await c.authority.post(`/api/v1/fee-caps/${cap.json().id}/report`, {});
  expect(rep.statusCode, rep.body).toBe(200);
  expect(rep.json().state).toBe('in_force');
  return cap.json().id as string;
}

export const filing = (productId: string, feeCapId: string | null, priceFen: number) => ({
  productId,
  feeCapId,
  chargingUnit: 'call',
  unitDefinition: '每次调用',
  priceFen,
  pricingBasis: '成本加合理利润',
  scenario: '普惠金融贷前核验',
  scopeOfUse: '持牌金融机构贷前核验',
  method: 'API 调用',
  pricingMethod: 'negotiated',
  effectiveFrom: '2026-01-01',
});
