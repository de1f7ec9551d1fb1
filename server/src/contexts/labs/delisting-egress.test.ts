import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { resourceId } from '../../seed/catalog.js';
import { demoId } from '../../seed/ids.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { getGrantForUse } from '../authorization/service.js';
import { runRectificationClocks } from '../supervision/usecases/rectifications.js';
import { runLabClocks } from './usecases/duty-clock.js';
import { ATTESTATION, agreementBody, applicationBody, ORG, publishGuide } from './test/factories.js';
import { ok, failures } from './test/http.js';

// labs.md acceptance scenario 7 from the egress path (LAB-19 → LAB-20; decision 0100), through the HTTP API with an
// injected clock: an unapproved egress → the initiator's egress rectification → its deadline passes without
// acceptance → the authority delists → every Grant of the lab ends (authorization's port), the plaque is revoked
// `lab_delisted`, the regulator is notified. And the certification's end (`active → expired`) ends the Grants too.
const LAB = demoId('lab:transit');
const clock = new FixedClock(new Date('2027-01-05T02:00:00Z'));
let t: TestApp;
const c = {} as Record<'partner' | 'initiator' | 'authority' | 'regulator', Client>;
async function at(iso: string) {
  clock.set(iso);
  [c.partner, c.initiator, c.authority, c.regulator] = await Promise.all(
    ['lab.partner', 'lab.initiator', 'authority.admin', 'regulator.viewer'].map((l) => t.as(l)),
  );
}
beforeAll(async () => {
  t = await startTestApp({ clock });
  await at('2027-01-05T02:00:00Z');
}, 120_000);
afterAll(() => t?.close());

const grantState = async (id: string) => (await getGrantForUse(t.kernel.db, id))!.state;
const allGrantIds = async (labId: string) =>
  ok(await c.partner.get(`/api/v1/labs/${labId}/agreements`)).items.flatMap((a: { grantIds: string[] }) => a.grantIds);

describe('scenario 7 from the egress path: unapproved egress → rectification overdue → delisted', () => {
  it('ends every Grant, revokes the plaque lab_delisted and notifies the regulator', async () => {
    const grantIds: string[] = await allGrantIds(LAB);
    expect(grantIds.length).toBeGreaterThan(0);
    for (const id of grantIds) expect(await grantState(id)).toBe('active');
    const certNo = ok(await c.partner.get(`/api/v1/labs/${LAB}`)).plaque.certNo as string;

    // LAB-19: the unapproved egress is reported and the initiator orders its rectification (deadline +30 days).
    const incident = ok(
      await c.partner.post(`/api/v1/labs/${LAB}/issues`, {
        type: 'unapproved_egress',
        severity: 'general',
        discoveredAt: '2027-01-05T01:30:00Z',
        description: '平台检测到未经审批导出刷卡时间原始记录文件',
      }),
      201,
    );
    const items = [{ finding: '刷卡时间明细经文件导出', requiredAction: '删除外发文件并补办出域审批' }];
    const ordered = ok(
      await c.initiator.post(`/api/v1/labs/${LAB}/egress-rectification`, { incidentId: incident.incidentId, items }),
    );
    expect(ordered.rectification.deadline).toBe('2027-02-04');
    const rectificationId = ordered.rectification.rectificationId as string;

    // LAB-20: a running rectification is no basis for delisting; nothing changes.
    const early = await c.authority.post(`/api/v1/labs/${LAB}/delisting`, {
      basis: { kind: 'rectification', ref: rectificationId },
      reason: '整改未完成',
    });
    expect(early.statusCode).toBe(422);
    expect(failures(early)).toMatchObject([{ ruleId: 'LAB-20', code: 'LAB_DELISTING_BASIS_INSUFFICIENT' }]);
    expect(ok(await c.partner.get(`/api/v1/labs/${LAB}`)).state).toBe('rectifying');

    // The deadline passes without acceptance: supervision's clock marks the Rectification overdue.
    await at('2027-02-06T02:00:00Z');
    await runRectificationClocks(t.kernel);
    expect(ok(await c.authority.get(`/api/v1/rectifications/${rectificationId}`)).state).toBe('overdue');

    // Only the authority delists (the initiator is refused, nothing changes).
    const byInitiator = await c.initiator.post(`/api/v1/labs/${LAB}/delisting`, {
      basis: { kind: 'rectification', ref: rectificationId },
      reason: '整改期限届满未通过验收',
    });
    expect(byInitiator.statusCode).toBe(403);
    for (const id of grantIds) expect(await grantState(id)).toBe('active');

    const delisted = ok(
      await c.authority.post(`/api/v1/labs/${LAB}/delisting`, {
        basis: { kind: 'rectification', ref: rectificationId },
        reason: '未经审批导出原始数据，整改期限届满未通过验收，予以摘牌',
      }),
    );
    expect(delisted).toMatchObject({
      state: 'delisted',
      ending: { kind: 'delisted', plaqueStatus: 'revoked', basis: { kind: 'rectification', ref: rectificationId } },
    });
    expect([...delisted.ending.revokedGrantIds].sort()).toEqual([...grantIds].sort());
    // ALL the lab's Grants ended, read through authorization's port.
    for (const id of grantIds) expect(await grantState(id)).toBe('revoked');
    // The regulator (网信, 公安) is notified and reads the decision.
    expect(delisted.ending.notices.map((n: { recipient: string }) => n.recipient)).toEqual([
      'cyberspace_office',
      'public_security',
    ]);
    expect(ok(await c.regulator.get(`/api/v1/labs/${LAB}/endings`)).ending).toMatchObject({ kind: 'delisted' });
    // The plaque is revoked with reason lab_delisted (摘牌); the lab leaves the public list.
    const verify = ok(await t.anonymous.get(`/api/v1/public/certificates/${encodeURIComponent(certNo)}`));
    expect(verify.status.value).toBe('revoked');
    expect(JSON.stringify(verify)).toContain('lab_delisted');
    const listed = ok(await t.anonymous.get('/api/v1/public/labs')).items.map((l: { id: string }) => l.id);
    expect(listed).not.toContain(LAB);
  });
});

