import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { type Clients, clientsOf, draftProduct, filing, productBody } from './test/factories.js';

// products-market.md PM-34: an authority-ordered rectification suspends the operator's operating permissions until
// accepted. Enforced by the permission check (IAM-15: `operating` permissions → 403 ORG_IN_RECTIFICATION, the flag
// set by supervision's order and cleared by its acceptance); these tests hold the products side to it.
let t: TestApp;
let c: Clients;
beforeAll(async () => {
  t = await startTestApp();
  c = await clientsOf(t);
}, 120_000);
afterAll(() => t?.close());

const productCount = async () =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM data_product`.execute(t.kernel.db)).rows[0]!.n;
const refusedForRectification = (r: { statusCode: number; body: string; json(): any }) => {
  expect(r.statusCode, r.body).toBe(403);
  expect(r.json().error.code).toBe('ORG_IN_RECTIFICATION');
};

describe('PM-34: an authority-ordered rectification suspends the operator’s operating permissions until accepted', () => {
  it('PM-34 while open the operator cannot draft, submit, list or price a product; after acceptance it can', async () => {
    const draft = await draftProduct(c);
    const ordered = await c.authority.post('/api/v1/rectifications', {
      subjectOrgId: oid('zh-operator'),
      measure: 'rectification',
      basis: { kind: 'finding', ref: '产品说明与授权场景不符' },
      items: [{ finding: '产品超出授权场景宣传', requiredAction: '下架宣传材料并整改' }],
    });
    expect(ordered.statusCode, ordered.body).toBe(201);
    const rectId = ordered.json().id as string;
    const op = await t.as('operator.admin');

    const before = await productCount();
    refusedForRectification(await op.post('/api/v1/products', productBody({ name: '整改期间新产品' })));
    expect(await productCount()).toBe(before);
    refusedForRectification(await op.post(`/api/v1/products/${draft.id}/submit`));
    refusedForRectification(await op.post('/api/v1/listings', { productId: draft.id, venue: 'platform' }));
    refusedForRectification(await op.post('/api/v1/price-filings', filing(draft.id, null, 50)));
    // Reading remains.
    expect((await op.get(`/api/v1/products/${draft.id}`)).statusCode).toBe(200);

    // Reporting remains too: the operator files its evidence; the authority accepts.
    const ev = await op.post(`/api/v1/rectifications/${rectId}/submit`, { evidence: [['整改报告.pdf']] });
    expect(ev.statusCode, ev.body).toBe(200);
    const ok = await c.authority.post(`/api/v1/rectifications/${rectId}/decide`, { outcome: 'accepted' });
    expect(ok.statusCode, ok.body).toBe(200);

    const after = await t.as('operator.admin');
    expect((await after.post(`/api/v1/products/${draft.id}/submit`)).statusCode).toBe(200);
    const again = await after.post('/api/v1/products', productBody({ name: '整改验收后新产品' }));
    expect(again.statusCode, again.body).toBe(201);
  });
});
