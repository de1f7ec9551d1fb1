import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../kernel/calendar/calendar.js';
import type { Tx } from '../../kernel/db/tables.js';
import { demoId } from '../../seed/ids.js';
import { uid } from '../../seed/identity.js';
import { loadUserActor } from '../identity/service.js';
import { type Client, startTestApp, type TestApp } from '../../test/harness.js';
import * as store from './store.js';
import { registerExchangeContract } from './usecases/exchange-registration.js';
import { applyBody, ORG } from './test/factories.js';

// rights-assets.md RA-08 (first half) with RA-07: a market contract filed with the exchange registers its licence
// in the same transaction (products' contract followers, decision 0083), through the HTTP API.
let t: TestApp;
let buyer: Client;
let operator: Client;
beforeAll(async () => {
  t = await startTestApp();
  buyer = await t.as('buyer.admin');
  operator = await t.as('operator.admin');
});
afterAll(() => t?.close());

const VERIFY = demoId('product:status-verify');
const failuresOf = (body: string) =>
  (JSON.parse(body).error.details.failures as { ruleId: string; code: string }[]).map((f) => `${f.ruleId}:${f.code}`);

/** An order of the verification API and its drawn (not yet filed) contract, as products-market.md part 2 makes them. */
async function drawnContract(): Promise<string> {
  const o = await buyer.post('/api/v1/orders', {
    productId: VERIFY,
    useCategory: 'industry',
    purpose: '贷前核验',
    quantity: 1000,
  });
  expect(o.statusCode, o.body).toBe(201);
  const today = shanghaiDate(t.kernel.clock.now());
  const c = await operator.post('/api/v1/contracts', {
    orderId: o.json().id,
    termFrom: today,
    termTo: today,
    deliveryMode: 'api_key',
    quotaPerDay: 100,
    quotaPerMonth: 3,
    content: '甲方按备案价格调用核验服务',
  });
  expect(c.statusCode, c.body).toBe(201);
  return c.json().id as string;
}

async function licencesOf(contractNo: string) {
  const { rows } = await sql<{
    id: string;
  }>`SELECT id FROM rights_registration WHERE exchange_trade_ref = ${contractNo}`.execute(t.kernel.db);
  return rows.map((r) => r.id);
}

describe('RA-08: exchange e-contracts register themselves', () => {
  it('RA-08: a contract filed with the exchange opens exactly one licence draft with the contract number and the parties', async () => {
    const id = await drawnContract();
    const filed = await operator.post(`/api/v1/contracts/${id}/file`, { filedWith: 'exchange' });
    expect(filed.statusCode, filed.body).toBe(200);
    expect(await licencesOf(id)).toHaveLength(1);
    const row = (await store.registrationOfTradeRef(t.kernel.db, id, 'license'))!;
    expect(row).toMatchObject({
      state: 'draft',
      reg_type: 'license',
      exchange_trade_ref: id,
      applicant_org_id: ORG.operator,
      holder_org_id: ORG.operator,
      counterparty_org_id: ORG.buyer,
      registry_org_id: ORG.zhuhaiRegistry,
      content_agreed: true,
    });
    expect(row.contract_date).not.toBeNull();
    expect(row.evidence).toEqual([]);
    // The seller sees it among its own registrations.
    const mine = await operator.get('/api/v1/rights-registrations?role=mine&pageSize=200');
    expect(mine.json().items.map((r: { id: string }) => r.id)).toContain(row.id);
  });

  it('RA-07: the auto-registered licence is submitted without evidence (the trade ref waives it); one without the ref is refused', async () => {
    const id = await drawnContract();
    await operator.post(`/api/v1/contracts/${id}/file`, { filedWith: 'exchange' });
    const [regId] = await licencesOf(id);
    const sub = await operator.post(`/api/v1/rights-registrations/${regId}/submit`, {});
    // No registered first registration of the product is known to the contract, so RA-01 still asks for the base;
    // what matters here is that RA-07 no longer asks for materials.
    expect(sub.statusCode, sub.body).toBe(422);
    expect(failuresOf(sub.body)).toEqual(['RA-01:BASE_REGISTRATION_REQUIRED']);
    const manual = await operator.post(
      '/api/v1/rights-registrations',
      applyBody({
        profile: 'zhuhai',
        regType: 'license',
        registryOrgId: ORG.zhuhaiRegistry,
        counterpartyOrgId: ORG.buyer,
        evidence: [],
      }),
    );
    expect(manual.statusCode, manual.body).toBe(201);
    const refused = await operator.post(`/api/v1/rights-registrations/${manual.json().id}/submit`, {});
    expect(refused.statusCode, refused.body).toBe(422);
    expect(failuresOf(refused.body)).toContain('RA-07:EVIDENCE_REQUIRED');
  });

  it('RA-08 (negative): a contract filed on the platform registers nothing', async () => {
    const id = await drawnContract();
    const filed = await operator.post(`/api/v1/contracts/${id}/file`, { filedWith: 'platform' });
    expect(filed.statusCode, filed.body).toBe(200);
    expect(await licencesOf(id)).toHaveLength(0);
  });

  it('RA-08 (idempotent): filing the same contract again opens no second licence', async () => {
    const id = await drawnContract();
    await operator.post(`/api/v1/contracts/${id}/file`, { filedWith: 'exchange' });
    const again = await operator.post(`/api/v1/contracts/${id}/file`, { filedWith: 'exchange' });
    expect(again.statusCode).not.toBe(200);
    expect(again.statusCode).toBeLessThan(500);
    expect(await licencesOf(id)).toHaveLength(1);
    const first = (await store.registrationOfTradeRef(t.kernel.db, id, 'license'))!;
    const operatorActor = (await loadUserActor(
      t.kernel.db,
      uid('operator.admin'),
      ORG.operator,
      t.kernel.clock.now(),
    ))!;
    // A retried follower (the filing's lifecycle already refuses a second filing) finds the licence and adds none.
    const retry = (trx: Tx) =>
      registerExchangeContract(t.kernel, {
        contractId: id,
        contractNo: id,
        productId: VERIFY,
        productName: '企业经营状态核验API',
        jurisdictionId: first.registry_jurisdiction_id,
        sellerOrgId: ORG.operator,
        buyerOrgId: ORG.buyer,
        filedWith: 'exchange',
        filedAt: t.kernel.clock.now(),
        actor: operatorActor,
        trx,
      });
    await t.kernel.db.transaction().execute(retry);
    expect(await licencesOf(id)).toHaveLength(1);
  });
});
