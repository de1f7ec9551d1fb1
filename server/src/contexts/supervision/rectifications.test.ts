import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FixedClock } from '../../kernel/clock.js';
import { oid } from '../../seed/identity.js';
import { DEMO_GRANTS } from '../../seed/sandbox.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { terminationsOf } from './service.js';
import { runRectificationClocks } from './usecases/rectifications.js';

const clock = new FixedClock(new Date('2026-11-02T02:00:00Z'));
let t: TestApp;
let authority: Client;
let op: Client;
// Sessions age with the injected clock: every jump logs in again.
async function at(iso: string) {
  clock.set(iso);
  authority = await t.as('authority.admin');
  op = await t.as('operator.admin');
}
beforeAll(async () => {
  t = await startTestApp({ clock });
  await at('2026-11-02T02:00:00Z');
}, 120_000);
afterAll(() => t?.close());

const grantState = async () =>
  (await sql<{ state: string }>`SELECT state FROM data_grant WHERE id = ${DEMO_GRANTS.verify}`.execute(t.kernel.db))
    .rows[0]!.state;
const order = (o: Record<string, unknown> = {}) =>
  authority.post('/api/v1/rectifications', {
    subjectOrgId: oid('zh-operator'),
    measure: 'rectification',
    basis: { kind: 'finding', ref: '水印溯源：报告出现在无订单关系的企业' },
    items: [
      { finding: '分析报告外泄', requiredAction: '查明外泄途径并整改' },
      { finding: '水印未登记', requiredAction: '补全水印登记' },
    ],
    ...o,
  });

describe('ENF-01/ENF-02 scenario 9: a rectification order suspends the operator’s Grants until accepted', () => {
  it('ordered 2026-11-02 → deadline 2026-12-02, Grant suspended; evidence per item; rejection needs reasons; acceptance resumes the Grant', async () => {
    expect(await grantState()).toBe('active');
    expect((await op.post('/api/v1/rectifications', {})).statusCode).toBe(400); // schema refusal
    const self = await op.post('/api/v1/rectifications', {
      subjectOrgId: oid('zh-operator'),
      measure: 'rectification',
      basis: { kind: 'finding' },
      items: [{ finding: 'x', requiredAction: 'y' }],
    });
    expect(self.statusCode).toBe(403); // only the authority orders
    expect(await grantState()).toBe('active');
    const res = await order();
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ state: 'ordered', deadline: '2026-12-02' });
    expect(r.suspension.agreementIds.length).toBeGreaterThan(0);
    expect(await grantState()).toBe('suspended');

    const missing = await op.post(`/api/v1/rectifications/${r.id}/submit`, { evidence: [['f1'], []] });
    expect(missing.json().error.code).toBe('RECTIFICATION_EVIDENCE_REQUIRED');
    expect((await op.post(`/api/v1/rectifications/${r.id}/submit`, { evidence: [['f1'], ['f2']] })).json().state).toBe(
      'submitted',
    );
    // The operator cannot accept its own rectification.
    expect((await op.post(`/api/v1/rectifications/${r.id}/decide`, { outcome: 'accepted' })).statusCode).toBe(403);
    const bare = await authority.post(`/api/v1/rectifications/${r.id}/decide`, { outcome: 'rejected', reasons: ['x'] });
    expect(bare.json().error.code).toBe('REJECTION_REASONS_REQUIRED');
    expect(
      (
        await authority.post(`/api/v1/rectifications/${r.id}/decide`, {
          outcome: 'rejected',
          reasons: ['途径未查清', '登记不全'],
        })
      ).json().state,
    ).toBe('rejected');
    expect(await grantState()).toBe('suspended'); // the deadline keeps running, so does the suspension
    await op.post(`/api/v1/rectifications/${r.id}/submit`, { evidence: [['f3'], ['f4']] });
    const ok = await authority.post(`/api/v1/rectifications/${r.id}/decide`, { outcome: 'accepted' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().state).toBe('accepted');
    expect(ok.json().suspension.restoredAt).toBe('2026-11-02T02:00:00.000Z');
    expect(await grantState()).toBe('active');
  });

  it('ENF-03: an unfinished rectification is overdue on 2026-12-03, not on 12-02', async () => {
    await at('2026-11-02T02:00:00Z');
    const r = (await order()).json();
    await at('2026-12-02T10:00:00Z');
    await runRectificationClocks(t.kernel);
    expect((await authority.get(`/api/v1/rectifications/${r.id}`)).json().state).toBe('ordered');
    await at('2026-12-03T01:00:00Z');
    await runRectificationClocks(t.kernel);
    expect((await authority.get(`/api/v1/rectifications/${r.id}`)).json().state).toBe('overdue');
    expect(await grantState()).toBe('suspended'); // nothing lifts or terminates by itself
    // ENF-03 (scenario 9): a Termination proposal opens for the suspended agreement; the authority decides.
    const agreementId = (await authority.get(`/api/v1/rectifications/${r.id}`)).json().suspension.agreementIds[0];
    const cases = await terminationsOf(t.kernel.db, 'OperationAgreement', agreementId);
    expect(cases).toMatchObject([{ state: 'proposed', reasonCode: 'breach_of_agreement' }]);
    await runRectificationClocks(t.kernel);
    expect(await terminationsOf(t.kernel.db, 'OperationAgreement', agreementId)).toHaveLength(1); // not twice
  });

  it('an interview (约谈) suspends nothing; a deadline in the past is refused', async () => {
    await at('2026-11-02T02:00:00Z');
    const past = await order({ measure: 'interview', subjectOrgId: oid('zh-collab'), deadline: '2026-11-01' });
    expect(past.json().error.code).toBe('RECTIFICATION_DEADLINE_INVALID');
    const r = await order({ measure: 'interview', subjectOrgId: oid('zh-collab') });
    expect(r.statusCode).toBe(201);
    expect(r.json().suspension).toBeNull();
  });
});
