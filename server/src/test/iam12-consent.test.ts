import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getResourceForAuthorization } from '../contexts/catalog/service.js';
import { demoId } from '../seed/ids.js';
import { jid } from '../seed/identity.js';
import { startTestApp, type TestApp } from './harness.js';

// IAM-12: an object owned by J1 (珠海) is usable in J2 (深圳市罗湖区) only with a consent record from J1's
// source unit. Enforced by authorization's catalog consent (AUTH-08): the 罗湖 authority may list a 珠海
// resource in its agreement, but the agreement goes nowhere until 珠海市市场监督管理局 consents.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe("IAM-12 cross-jurisdiction use needs the owning source unit's consent", () => {
  it('a 罗湖 agreement over a 珠海 resource is refused (AUTH-08) until the 珠海 source unit consents', async () => {
    const res = (await getResourceForAuthorization(t.kernel.db, demoId('catalog-resource:enterprise-registration')))!;
    expect(res.registered).toBe(true);
    const luohu = await t.as('luohu.reviewer');
    const created = await luohu.post('/api/v1/operation-agreements', {
      title: '罗湖区公共数据授权运营（跨辖区测试）',
      mode: 'whole_scope',
      jurisdictionId: jid('440303'),
      derivedRightsClause: '原始数据权属归数源单位',
      catalog: [{ resourceId: res.id, fieldCodes: res.fields.slice(0, 2).map((f) => f.code) }],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const selection = { method: 'competitive_negotiation', noticeFileId: 'notice-1', noticeAt: '2026-11-02' };
    const refused = await luohu.post(`/api/v1/operation-agreements/${id}/selection`, selection);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.failures.map((f: { ruleId: string }) => f.ruleId)).toContain('AUTH-08');
    const entry = (await luohu.get(`/api/v1/operation-agreements/${id}`)).json().catalog[0];
    // Only the owning source unit can give the consent; the 罗湖 authority cannot give it for 珠海.
    expect(
      (await luohu.post(`/api/v1/agreement-catalog-entries/${entry.id}/decide`, { decision: 'consent' })).statusCode,
    ).toBeOneOf([403, 404]);
    const samr = await t.as('source.admin');
    expect(
      (await samr.post(`/api/v1/agreement-catalog-entries/${entry.id}/decide`, { decision: 'consent' })).statusCode,
    ).toBe(200);
    expect((await luohu.post(`/api/v1/operation-agreements/${id}/selection`, selection)).statusCode).toBe(200);
  });
});
