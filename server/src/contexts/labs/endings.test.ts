import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { resourceId } from '../../seed/catalog.js';
import { demoId } from '../../seed/ids.js';
import { oid } from '../../seed/identity.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { getGrantForUse } from '../authorization/service.js';
import { activeBanFor } from '../supervision/service.js';
import { runRectificationClocks } from '../supervision/usecases/rectifications.js';
import { ATTESTATION, agreementBody, applicationBody, buildPartner, ORG, publishGuide } from './test/factories.js';
import { ok, type Res } from './test/http.js';

// labs.md evaluation and exit through the HTTP API with an injected clock: LAB-20, LAB-22…LAB-26, LAB-30;
// acceptance scenarios 7 (delisting), 10 (failed evaluation → revocation → ban) and 11 (fraud, serious case).
const clock = new FixedClock(new Date('2026-06-01T02:00:00Z'));
let t: TestApp;
const c: Record<'authority' | 'initiator' | 'partner' | 'evaluator' | 'regulator', Client> = {} as never;
async function at(day: string) {
  clock.set(`${day}T02:00:00Z`);
  c.authority = await t.as('authority.admin');
  c.initiator = await t.as('lab.initiator');
  c.partner = await t.as('lab.partner');
  c.evaluator = await t.as('evaluator.admin');
  c.regulator = await t.as('regulator.viewer');
}
let guideId: string;
beforeAll(async () => {
  t = await startTestApp({ clock });
  await at('2026-06-01');
  guideId = await publishGuide(c.authority);
}, 120_000);
afterAll(() => t?.close());

const failures = (res: Res): { ruleId: string; code: string; params: Record<string, unknown> }[] =>
  res.json().error.details.failures ?? [];
const EVALUATOR = oid('evaluator');
const field = (code: string) => demoId(`catalog-field:bus-card:${code}`);
// LAB-04: every lab of the demo initiator needs its own scenario and a summary unlike the others'.
const TOPICS = [
  '港口集装箱吞吐预测',
  '医保基金异常结算识别',
  '河湖水质遥感监测',
  '旅游景区客流预警',
  '农贸市场价格指数',
  '校园食堂营养膳食',
  '电梯故障维保响应',
  '台风路径灾损评估',
];
let n = 0;

/** A certified lab of 珠海市科技创新局 (lab.initiator) with `partnerOrgId`, certified today. */
async function certifiedLab(partnerOrgId: string) {
  const topic = TOPICS[n++]!;
  const body = applicationBody(guideId, partnerOrgId, ORG.initiator, {
    name: `珠海市${topic}数据创新应用实验室`,
    scenarioCode: `TEST.END_${n}`,
    scenarioSummary: `${topic}${n}`.repeat(3),
  });
  const draft = ok(await c.initiator.post('/api/v1/lab-applications', body), 201);
  ok(await c.initiator.post(`/api/v1/lab-applications/${draft.id}/submit`));
  ok(await c.authority.post(`/api/v1/lab-applications/${draft.id}/accept`));
  const labId = ok(await c.authority.post(`/api/v1/lab-applications/${draft.id}/shortlist`, { directorAttested: true }))
    .labId as string;
  const agreement = ok(
    await c.initiator.post(
      `/api/v1/labs/${labId}/agreements`,
      agreementBody([{ resourceId: resourceId('bus-card'), fieldIds: [field('kh'), field('sczd'), field('sksj')] }]),
    ),
    201,
  );
  const seals = [ORG.initiator, partnerOrgId].map((orgId) => ({ orgId, kind: 'e_seal', verified: true }));
  const today = clock.now().toISOString().slice(0, 10);
  ok(await c.initiator.post(`/api/v1/lab-agreements/${agreement.id}/sign`, { signedAt: today, seals }));
  const filed = ok(await c.authority.post(`/api/v1/lab-agreements/${agreement.id}/file`));
  ok(await c.initiator.post(`/api/v1/labs/${labId}/attestation`, ATTESTATION));
  const lab = ok(await c.authority.post(`/api/v1/labs/${labId}/certify`));
  return { labId, grantIds: filed.grantIds as string[], certNo: lab.plaque.certNo as string };
}

const scores = (score: number) =>
  ['operation', 'security', 'outcomes', 'benefit'].map((indicatorCode) => ({ indicatorCode, score }));

