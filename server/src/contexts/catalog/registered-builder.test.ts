import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { oid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { addedField, classifiedField, registeredResource } from './test/factories.js';
import { getResourceForAuthorization } from './usecases/resources.js';

// Issue 13: the catalog's builder of a registered, graded resource goes through its use cases only,
// so other contexts' tests (authorization) need no INSERT into data_resource / data_field.
let t: TestApp;
const clock = new FixedClock(new Date('2026-03-02T02:00:00Z')); // Mon 10:00 Shanghai
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(async () => {
  await t?.close();
});

describe('registeredResource (catalog test builder)', () => {
  it('REG-02/REG-05: builds a published, registered resource whose fields carry their grades and PI flags', async () => {
    const id = await registeredResource(t, clock, {
      resource: { nameZh: '企业登记信息（构建器）' },
      fields: [
        { code: 'uscc', nameZh: '统一社会信用代码', grade: 'general' },
        { code: 'legal_rep', nameZh: '法定代表人', personalInfo: true, directIdentifier: true },
        { code: 'reg_capital', nameZh: '注册资本', grade: 'important' },
      ],
    });
    const r = (await getResourceForAuthorization(t.kernel.db, id))!;
    expect(r).toMatchObject({
      nameZh: '企业登记信息（构建器）',
      state: 'published',
      registered: true,
      grade: 'important',
    });
    expect(r.sourceUnitOrgId).toBe(oid('zh-samr'));
    expect(r.registrationCode).toMatch(/^ZYDJ-440400-2026-\d{6}$/);
    expect(r.fields.map((f) => [f.code, f.grade, f.personalInfo, f.directIdentifier, f.registered])).toEqual([
      ['uscc', 'general', false, false, true],
      ['legal_rep', 'general', true, true, true],
      ['reg_capital', 'important', false, false, true],
    ]);
  });

  it('CAT-04: a resource shared in from another jurisdiction, with the providing unit’s consent', async () => {
    const id = await registeredResource(t, clock, {
      providingUnit: { orgId: oid('lh-authority'), consentBy: 'luohu.reviewer' },
    });
    expect(await getResourceForAuthorization(t.kernel.db, id)).toMatchObject({
      state: 'published',
      registered: true,
      sharedFromOtherRegion: true,
      providerConsentRecorded: true,
    });
  });

  it('REG-03: a field added after registration is unregistered; CLS-08: a field raised to core after it', async () => {
    const id = await registeredResource(t, clock, { resource: { nameZh: '企业登记信息（变更构建器）' } });
    await addedField(t, id, { code: 'new_col', nameZh: '新增字段', grade: 'general' });
    await classifiedField(t, id, { code: 'ssq', nameZh: '所属区', grade: 'core' });
    const r = (await getResourceForAuthorization(t.kernel.db, id))!;
    expect(r.fields.map((f) => [f.code, f.grade, f.registered])).toEqual([
      ['qymc', 'general', true],
      ['ssq', 'core', true],
      ['new_col', 'general', false],
    ]);
    expect(r.grade).toBe('core');
  });
});
