import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import { oid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { CRD_01 } from './rules.js';

describe('CRD-01: a credit file per organization exists only where the profile enables credit', () => {
  it('CRD-01 passes with credit.enabled and fails with CREDIT_DISABLED when the profile disables it', () => {
    expect(CRD_01.check({}, loadProfile('zhuhai')).ok).toBe(true);
    const off = CRD_01.check({}, loadProfile('zhuhai', { 'credit.enabled': false }));
    expect(off.ok).toBe(false);
    expect(off.ok ? '' : off.code).toBe('CREDIT_DISABLED');
  });
});

describe('CRD-01 through the API: recording a credit record is refused while the profile disables credit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(() => t?.close());

  const record = {
    subjectUscc: '91440400MA5D11223W',
    subjectOrgId: oid('zh-operator'),
    kind: 'bad_faith',
    area: 'security',
    facts: '未按期报送安全报告',
    jointPunishment: false,
  };

  it('CRD-01 an enabled profile records (201); disabled → 409 CREDIT_DISABLED and nothing is written', async () => {
    const authority = await t.as('authority.admin');
    expect((await authority.post('/api/v1/credit-records', record)).statusCode).toBe(201);
    const admin = await t.as('platform.admin');
    const off = await admin.post('/api/v1/profile/overrides', {
      key: 'credit.enabled',
      value: false,
      reason: '本地区不设信用档案',
    });
    expect(off.statusCode, off.body).toBe(201);
    const count = async () =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM supervision_credit_record`.execute(t.kernel.db)).rows[0]!
        .n;
    const before = await count();
    const refused = await authority.post('/api/v1/credit-records', { ...record, facts: '另一条' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CREDIT_DISABLED');
    expect(await count()).toBe(before);
  });
});