describe('the certification ends (active → expired): the Grants end with it', () => {
  it('a scope line running past validTo is ended by the labs clock, not left active', async () => {
    await at('2027-03-01T02:00:00Z');
    const guideId = await publishGuide(c.authority);
    const body = applicationBody(guideId, ORG.partner, ORG.initiator, {
      name: '珠海市公交运力评估数据创新应用实验室',
      scenarioCode: 'TEST.EXPIRY',
      scenarioSummary: '公交运力评估与到期测试'.repeat(3),
    });
    const draft = ok(await c.initiator.post('/api/v1/lab-applications', body), 201);
    ok(await c.initiator.post(`/api/v1/lab-applications/${draft.id}/submit`));
    ok(await c.authority.post(`/api/v1/lab-applications/${draft.id}/accept`));
    const { labId } = ok(
      await c.authority.post(`/api/v1/lab-applications/${draft.id}/shortlist`, { directorAttested: true }),
    );
    const field = (code: string) => demoId(`catalog-field:bus-card:${code}`);
    const agreement = agreementBody([{ resourceId: resourceId('bus-card'), fieldIds: [field('xl')] }], {
      usePeriod: { from: '2027-03-01', to: '2030-12-31' },
    });
    agreement.dataScope[0]!.validTo = '2030-12-31'; // beyond the certification's validTo (2030-03-01)
    const a = ok(await c.initiator.post(`/api/v1/labs/${labId}/agreements`, agreement), 201);
    const seals = [ORG.initiator, ORG.partner].map((orgId) => ({ orgId, kind: 'e_seal', verified: true }));
    ok(await c.initiator.post(`/api/v1/lab-agreements/${a.id}/sign`, { signedAt: '2027-03-01', seals }));
    const grantIds: string[] = ok(await c.authority.post(`/api/v1/lab-agreements/${a.id}/file`)).grantIds;
    ok(await c.initiator.post(`/api/v1/labs/${labId}/attestation`, ATTESTATION));
    const lab = ok(await c.authority.post(`/api/v1/labs/${labId}/certify`));
    expect(lab.validTo).toBe('2030-03-01');

    // On validTo the lab and its Grants still run.
    await at('2030-03-01T02:00:00Z');
    await runLabClocks(t.kernel);
    expect(ok(await c.partner.get(`/api/v1/labs/${labId}`)).state).toBe('active');
    for (const id of grantIds) expect(await grantState(id)).toBe('active');
    // The day after, the lab expires and every Grant ends although its line runs to 2030-12-31.
    await at('2030-03-02T02:00:00Z');
    await runLabClocks(t.kernel);
    expect(ok(await c.partner.get(`/api/v1/labs/${labId}`)).state).toBe('expired');
    for (const id of grantIds) expect(await grantState(id)).toBe('revoked');
  }, 120_000);
});
