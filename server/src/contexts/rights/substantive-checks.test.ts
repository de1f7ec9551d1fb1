import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { actors, applyAndSubmit, ok, ORG, SM3_A, type Actors } from './test/factories.js';

// RA-06 through the API: in `dali` the evaluator's passing report confirms the seven substantive checks.
let t: TestApp;
let a: Actors;
const CHECKS = [
  'identity',
  'asset_info',
  'lawful_acquisition',
  'rights_relation',
  'no_dispute',
  'no_prohibited_content',
  'lawful_use_limits',
];

beforeAll(async () => {
  t = await startTestApp();
  a = await actors(t);
}, 120_000);
afterAll(() => t?.close());

describe('RA-06 Dali substantive checks', () => {
  it('refuses a passing report missing a check (SUBSTANTIVE_CHECKS_INCOMPLETE), then takes all seven', async () => {
    const id = await applyAndSubmit(a, {
      profile: 'dali',
      rightType: 'resource_holding',
      subjectKind: 'data_resource',
    });
    const url = `/api/v1/rights-registrations/${id}`;
    await ok(a.registry.post(`${url}/accept`, {}));
    await ok(a.registry.post(`${url}/formal-review`, {}));
    await ok(a.registry.post(`${url}/commission`, { evaluatorOrgId: ORG.evaluator }));
    const report = { passed: true, summary: '大理八项核查', reportSm3: SM3_A };
    const short = await a.evaluator.post(`${url}/report`, { ...report, checks: CHECKS.slice(1) });
    expect(short.statusCode).toBe(422);
    expect(short.json().error).toMatchObject({
      code: 'SUBSTANTIVE_CHECKS_INCOMPLETE',
      details: { missing: 'identity' },
    });
    expect((await ok(a.applicant.get(url))).reviewReport).toBeNull();
    await ok(a.evaluator.post(`${url}/report`, { ...report, checks: CHECKS }));
    expect((await ok(a.applicant.get(url))).reviewReport).toMatchObject({ passed: true });
  });
});
