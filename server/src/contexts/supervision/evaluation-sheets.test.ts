import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FixedClock } from '../../kernel/clock.js';
import { loadProfile } from '../../kernel/profiles/index.js';
import { oid } from '../../seed/identity.js';
import { DEMO_GRANTS } from '../../seed/sandbox.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { latestEvaluation } from '../authorization/service.js';
import { IndicatorSets } from './model-evaluation.js';

// EVA-02, EVA-05…07 and ENF-09 for evaluations through the HTTP API: the authority schedules, a third-party
// evaluator scores, automatic indicators come from platform data, results reach authorization (renewal seam),
// the evaluated org objects. The clock is injected: Q3 2026 is assessed after National Day.
const clock = new FixedClock(new Date('2026-10-09T02:00:00Z'));
let t: TestApp;
let authority: Client;
let evaluator: Client;
let op: Client;
let agreementId: string;
async function login() {
  authority = await t.as('authority.admin');
  evaluator = await t.as('evaluator.admin');
  op = await t.as('operator.admin');
}
beforeAll(async () => {
  t = await startTestApp({ clock });
  await login();
  agreementId = (
    await sql<{ agreement_id: string }>`SELECT agreement_id FROM data_grant WHERE id = ${DEMO_GRANTS.verify}`.execute(
      t.kernel.db,
    )
  ).rows[0]!.agreement_id;
}, 120_000);
afterAll(() => t?.close());

const schedule = (o: Record<string, unknown> = {}) =>
  authority.post('/api/v1/evaluations/scheduled', {
    subjectKind: 'operator_quarterly',
    subjectOrgId: oid('zh-operator'),
    agreementId,
    evaluatorOrgId: oid('evaluator'),
    period: { from: '2026-07-01', to: '2026-09-30' },
    ...o,
  });
const manualScores = (score: number) =>
  ['mgmt_rules', 'compliant_use', 'security_measures', 'staff_mgmt', 'service_results', 'innovation'].map((c) => ({
    indicatorCode: c,
    score,
    evidenceRefs: [`file:${c}`],
  }));
const agreement = () => ({ id: agreementId, operator_org_id: oid('zh-operator') });

