import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { runRightsClocks } from './usecases/clocks.js';
import {
  actors,
  applyAndSubmit,
  applyBody,
  ok,
  ORG,
  registerFirst,
  reviewUpToDecision,
  SM3_A,
  type Actors,
} from './test/factories.js';

// Correction (review clock paused and resumed; refusal when unanswered), cancellation (RA-16), revocation (RA-17), withdrawal.
const clock = new FixedClock(new Date('2026-04-06T02:00:00Z')); // Monday
let t: TestApp;
let a: Actors;
const url = (id: string) => `/api/v1/rights-registrations/${id}`;
const bundleOf = async (no: string) => ok(t.anonymous.get(`/api/v1/public/certificates/${encodeURIComponent(no)}`));

beforeAll(async () => {
  t = await startTestApp({ clock });
  a = await actors(t);
}, 120_000);
afterAll(() => t?.close());

describe('correction requested once, in writing', () => {
  it('pauses the review clock and resumes it with the working days left on complete materials', async () => {
    const id = await applyAndSubmit(a);
    await ok(a.registry.post(`${url(id)}/accept`, {})); // review due: 20 WD after 2026-04-06
    const before = (await ok(a.applicant.get(url(id)))).clocks.reviewDueAt;
    await ok(a.registry.post(`${url(id)}/formal-review`, {}));
    const c = await ok(a.registry.post(`${url(id)}/request-correction`, { defects: ['缺少数据来源证明'] }));
    expect(c.state).toBe('correction_requested');
    const reg = await ok(a.applicant.get(url(id)));
    expect(reg.decision.defects).toEqual(['缺少数据来源证明']);
    expect(reg.clocks.correctionDueAt).toBe('2026-04-13T15:59:59.999Z'); // 5 WD (Qingming 04-05 is a Sunday)
    clock.set('2026-04-08T02:00:00Z');
    await a.relogin();
    const r = await ok(a.applicant.post(`${url(id)}/resubmit`, { evidence: [{ name: '来源证明.pdf', sm3: SM3_A }] }));
    expect(r.state).toBe('formal_review');
    const after = await ok(a.applicant.get(url(id)));
    expect(new Date(after.clocks.reviewDueAt).getTime()).toBeGreaterThan(new Date(before).getTime());
    expect(after.evidence).toHaveLength(2);
  });

  it('refuses the registration when the correction window passes unanswered', async () => {
    const id = await applyAndSubmit(a);
    await ok(a.registry.post(`${url(id)}/accept`, {}));
    await ok(a.registry.post(`${url(id)}/request-correction`, { defects: ['缺少身份证明'] }));
    clock.set('2026-04-25T02:00:00Z');
    await runRightsClocks(t.kernel);
    await a.relogin();
    expect((await ok(a.applicant.get(url(id)))).state).toBe('refused');
  });

  it('lets the applicant withdraw before a decision, and not the registry', async () => {
    const id = await applyAndSubmit(a);
    expect((await a.registry.post(`${url(id)}/withdraw`, { reason: '登记机构不可撤回' })).statusCode).toBe(403);
    expect((await ok(a.applicant.post(`${url(id)}/withdraw`, { reason: '暂不登记' }))).state).toBe('withdrawn');
  });

  it('refuses a substantive review by a related evaluator (RA-05) and a decision without a report', async () => {
    const id = await applyAndSubmit(a);
    await ok(a.registry.post(`${url(id)}/accept`, {}));
    await ok(a.registry.post(`${url(id)}/formal-review`, {}));
    const related = await a.registry.post(`${url(id)}/commission`, { evaluatorOrgId: ORG.operator });
    expect(related.json().error.code).toBe('EVALUATOR_NOT_INDEPENDENT');
    await ok(a.registry.post(`${url(id)}/commission`, { evaluatorOrgId: ORG.evaluator }));
    const early = await a.registry.post(`${url(id)}/decide`, { outcome: 'pass' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('SUBSTANTIVE_REPORT_MISSING');
  });
});

describe('RA-16 cancellation and RA-17 revocation end a certificate, as new log leaves', () => {
  it('cancels the certificate when the holder’s cancellation registers', async () => {
    const { id, certNo } = await registerFirst(t, a, (d) => clock.advanceMs(d * 86400_000));
    const c = await ok(
      a.applicant.post('/api/v1/rights-registrations', applyBody({ regType: 'cancellation', baseRegistrationId: id })),
      201,
    );
    await ok(a.applicant.post(`${url(c.id)}/submit`, {}));
    await reviewUpToDecision(a, c.id);
    expect((await ok(a.registry.post(`${url(c.id)}/decide`, { outcome: 'pass' }))).state).toBe('registered');
    const b = await bundleOf(certNo);
    expect(b.status.value).toBe('cancelled');
    expect((await ok(t.anonymous.post('/api/v1/public/certificates/verify', { bundle: b }))).status).toBe('cancelled');
  });

  it('revokes only on a listed ground, by the registry, and the offline status follows', async () => {
    const { certNo } = await registerFirst(t, a, (d) => clock.advanceMs(d * 86400_000));
    const path = `/api/v1/certificates/${encodeURIComponent(certNo)}/revoke`;
    expect((await a.applicant.post(path, { ground: 'fraud', reason: '持有人不能撤销' })).statusCode).toBe(403);
    const bad = await a.registry.post(path, { ground: 'dislike', reason: '无法定事由' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('REVOCATION_GROUND_REQUIRED');
    expect((await ok(a.registry.post(path, { ground: 'fraud', reason: '以欺骗手段取得登记' }))).state).toBe('revoked');
    expect((await bundleOf(certNo)).status.value).toBe('revoked');
  });
});
