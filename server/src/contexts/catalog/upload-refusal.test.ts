import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { multipart } from './test/factories.js';
import { resourceId } from '../../seed/catalog.js';

/**
 * Issue 14 blocking items "Uploads that are not tables count as success" and "Data-quality figures are impossible";
 * and "Reviews decide without showing" (the authority returns a classified resource with a reason).
 */
const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(async () => {
  await t?.close();
});

const NEW = {
  nameZh: '企业登记信息（测试）',
  summary: '企业名称与统一社会信用代码',
  keywords: ['企业'],
  domain: '市场监管',
  dataType: 'structured',
  openMode: 'sandbox',
  format: 'csv',
  updateFrequency: 'monthly',
  shareClass: 'unconditional',
  openClass: 'not_open',
  fields: [
    { code: 'qymc', nameZh: '企业名称', valueType: 'string' },
    { code: 'qylx', nameZh: '企业类型', valueType: 'code' },
  ],
};

describe('upload refusal and exact distinct counts (issue 14)', () => {
  let src: Client, id: string;
  const volume = async () => (await src.get(`/api/v1/resources/${id}`)).json();

  beforeAll(async () => {
    src = await t.as('source.admin');
    const res = await src.post('/api/v1/resources', NEW);
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    const ok = multipart(
      'base.csv',
      ['企业名称,企业类型', '甲公司,有限责任公司', '乙公司,股份有限公司'].join('\n') + '\n',
    );
    expect((await src.post(`/api/v1/resources/${id}/snapshots`, ok.body, ok.headers)).statusCode).toBe(201);
  });

  it('a text file, an empty CSV, a header-only CSV and a fake .xlsx are refused with a clear message and change nothing', async () => {
    const before = await volume();
    expect(before.volume.records).toBe(2);
    const cases: [string, string, string][] = [
      ['notes.txt', '这是一份会议纪要，不是表格。\n第二行说明文字。\n第三行，还是说明。\n', 'UPLOAD_NOT_A_TABLE'],
      ['empty.csv', '', 'UPLOAD_EMPTY'],
      ['header-only.csv', '企业名称,企业类型\n', 'UPLOAD_EMPTY'],
      ['fake.xlsx', 'this is not a spreadsheet', 'UPLOAD_NOT_A_TABLE'],
    ];
    for (const [name, content, code] of cases) {
      const mp = multipart(name, content);
      const res = await src.post(`/api/v1/resources/${id}/snapshots`, mp.body, mp.headers);
      expect(res.statusCode, name).toBe(422);
      const err = res.json().error;
      expect(err.code, name).toBe(code);
      expect(err.message_zh, name).toMatch(/未作任何更改/);
      expect(err.message_zh, name).not.toMatch(/expected|error|zip|central directory|sniff/i); // no library text in the Chinese message
    }
    const after = await volume();
    expect(after.volume).toEqual(before.volume);
    expect(after.snapshots.length).toBe(before.snapshots.length);
  });

  it('distinct counts are exact and never exceed the rows', async () => {
    const rows = ['企业名称,企业类型'];
    for (let i = 0; i < 3000; i++)
      rows.push(`珠海市第${i % 500}号商贸有限公司,${['有限责任公司', '股份有限公司', '个人独资企业'][i % 3]}`);
    const mp = multipart('companies.csv', rows.join('\n') + '\n');
    const res = await src.post(`/api/v1/resources/${id}/snapshots`, mp.body, mp.headers);
    expect(res.statusCode).toBe(201);
    const name = res.json().columns.find((c: { name: string }) => c.name === '企业名称');
    expect(name).toMatchObject({ distinctCount: 500, distinctApprox: false });
    const unique = ['企业名称,企业类型'];
    for (let i = 0; i < 3000; i++) unique.push(`珠海市唯一企业${i}有限公司,有限责任公司`);
    const mp2 = multipart('unique.csv', unique.join('\n') + '\n');
    const res2 = await src.post(`/api/v1/resources/${id}/snapshots`, mp2.body, mp2.headers);
    const col = res2.json().columns.find((c: { name: string }) => c.name === '企业名称');
    expect(col.distinctCount).toBe(3000);
    expect((await volume()).volume.records).toBe(3000);
  });

  it('a classified resource is returned by the authority with a reason (never without one)', async () => {
    const so = await t.as('source.admin');
    const d = await volume();
    for (const det of d.detections.filter((x: { status: string }) => x.status === 'pending'))
      await so.post(`/api/v1/detections/${det.id}/review`, { decision: 'accept' });
    const fresh = await volume();
    for (const f of fresh.fields) {
      if (f.classification.status !== 'confirmed') {
        await so.post(`/api/v1/resources/${id}/fields/${f.id}/classification`, {
          category: `市场监管/${f.nameZh}`,
          grade: 'general',
          personalInfo: false,
          sensitivePersonalInfo: false,
        });
      }
    }
    await so.post(`/api/v1/resources/${id}/classification`, {
      category: '市场监管',
      grade: 'general',
      personalInfo: false,
      sensitivePersonalInfo: false,
    });
    expect((await so.post(`/api/v1/resources/${id}/classify`, {})).statusCode).toBe(200);
    const auth = await t.as('authority.admin');
    const detail = (await auth.get(`/api/v1/resources/${id}`)).json();
    expect(detail.abilities.returnForRevision).toBe(true);
    const none = await auth.post(`/api/v1/resources/${id}/return`, {});
    expect(none.statusCode).toBe(422);
    expect(none.json().error.code).toBe('REASON_REQUIRED');
    const ok = await auth.post(`/api/v1/resources/${id}/return`, { reason: '摘要未说明数据来源，请补充后重新提交' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().state).toBe('draft');
  });

  it('a too-long value is named in words, not zod internals', async () => {
    const res = await src.post('/api/v1/resources', { ...NEW, summary: '长'.repeat(1001) });
    expect(res.statusCode).toBe(400);
    const issue = res.json().error.details.issues[0];
    expect(issue.path).toMatch(/summary/);
    expect(issue.message_zh).toBe('最多 1000 个字符，请删减');
  });

  it('the registry reads the frozen dossier and materials; a return needs a reason, is recorded and shown to the registrant, who may resubmit', async () => {
    const registry = await t.as('authority.admin');
    const rid = resourceId('medical-institutions');
    const list = (await registry.get('/api/v1/registrations?state=submitted')).json();
    const g = list.items.find((x: { resourceId: string }) => x.resourceId === rid);
    expect(g).toBeTruthy();
    const d = (await registry.get(`/api/v1/registrations/${g.id}`)).json();
    expect(d.abilities).toMatchObject({ accept: true, notAccept: true, return: true, reject: false });
    expect(d.materials.map((m: { kind: string }) => m.kind)).toEqual(
      expect.arrayContaining(['application', 'resource_info', 'compliance_statement']),
    );
    expect(d.dossier.resource.nameZh).toBe('医疗机构执业登记信息');
    expect(d.dossier.fields.length).toBeGreaterThan(0);
    expect(d.dossier.fields[0]).toHaveProperty('grade');
    expect(d.dossier.fields[0]).not.toHaveProperty('maskedExamples');
    expect((await registry.post(`/api/v1/registrations/${g.id}/return`, {})).json().error.code).toBe('REASON_REQUIRED');
    const ok = await registry.post(`/api/v1/registrations/${g.id}/return`, {
      reason: '合规承诺书未盖章',
      deficiencies: ['合规承诺书加盖公章'],
    });
    expect(ok.statusCode).toBe(200);
    const health = await t.as('health.admin');
    const r = (await health.get(`/api/v1/resources/${rid}`)).json();
    expect(r.registrations[0]).toMatchObject({
      state: 'returned',
      decision: { result: 'return', reasons: '合规承诺书未盖章' },
      deficiencies: ['合规承诺书加盖公章'],
      abilities: { resubmit: true },
    });
  });

  it('registration materials are uploaded files kept with their SM3; a filing with a wrong digest is refused', async () => {
    const pdf = multipart('申请表.pdf', '%PDF-1.4\n% test\n%%EOF\n');
    const up = await src.post('/api/v1/registration-materials', pdf.body, pdf.headers);
    expect(up.statusCode).toBe(201);
    const m = up.json();
    expect(m.fileRef).toMatch(/^materials\/[0-9a-f-]{36}\.pdf$/);
    expect(m.sm3Hash).toMatch(/^[0-9a-f]{64}$/);
    const txt = multipart('notes.txt', 'hello');
    expect((await src.post('/api/v1/registration-materials', txt.body, txt.headers)).json().error.code).toBe(
      'MATERIAL_FORMAT_UNSUPPORTED',
    );
    const bad = await src.post('/api/v1/registrations', {
      resourceId: id,
      materials: [{ kind: 'application', fileRef: m.fileRef, sm3Hash: 'f'.repeat(64) }],
      declarations: { noStateSecrets: true, lawfulAcquisition: true, noOwnershipDispute: true },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('MATERIAL_UNVERIFIED');
  });
});
