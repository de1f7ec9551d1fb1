import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { demoId } from '../../seed/ids.js';
import { resourceId } from '../../seed/catalog.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { assertGrantUsable, getGrantForUse } from '../authorization/service.js';
import { ORG, agreementBody, applicationBody, publishGuide, shortlistedLab } from './test/factories.js';

// LAB-08, LAB-12, LAB-13: the initiator drafts and signs, the authority files; filing opens the Grants.
const clock = new FixedClock(new Date('2026-06-01T02:00:00Z'));
let t: TestApp;
let authority: Client;
let initiator: Client;
let labId: string;
const BUS = resourceId('bus-card');
const field = (code: string) => demoId(`catalog-field:bus-card:${code}`);
const busLine = { resourceId: BUS, fieldIds: [field('kh'), field('sczd'), field('sksj')] };

beforeAll(async () => {
  t = await startTestApp({ clock });
  authority = await t.as('authority.admin');
  initiator = await t.as('lab.initiator');
  const guideId = await publishGuide(authority);
  ({ labId } = await shortlistedLab(initiator, authority, applicationBody(guideId, ORG.partner)));
}, 120_000);
afterAll(() => t?.close());

const failures = (res: { json(): { error: { details: { failures: { ruleId: string; code: string }[] } } } }) =>
  res.json().error.details.failures;
const seals = [
  { orgId: ORG.initiator, kind: 'e_seal', verified: true },
  { orgId: ORG.partner, kind: 'scanned', verified: true },
];

describe('LabAgreement: draft, sign, file', () => {
  let agreementId: string;
  it('refuses an unknown field with its path and a purpose other than lab R&D (LAB-08)', async () => {
    const bad = await initiator.post(
      `/api/v1/labs/${labId}/agreements`,
      agreementBody([{ resourceId: BUS, fieldIds: [field('kh'), field('nope')] }]),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details).toMatchObject({ path: 'dataScope[0].fieldIds[1]' });
    const purpose = await initiator.post(
      `/api/v1/labs/${labId}/agreements`,
      agreementBody([busLine], { purpose: 'commercial_operation' }),
    );
    expect(purpose.json().error.code).toBe('LAB_PURPOSE_INVALID');
  });

  it('LAB-12: a line without grade cannot be signed; the partner cannot draft; the initiator drafts and signs', async () => {
    const partner = await t.as('lab.partner');
    expect((await partner.post(`/api/v1/labs/${labId}/agreements`, agreementBody([busLine]))).statusCode).toBe(403);
    const body = agreementBody([busLine]);
    body.dataScope[0]!.classification = { category: '交通出行', grade: null };
    const draft = await initiator.post(`/api/v1/labs/${labId}/agreements`, body);
    expect(draft.statusCode, draft.body).toBe(201);
    agreementId = draft.json().id;
    expect(draft.json()).toMatchObject({ state: 'draft', abilities: ['edit', 'sign'] });
    expect(draft.json().agreementNo).toMatch(/^ZHLAB-2026-\d{3}-XY01$/);
    const unsigned = await initiator.post(`/api/v1/lab-agreements/${agreementId}/sign`, {
      signedAt: '2026-06-01',
      seals,
    });
    expect(unsigned.statusCode).toBe(422);
    expect(failures(unsigned)[0]).toMatchObject({ ruleId: 'LAB-12', code: 'LAB_SCOPE_UNCLASSIFIED' });
    await initiator.put(`/api/v1/lab-agreements/${agreementId}`, agreementBody([busLine]));
    const oneSeal = await initiator.post(`/api/v1/lab-agreements/${agreementId}/sign`, {
      signedAt: '2026-06-01',
      seals: seals.slice(0, 1),
    });
    expect(failures(oneSeal)[0]).toMatchObject({ ruleId: 'LAB-08', code: 'LAB_AGREEMENT_SEAL_MISSING' });
    const signed = await initiator.post(`/api/v1/lab-agreements/${agreementId}/sign`, {
      signedAt: '2026-06-01',
      seals,
    });
    expect(signed.json()).toMatchObject({ state: 'signed', signedAt: '2026-06-01' });
  });

  it('LAB-13: filing opens one lab_agreement Grant per scope line for the partner, held until certification', async () => {
    expect((await initiator.post(`/api/v1/lab-agreements/${agreementId}/file`)).statusCode).toBe(403);
    const filed = await authority.post(`/api/v1/lab-agreements/${agreementId}/file`);
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json().state).toBe('filed');
    expect(filed.json().filingNo).toMatch(/^ZHLAB-BA-2026-\d{4}$/);
    const grantIds: string[] = filed.json().grantIds;
    expect(grantIds).toHaveLength(1);
    const lab = (await initiator.get(`/api/v1/labs/${labId}`)).json();
    expect(lab).toMatchObject({ state: 'agreement_filed', currentAgreementId: agreementId });
    const g = (await getGrantForUse(t.kernel.db, grantIds[0]!))!;
    expect(g).toMatchObject({ state: 'suspended', operatorOrgId: ORG.partner, validTo: '2029-06-09' });
    expect(g.resources[0]!.fields.map((f) => f.nameZh)).toEqual(['卡号', '上车站点', '刷卡时间']);
    // The sandbox refuses a held Grant like any suspended one (AUTH-24).
    expect(() => assertGrantUsable(g, ORG.partner, '2026-06-01', false)).toThrow(/GRANT_SUSPENDED|suspended/i);
    // The filed text is never edited.
    const edit = await initiator.put(`/api/v1/lab-agreements/${agreementId}`, agreementBody([busLine]));
    expect(edit.statusCode).toBe(409);
    const list = (await authority.get(`/api/v1/labs/${labId}/agreements`)).json();
    expect(list.items.map((x: { state: string }) => x.state)).toEqual(['filed']);
  });
});
