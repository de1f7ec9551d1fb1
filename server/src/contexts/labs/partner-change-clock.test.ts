import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { resourceId } from '../../seed/catalog.js';
import { demoId } from '../../seed/ids.js';
import { oid } from '../../seed/identity.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { runLabClocks } from './usecases/duty-clock.js';
import { ATTESTATION, agreementBody, applicationBody, buildPartner, ORG, publishGuide } from './test/factories.js';
import { ok } from './test/http.js';

// labs.md "Deadlines and clocks", partner change (decision 0100): `lab.partnerChangeDays` (90) after the lab enters
// `partner_change_pending` (the initiator's LAB-23 termination) with no approved partner change, the authority is
// prompted once to decide revocation; the state is unchanged until it decides. Through the HTTP API, injected clock.
const clock = new FixedClock(new Date('2026-06-01T02:00:00Z'));
let t: TestApp;
const c = {} as Record<'authority' | 'initiator' | 'evaluator', Client>;
async function at(day: string) {
  clock.set(`${day}T02:00:00Z`);
  [c.authority, c.initiator, c.evaluator] = await Promise.all(
    ['authority.admin', 'lab.initiator', 'evaluator.admin'].map((l) => t.as(l)),
  );
}
beforeAll(async () => {
  t = await startTestApp({ clock });
  await at('2026-06-01');
}, 120_000);
afterAll(() => t?.close());

const field = (code: string) => demoId(`catalog-field:bus-card:${code}`);
const prompts = async (labId: string) =>
  Number(
    (
      await sql<{ n: string }>`SELECT count(*) AS n FROM event WHERE object_id = ${labId}
        AND event_type = 'Lab.revocationPrompted'`.execute(t.kernel.db)
    ).rows[0]!.n,
  );

/** A lab of 珠海市科技创新局 certified on 2026-06-10, failed in 2027, rectification not accepted, terminated 2028-02-20. */
async function terminatedLab() {
  await at('2026-06-10');
  const guideId = await publishGuide(c.authority);
  const partner = await buildPartner(t.kernel, { nameZh: '珠海渔港数据科技有限公司' });
  const body = applicationBody(guideId, partner.id, ORG.initiator, {
    name: '珠海市渔港作业数据创新应用实验室',
    scenarioCode: 'TEST.PARTNER_CLOCK',
    scenarioSummary: '渔港作业船舶进出港统计'.repeat(3),
  });
  const draft = ok(await c.initiator.post('/api/v1/lab-applications', body), 201);
  ok(await c.initiator.post(`/api/v1/lab-applications/${draft.id}/submit`));
  ok(await c.authority.post(`/api/v1/lab-applications/${draft.id}/accept`));
  const { labId } = ok(
    await c.authority.post(`/api/v1/lab-applications/${draft.id}/shortlist`, { directorAttested: true }),
  );
  const a = ok(
    await c.initiator.post(
      `/api/v1/labs/${labId}/agreements`,
      agreementBody([{ resourceId: resourceId('bus-card'), fieldIds: [field('xl')] }]),
    ),
    201,
  );
  const seals = [ORG.initiator, partner.id].map((orgId) => ({ orgId, kind: 'e_seal', verified: true }));
  ok(await c.initiator.post(`/api/v1/lab-agreements/${a.id}/sign`, { signedAt: '2026-06-10', seals }));
  ok(await c.authority.post(`/api/v1/lab-agreements/${a.id}/file`));
  ok(await c.initiator.post(`/api/v1/labs/${labId}/attestation`, ATTESTATION));
  ok(await c.authority.post(`/api/v1/labs/${labId}/certify`));

  await at('2027-07-01');
  const e = ok(
    await c.authority.post(`/api/v1/labs/${labId}/evaluations`, { year: 2027, evaluatorOrgId: oid('evaluator') }),
    201,
  );
  ok(await c.initiator.post(`/api/v1/lab-evaluations/${e.id}/concur`));
  ok(await c.evaluator.post(`/api/v1/lab-evaluations/${e.id}/declaration`, { hasConflict: false, statement: '无' }));
  const scores = ['operation', 'security', 'outcomes', 'benefit'].map((indicatorCode) => ({
    indicatorCode,
    score: 30,
  }));
  ok(await c.evaluator.post(`/api/v1/lab-evaluations/${e.id}/submit`, { scores, misconduct: [] }));
  ok(await c.authority.post(`/api/v1/lab-evaluations/${e.id}/conclude`));
  await at('2027-07-05');
  const items = [{ finding: '年度评估不合格', requiredAction: '补齐数据安全制度' }];
  ok(await c.initiator.post(`/api/v1/labs/${labId}/rectification`, { evaluationId: e.id, items }));
  await at('2028-02-20');
  const terminated = ok(await c.initiator.post(`/api/v1/labs/${labId}/termination`, { reason: '整改期满仍不合格' }));
  expect(terminated.state).toBe('partner_change_pending');
  return labId as string;
}

describe('the partner-change clock (lab.partnerChangeDays)', () => {
  it('prompts the authority once, 90 days after the termination, and leaves the state unchanged', async () => {
    const labId = await terminatedLab();
    const endings = async () => ok(await c.authority.get(`/api/v1/labs/${labId}/endings`));
    expect((await endings()).termination).toMatchObject({
      terminatedOn: '2028-02-20',
      partnerChangeDueOn: '2028-05-20',
    });

    // On the last day nothing is prompted.
    await at('2028-05-20');
    await runLabClocks(t.kernel);
    expect((await endings()).termination.revocationPrompt).toBeUndefined();
    expect(await prompts(labId)).toBe(0);
    // The lab list carries the prompt day the authority's to-do is built from (web labs/todos.ts): none yet.
    const listed = async () => ok(await c.authority.get(`/api/v1/labs/${labId}`)).revocationPromptedOn;
    expect(await listed()).toBeNull();

    // The day after, the authority is prompted (its jurisdiction's notice), the lab stays partner_change_pending.
    await at('2028-05-21');
    await runLabClocks(t.kernel);
    const after = await endings();
    expect(after.state).toBe('partner_change_pending');
    expect(after.termination.revocationPrompt).toMatchObject({
      promptedOn: '2028-05-21',
      notices: [{ recipient: 'authority' }],
    });
    expect(await listed()).toBe('2028-05-21');
    // Once only: a later tick records nothing more.
    await at('2028-06-01');
    await runLabClocks(t.kernel);
    expect(await prompts(labId)).toBe(1);
    expect((await endings()).termination.revocationPrompt.promptedOn).toBe('2028-05-21');
  }, 180_000);
});