describe('EVA-02/EVA-07: scheduled by the authority with the set version in force, scored by the evaluator', () => {
  let id: string;
  it('the authority schedules a quarter; a non-quarter period and the operator are refused', async () => {
    const bad = await schedule({ period: { from: '2026-07-01', to: '2026-10-31' } });
    expect(bad.json().error.code).toBe('EVALUATION_PERIOD_INVALID');
    expect(
      (
        await op.post('/api/v1/evaluations/scheduled', {
          subjectKind: 'operator_quarterly',
          subjectOrgId: oid('zh-operator'),
          evaluatorOrgId: oid('evaluator'),
          period: { from: '2026-07-01', to: '2026-09-30' },
        })
      ).statusCode,
    ).toBe(403);
    const res = await schedule();
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      state: 'scheduled',
      indicatorSetVersion: 'zhuhai:operator_quarterly:2026.1',
      evaluatorOrgId: oid('evaluator'),
    });
    id = res.json().id;
  });

  it('only the evaluator enters scores; automatic ones cannot be entered and are computed with query and checkpoint', async () => {
    expect((await authority.post(`/api/v1/evaluations/${id}/scores`, { scores: manualScores(90) })).statusCode).toBe(
      403,
    );
    expect((await op.post(`/api/v1/evaluations/${id}/scores`, { scores: manualScores(90) })).statusCode).toBe(403);
    const withAuto = await evaluator.post(`/api/v1/evaluations/${id}/scores`, {
      scores: [...manualScores(90), { indicatorCode: 'incident_free', score: 100 }],
    });
    expect(withAuto.json().error.code).toBe('AUTO_INDICATOR_ENTERED');
    const missing = await evaluator.post(`/api/v1/evaluations/${id}/scores`, { scores: manualScores(90).slice(1) });
    expect(missing.json().error).toMatchObject({ code: 'INDICATORS_UNSCORED' });
    // EVA-07: a newer version added to the profile now does not change the set this evaluation started with.
    const sets = IndicatorSets.parse(t.kernel.profile.get('evaluation.indicatorSets'));
    const v2 = { ...sets.operator_quarterly![0]!, version: '2026.2', effectiveFrom: '2026-10-01' };
    t.kernel.profile = loadProfile('zhuhai', {
      'evaluation.indicatorSets': { ...sets, operator_quarterly: [...sets.operator_quarterly!, v2] },
    });
    t.kernel.workflow.profile = t.kernel.profile;
    const res = await evaluator.post(`/api/v1/evaluations/${id}/scores`, {
      scores: manualScores(90),
      actions: ['accept', 'renewal_eligible'],
    });
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json();
    expect(e).toMatchObject({ state: 'proposed', indicatorSetVersion: 'zhuhai:operator_quarterly:2026.1' });
    const autos = e.scores.filter((s: { auto: boolean }) => s.auto);
    expect(autos.map((s: { indicatorCode: string }) => s.indicatorCode).sort()).toEqual([
      'incident_free',
      'products',
      'reports_on_time',
    ]);
    for (const s of autos)
      expect(s.metric).toMatchObject({ queryId: expect.any(String), checkpointSize: expect.any(Number) });
    expect(Object.keys(e.dimensionScores).sort()).toEqual(['compliance', 'effectiveness', 'innovation', 'security']);
    expect(e.total).toBeGreaterThanOrEqual(0);
    // A new evaluation scheduled now takes the newer version.
    expect((await schedule({ period: { from: '2026-10-01', to: '2026-12-31' } })).json().indicatorSetVersion).toBe(
      'zhuhai:operator_quarterly:2026.2',
    );
    t.kernel.profile = loadProfile('zhuhai');
    t.kernel.workflow.profile = t.kernel.profile;
  });

  it('the result drives renewal eligibility once final; an objection takes it out until decided (ENF-09)', async () => {
    const e = (await authority.get(`/api/v1/evaluations/${id}/sheet`)).json();
    const passed = e.result !== 'fail';
    expect((await authority.post(`/api/v1/evaluations/${id}/finalize`)).json().state).toBe('final');
    expect(await latestEvaluation(t.kernel.db, agreement())).toMatchObject({
      id,
      result: passed ? 'pass' : 'fail',
      actions: passed ? ['renewal_eligible'] : [],
    });
    expect((await authority.post(`/api/v1/evaluations/${id}/objection`, { grounds: '评分依据有误' })).statusCode).toBe(
      403,
    );
    expect((await op.post(`/api/v1/evaluations/${id}/objection`, { grounds: '短' })).statusCode).toBe(400);
    const obj = await op.post(`/api/v1/evaluations/${id}/objection`, { grounds: '自动指标统计了测试作业，请复核' });
    expect(obj.statusCode, obj.body).toBe(200);
    // Filed Fri 2026-10-09 11:00 Shanghai: 15 working days (Sat 10-10 worked) end on Thu 10-29.
    expect(obj.json()).toMatchObject({ state: 'objected', objection: { dueAt: '2026-10-29T15:59:59.999Z' } });
    expect(await latestEvaluation(t.kernel.db, agreement())).toBeNull();
    expect(
      (await op.post(`/api/v1/evaluations/${id}/objection/decide`, { decision: 'upheld', reason: 'x' })).statusCode,
    ).toBe(403);
    const upheld = await authority.post(`/api/v1/evaluations/${id}/objection/decide`, {
      decision: 'upheld',
      reason: '自动指标口径有误，重新评分',
    });
    expect(upheld.statusCode, upheld.body).toBe(200);
    const { evaluation, successor } = upheld.json();
    expect(evaluation).toMatchObject({ state: 'superseded', objection: { decision: 'upheld' } });
    expect(successor).toMatchObject({
      state: 'scheduled',
      supersedesId: id,
      indicatorSetVersion: 'zhuhai:operator_quarterly:2026.1',
    });
    expect((await authority.get(`/api/v1/evaluations/${id}/sheet`)).json().scores.length).toBeGreaterThan(0); // kept
  });
});

describe('EVA-05/EVA-06: a lab’s annual evaluation is pass/fail, and obstruction fails it whatever the score', () => {
  it('a 12-month period; binary hard-fail at 0 → fail with the reason', async () => {
    const res = await schedule({
      subjectKind: 'lab_annual',
      subjectOrgId: oid('zh-collab'),
      agreementId: undefined,
      labId: 'lab-demo',
      period: { from: '2026-01-01', to: '2026-12-31' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    const scores = [
      { indicatorCode: 'lab_management', score: 95 },
      { indicatorCode: 'no_obstruction', score: 0 },
      { indicatorCode: 'lab_security', score: 95 },
      { indicatorCode: 'compliant_product', score: 100 },
      { indicatorCode: 'lab_outputs', score: 95 },
      { indicatorCode: 'lab_benefits', score: 95 },
    ];
    const e = (await evaluator.post(`/api/v1/evaluations/${id}/scores`, { scores })).json();
    expect(e).toMatchObject({ result: 'fail', hardFailReasons: ['no_obstruction'] });
    expect(Object.keys(e.dimensionScores).sort()).toEqual([
      'application_benefits',
      'data_security',
      'operations_management',
      'outputs',
    ]);
  });
});
