import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { resourceId } from '../../seed/catalog.js';
import { idCheckChar } from '../identity/codes.js';
import { runRegistrationClocks } from './usecases/registration.js';
import { getResourceForAuthorization } from './usecases/resources.js';
import { CLS_05_GRANT, REG_02 } from './rules.js';
import { existsSync } from 'node:fs';
import { multipart } from './test/factories.js';

const clock = new FixedClock(new Date('2026-03-02T02:00:00Z')); // Mon 10:00 Shanghai
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(async () => {
  await t?.close();
});

function personCsv(n: number) {
  const rows = ['姓名,证件号码,手机号码,所属区'];
  for (let i = 0; i < n; i++) {
    const body = `4404021985${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
    rows.push(
      `${['陈静', '王伟', '李娜', '张敏'][i % 4]},${body}${idCheckChar(body)},139${String(i).padStart(8, '0')},香洲区`,
    );
  }
  return rows.join('\n') + '\n';
}

const NEW = {
  nameZh: '个体诊所执业人员信息',
  summary: '诊所执业人员及联系方式',
  keywords: ['诊所'],
  domain: '卫生健康',
  dataType: 'structured',
  openMode: 'sandbox',
  format: 'csv',
  updateFrequency: 'monthly',
  shareClass: 'unconditional',
  openClass: 'not_open',
  fields: [
    { code: 'xm', nameZh: '姓名', valueType: 'string' },
    { code: 'zjhm', nameZh: '证件号码', valueType: 'string', identifierKind: 'id_number' },
    { code: 'sjhm', nameZh: '手机号码', valueType: 'string' },
    { code: 'ssq', nameZh: '所属区', valueType: 'code' },
  ],
};
const MATERIALS = ['application', 'resource_info', 'compliance_statement'].map((kind) => ({
  kind,
  fileRef: `${kind}.pdf`,
  sm3Hash: 'a'.repeat(64),
}));
const DECL = { noStateSecrets: true, lawfulAcquisition: true, noOwnershipDispute: true };

describe('catalog journey: upload → detection → classification → registration → publicity → registered', () => {
  let src: Client, id: string;
  it('a source unit creates a draft; another unit cannot see it (404)', async () => {
    src = await t.as('source.admin');
    const res = await src.post('/api/v1/resources', NEW);
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    const other = await t.as('health.admin');
    expect((await other.get(`/api/v1/resources/${id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/v1/resources/${id}/classify`, {})).statusCode).toBe(404);
  });

  it('DET-01/05: upload stores Parquet, reports quality, and leaves pending suggestions', async () => {
    const mp = multipart('people.csv', personCsv(1500));
    const res = await src.post(`/api/v1/resources/${id}/snapshots`, mp.body, mp.headers);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.rows).toBe(1500);
    const idCol = body.columns.find((c: any) => c.name === '证件号码');
    expect(idCol).toMatchObject({ nullRate: 0, formatViolations: 0 });
    expect(idCol.fieldId).not.toBe('unmatched');
    const d = (await src.get(`/api/v1/resources/${id}`)).json();
    const types = d.detections.map((x: any) => `${x.column}:${x.detector}:${x.status}`);
    expect(types).toEqual(
      expect.arrayContaining(['证件号码:id_number:pending', '手机号码:mobile:pending', '姓名:person_name:pending']),
    );
    expect(d.fields.find((f: any) => f.code === 'zjhm').classification.status).toBe('unclassified'); // never self-applied
    expect(d.fields.find((f: any) => f.code === 'zjhm').maskedExamples[0]).toMatch(/\*{6,}/);
    const r = await getResourceForAuthorization(t.kernel.db, id);
    expect(existsSync(r!.dataFile!)).toBe(true);
    expect(r!.rowCount).toBe(1500);
  });

  it('DET-05: classifying with pending suggestions is refused; rejecting needs a reason', async () => {
    const res = await src.post(`/api/v1/resources/${id}/classify`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.failures.map((f: any) => f.ruleId)).toContain('DET-05');
    const d = (await src.get(`/api/v1/resources/${id}`)).json();
    const name = d.detections.find((x: any) => x.detector === 'person_name');
    expect((await src.post(`/api/v1/detections/${name.id}/review`, { decision: 'reject' })).json().error.code).toBe(
      'REJECT_REASON_REQUIRED',
    );
  });

  it('accepts the suggestions, classifies the rest, and CLS-03 refuses a resource grade below its fields', async () => {
    const d = (await src.get(`/api/v1/resources/${id}`)).json();
    for (const x of d.detections.filter((x: any) => x.status === 'pending')) {
      expect((await src.post(`/api/v1/detections/${x.id}/review`, { decision: 'accept' })).statusCode).toBe(200);
    }
    const after = (await src.get(`/api/v1/resources/${id}`)).json();
    expect(after.fields.find((f: any) => f.code === 'zjhm').classification).toMatchObject({
      status: 'confirmed',
      personalInfo: true,
      sensitivePersonalInfo: true,
      sensitiveCategory: 'specific_identity',
    });
    const ssq = after.fields.find((f: any) => f.code === 'ssq');
    await src.post(`/api/v1/resources/${id}/fields/${ssq.id}/classification`, {
      category: '行政区划',
      grade: 'general',
      personalInfo: false,
      sensitivePersonalInfo: false,
    });
    const low = await src.post(`/api/v1/resources/${id}/classification`, {
      category: '卫生健康',
      grade: 'general',
      personalInfo: false,
      sensitivePersonalInfo: false,
    });
    expect(low.statusCode).toBe(422);
    expect(low.json().error.code).toBe('PI_FLAGS_BELOW_FIELDS');
    const ok = await src.post(`/api/v1/resources/${id}/classification`, {
      category: '卫生健康',
      grade: 'general',
      personalInfo: true,
      sensitivePersonalInfo: true,
    });
    expect(ok.statusCode).toBe(200);
    expect((await src.post(`/api/v1/resources/${id}/classify`, {})).json().state).toBe('classified');
  });

  it('REG-06: registering with missing materials is refused, listing them', async () => {
    const res = await src.post('/api/v1/registrations', {
      resourceId: id,
      materials: MATERIALS.slice(0, 1),
      declarations: DECL,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.failures).toEqual(
      expect.arrayContaining([expect.objectContaining({ ruleId: 'REG-06', code: 'MATERIALS_INCOMPLETE' })]),
    );
  });

  let regId: string;
  it('REG-02: the unregistered resource is not grantable by the exported check', async () => {
    const r = (await getResourceForAuthorization(t.kernel.db, id))!;
    expect(REG_02.check({ resources: [r] }, t.kernel.profile)).toMatchObject({
      ok: false,
      code: 'RESOURCE_NOT_REGISTERED',
    });
  });

  it('files the registration; the registry accepts, reviews and posts publicity; the public page shows it', async () => {
    const res = await src.post('/api/v1/registrations', { resourceId: id, materials: MATERIALS, declarations: DECL });
    expect(res.statusCode).toBe(201);
    regId = res.json().id;
    expect(res.json().state).toBe('submitted');
    const other = await t.as('transport.admin');
    expect((await other.get(`/api/v1/registrations/${regId}`)).statusCode).toBe(404);
    const reg = await t.as('authority.admin');
    expect((await src.post(`/api/v1/registrations/${regId}/accept`, {})).statusCode).toBe(403);
    for (const a of ['accept', 'start_review', 'post_publicity'])
      expect((await reg.post(`/api/v1/registrations/${regId}/${a}`, {})).statusCode).toBe(200);
    const pub = (await t.anonymous.get('/api/v1/public/registrations')).json();
    const item = pub.items.find((x: any) => x.id === regId);
    expect(item.summary.name).toBe('个体诊所执业人员信息');
    expect(JSON.stringify(item)).not.toMatch(/陈静|440402/); // REG-05: no samples or personal data
    expect(item.publicityEnd).toBe(new Date('2026-03-16T23:59:59.999+08:00').toISOString());
  });

  it('an objection holds publicity; dismissal resumes it; after the end the code is assigned and the resource is registered', async () => {
    const ob = await t.anonymous.post(`/api/v1/public/registrations/${regId}/objections`, {
      kind: 'registration_publicity',
      filerName: '珠海某律师事务所',
      filerMobile: '13800001111',
      description: '权属存疑',
    });
    expect(ob.statusCode).toBe(201);
    clock.set('2026-03-04T02:00:00Z');
    const reg = await t.as('authority.admin');
    expect((await reg.post(`/api/v1/objections/${ob.json().id}/accept`, {})).json().state).toBe('objection_hold');
    clock.set('2026-03-06T02:00:00Z');
    const reg2 = await t.as('authority.admin');
    expect((await reg2.post(`/api/v1/objections/${ob.json().id}/dismiss`, { reason: '权属清晰' })).json().state).toBe(
      'publicity',
    );
    const pub = (await t.anonymous.get(`/api/v1/public/registrations/${regId}`)).json();
    expect(pub.publicityEnd).toBe(new Date('2026-03-18T23:59:59.999+08:00').toISOString()); // 2 WD used, 8 left from 03-06
    clock.set('2026-03-19T01:00:00Z');
    expect(await runRegistrationClocks(t.kernel)).toBeGreaterThanOrEqual(1);
    const r = (await getResourceForAuthorization(t.kernel.db, id))!;
    expect(r.registered).toBe(true);
    expect(r.registrationCode).toMatch(/^ZYDJ-440400-2026-\d{6}$/);
    expect(REG_02.check({ resources: [r] }, t.kernel.profile).ok).toBe(true);
    const verify = (await t.anonymous.get(`/api/v1/public/registrations/${r.registrationCode}`)).json();
    expect(verify.state).toBe('registered');
  });
});

describe('demo seed contract for authorization and sandbox', () => {
  it('企业登记信息 is registered with a data file and the listed fields', async () => {
    const r = (await getResourceForAuthorization(t.kernel.db, resourceId('enterprise-registration')))!;
    expect(r.registered).toBe(true);
    expect(r.fields.map((f) => f.nameZh)).toEqual([
      '统一社会信用代码',
      '企业名称',
      '法定代表人',
      '注册资本',
      '成立日期',
      '登记机关',
      '所属区',
    ]);
    expect(existsSync(r.dataFile!)).toBe(true);
    expect(r.rowCount).toBe(3000);
  });
  it('CLS-05: the core resource is not grantable', async () => {
    const r = (await getResourceForAuthorization(t.kernel.db, resourceId('epidemic-surveillance')))!;
    expect(CLS_05_GRANT.check({ resources: [r] }, t.kernel.profile)).toMatchObject({
      ok: false,
      code: 'CORE_DATA_NOT_GRANTABLE',
    });
  });
  it('scenario 5: 医疗机构执业登记信息 is in_progress and not grantable', async () => {
    const r = (await getResourceForAuthorization(t.kernel.db, resourceId('medical-institutions')))!;
    expect(r.registered).toBe(false);
    expect(REG_02.check({ resources: [r] }, t.kernel.profile)).toMatchObject({
      ok: false,
      code: 'RESOURCE_NOT_REGISTERED',
    });
  });
});

describe('SHR-03 / CLS-05 requests and core registration', () => {
  it('an unconditional share request is approved in the receiving transaction', async () => {
    const c = await t.as('transport.admin');
    const rid = resourceId('admin-penalty');
    const d = (await c.get(`/api/v1/resources/${rid}`)).json();
    const res = await c.post('/api/v1/share-requests', {
      resourceId: rid,
      fieldIds: [d.fields[0].id],
      scenario: '信用监管',
      purpose: '运输企业信用核查',
      commitmentAccepted: true,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().state).toBe('approved');
  });
  it('a registration of core data is refused (REG-07, CORE_DATA_FORBIDDEN)', async () => {
    const c = await t.as('health.admin');
    const res = await c.post('/api/v1/registrations', {
      resourceId: resourceId('epidemic-surveillance'),
      materials: MATERIALS,
      declarations: DECL,
    });
    expect([409, 422]).toContain(res.statusCode); // every failed rule is reported; CAT-02 (no open mode) is 422
    expect(res.json().error.details.failures).toEqual(
      expect.arrayContaining([expect.objectContaining({ ruleId: 'REG-07', code: 'CORE_DATA_FORBIDDEN' })]),
    );
  });
});
