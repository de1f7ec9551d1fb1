import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FixedClock } from '../../kernel/clock.js';
import { jid } from '../../seed/identity.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import {
  activeAgreement,
  addedCatalogField,
  applicationBody,
  catalogResource,
  ENTERPRISE_FIELDS,
  justify,
} from './test/factories.js';

// AUTH-07 reads the catalog contract's REG-03 and CAT-04 facts (decision 0063): a field added after
// the registration (`GrantableField.registered = false`) and data shared in from another
// jurisdiction without its providing unit's recorded consent never enter an agreement or a request.
const clock = new FixedClock(new Date('2026-09-28T02:00:00Z'));
let t: TestApp;
let authority: Client, operator: Client, samr: Client;
let ent: string, agreementId: string;
const FIELDS = ENTERPRISE_FIELDS.filter((f) => f.grade !== 'core');

beforeAll(async () => {
  t = await startTestApp({ clock });
  ent = await catalogResource(t, clock, { name: '企业登记信息（登记测试）', owner: 'zh-samr', fields: FIELDS });
  // Logged in after the resource's registration, whose publicity period moved the clock (sessions idle out).
  [authority, operator, samr] = await Promise.all(
    ['authority.admin', 'operator.admin', 'source.admin'].map((u) => t.as(u)),
  );
  agreementId = await activeAgreement(
    authority,
    { 'zh-samr': samr },
    [{ resourceId: ent, fieldCodes: FIELDS.map((f) => f.code), owner: 'zh-samr' }],
    '2026-09-28',
  );
  // A field added to the registered resource after its registration (a consented `modify`): no change registration yet.
  await addedCatalogField(t, ent, 'zh-samr', { code: 'new_col', name: '新增字段', grade: 'general' });
}, 60_000);
afterAll(() => t?.close());

const failure = (res: { json(): any }) => res.json().error.details.failures?.[0];
const agreement = (resourceId: string, fieldCodes: string[]) =>
  authority.post('/api/v1/operation-agreements', {
    title: '登记事实测试',
    mode: 'whole_scope',
    jurisdictionId: jid('440400'),
    derivedRightsClause: '原始数据归数源单位',
    catalog: [{ resourceId, fieldCodes }],
  });
const applications = async () =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM scenario_application`.execute(t.kernel.db)).rows[0]!.n;

describe('AUTH-07 / REG-03: a field added after the registration is not grantable', () => {
  it('refuses it in an agreement catalog with FIELD_NOT_REGISTERED', async () => {
    const r = await agreement(ent, ['uscc', 'new_col']);
    expect(r.statusCode).toBe(409);
    expect(failure(r)).toMatchObject({ ruleId: 'AUTH-07', code: 'FIELD_NOT_REGISTERED' });
    expect(r.json().error.message_zh).toContain('new_col');
    expect((await agreement(ent, ['uscc'])).statusCode).toBe(201);
  });
  it('refuses a demand item on it with FIELD_NOT_REGISTERED and saves nothing; the wizard shows why', async () => {
    const before = await applications();
    const r = await operator.post(
      '/api/v1/scenario-applications',
      applicationBody(agreementId, [{ resourceId: ent, fieldCode: 'new_col', justification: justify }]),
    );
    expect(r.statusCode).toBe(409);
    expect(failure(r)).toMatchObject({ ruleId: 'AUTH-07', code: 'FIELD_NOT_REGISTERED' });
    expect(await applications()).toBe(before);
    const wizard = (await operator.get(`/api/v1/operation-agreements/${agreementId}/catalog`)).json();
    const field = wizard.resources[0].fields.find((f: { code: string }) => f.code === 'new_col');
    expect(field).toMatchObject({ selectable: false, blockedReason: 'FIELD_NOT_REGISTERED' });
  });
  it('lets it through once a change registration covers it', async () => {
    await sql`UPDATE data_field SET registered_version = 2 WHERE resource_id = ${ent} AND code = 'new_col'`.execute(
      t.kernel.db,
    );
    const r = await operator.post(
      '/api/v1/scenario-applications',
      applicationBody(agreementId, [{ resourceId: ent, fieldCode: 'new_col', justification: justify }]),
    );
    expect(r.statusCode, r.body).toBe(201);
  });
});

describe('AUTH-07 / CAT-04: data shared in from another jurisdiction', () => {
  it('refuses it in an agreement catalog until its providing unit recorded consent (SHARED_IN_CONSENT_MISSING)', async () => {
    const fields = [{ code: 'uscc', name: '统一社会信用代码', grade: 'general' as const }];
    // 深圳市罗湖区政务服务和数据管理局 (440303) provides a 珠海 (440400) resource: shared in.
    const without = await catalogResource(t, clock, {
      name: '深圳共享企业信息',
      owner: 'zh-samr',
      fields,
      providingUnit: 'lh-authority',
      providerConsent: false,
    });
    const withConsent = await catalogResource(t, clock, {
      name: '深圳共享企业信息（已同意）',
      owner: 'zh-samr',
      fields,
      providingUnit: 'lh-authority',
      providerConsent: true,
    });
    authority = await t.as('authority.admin'); // the builds' publicity periods idled out the old session
    const r = await agreement(without, ['uscc']);
    expect(r.statusCode).toBe(409);
    expect(failure(r)).toMatchObject({ ruleId: 'AUTH-07', code: 'SHARED_IN_CONSENT_MISSING' });
    expect(r.json().error.message_zh).toContain('深圳共享企业信息');
    expect((await agreement(withConsent, ['uscc'])).statusCode).toBe(201);
  });
  it('a providing unit of the same jurisdiction is not "shared in"', async () => {
    const local = await catalogResource(t, clock, {
      name: '本地提供企业信息',
      owner: 'zh-samr',
      fields: [{ code: 'uscc', name: '统一社会信用代码', grade: 'general' }],
      providingUnit: 'zh-transport',
    });
    authority = await t.as('authority.admin');
    expect((await agreement(local, ['uscc'])).statusCode).toBe(201);
  });
});
