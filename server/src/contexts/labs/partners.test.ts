import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';

// The application wizard's partner picker: organizations of the kinds LAB-07 allows, for lab initiators only.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t?.close());

describe('GET /api/v1/lab-partner-candidates', () => {
  it('lists partner-kind organizations for the initiator, never itself nor a government organ (LAB-07)', async () => {
    const c = await t.as('lab.initiator');
    const res = await c.get('/api/v1/lab-partner-candidates');
    expect(res.statusCode, res.body).toBe(200);
    const items: { name: string; kind: string }[] = res.json().items;
    expect(items.map((o) => o.name)).toContain('珠海横琴数创科技有限公司');
    expect(items.map((o) => o.name)).not.toContain('珠海市科技创新局');
    expect(items.every((o) => ['enterprise', 'public_institution', 'social_org', 'university'].includes(o.kind))).toBe(
      true,
    );
    const found = (await c.get(`/api/v1/lab-partner-candidates?q=${encodeURIComponent('横琴数创')}`)).json().items;
    expect(found.map((o: { name: string }) => o.name)).toEqual(['珠海横琴数创科技有限公司']);
  });

  it('refuses anyone who is not a lab initiator (the partner, an operator)', async () => {
    for (const user of ['lab.partner', 'operator.admin']) {
      const res = await (await t.as(user)).get('/api/v1/lab-partner-candidates');
      expect(res.statusCode, user).toBe(403);
      expect(res.json().error.code).toBe('LAB_NOT_PARTY');
    }
  });
});
