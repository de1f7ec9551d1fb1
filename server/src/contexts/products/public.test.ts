import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';

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
