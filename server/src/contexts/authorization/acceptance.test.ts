import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { jid } from '../../seed/identity.js';
import { resourceId } from '../../seed/catalog.js';
import { DEMO_AGREEMENT_ID } from '../../seed/authorization.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { applicationBody, justify } from './test/fixtures.js';

// authorization.md acceptance scenarios through the HTTP API, on the demo data (issue 12).
let t: TestApp;
beforeAll(async () => { t = await startTestApp(); }, 60_000);
afterAll(() => t?.close());

const count = async (table: string) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.kernel.db)).rows[0]!.n;

describe('AUTH-14 scenario 5: core data is refused as CORE_DATA_NOT_GRANTABLE, never as RESOURCE_NOT_REGISTERED', () => {
  // 传染病疫情监测原始数据 is graded core and, being core, was never registered: the grade must be what the user hears.
  const core = resourceId('epidemic-surveillance');

  it('a demand item on a field of the core resource: 409 CORE_DATA_NOT_GRANTABLE (AUTH-14 first) and nothing saved', async () => {
    const operator = await t.as('operator.admin');
    const before = await count('scenario_application');
    const r = await operator.post('/api/v1/scenario-applications', applicationBody(DEMO_AGREEMENT_ID, [{ resourceId: core, fieldCode: 'bgkh', justification: justify }], { servicePeriod: { from: '2026-10-01', to: '2026-12-31' }, usageTimeLimit: '2026-12-31' }));
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().error.code).toBe('CORE_DATA_NOT_GRANTABLE');
    expect(r.json().error.details.failures[0]).toMatchObject({ ruleId: 'AUTH-14', code: 'CORE_DATA_NOT_GRANTABLE' });
    expect(r.json().error.details.failures.map((f: { code: string }) => f.code)).not.toContain('RESOURCE_NOT_REGISTERED');
    expect(r.json().error.message_zh).toContain('报告卡号');
    expect(await count('scenario_application')).toBe(before);
  });

  it('the core resource in an agreement catalog: 409 CORE_DATA_NOT_GRANTABLE and no agreement saved', async () => {
    const authority = await t.as('authority.admin');
    const before = await count('operation_agreement');
    const r = await authority.post('/api/v1/operation-agreements', {
      title: '含核心数据的协议（测试）', mode: 'whole_scope', jurisdictionId: jid('440400'), derivedRightsClause: '原始数据归数源单位',
      catalog: [{ resourceId: core, fieldCodes: ['bgkh', 'yqxx'] }],
    });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().error.details.failures[0]).toMatchObject({ ruleId: 'AUTH-14', code: 'CORE_DATA_NOT_GRANTABLE' });
    expect(await count('operation_agreement')).toBe(before);
  });
});
