import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FixedClock } from '../../kernel/clock.js';
import { oid } from '../../seed/identity.js';
import { DEMO_GRANTS } from '../../seed/sandbox.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { latestEvaluation } from '../authorization/service.js';
import { runReportClocks } from './usecases/reports.js';
import { evaluationBody } from './test/factories.js';

const clock = new FixedClock(new Date('2026-07-01T02:00:00Z'));
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
  await at('2026-07-01T02:00:00Z');
}, 120_000);
afterAll(() => t?.close());

const schedule = (kind: string, from: string, to: string) =>
  authority.post('/api/v1/reports', { kind, subjectOrgId: oid('zh-operator'), period: { from, to } });
const figures = [
  { key: 'grants', value: 3, queryId: 'authorization.grants_in_force', checkpointSize: 5000 },
  { key: 'jobs', value: 412, queryId: 'sandbox.jobs_in_period', checkpointSize: 5000 },
];

describe('REP-01 scenario 1: Q3 2026 operating report due over National Day', () => {
  it('dueAt is 2026-10-20 23:59:59 Shanghai, not provisional', async () => {
    const res = await schedule('operator_operating_periodic', '2026-07-01', '2026-09-30');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ state: 'scheduled', dueAt: '2026-10-20T15:59:59.999Z', provisional: false });
  });
  it('the operator cannot schedule reports (authority only)', async () => {
    const res = await op.post('/api/v1/reports', {
      kind: 'operator_operating_periodic',
      subjectOrgId: oid('zh-operator'),
      period: { from: '2026-07-01', to: '2026-09-30' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('REP-02/REP-03 scenario 3: draft after the period, submission with seal and reasoned corrections', () => {
  it('draft refused before the period ends; after it, "jobs" → 400 without a reason is refused, with one accepted', async () => {
    await at('2026-06-30T02:00:00Z');
    const r = (await schedule('operator_security_semiannual', '2026-01-01', '2026-06-30')).json();
    const early = await authority.post(`/api/v1/reports/${r.id}/draft`, { figures, narrative: '' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.code).toBe('REPORT_PERIOD_NOT_OVER');
    await at('2026-07-01T02:00:00Z');
    expect((await authority.post(`/api/v1/reports/${r.id}/draft`, { figures, narrative: '' })).json().state).toBe(
      'drafted',
    );
    const bare = await op.post(`/api/v1/reports/${r.id}/submit`, {
      sealRef: 'eseal:zh-operator',
      corrections: [{ key: 'jobs', reportedValue: 400 }],
    });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().error.code).toBe('CORRECTION_REASON_REQUIRED');
    const unsealed = await op.post(`/api/v1/reports/${r.id}/submit`, { corrections: [] });
    expect(unsealed.json().error.code).toBe('REPORT_SEAL_REQUIRED');
    // The subject org only: the authority cannot submit for it.
    expect((await authority.post(`/api/v1/reports/${r.id}/submit`, { sealRef: 'x' })).statusCode).toBe(403);
    const ok = await op.post(`/api/v1/reports/${r.id}/submit`, {
      sealRef: 'eseal:zh-operator',
      corrections: [{ key: 'jobs', reportedValue: 400, reason: '12 个作业为测试作业' }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      state: 'submitted',
      late: false,
      corrections: [{ key: 'jobs', computedValue: 412, reportedValue: 400 }],
    });
    const ret = await authority.post(`/api/v1/reports/${r.id}/review`, { outcome: 'returned' });
    expect(ret.json().error.code).toBe('RETURN_COMMENTS_REQUIRED');
    expect(
      (await authority.post(`/api/v1/reports/${r.id}/review`, { outcome: 'returned', comments: '补充演练记录' })).json()
        .state,
    ).toBe('returned');
  });
});

describe('REP-05 scenario 4: overdue the day after dueAt, escalation 5 working days later', () => {
  it('due 2026-07-21 → overdue on 07-22, escalation on 07-29 (not 07-28); a late submission is flagged', async () => {
    await at('2026-07-01T02:00:00Z');
    const r = (await schedule('operator_security_semiannual', '2026-01-01', '2026-06-30')).json();
    expect(r.dueAt).toBe('2026-07-21T15:59:59.999Z');
    await at('2026-07-21T12:00:00Z');
    await runReportClocks(t.kernel);
    expect((await authority.get(`/api/v1/reports/${r.id}`)).json().state).toBe('scheduled');
    await at('2026-07-22T01:00:00Z');
    await runReportClocks(t.kernel);
    expect((await authority.get(`/api/v1/reports/${r.id}`)).json()).toMatchObject({
      state: 'overdue',
      escalatedAt: null,
    });
    await at('2026-07-28T01:00:00Z');
    await runReportClocks(t.kernel);
    expect((await authority.get(`/api/v1/reports/${r.id}`)).json().escalatedAt).toBeNull();
    await at('2026-07-29T01:00:00Z');
    await runReportClocks(t.kernel);
    expect((await authority.get(`/api/v1/reports/${r.id}`)).json().escalatedAt).toBe('2026-07-29T01:00:00.000Z');
    const ov = (await authority.get('/api/v1/supervision/overview')).json();
    expect(ov.reports.escalated).toBeGreaterThanOrEqual(1);
    const late = await op.post(`/api/v1/reports/${r.id}/submit`, { sealRef: 'eseal:zh-operator' });
    expect(late.json()).toMatchObject({ state: 'submitted', late: true });
  });
});

describe('EVA-01/03/04 scenario 8 and the evaluation port (decision 0062)', () => {
  it('70/50/60/40 totals 57 → fail; propose_termination available; final result reaches authorization as termination_support', async () => {
    const agreementId = (
      await sql<{ agreement_id: string }>`SELECT agreement_id FROM data_grant WHERE id = ${DEMO_GRANTS.verify}`.execute(
        t.kernel.db,
      )
    ).rows[0]!.agreement_id;
    const bad = await authority.post(
      '/api/v1/evaluations',
      evaluationBody(oid('zh-operator'), { agreementId, actions: ['renewal_eligible'] }),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('EVALUATION_ACTION_NOT_ALLOWED');
    const res = await authority.post(
      '/api/v1/evaluations',
      evaluationBody(oid('zh-operator'), { agreementId, actions: ['propose_termination'] }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({ total: 57, result: 'fail', state: 'proposed' });
    expect(e.availableActions).toContain('propose_termination');
    // Nothing is terminated, and a proposed evaluation is not yet visible to authorization.
    const agreement = { id: agreementId, operator_org_id: oid('zh-operator') };
    expect(await latestEvaluation(t.kernel.db, agreement)).toBeNull();
    expect((await op.post(`/api/v1/evaluations/${e.id}/finalize`)).statusCode).toBe(403);
    expect((await authority.post(`/api/v1/evaluations/${e.id}/finalize`)).json().state).toBe('final');
    expect(await latestEvaluation(t.kernel.db, agreement)).toMatchObject({
      result: 'fail',
      actions: ['termination_support'],
    });
    const st = await sql<{ state: string }>`SELECT state FROM operation_agreement WHERE id = ${agreementId}`.execute(
      t.kernel.db,
    );
    expect(st.rows[0]?.state).not.toBe('terminated');
  });
});