/** LAB-22: commissioned, concurred, accepted without conflict, submitted and concluded. */
async function evaluate(labId: string, score: number, misconduct: unknown[] = []) {
  const e = ok(
    await c.authority.post(`/api/v1/labs/${labId}/evaluations`, { year: 2027, evaluatorOrgId: EVALUATOR }),
    201,
  );
  ok(await c.initiator.post(`/api/v1/lab-evaluations/${e.id}/concur`));
  ok(
    await c.evaluator.post(`/api/v1/lab-evaluations/${e.id}/declaration`, {
      hasConflict: false,
      statement: '无利益冲突',
    }),
  );
  ok(await c.evaluator.post(`/api/v1/lab-evaluations/${e.id}/submit`, { scores: scores(score), misconduct }));
  return ok(await c.authority.post(`/api/v1/lab-evaluations/${e.id}/conclude`));
}

const ITEMS = [{ finding: '年度评估不合格', requiredAction: '补齐数据安全制度并完成产品合规评审' }];

describe('LAB-22 the annual evaluation, commissioned with the initiator, by a third party without a conflict', () => {
  it('refuses a party as evaluator, work before the initiator concurs, incomplete scores; then passes', async () => {
    await at('2026-06-10');
    const partner = await buildPartner(t.kernel, { nameZh: '珠海港航数据科技有限公司' });
    const { labId } = await certifiedLab(partner.id);
    await at('2027-07-01');
    // The partner (no evaluator, and a party) can never evaluate its own lab.
    const party = await c.authority.post(`/api/v1/labs/${labId}/evaluations`, {
      year: 2027,
      evaluatorOrgId: partner.id,
    });
    expect(party.statusCode).toBe(422);
    expect(failures(party)).toMatchObject([{ ruleId: 'LAB-22', code: 'LAB_EVALUATOR_NOT_THIRD_PARTY' }]);
    // Only the authority commissions.
    expect(
      (await c.initiator.post(`/api/v1/labs/${labId}/evaluations`, { year: 2027, evaluatorOrgId: EVALUATOR }))
        .statusCode,
    ).toBe(403);
    const e = ok(
      await c.authority.post(`/api/v1/labs/${labId}/evaluations`, { year: 2027, evaluatorOrgId: EVALUATOR }),
      201,
    );
    expect(e).toMatchObject({ state: 'commissioned', evaluator: '广东数据评估认证中心有限公司', year: 2027 });
    expect(e.indicators.map((i: { code: string }) => i.code)).toEqual(['operation', 'security', 'outcomes', 'benefit']);
    // "with the initiator": the evaluator cannot start before the initiator concurs.
    const early = await c.evaluator.post(`/api/v1/lab-evaluations/${e.id}/declaration`, {
      hasConflict: false,
      statement: '无利益冲突',
    });
    expect(failures(early)).toMatchObject([{ ruleId: 'LAB-22', code: 'LAB_EVALUATION_NOT_CONCURRED' }]);
    // The evaluator cannot concur for the initiator; another lab's partner does not even see it.
    expect((await c.evaluator.post(`/api/v1/lab-evaluations/${e.id}/concur`)).statusCode).toBe(403);
    expect((await c.partner.get(`/api/v1/lab-evaluations/${e.id}`)).statusCode).toBe(404);
    ok(await c.initiator.post(`/api/v1/lab-evaluations/${e.id}/concur`));
    // The evaluator's workspace lists it.
    const desk = ok(await c.evaluator.get('/api/v1/lab-evaluations'));
    expect(desk.items.find((x: { id: string }) => x.id === e.id).abilities).toEqual(['declare']);
    ok(await c.evaluator.post(`/api/v1/lab-evaluations/${e.id}/declaration`, { hasConflict: false, statement: '无' }));
    const partial = await c.evaluator.post(`/api/v1/lab-evaluations/${e.id}/submit`, { scores: scores(80).slice(1) });
    expect(failures(partial)).toMatchObject([{ ruleId: 'LAB-22', code: 'LAB_INDICATORS_UNSCORED' }]);
    const sheet = ok(await c.evaluator.post(`/api/v1/lab-evaluations/${e.id}/submit`, { scores: scores(80) }));
    expect(sheet).toMatchObject({ state: 'submitted', total: 80, result: 'pass' });
    expect((await c.evaluator.post(`/api/v1/lab-evaluations/${e.id}/conclude`)).statusCode).toBe(403);
    ok(await c.authority.post(`/api/v1/lab-evaluations/${e.id}/conclude`));
    // LAB-26: no misconduct, nothing to mark serious.
    const serious = await c.authority.post(`/api/v1/lab-evaluations/${e.id}/serious`, { reason: '情节严重' });
    expect(failures(serious)).toMatchObject([{ ruleId: 'LAB-26', code: 'LAB_NO_MISCONDUCT' }]);
    // LAB-23: a passed evaluation orders no rectification.
    const rect = await c.initiator.post(`/api/v1/labs/${labId}/rectification`, { evaluationId: e.id, items: ITEMS });
    expect(failures(rect)).toMatchObject([{ ruleId: 'LAB-23', code: 'LAB_EVALUATION_NOT_FAILED' }]);
    expect(ok(await c.initiator.get(`/api/v1/labs/${labId}/endings`)).state).toBe('active');
  });

  it('an evaluator that declared a conflict is never commissioned for that lab again', async () => {
    await at('2026-06-10');
    const partner = await buildPartner(t.kernel, { nameZh: '珠海医保智算科技有限公司' });
    const { labId } = await certifiedLab(partner.id);
    await at('2027-07-01');
    const e = ok(
      await c.authority.post(`/api/v1/labs/${labId}/evaluations`, { year: 2027, evaluatorOrgId: EVALUATOR }),
      201,
    );
    const declined = ok(
      await c.evaluator.post(`/api/v1/lab-evaluations/${e.id}/declaration`, {
        hasConflict: true,
        statement: '本机构曾为产研单位提供咨询服务',
      }),
    );
    expect(declined).toMatchObject({ state: 'conflict_declared', conflictDeclaration: { hasConflict: true } });
    const again = await c.authority.post(`/api/v1/labs/${labId}/evaluations`, {
      year: 2027,
      evaluatorOrgId: EVALUATOR,
    });
    expect(failures(again)).toMatchObject([{ ruleId: 'LAB-22', code: 'LAB_EVALUATOR_CONFLICT' }]);
  });
});

