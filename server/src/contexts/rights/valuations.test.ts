import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { ok, ORG } from './test/factories.js';

// Scenarios 10 (valuation signatures and validity) and 11 (SOE price deviation) through the API.
const clock = new FixedClock(new Date('2026-02-10T02:00:00Z'));
let t: TestApp;
let evaluator: Client;
let client: Client;
let id: string;

beforeAll(async () => {
  t = await startTestApp({ clock });
  evaluator = await t.as('evaluator.admin');
  client = await t.as('operator.admin');
  const v = await ok(
    evaluator.post('/api/v1/valuations', {
      clientOrgId: ORG.operator,
      clientIsSoe: true,
      assetName: '罗湖区企业经营状态指数',
      purpose: '转让定价参考',
      baseDate: '2026-01-31',
      methods: ['income'],
      conclusionFen: 1_000_000_000,
    }),
    201,
  );
  id = v.id;
  for (let i = 0; i < 3; i++) await ok(evaluator.post(`/api/v1/valuations/${id}/advance`));
}, 120_000);
afterAll(() => t?.close());

describe('RA scenario 10: valuation (RA-29, RA-31)', () => {
  it('refuses a report signed by one professional (VALUATION_INVALID)', async () => {
    await ok(evaluator.post(`/api/v1/valuations/${id}/sign`, { name: '王评估', attestsNoPresetValue: true }));
    const res = await evaluator.post(`/api/v1/valuations/${id}/report`, { approvalFiling: '国资备案 2026-018' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('VALUATION_INVALID');
  });

  it('reports with a second signer; base date 2026-01-31 gives validUntil 2027-01-31', async () => {
    await ok(evaluator.post(`/api/v1/valuations/${id}/sign`, { name: '李评估', attestsNoPresetValue: true }));
    const v = await ok(evaluator.post(`/api/v1/valuations/${id}/report`, { approvalFiling: '国资备案 2026-018' }));
    expect(v).toMatchObject({ state: 'reported', validUntil: '2027-01-31' });
    expect(v.professionals).toHaveLength(2);
  });

  it('RA-32: every ledger entry of an SOE client’s (statutory) valuation is kept 30 years, another’s 15', async () => {
    const other = await ok(
      evaluator.post('/api/v1/valuations', {
        clientOrgId: ORG.operator,
        clientIsSoe: false,
        assetName: '罗湖区企业经营状态指数（非法定）',
        purpose: '内部管理参考',
        baseDate: '2026-01-31',
        methods: ['income'],
        conclusionFen: 1_000_000,
      }),
      201,
    );
    const classes = async (objectId: string) =>
      (
        await t.kernel.db
          .selectFrom('ledger_entry')
          .select('retention_class')
          .distinct()
          .where('object_id', '=', objectId)
          .execute()
      ).map((e) => e.retention_class);
    expect(await classes(id)).toEqual(['valuation_statutory']);
    expect(await classes(other.id)).toEqual(['valuation']);
  });

  it('lets only the engaged evaluator work on it', async () => {
    expect((await client.post(`/api/v1/valuations/${id}/advance`)).statusCode).toBe(403);
  });
});

describe('RA scenario 11: SOE price deviation (RA-33)', () => {
  it('blocks a ¥8,500,000 sale against a ¥10,000,000 appraisal until the approving unit consents', async () => {
    const res = await client.post(`/api/v1/valuations/${id}/price-check`, { direction: 'sale', priceFen: 850_000_000 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SOE_DEVIATION_APPROVAL_REQUIRED');
    const consent = { name: '批准单位同意函.pdf', kind: 'approval', sm3: 'b'.repeat(64) };
    await ok(
      client.post(`/api/v1/valuations/${id}/price-check`, {
        direction: 'sale',
        priceFen: 850_000_000,
        approvingUnitConsent: consent,
      }),
    );
  });

  it('passes ¥9,200,000 without approval, and refuses any price once the valuation has expired', async () => {
    await ok(client.post(`/api/v1/valuations/${id}/price-check`, { direction: 'sale', priceFen: 920_000_000 }));
    clock.set('2027-02-01T02:00:00Z');
    const late = await (await t.as('operator.admin')).post(`/api/v1/valuations/${id}/price-check`, {
      direction: 'sale',
      priceFen: 920_000_000,
    });
    expect(late.json().error.code).toBe('VALUATION_INVALID');
  });

  it('hides the valuation from an unrelated organization', async () => {
    const other = await t.as('lab.partner');
    const res = await other.post(`/api/v1/valuations/${id}/price-check`, { direction: 'sale', priceFen: 920_000_000 });
    expect(res.statusCode).toBe(404);
  });
});
