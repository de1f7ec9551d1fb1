import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { DEMO_AGREEMENT_ID } from '../../seed/authorization.js';
import { jid, oid } from '../../seed/identity.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { signedAgreementObligations } from './service.js';
import { activeAgreement, ENTERPRISE_FIELDS, insertResource } from './test/factories.js';

// AUTH-27 read port (decision 0079): signed agreements with the obligations recorded at signing.
const clock = new FixedClock(new Date('2026-09-28T02:00:00Z'));
let t: TestApp;
let authority: Client;
let agreementId: string;
let draftId: string;

beforeAll(async () => {
  t = await startTestApp({ clock });
  authority = await t.as('authority.admin');
  const samr = await t.as('source.admin');
  const ent = await insertResource(t.kernel.db, {
    name: '企业登记信息（义务测试）',
    owner: 'zh-samr',
    fields: ENTERPRISE_FIELDS,
  });
  const catalog = [{ resourceId: ent, fieldCodes: ENTERPRISE_FIELDS.map((f) => f.code), owner: 'zh-samr' }];
  agreementId = await activeAgreement(authority, { 'zh-samr': samr }, catalog, '2026-09-28');
  const draft = await authority.post('/api/v1/operation-agreements', {
    title: '未签署的协议（测试）',
    mode: 'whole_scope',
    jurisdictionId: jid('440400'),
    derivedRightsClause: '原始数据权属归数源单位',
    catalog: [{ resourceId: ent, fieldCodes: ['uscc'] }],
  });
  draftId = draft.json().id;
}, 120_000);
afterAll(() => t?.close());

describe('AUTH-27 signedAgreementObligations', () => {
  it('lists a signed agreement with its operator, authority, jurisdiction path and obligation cadences', async () => {
    const all = await signedAgreementObligations(t.kernel.db);
    const a = all.find((x) => x.agreementId === agreementId)!;
    expect(a).toMatchObject({
      operatorOrgId: oid('zh-operator'),
      authorityOrgId: oid('zh-authority'),
      jurisdictionId: jid('440400'),
      validFrom: '2026-09-28',
    });
    expect(a.jurisdictionPath.at(-1)).toBe(jid('440400'));
    const byCode = Object.fromEntries(a.obligations.map((o) => [o.code, o]));
    expect(byCode.security_report).toEqual({ code: 'security_report', everyMonths: 6, from: '2026-09-28' });
    // REP-01: the operating report has its own cadence (supervision.operatingReportMonths), not the security one.
    expect(byCode.operating_report).toEqual({ code: 'operating_report', everyMonths: 3, from: '2026-09-28' });
    expect(all.some((x) => x.agreementId === DEMO_AGREEMENT_ID)).toBe(true);
  });
  it('an unsigned agreement is not listed (nothing recorded yet)', async () => {
    expect(draftId).toBeTruthy();
    const all = await signedAgreementObligations(t.kernel.db);
    expect(all.some((x) => x.agreementId === draftId)).toBe(false);
  });
  it('filtered by operator: another org gets none of zh-operator’s agreements', async () => {
    const mine = await signedAgreementObligations(t.kernel.db, { operatorOrgId: oid('zh-operator') });
    expect(mine.map((x) => x.agreementId)).toContain(agreementId);
    expect(await signedAgreementObligations(t.kernel.db, { operatorOrgId: oid('zh-samr') })).toEqual([]);
  });
});