describe('scenario 10: failed evaluation → rectification fails → termination → revocation → 1-year ban', () => {
  it('bans the partner to 2029-03-01 and ends the initiator-direct Grants (LAB-23, LAB-24, LAB-30)', async () => {
    await at('2026-06-10');
    const partner = await buildPartner(t.kernel, { nameZh: '珠海河湖智感科技有限公司' });
    const uscc = partner.row.uscc!;
    const { labId, grantIds, certNo } = await certifiedLab(partner.id);
    await at('2027-07-01');
    const e = await evaluate(labId, 40);
    expect(e).toMatchObject({ state: 'concluded', result: 'fail', total: 40 });

    await at('2027-07-05');
    const rect = ok(
      await c.initiator.post(`/api/v1/labs/${labId}/rectification`, { evaluationId: e.id, items: ITEMS }),
    );
    expect(rect.state).toBe('rectifying');
    expect(rect.rectification).toMatchObject({ evaluationId: e.id, orderedOn: '2027-07-05', state: 'ordered' });
    expect(rect.rectification.deadline >= '2027-09-03').toBe(true);
    // LAB-23: not accepted, so the lab does not return to active; not past the deadline, so no termination.
    const close = await c.initiator.post(`/api/v1/labs/${labId}/rectification/close`);
    expect(failures(close)).toMatchObject([{ ruleId: 'LAB-23', code: 'LAB_RECTIFICATION_NOT_ACCEPTED' }]);
    const early = await c.initiator.post(`/api/v1/labs/${labId}/termination`, { reason: '整改不合格' });
    expect(failures(early)).toMatchObject([{ ruleId: 'LAB-23', code: 'LAB_RECTIFICATION_RUNNING' }]);
    expect((await getGrantForUse(t.kernel.db, grantIds[0]!))!.state).toBe('active');

    await at('2028-02-20');
    expect((await c.authority.post(`/api/v1/labs/${labId}/termination`, { reason: 'x' })).statusCode).toBe(403);
    const terminated = ok(
      await c.initiator.post(`/api/v1/labs/${labId}/termination`, { reason: '整改期满仍不合格，终止共建协议' }),
    );
    expect(terminated).toMatchObject({
      state: 'partner_change_pending',
      termination: {
        terminatedOn: '2028-02-20',
        revokedGrantIds: grantIds,
        banCandidate: { orgId: partner.id, uscc, serious: false },
      },
    });
    expect((await getGrantForUse(t.kernel.db, grantIds[0]!))!.state).toBe('revoked');
    const agreements = ok(await c.initiator.get(`/api/v1/labs/${labId}/agreements`));
    expect(agreements.items[0].state).toBe('terminated');

    const change = ok(
      await c.initiator.post(`/api/v1/labs/${labId}/change-requests`, {
        diff: { revocation: true },
        reason: '产研单位整改不合格，申请撤销实验室',
      }),
      201,
    );
    expect(change.track).toBe('approval');
    await at('2028-03-01');
    ok(
      await c.authority.post(`/api/v1/lab-change-requests/${change.id}/decide`, {
        decision: 'approved',
        reason: '同意撤销',
      }),
    );
    const ended = ok(await c.regulator.get(`/api/v1/labs/${labId}/endings`));
    expect(ended).toMatchObject({
      state: 'revoked',
      supplyMode: 'operator_market',
      ending: {
        kind: 'revoked',
        decidedOn: '2028-03-01',
        changeRequestId: change.id,
        plaqueStatus: 'revoked',
        bans: [{ ruleId: 'LAB-24', startsOn: '2028-03-01', endsOn: '2029-03-01' }],
      },
    });
    const ban = await activeBanFor(t.kernel.db, uscc, '2029-03-01', 'lab_application');
    expect(ban).toMatchObject({ endsOn: '2029-03-01' });
    expect(await activeBanFor(t.kernel.db, uscc, '2029-03-02', 'lab_application')).toBeUndefined();
    // The plaque is revoked (lab_revoked) and the lab leaves the public list.
    const verify = ok(await t.anonymous.get(`/api/v1/public/certificates/${encodeURIComponent(certNo)}`));
    expect(verify.status.value).toBe('revoked');
    const pub = ok(await t.anonymous.get('/api/v1/public/labs'));
    expect(pub.items.some((l: { id: string }) => l.id === labId)).toBe(false);

    // LAB-05 then refuses the banned partner's next application, naming the ban's end.
    await at('2028-06-01');
    const body = applicationBody(guideId, partner.id, ORG.initiator, {
      scenarioCode: 'TEST.BANNED',
      scenarioSummary: '海岸带生态修复成效评估'.repeat(2),
    });
    const draft = ok(await c.initiator.post('/api/v1/lab-applications', body), 201);
    const refused = await c.initiator.post(`/api/v1/lab-applications/${draft.id}/submit`);
    expect(failures(refused)).toMatchObject([{ ruleId: 'LAB-05', params: { endsOn: '2029-03-01' } }]);
  });
});

