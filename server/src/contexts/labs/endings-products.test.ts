import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { demoId } from '../../seed/ids.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';

// labs.md LAB-31 through the products API (decision 0087): the demo lab's partner orders an operator product for
// its research, free (freeBasis lab_research, PM-20 asks labs' isLabActive port).
const clock = new FixedClock(new Date('2026-11-02T02:00:00Z'));
let t: TestApp;
let partner: Client;
beforeAll(async () => {
  t = await startTestApp({ clock });
  partner = await t.as('lab.partner');
}, 120_000);
afterAll(() => t?.close());

describe('LAB-31 free research use of operator products', () => {
  it('orders an operator product for lab research at 0 (freeBasis lab_research); without an active lab: refused', async () => {
    const body = {
      productId: demoId('product:district-dataset'),
      useCategory: 'industry',
      purpose: '实验室既定研究：公交客流与企业分布关联分析',
      quantity: 1,
      unit: 'period',
      labResearch: true,
    };
    const order = await partner.post('/api/v1/orders', body);
    expect(order.statusCode, order.body).toBe(201);
    expect(order.json()).toMatchObject({ freeBasis: 'lab_research', unitPriceFen: 0 });
    const stranger = await t.as('collaborator.admin');
    const refused = await stranger.post('/api/v1/orders', body);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error.details.failures.map((f: { ruleId: string }) => f.ruleId)).toContain('PM-20');
  });
});
