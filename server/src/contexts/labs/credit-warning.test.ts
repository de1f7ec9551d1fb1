import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { ORG, applicationBody, publishGuide, submitApplication } from './test/factories.js';

// supervision.md CRD-04 on the lab application dossier (labs review), through the HTTP API.
const clock = new FixedClock(new Date('2026-06-01T02:00:00Z'));
let t: TestApp;
let authority: Client;
let initiator: Client;
let guideId: string;
beforeAll(async () => {
  t = await startTestApp({ clock });
  authority = await t.as('authority.admin');
  initiator = await t.as('lab.initiator');
  guideId = await publishGuide(authority);
}, 120_000);
afterAll(() => t?.close());

/** Records, determines and publishes a bad-faith credit record on the partner, as the authority. */
async function publishBadFaith(orgId: string) {
  const rec = await authority.post('/api/v1/credit-records', {
    subjectUscc: '91440400MA5D11223W',
    subjectOrgId: orgId,
    kind: 'bad_faith',
    area: 'security',
    facts: '未按期报送安全报告且拒不整改',
    jointPunishment: false,
  });
  expect(rec.statusCode, rec.body).toBe(201);
  const id = rec.json().id as string;
  await authority.post(`/api/v1/credit-records/${id}/determine`, { basisDecisionId: '珠数据〔2026〕7号' });
  const pub = await authority.post(`/api/v1/credit-records/${id}/publish`, { publicUntil: '2029-05-31' });
  expect(pub.json().state, pub.body).toBe('published');
  return id;
}

describe('CRD-04: a bad-faith record shows as a warning to reviewers; it never blocks by itself', () => {
  it('CRD-04 without a published record the dossier carries no warning', async () => {
    const { id, res } = await submitApplication(initiator, applicationBody(guideId, ORG.partner));
    expect(res.statusCode, res.body).toBe(200);
    expect((await authority.get(`/api/v1/lab-applications/${id}`)).json().creditWarnings).toEqual([]);
  });

  it('CRD-04 the reviewer sees the partner’s published bad-faith record, the applicant does not, and accept + shortlist still succeed', async () => {
    const recordId = await publishBadFaith(ORG.partner);
    const { id, res } = await submitApplication(
      initiator,
      applicationBody(guideId, ORG.partner, ORG.initiator, {
        name: '珠海市停车数据创新应用实验室',
        domain: '城市管理',
        scenarioCode: 'PARKING.OCCUPANCY',
        scenarioSummary: '基于路内泊位与停车场进出记录预测泊位占用，引导错峰停车',
        researchDirection: '泊位占用预测与停车诱导',
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const dossier = (await authority.get(`/api/v1/lab-applications/${id}`)).json();
    expect(dossier.creditWarnings).toEqual([
      expect.objectContaining({ id: recordId, orgId: ORG.partner, area: 'security', publicFrom: '2026-06-01' }),
    ]);
    expect((await initiator.get(`/api/v1/lab-applications/${id}`)).json().creditWarnings).toEqual([]);
    // A warning, not a block: the review goes on to a shortlisted Lab.
    expect((await authority.post(`/api/v1/lab-applications/${id}/accept`)).statusCode).toBe(200);
    const s = await authority.post(`/api/v1/lab-applications/${id}/shortlist`, { directorAttested: true });
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toMatchObject({
      state: 'shortlisted',
      creditWarnings: [expect.objectContaining({ id: recordId })],
    });
  });
});