describe('scenario 11: falsified figures, marked serious → 3-year ban from the termination date (LAB-25, LAB-26)', () => {
  it('fails the evaluation whatever its scores and bans to 2031-02-20', async () => {
    await at('2026-06-10');
    const partner = await buildPartner(t.kernel, { nameZh: '珠海景区数联科技有限公司' });
    const uscc = partner.row.uscc!;
    const { labId } = await certifiedLab(partner.id);
    await at('2027-07-01');
    const fraud = [{ kind: 'fraud', facts: '产品使用量数据造假（虚增调用次数）', evidenceRefs: ['file-audit-2027'] }];
    const e = await evaluate(labId, 92, fraud);
    expect(e).toMatchObject({ result: 'fail', total: 92, misconduct: [{ kind: 'fraud' }] });
    expect(e.abilities).toEqual(['mark_serious']);
    expect((await c.initiator.post(`/api/v1/lab-evaluations/${e.id}/serious`, { reason: 'x' })).statusCode).toBe(403);
    const marked = ok(
      await c.authority.post(`/api/v1/lab-evaluations/${e.id}/serious`, { reason: '弄虚作假，情节严重' }),
    );
    expect(marked.serious).toMatchObject({ reason: '弄虚作假，情节严重' });

    await at('2027-07-05');
    ok(await c.initiator.post(`/api/v1/labs/${labId}/rectification`, { evaluationId: e.id, items: ITEMS }));
    await at('2028-02-20');
    const terminated = ok(await c.initiator.post(`/api/v1/labs/${labId}/termination`, { reason: '弄虚作假' }));
    expect(terminated.termination.banCandidate.serious).toBe(true);
    const change = ok(
      await c.initiator.post(`/api/v1/labs/${labId}/change-requests`, { diff: { revocation: true }, reason: '撤销' }),
      201,
    );
    await at('2028-03-01');
    ok(
      await c.authority.post(`/api/v1/lab-change-requests/${change.id}/decide`, {
        decision: 'approved',
        reason: '撤销',
      }),
    );
    const ended = ok(await c.authority.get(`/api/v1/labs/${labId}/endings`));
    expect(ended.ending.bans).toMatchObject([{ ruleId: 'LAB-26', startsOn: '2028-02-20', endsOn: '2031-02-20' }]);
    expect(await activeBanFor(t.kernel.db, uscc, '2031-02-20', 'lab_application')).toBeDefined();
  });
});

