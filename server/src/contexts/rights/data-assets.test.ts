import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { ok } from './test/factories.js';

// Scenario 9 (入表) through the API: a carded in-house product in development, RA-34, RA-35, RA-37.
let t: TestApp;
let holder: Client;
const card = {
  name: '罗湖区企业经营状态指数',
  basic: { structure: '指数表', scale: '12 万条', cycle: 'monthly', desensitized: true },
  rights: { holder: '珠海市数据运营有限公司', path: '授权运营', type: 'product_operation' },
  usage: { products: ['企业经营状态指数 API'] },
  management: { department: '数据资产部', grade: 'general' },
};
const devFacts = {
  lawfullyOwnedOrControlled: true,
  expectedBenefit: true,
  holding: 'internal_rd',
  rdPhase: 'development',
  meetsCas6Art9: true,
  readyForUse: false,
};

beforeAll(async () => {
  t = await startTestApp();
  holder = await t.as('operator.admin');
}, 120_000);
afterAll(() => t?.close());

describe('RA-25 / RA-34 four-block card, recognition and the memo book', () => {
  it('keeps an item that fails a criterion out of the card (RECOGNITION_CRITERIA_UNMET) and in the memo book', async () => {
    const a = await ok(holder.post('/api/v1/data-assets', card), 201);
    expect(a.bookStatus).toBe('candidate');
    const res = await holder.post(`/api/v1/data-assets/${a.id}/card`, {
      pastTransactionOrEvent: true,
      ownedOrControlled: true,
      expectedInflow: true,
      reliableMeasurement: false,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('RECOGNITION_CRITERIA_UNMET');
    expect((await ok(holder.post(`/api/v1/data-assets/${a.id}/memo-book`))).bookStatus).toBe('memo_book');
  });
});

describe('RA scenario 9: 入表 (RA-35, RA-37)', () => {
  let id: string;
  it('accumulates a development-phase product in 开发支出, then 无形资产 when ready', async () => {
    const a = await ok(holder.post('/api/v1/data-assets', card), 201);
    id = a.id;
    const all = {
      pastTransactionOrEvent: true,
      ownedOrControlled: true,
      expectedInflow: true,
      reliableMeasurement: true,
    };
    expect((await ok(holder.post(`/api/v1/data-assets/${id}/card`, all))).bookStatus).toBe('carded');
    const costs = [{ incurredOn: '2026-02-01', amountFen: 30_000_00, component: 'cleaning', rdPhase: 'development' }];
    const dev = await ok(holder.post(`/api/v1/data-assets/${id}/classify`, { facts: devFacts, costs }));
    expect(dev.accounting).toMatchObject({
      class: 'development_expenditure',
      capitalizedFen: 30_000_00,
      expensedFen: 0,
    });
    const ready = await ok(
      holder.post(`/api/v1/data-assets/${id}/classify`, { facts: { ...devFacts, readyForUse: true }, costs }),
    );
    expect(ready.accounting.class).toBe('intangible');
  });

  it('refuses research-phase spending from 2023 marked capitalizable (RETROACTIVE_CAPITALIZATION), changing nothing', async () => {
    const costs = [
      { incurredOn: '2023-10-15', amountFen: 5_000_00, component: 'research', expensed: true, rdPhase: 'research' },
    ];
    const res = await holder.post(`/api/v1/data-assets/${id}/classify`, { facts: devFacts, costs });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('RETROACTIVE_CAPITALIZATION');
    expect((await ok(holder.get(`/api/v1/data-assets/${id}`))).accounting.class).toBe('intangible');
  });

  it('hides a card from another organization', async () => {
    expect((await (await t.as('buyer.admin')).get(`/api/v1/data-assets/${id}`)).statusCode).toBe(404);
  });
});
