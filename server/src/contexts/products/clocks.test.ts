import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { demoId } from '../../seed/ids.js';
import { getFiling } from './store/pricing.js';
import { approvedProduct, capInForce, clientsOf, filing } from './test/factories.js';
import { runPricingClocks } from './usecases/pricing.js';
import { runReviewClocks } from './usecases/clocks.js';

// Time-driven rules of products-market.md "Deadlines and clocks", on an injected clock.
const clock = new FixedClock(new Date());
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t?.close());

describe('price filing clock (PM-18)', () => {
  it('a filing nobody returns takes effect once pricing.filingObjectionDays working days have passed', async () => {
    const c = await clientsOf(t);
    const p = await approvedProduct(c);
    const cap = await capInForce(c, p.id);
    const f = await c.operator.post('/api/v1/price-filings', filing(p.id, cap, 70));
    expect(f.statusCode, f.body).toBe(201);
    await runPricingClocks(t.kernel);
    expect((await getFiling(t.kernel.db, f.json().id))?.state).toBe('filed'); // still inside the return window
    clock.advanceMs(10 * 86400_000);
    expect((await runPricingClocks(t.kernel)).filings).toBe(1);
    expect((await getFiling(t.kernel.db, f.json().id))?.state).toBe('effective');
  });
});

describe('PM-35 retirement through cancellation registration', () => {
  it('a registered product cannot simply be retired; its cancellation registration retires it and withdraws its listing', async () => {
    const product = demoId('product:status-verify');
    let c = await clientsOf(t);
    const r = await c.operator.post('/api/v1/product-registrations', { productId: product, type: 'cancellation' });
    expect(r.statusCode, r.body).toBe(201);
    for (const a of ['accept', 'pass_first_review', 'post_publicity'])
      expect((await c.authority.post(`/api/v1/product-registrations/${r.json().id}/${a}`, {})).statusCode).toBe(200);
    clock.advanceMs(30 * 86400_000);
    c = await clientsOf(t);
    const done = await c.authority.post(`/api/v1/product-registrations/${r.json().id}/complete`, {});
    expect(done.statusCode, done.body).toBe(200);
    const p = (await c.operator.get(`/api/v1/products/${product}`)).json();
    expect(p.state).toBe('retired');
    const listings = (await c.operator.get(`/api/v1/products/${product}/listings`)).json().items;
    expect(listings.map((l: { state: string }) => l.state)).toEqual(['withdrawn']);
    const pub = (await t.anonymous.get('/api/v1/public/products?pageSize=500')).json();
    expect(pub.items.map((x: { id: string }) => x.id)).not.toContain(product);
  });
});

describe('review validity (PM-09)', () => {
  it('an expired review suspends the live listings and the product leaves the public catalogue', async () => {
    const before = (await t.anonymous.get('/api/v1/public/products?pageSize=500')).json().total;
    expect(before).toBeGreaterThanOrEqual(3);
    clock.advanceMs(400 * 86400_000);
    expect(await runReviewClocks(t.kernel)).toBeGreaterThanOrEqual(3);
    const after = (await t.anonymous.get('/api/v1/public/products?pageSize=500')).json();
    expect(after.total).toBe(0);
  });
});
