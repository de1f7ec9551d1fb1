import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { resourceId } from '../../seed/catalog.js';
import { REG_03 } from './rules.js';
import { getResourceForAuthorization } from './usecases/resources.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const PHONE = { code: 'xmsszt_lxdh', nameZh: '项目实施主体联系电话', valueType: 'string' };

describe('catalog scenario 1: a consented modify adds the field (CAT-03, REG-03)', () => {
  const rid = resourceId('bus-card');
  let changeId: string;

  it('puts the resource in the authorized catalog first (add, consented, applied)', async () => {
    const op = await t.as('operator.admin');
    const add = (await op.post('/api/v1/change-requests', { type: 'add', resourceId: rid })).json();
    expect(
      (await (await t.as('transport.admin')).post(`/api/v1/change-requests/${add.id}/consent`, {})).statusCode,
    ).toBe(200);
    expect(
      (await (await t.as('authority.admin')).post(`/api/v1/change-requests/${add.id}/apply`, {})).json().state,
    ).toBe('applied');
  });

  it('the authority proposes the field: pending_consent and nothing changes yet', async () => {
    const auth = await t.as('authority.admin');
    const before = (await auth.get(`/api/v1/resources/${rid}`)).json();
    const res = await auth.post('/api/v1/change-requests', {
      type: 'modify',
      resourceId: rid,
      diff: [{ op: 'add', path: '/fields/-', value: PHONE }],
      reason: '补充联系方式',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().state).toBe('pending_consent');
    changeId = res.json().id;
    expect((await auth.post(`/api/v1/change-requests/${changeId}/apply`, {})).statusCode).toBe(409);
    const still = (await auth.get(`/api/v1/resources/${rid}`)).json();
    expect(still.version).toBe(before.version);
    expect(still.fields.map((f: any) => f.nameZh)).not.toContain(PHONE.nameZh);
  });

  it('after consent and application the version is +1 and the field is there, unclassified and unregistered', async () => {
    const auth = await t.as('authority.admin');
    const before = (await auth.get(`/api/v1/resources/${rid}`)).json();
    expect(
      (await (await t.as('transport.admin')).post(`/api/v1/change-requests/${changeId}/consent`, {})).json().state,
    ).toBe('consented');
    expect((await auth.post(`/api/v1/change-requests/${changeId}/apply`, {})).json().state).toBe('applied');
    const after = (await auth.get(`/api/v1/resources/${rid}`)).json();
    expect(after.version).toBe(before.version + 1);
    const f = after.fields.find((x: any) => x.nameZh === PHONE.nameZh);
    expect(f).toMatchObject({ code: PHONE.code, registered: false, classification: { status: 'unclassified' } });
    expect(after.catalogTypes).toContain('authorized_operation');
  });

  it('REG-03: the new field is not grantable until a change registration; the source unit has the filing task', async () => {
    const r = (await getResourceForAuthorization(t.kernel.db, rid))!;
    expect(REG_03.check({ resources: [r], fieldCodes: [PHONE.code] }, t.kernel.profile)).toMatchObject({
      ok: false,
      code: 'FIELD_NOT_REGISTERED',
    });
    expect(REG_03.check({ resources: [r], fieldCodes: ['xl'] }, t.kernel.profile).ok).toBe(true); // registered fields stay grantable
    const tasks = (await (await t.as('transport.admin')).get('/api/v1/catalog-tasks?kind=change_filing')).json().items;
    expect(tasks).toEqual([expect.objectContaining({ ruleId: 'REG-03', resourceId: rid, state: 'open' })]);
    expect(tasks[0].details.changed).toEqual(['fields']);
    // Another unit sees none of it.
    expect((await (await t.as('health.admin')).get('/api/v1/catalog-tasks')).json().items).toEqual([]);
  });

  it('a patch that cannot be applied is refused when proposed (422 CHANGE_DIFF_INVALID), nothing saved', async () => {
    const auth = await t.as('authority.admin');
    for (const diff of [
      [],
      [{ op: 'add', path: '/fields/-', value: { code: 'x' } }],
      [{ op: 'replace', path: '/sourceUnitId', value: 'x' }],
      [{ op: 'add', path: '/fields/-', value: PHONE }],
    ]) {
      const res = await auth.post('/api/v1/change-requests', { type: 'modify', resourceId: rid, diff });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('CHANGE_DIFF_INVALID');
    }
  });
});

describe('REG-03: classifying the new field and filing the change registration answers the filing task', () => {
  const rid = resourceId('bus-card');
  const MATERIALS = ['application', 'resource_info', 'compliance_statement'].map((kind) => ({
    kind,
    fileRef: `${kind}.pdf`,
    sm3Hash: 'c'.repeat(64),
  }));
  it('the security officer classifies the new field on the published resource; the change registration closes the task', async () => {
    const u = await t.as('transport.admin');
    const f = (await u.get(`/api/v1/resources/${rid}`)).json().fields.find((x: any) => x.code === PHONE.code);
    expect(
      (
        await u.post(`/api/v1/resources/${rid}/fields/${f.id}/classification`, {
          category: '交通运输/联系方式',
          grade: 'general',
          personalInfo: true,
          sensitivePersonalInfo: false,
        })
      ).statusCode,
    ).toBe(200);
    const res = await u.post('/api/v1/registrations', {
      resourceId: rid,
      type: 'change',
      materials: MATERIALS,
      declarations: { noStateSecrets: true, lawfulAcquisition: true, noOwnershipDispute: true },
    });
    expect(res.statusCode).toBe(201);
    const tasks = (await u.get('/api/v1/catalog-tasks?kind=change_filing')).json().items;
    expect(tasks.map((x: any) => x.state)).toEqual(['done']);
  });
});
