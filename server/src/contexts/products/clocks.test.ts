import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
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
