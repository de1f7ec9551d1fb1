import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import {
  ORG,
  applicationBody,
  buildPartner,
  publishGuide,
  shortlistedLab,
  submitApplication,
} from './test/factories.js';

// labs.md acceptance scenarios 2–5 and the review steps, through the HTTP API with an injected clock.
const clock = new FixedClock(new Date('2026-06-01T02:00:00Z'));
let t: TestApp;
let authority: Client;
let initiator: Client;
let guideId: string;
async function at(iso: string) {
  clock.set(iso);
  authority = await t.as('authority.admin');
  initiator = await t.as('lab.initiator');
}
beforeAll(async () => {
  t = await startTestApp({ clock });
  await at('2026-06-01T02:00:00Z');
  guideId = await publishGuide(authority);
}, 120_000);
afterAll(() => t?.close());

const failures = (res: { json(): { error: { details: { failures: { ruleId: string }[] } } } }) =>
  res.json().error.details.failures;

describe('LabApplication: submission, review and shortlist', () => {
  let busLabNo: string;
  it('shortlists a complete application; the Lab gets its ZHLAB number and stays off the public list', async () => {
    const { applicationId, labId } = await shortlistedLab(initiator, authority, applicationBody(guideId, ORG.partner));
    const app = (await initiator.get(`/api/v1/lab-applications/${applicationId}`)).json();
    expect(app).toMatchObject({ state: 'shortlisted', labId, initiator: '珠海市科技创新局', directorAttested: true });
    const lab = (await initiator.get(`/api/v1/labs/${labId}`)).json();
    expect(lab).toMatchObject({ state: 'shortlisted', shortlistedOn: '2026-06-01' });
    expect(lab.labNo).toMatch(/^ZHLAB-2026-\d{3}$/);
    busLabNo = lab.labNo;
    expect(lab.agreementDueOn).toBe('2026-07-31');
    const pub = (await t.anonymous.get('/api/v1/public/labs')).json();
    expect(pub.items.map((l: { id: string }) => l.id)).not.toContain(labId);
  });

  it('scenario 2 (LAB-02): the 数据安全承诺书 without the partner’s seal is refused, naming it', async () => {
    const partner = await buildPartner(t.kernel, { nameZh: '珠海数智交通科技有限公司', uscc: '91440400MA5UXK278G' });
    const body = applicationBody(guideId, partner.id, ORG.initiator, { scenarioCode: 'TRAFFIC.TAXI' });
    body.seals = body.seals.filter((s) => !(s.orgId === partner.id && s.document === 'commitment'));
    const { id, res } = await submitApplication(initiator, body);
    expect(res.statusCode).toBe(422);
    expect(failures(res).map((f) => f.ruleId)).toEqual(['LAB-02']);
    expect(res.json().error.message_zh).toBe(
      '申报材料须经发起单位和产研单位双方盖章（缺少：珠海数智交通科技有限公司/数据安全承诺书）',
    );
    // Nothing changed: the application is still a draft.
    expect((await initiator.get(`/api/v1/lab-applications/${id}`)).json().state).toBe('draft');
  });

  it('scenario 3 (LAB-04): the same scenario code as the initiator’s live lab is refused, with another partner', async () => {
    const other = await buildPartner(t.kernel);
    const { res } = await submitApplication(initiator, applicationBody(guideId, other.id));
    expect(res.statusCode).toBe(422);
    expect(failures(res)[0]).toMatchObject({
      ruleId: 'LAB-04',
      code: 'LAB_SCENARIO_DUPLICATE',
      params: { labNo: busLabNo },
    });
  });

  it('scenario 4 (LAB-04): another code is accepted; a 0.9-similar summary waits for the reviewer’s note', async () => {
    const other = await buildPartner(t.kernel);
    const body = applicationBody(guideId, other.id, ORG.initiator, {
      name: '珠海市智慧停车数据创新应用实验室',
      scenarioCode: 'TRAFFIC.PARKING',
      scenarioSummary: '基于公交IC卡刷卡记录推算公交客流起讫点，优化线路与停车编排',
    });
    const { id, res } = await submitApplication(initiator, body);
    expect(res.statusCode, res.body).toBe(200);
    expect((await authority.post(`/api/v1/lab-applications/${id}/accept`)).statusCode).toBe(200);
    const seen = (await authority.get(`/api/v1/lab-applications/${id}`)).json();
    expect(seen.similar[0]).toMatchObject({ objectType: 'Lab', no: busLabNo });
    expect(seen.similar[0].score).toBeGreaterThanOrEqual(0.85);
    expect(seen.abilities).toEqual(['note', 'return', 'shortlist', 'not_select']);
    // The applicant does not see the reviewer's comparison before the decision.
    expect((await initiator.get(`/api/v1/lab-applications/${id}`)).json().similar).toEqual([]);
    const early = await authority.post(`/api/v1/lab-applications/${id}/shortlist`, { directorAttested: true });
    expect(early.statusCode).toBe(422);
    expect(failures(early)[0]).toMatchObject({ ruleId: 'LAB-04', code: 'LAB_SIMILAR_NEEDS_NOTE' });
    const note = await authority.post(`/api/v1/lab-applications/${id}/duplicate-note`, {
      note: '停车与公交客流不同场景',
    });
    expect(note.json().duplicateNote.note).toBe('停车与公交客流不同场景');
    const unattested = await authority.post(`/api/v1/lab-applications/${id}/shortlist`, { directorAttested: false });
    expect(failures(unattested)[0]).toMatchObject({ ruleId: 'LAB-06' });
    const ok = await authority.post(`/api/v1/lab-applications/${id}/shortlist`, { directorAttested: true });
    expect(ok.statusCode, ok.body).toBe(200);
    const next = (await authority.get(`/api/v1/labs/${ok.json().labId}`)).json().labNo;
    expect(Number(next.slice(-3))).toBe(Number(busLabNo.slice(-3)) + 1);
  });

  it('return with a reason, resubmission after edits; the applicant sees the reason once returned', async () => {
    const other = await buildPartner(t.kernel);
    const body = applicationBody(guideId, other.id, ORG.initiator, {
      scenarioCode: 'CITY.NOISE',
      scenarioSummary: '城市噪声监测数据融合分析',
    });
    const { id } = await submitApplication(initiator, body);
    await authority.post(`/api/v1/lab-applications/${id}/accept`);
    const ret = await authority.post(`/api/v1/lab-applications/${id}/return`, { reason: '建设方案研究计划过粗' });
    expect(ret.json().state).toBe('returned');
    const mine = (await initiator.get(`/api/v1/lab-applications/${id}`)).json();
    expect(mine.reviews).toMatchObject([{ decision: 'returned', reason: '建设方案研究计划过粗' }]);
    expect(mine.abilities).toContain('submit');
    const edit = await initiator.put(`/api/v1/lab-applications/${id}`, { researchDirection: '噪声源识别' });
    expect(edit.json()).toMatchObject({ state: 'returned', researchDirection: '噪声源识别' });
    const again = await initiator.post(`/api/v1/lab-applications/${id}/submit`);
    expect(again.json().state, again.body).toBe('submitted');
  });

  it('who may do what: the partner edits but cannot submit; strangers get 404; the authority cannot submit', async () => {
    const { id } = await submitApplication(
      initiator,
      applicationBody(guideId, ORG.partner, ORG.initiator, { scenarioCode: 'HEALTH.X', scenarioSummary: '医疗' }),
    ).then(async (r) => {
      await initiator.post(`/api/v1/lab-applications/${r.id}/withdraw`);
      return r;
    });
    const draft = await initiator.post(
      '/api/v1/lab-applications',
      applicationBody(guideId, ORG.partner, ORG.initiator, { scenarioCode: 'HEALTH.Y', scenarioSummary: '医疗 Y' }),
    );
    const partner = await t.as('lab.partner');
    const did = draft.json().id;
    expect((await partner.put(`/api/v1/lab-applications/${did}`, { domain: '医疗健康' })).json().domain).toBe(
      '医疗健康',
    );
    expect((await partner.post(`/api/v1/lab-applications/${did}/submit`)).statusCode).toBe(403);
    expect((await partner.post('/api/v1/lab-applications', applicationBody(guideId, ORG.partner))).statusCode).toBe(
      403,
    );
    const stranger = await t.as('operator.admin');
    expect((await stranger.get(`/api/v1/lab-applications/${did}`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/v1/lab-applications/${id}`)).statusCode).toBe(404);
    expect((await authority.post(`/api/v1/lab-applications/${did}/submit`)).statusCode).toBe(403);
    expect((await initiator.get(`/api/v1/lab-applications/${id}`)).json().state).toBe('withdrawn');
    expect((await t.anonymous.get(`/api/v1/lab-applications/${did}`)).statusCode).toBe(401);
  });

  it('scenario 5 (LAB-05): a partner banned to 2028-03-01 is refused on 2027-12-15 with the end date', async () => {
    await at('2027-12-15T02:00:00Z');
    const banned = await buildPartner(t.kernel, { nameZh: '珠海海岸线数据服务有限公司', uscc: '91440400MA5UQ3D810' });
    const ban = await authority.post('/api/v1/bans', {
      subjectUscc: '91440400MA5UQ3D810',
      scope: 'lab_application',
      reason: '评估不合格后撤销实验室',
      basisDecisionId: '珠数据〔2027〕3号',
      startsOn: '2027-03-02',
      endsOn: '2028-03-01',
    });
    expect(ban.statusCode, ban.body).toBe(201);
    const body = applicationBody(guideId, banned.id, ORG.initiator, {
      scenarioCode: 'HEALTH.COAST',
      scenarioSummary: '海岸线健康风险监测',
    });
    const { res } = await submitApplication(initiator, body);
    expect(res.statusCode).toBe(422);
    expect(failures(res)[0]).toMatchObject({
      ruleId: 'LAB-05',
      code: 'LAB_PARTNER_BANNED',
      params: { endsOn: '2028-03-01', banId: ban.json().id },
    });
    expect(res.json().error.message_zh).toContain('至 2028-03-01 止');
  });
});
