import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { resourceId } from '../../seed/catalog.js';
import { demoId } from '../../seed/ids.js';
import { oid } from '../../seed/identity.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { getGrantForUse } from '../authorization/service.js';
import { isLabActive } from './service.js';
import {
  ATTESTATION,
  agreementBody,
  applicationBody,
  buildPartner,
  designateInitiator,
  publishGuide,
  shortlistedLab,
} from './test/factories.js';

// labs.md acceptance scenario 1 (happy path) through the HTTP API with an injected clock.
const clock = new FixedClock(new Date('2026-06-01T02:00:00Z'));
let t: TestApp;
let authority: Client;
let transport: Client;
async function at(iso: string) {
  clock.set(iso);
  authority = await t.as('authority.admin');
  transport = await t.as('transport.admin');
}
beforeAll(async () => {
  t = await startTestApp({ clock });
  await at('2026-06-01T02:00:00Z');
}, 120_000);
afterAll(() => t?.close());

const field = (code: string) => demoId(`catalog-field:bus-card:${code}`);
const failures = (res: { json(): { error: { details: { failures: { ruleId: string; code: string }[] } } } }) =>
  res.json().error.details.failures;

describe('scenario 1: 珠海市交通运输局 and 珠海数智交通科技有限公司 — application to the public list', () => {
  it('certified on 2026-06-10, the plaque shows validTo 2029-06-10 and the lab is on the public list', async () => {
    const TRANSPORT = oid('zh-transport');
    await designateInitiator(authority, TRANSPORT);
    await at('2026-06-01T02:00:00Z'); // the new actor role is read at login
    const guideId = await publishGuide(authority);
    const partner = await buildPartner(t.kernel, { nameZh: '珠海数智交通科技有限公司', uscc: '91440400MA5UXK278G' });
    const body = applicationBody(guideId, partner.id, TRANSPORT);
    const { labId } = await shortlistedLab(transport, authority, body);

    // LAB-09: no certification before the agreement is filed.
    const early = await authority.post(`/api/v1/labs/${labId}/certify`);
    expect(early.statusCode).toBe(422);
    expect(failures(early).map((f) => f.ruleId)).toContain('LAB-09');

    const draft = await transport.post(
      `/api/v1/labs/${labId}/agreements`,
      agreementBody([{ resourceId: resourceId('bus-card'), fieldIds: [field('kh'), field('sczd'), field('sksj')] }]),
    );
    expect(draft.statusCode, draft.body).toBe(201);
    const agreementId = draft.json().id;
    const seals = [TRANSPORT, partner.id].map((orgId) => ({ orgId, kind: 'e_seal', verified: true }));
    expect(
      (await transport.post(`/api/v1/lab-agreements/${agreementId}/sign`, { signedAt: '2026-06-03', seals }))
        .statusCode,
    ).toBe(200);
    await at('2026-06-05T02:00:00Z');
    const filed = await authority.post(`/api/v1/lab-agreements/${agreementId}/file`);
    expect(filed.json().state, filed.body).toBe('filed');
    const grantId = filed.json().grantIds[0];

    // LAB-10: not before the platform attestation.
    await at('2026-06-10T02:00:00Z');
    const unattested = await authority.post(`/api/v1/labs/${labId}/certify`);
    expect(failures(unattested)).toMatchObject([{ ruleId: 'LAB-10', code: 'LAB_PLATFORM_NOT_ATTESTED' }]);
    expect(await isLabActive(t.kernel.db, partner.id, '2026-06-10')).toBe(false);
    const attested = await transport.post(`/api/v1/labs/${labId}/attestation`, ATTESTATION);
    expect(attested.json().platformAttestation.inGovExtranet, attested.body).toBe(true);
    expect((await transport.post(`/api/v1/labs/${labId}/certify`)).statusCode).toBe(403);

    const certified = await authority.post(`/api/v1/labs/${labId}/certify`);
    expect(certified.statusCode, certified.body).toBe(200);
    expect(certified.json()).toMatchObject({
      state: 'active',
      certifiedAt: '2026-06-10',
      validTo: '2029-06-10',
      initiator: '珠海市交通运输局',
      partner: '珠海数智交通科技有限公司',
    });
    const plaque = certified.json().plaque;
    expect(plaque.certNo).toMatch(/^LAB-2026-/);

    // The plaque is a rights Certificate of kind lab_plaque, verifiable by number without login.
    const verify = await t.anonymous.get(`/api/v1/public/certificates/${encodeURIComponent(plaque.certNo)}`);
    expect(verify.statusCode, verify.body).toBe(200);
    expect(JSON.stringify(verify.json())).toContain('2029-06-10');

    // The public list: fixed shape, certified labs only.
    const pub = (await t.anonymous.get('/api/v1/public/labs')).json();
    const item = pub.items.find((l: { id: string }) => l.id === labId);
    expect(Object.keys(item).sort()).toEqual(
      ['certifiedAt', 'id', 'initiator', 'labNo', 'name', 'partner', 'state', 'validTo'].sort(),
    );
    expect(item).toMatchObject({
      name: '珠海市智慧交通数据创新应用实验室',
      initiator: '珠海市交通运输局',
      partner: '珠海数智交通科技有限公司',
      state: 'active',
      certifiedAt: '2026-06-10',
      validTo: '2029-06-10',
    });

    // LAB-13: the held Grant is now active; PM-20's port sees the lab.
    expect((await getGrantForUse(t.kernel.db, grantId))!.state).toBe('active');
    expect(await isLabActive(t.kernel.db, partner.id, '2026-06-10')).toBe(true);
    expect(await isLabActive(t.kernel.db, partner.id, '2029-06-11')).toBe(false);
  });
});
