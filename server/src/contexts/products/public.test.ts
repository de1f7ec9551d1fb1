import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { clientsOf, draftProduct } from './test/factories.js';

// The fixed public shapes of issue 15 on the demo market (no login), and what the public may never see.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

interface PublicProduct {
  id: string;
  code: string;
  name: string;
  operator: string;
  form: string;
  category: string;
  prices: { unit: string; priceFen: number; capFen: number }[];
}

describe('GET /api/v1/public/products', () => {
  it('lists at least three live demo products of different forms, each industry one priced under its cap', async () => {
    const r = await t.anonymous.get('/api/v1/public/products');
    expect(r.statusCode).toBe(200);
    const body = r.json() as { items: PublicProduct[]; total: number; page: number; pageSize: number };
    expect(Object.keys(body).sort()).toEqual(['items', 'page', 'pageSize', 'total']);
    expect(body.total).toBeGreaterThanOrEqual(3);
    expect(new Set(body.items.map((p) => p.form)).size).toBeGreaterThanOrEqual(3);
    const priced = body.items.filter((p) => p.category === 'industry');
    expect(priced.length).toBeGreaterThanOrEqual(3);
    for (const p of priced) {
      expect(Object.keys(p).sort()).toEqual(['category', 'code', 'form', 'id', 'name', 'operator', 'prices']);
      expect(p.operator).toBe('珠海市数据运营有限公司');
      expect(p.prices.length).toBeGreaterThan(0);
      for (const x of p.prices) expect(x.priceFen).toBeLessThanOrEqual(x.capFen);
    }
  });

  it('filters by form and category', async () => {
    const r = await t.anonymous.get('/api/v1/public/products?form=dataset');
    expect(r.json().items.every((p: PublicProduct) => p.form === 'dataset')).toBe(true);
    const free = await t.anonymous.get('/api/v1/public/products?category=public_governance_welfare');
    expect(free.json().items.every((p: PublicProduct) => p.prices.every((x) => x.priceFen === 0))).toBe(true);
  });

  it('shows only products with a live listing (drafts never appear)', async () => {
    const r = await t.anonymous.get('/api/v1/public/products?pageSize=500');
    const codes = r.json().items.map((p: PublicProduct) => p.code);
    // The sandbox's service products are active but not listed: they stay off the public catalogue.
    expect(codes).not.toContain('DP-ZH-2026-000001');
  });
});

interface PublicProductDetail extends PublicProduct {
  terms: { scope: string; deliveryModes: string[]; validTo: string | null; registrationCode: string | null };
  sampleSchema: { name: string; valueType: string; description?: string }[];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe("GET /api/v1/public/products/:id (issue 15: the buyer's product page)", () => {
  it('answers a live product as in the catalogue, plus its terms and the used fields by name and type only', async () => {
    const list = (await t.anonymous.get('/api/v1/public/products?category=industry')).json();
    const item = list.items[0] as PublicProduct;
    const r = await t.anonymous.get(`/api/v1/public/products/${item.id}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as PublicProductDetail;
    const { terms, sampleSchema, ...rest } = body;
    expect(rest).toEqual(item); // the catalogue item unchanged: fields added, none renamed
    expect(terms.scope).toMatch(/产业用途/);
    expect(terms.deliveryModes.length).toBeGreaterThan(0);
    expect(sampleSchema.length).toBeGreaterThan(0);
    const types = [
      'string',
      'integer',
      'decimal',
      'date',
      'datetime',
      'boolean',
      'geometry',
      'binary',
      'code',
      'other',
    ];
    for (const f of sampleSchema) {
      expect(Object.keys(f).every((k) => ['name', 'valueType', 'description'].includes(k))).toBe(true);
      expect(f.name).toMatch(/[\u4e00-\u9fa5]/); // a Chinese field name, never a code
      expect(types).toContain(f.valueType);
    }
  });

  it('carries no values, masking, personal flags or ids of the fields', async () => {
    const list = (await t.anonymous.get('/api/v1/public/products?pageSize=500')).json();
    for (const item of list.items as PublicProduct[]) {
      const body = (await t.anonymous.get(`/api/v1/public/products/${item.id}`)).json() as PublicProductDetail;
      const schema = JSON.stringify(body.sampleSchema);
      expect(schema).not.toMatch(UUID);
      expect(schema).not.toMatch(/mask|personal|grade|sample|value"/i);
      expect(JSON.stringify(body.terms)).not.toMatch(UUID);
    }
  });

  it('answers 404 for a draft product and for one active but not listed, never its details', async () => {
    const draft = await draftProduct(await clientsOf(t));
    const r = await t.anonymous.get(`/api/v1/public/products/${draft.id}`);
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBeTruthy();
    expect(r.body).not.toContain('统一社会信用代码');
    // The sandbox's service products are active but not listed: no public page either.
    const mine = (await (await t.as('operator.admin')).get('/api/v1/products?state=active&pageSize=200')).json();
    const live = new Set(
      (await t.anonymous.get('/api/v1/public/products?pageSize=500')).json().items.map((p: PublicProduct) => p.id),
    );
    const unlisted = (mine.items as { id: string }[]).filter((p) => !live.has(p.id));
    expect(unlisted.length).toBeGreaterThan(0);
    for (const p of unlisted) expect((await t.anonymous.get(`/api/v1/public/products/${p.id}`)).statusCode).toBe(404);
    const unknown = await t.anonymous.get('/api/v1/public/products/00000000-0000-0000-0000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect((await t.anonymous.get('/api/v1/public/products/not-an-id')).statusCode).toBe(400);
  });
});

describe('GET /api/v1/public/prices', () => {
  it('publishes every effective price beside its cap and filing number (PM-18)', async () => {
    const r = await t.anonymous.get('/api/v1/public/prices');
    expect(r.statusCode).toBe(200);
    const items = r.json().items as Record<string, unknown>[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const i of items) {
      expect(Object.keys(i).sort()).toEqual(['capFen', 'filingNo', 'priceFen', 'productId', 'unit']);
      expect(Number(i.priceFen)).toBeLessThanOrEqual(Number(i.capFen));
    }
  });
});