describe('LAB-20 delisting (scenario 7) and merge', () => {
  it('delists only on a recorded basis; Grants end, plaque revoked lab_delisted, regulators notified', async () => {
    await at('2026-06-10');
    const { labId, grantIds, certNo } = await certifiedLab(ORG.partner);
    await at('2027-07-01');
    const e = await evaluate(labId, 30);
    await at('2027-07-05');
    const rect = ok(
      await c.initiator.post(`/api/v1/labs/${labId}/rectification`, { evaluationId: e.id, items: ITEMS }),
    );
    const rectificationId = rect.rectification.rectificationId;
    // A running rectification is no basis; nor is an unknown incident.
    const running = await c.authority.post(`/api/v1/labs/${labId}/delisting`, {
      basis: { kind: 'rectification', ref: rectificationId },
      reason: '整改不到位',
    });
    expect(failures(running)).toMatchObject([{ ruleId: 'LAB-20', code: 'LAB_DELISTING_BASIS_INSUFFICIENT' }]);
    const none = await c.authority.post(`/api/v1/labs/${labId}/delisting`, {
      basis: { kind: 'incident', ref: demoId('no-such-incident') },
      reason: '安全事件',
    });
    expect(failures(none)).toMatchObject([{ ruleId: 'LAB-20', code: 'LAB_DELISTING_BASIS_MISSING' }]);
    // The deadline passes without acceptance: supervision's clock makes the Rectification overdue.
    await at('2027-10-10');
    await runRectificationClocks(t.kernel);
    expect(
      (
        await c.initiator.post(`/api/v1/labs/${labId}/delisting`, {
          basis: { kind: 'rectification', ref: rectificationId },
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const delisted = ok(
      await c.authority.post(`/api/v1/labs/${labId}/delisting`, {
        basis: { kind: 'rectification', ref: rectificationId },
        reason: '整改期限届满未通过验收，予以摘牌',
      }),
    );
    expect(delisted).toMatchObject({
      state: 'delisted',
      ending: {
        kind: 'delisted',
        basis: { kind: 'rectification', ref: rectificationId },
        plaqueStatus: 'revoked',
        revokedGrantIds: grantIds,
      },
    });
    expect(delisted.ending.notices.map((x: { recipient: string }) => x.recipient)).toEqual([
      'cyberspace_office',
      'public_security',
    ]);
    expect((await getGrantForUse(t.kernel.db, grantIds[0]!))!.state).toBe('revoked');
    // The regulator reads the decision and its notices.
    expect(ok(await c.regulator.get(`/api/v1/labs/${labId}/endings`)).ending.kind).toBe('delisted');
    const verify = ok(await t.anonymous.get(`/api/v1/public/certificates/${encodeURIComponent(certNo)}`));
    expect(verify.status.value).toBe('revoked');
  });

  it('merges an active lab into another active one (successorLabId), ending its Grants', async () => {
    await at('2026-06-10');
    const a = await certifiedLab(ORG.partner);
    const b = await certifiedLab(ORG.partner);
    const self = await c.authority.post(`/api/v1/labs/${a.labId}/merger`, { successorLabId: a.labId, reason: '整合' });
    expect(failures(self)).toMatchObject([{ code: 'LAB_SUCCESSOR_INVALID' }]);
    const merged = ok(
      await c.authority.post(`/api/v1/labs/${a.labId}/merger`, { successorLabId: b.labId, reason: '布局调整，整合' }),
    );
    expect(merged).toMatchObject({ state: 'merged', successorLabId: b.labId, ending: { kind: 'merged' } });
    expect((await getGrantForUse(t.kernel.db, a.grantIds[0]!))!.state).toBe('revoked');
    expect((await getGrantForUse(t.kernel.db, b.grantIds[0]!))!.state).toBe('active');
  });
});

describe('partner change: partner_change_pending → active on an approved partner_change and a new filed agreement', () => {
  it('checks LAB-05 for the new partner, bans the old one, supersedes the plaque and opens new Grants', async () => {
    await at('2026-06-10');
    const old = await buildPartner(t.kernel, { nameZh: '珠海电梯物联科技有限公司' });
    const { labId, certNo } = await certifiedLab(old.id);
    await at('2027-07-01');
    const e = await evaluate(labId, 35);
    await at('2027-07-05');
    ok(await c.initiator.post(`/api/v1/labs/${labId}/rectification`, { evaluationId: e.id, items: ITEMS }));
    await at('2028-02-20');
    ok(await c.initiator.post(`/api/v1/labs/${labId}/termination`, { reason: '整改期满仍不合格' }));
    // No new agreement before the partner change is approved.
    const early = await c.initiator.post(
      `/api/v1/labs/${labId}/agreements`,
      agreementBody([{ resourceId: resourceId('bus-card'), fieldIds: [field('sczd')] }]),
    );
    expect(early.json().error.code).toBe('LAB_PARTNER_NOT_CHANGED');

    // LAB-05: a banned candidate is refused at approval, with the Ban's last day.
    const banned = await buildPartner(t.kernel, { nameZh: '珠海被禁科技有限公司' });
    ok(
      await c.authority.post('/api/v1/bans', {
        subjectUscc: banned.row.uscc,
        orgId: banned.id,
        scope: 'lab_application',
        reason: '测试禁入',
        basisDecisionId: 'DEC-TEST-1',
        startsOn: '2028-01-01',
        endsOn: '2029-12-31',
      }),
      201,
    );
    const toBanned = ok(
      await c.initiator.post(`/api/v1/labs/${labId}/change-requests`, {
        diff: { newPartnerOrgId: banned.id },
        reason: '更换产研单位',
      }),
      201,
    );
    expect(toBanned.kinds).toEqual(['partner_change']);
    const refused = await c.authority.post(`/api/v1/lab-change-requests/${toBanned.id}/decide`, {
      decision: 'approved',
      reason: '同意',
    });
    expect(failures(refused)).toMatchObject([{ ruleId: 'LAB-05', params: { endsOn: '2029-12-31' } }]);

    const fresh = await buildPartner(t.kernel, { nameZh: '珠海新梯智联科技有限公司' });
    const change = ok(
      await c.initiator.post(`/api/v1/labs/${labId}/change-requests`, {
        diff: { newPartnerOrgId: fresh.id },
        reason: '更换产研单位',
      }),
      201,
    );
    await at('2028-03-10');
    ok(
      await c.authority.post(`/api/v1/lab-change-requests/${change.id}/decide`, {
        decision: 'approved',
        reason: '同意',
      }),
    );
    const pending = ok(await c.initiator.get(`/api/v1/labs/${labId}/endings`));
    expect(pending).toMatchObject({
      state: 'partner_change_pending',
      partnerOrgId: fresh.id,
      termination: { ban: { ruleId: 'LAB-24', startsOn: '2028-03-10', endsOn: '2029-03-10' } },
    });
    expect(await activeBanFor(t.kernel.db, old.row.uscc!, '2028-06-01', 'lab_application')).toBeDefined();

    const draft = ok(
      await c.initiator.post(
        `/api/v1/labs/${labId}/agreements`,
        agreementBody([{ resourceId: resourceId('bus-card'), fieldIds: [field('sczd'), field('sksj')] }]),
      ),
      201,
    );
    const seals = [ORG.initiator, fresh.id].map((orgId) => ({ orgId, kind: 'e_seal', verified: true }));
    ok(await c.initiator.post(`/api/v1/lab-agreements/${draft.id}/sign`, { signedAt: '2028-03-12', seals }));
    const filed = ok(await c.authority.post(`/api/v1/lab-agreements/${draft.id}/file`));
    expect(filed).toMatchObject({ state: 'filed', agreementVersion: 2 });
    const lab = ok(await c.authority.get(`/api/v1/labs/${labId}`));
    expect(lab).toMatchObject({ state: 'active', partnerOrgId: fresh.id, plaque: { status: 'valid' } });
    expect(lab.plaque.certNo).not.toBe(certNo);
    expect((await getGrantForUse(t.kernel.db, filed.grantIds[0]))!).toMatchObject({
      state: 'active',
      operatorOrgId: fresh.id,
    });
    const oldPlaque = ok(await t.anonymous.get(`/api/v1/public/certificates/${encodeURIComponent(certNo)}`));
    expect(oldPlaque.status.value).toBe('superseded');
  });
});
