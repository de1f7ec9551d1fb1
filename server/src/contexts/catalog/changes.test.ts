import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { resourceId } from '../../seed/catalog.js';
import { multipart } from './test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('CAT-03 source-unit consent for the authorized catalog (scenario 1)', () => {
  it('an operator proposal waits for consent; nothing changes until the unit consents and the authority applies', async () => {
    const op = await t.as('operator.admin');
    const rid = resourceId('bus-card');
    const res = await op.post('/api/v1/change-requests', { type: 'add', resourceId: rid, reason: '公交客流分析场景' });
    expect(res.statusCode).toBe(201);
    expect(res.json().state).toBe('pending_consent');
    const before = (await op.get(`/api/v1/resources/${rid}`)).json();
    expect(before.catalogTypes).not.toContain('authorized_operation');
    const auth = await t.as('authority.admin');
    expect((await auth.post(`/api/v1/change-requests/${res.json().id}/apply`, {})).statusCode).toBe(409); // not consented yet
    const unit = await t.as('transport.admin');
    expect((await unit.post(`/api/v1/change-requests/${res.json().id}/consent`, {})).json().state).toBe('consented');
    expect((await auth.post(`/api/v1/change-requests/${res.json().id}/apply`, {})).json().state).toBe('applied');
    const after = (await op.get(`/api/v1/resources/${rid}`)).json();
    expect(after.catalogTypes).toContain('authorized_operation');
    expect(after.version).toBe(before.version + 1);
  });
  it('a refusal needs a reason', async () => {
    const op = await t.as('operator.admin');
    const res = await op.post('/api/v1/change-requests', { type: 'add', resourceId: resourceId('port-throughput') });
    const unit = await t.as('transport.admin');
    expect((await unit.post(`/api/v1/change-requests/${res.json().id}/refuse`, {})).json().error.code).toBe(
      'REASON_REQUIRED',
    );
  });
});

describe('CLS-05 core data refused from the authorized catalog (scenario 4)', () => {
  it('answers 409 CORE_DATA_FORBIDDEN', async () => {
    const op = await t.as('operator.admin');
    const res = await op.post('/api/v1/change-requests', {
      type: 'add',
      resourceId: resourceId('epidemic-surveillance'),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CORE_DATA_FORBIDDEN');
  });
});

describe('publish (authority reviewer) and suspend', () => {
  it('CLS-01 passes for a classified resource; the authority publishes; the source unit may not', async () => {
    const rid = resourceId('trademark-pledge');
    const unit = await t.as('source.admin');
    expect((await unit.post(`/api/v1/resources/${rid}/publish`, {})).statusCode).toBe(403);
    const auth = await t.as('authority.admin');
    const res = await auth.post(`/api/v1/resources/${rid}/publish`, {});
    expect(res.json().state).toBe('published');
    const d = (await auth.get(`/api/v1/resources/${rid}`)).json();
    expect(d.catalogTypes).toEqual(expect.arrayContaining(['shared', 'open']));
    expect(d.history.map((e: any) => e.eventType)).toContain('resource.publish');
    expect((await unit.post(`/api/v1/resources/${rid}/suspend`, {})).json().error.code).toBe('REASON_REQUIRED');
  });
});

async function workbook(rows: number, bad?: { row: number; value: string }) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据资源');
  ws.addRow([
    '数据资源名称',
    '摘要',
    '标签',
    '领域',
    '数据类型',
    '开放方式',
    '格式',
    '更新频率',
    '共享属性',
    '共享条件',
    '共享依据',
    '开放属性',
    '开放条件',
    '开放依据',
  ]);
  for (let i = 0; i < rows; i++)
    ws.addRow([
      `导入资源${i + 1}`,
      '导入测试',
      '测试',
      '市场监管',
      '结构化',
      '文件',
      'CSV',
      '每月',
      '无条件共享',
      '',
      '',
      ws.rowCount + 1 === bad?.row ? bad.value : '不予开放',
      '',
      '',
    ]);
  const fs = wb.addWorksheet('数据项');
  fs.addRow(['数据资源名称', '数据项编码', '数据项名称', '数据项类型', '长度', '标准标识', '描述']);
  for (let i = 0; i < rows; i++) fs.addRow([`导入资源${i + 1}`, 'mc', '名称', '字符串', 50, '', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function xlsxPart(buf: Buffer) {
  const boundary = '----x' + Date.now();
  return {
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="c.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      buf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('CAT-08 Excel import all-or-nothing (scenario 12)', () => {
  it('120 rows with row 57 开放属性 = 部分开放: nothing is created, the error names 数据资源!57 ENUM_INVALID', async () => {
    const c = await t.as('source.admin');
    const before = (await c.get('/api/v1/resources?q=导入资源')).json().total;
    const mp = xlsxPart(await workbook(120, { row: 57, value: '部分开放' }));
    const res = await c.post('/api/v1/catalog/import', mp.body, mp.headers);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.errors).toEqual([
      { sheet: '数据资源', row: 57, column: '开放属性', code: 'ENUM_INVALID' },
    ]);
    expect(res.json().error.details.errorWorkbook).toBeTruthy();
    expect((await c.get('/api/v1/resources?q=导入资源')).json().total).toBe(before);
  });
  it('validRowsOnly imports the valid rows as drafts and reports the rest', async () => {
    const c = await t.as('source.admin');
    const mp = xlsxPart(await workbook(5, { row: 3, value: '部分开放' }));
    const res = await c.post('/api/v1/catalog/import?validRowsOnly=true', mp.body, mp.headers);
    expect(res.statusCode).toBe(200);
    expect(res.json().created).toBe(4);
    expect(res.json().errors).toHaveLength(1);
  });
  it('export escapes formula-like cells', async () => {
    const { escapeCell } = await import('./usecases/excel.js');
    expect(escapeCell('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    const c = await t.as('source.admin');
    const res = await c.get('/api/v1/catalog/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('upload refuses what it cannot read', () => {
  it('unsupported format → 422 UPLOAD_FORMAT_UNSUPPORTED; another unit → 404', async () => {
    const c = await t.as('source.admin');
    const rid = resourceId('special-equipment');
    const mp = multipart('x.exe', 'MZ');
    expect((await c.post(`/api/v1/resources/${rid}/snapshots`, mp.body, mp.headers)).json().error.code).toBe(
      'UPLOAD_FORMAT_UNSUPPORTED',
    );
    const other = await t.as('transport.admin');
    const mp2 = multipart('x.csv', 'a,b\n1,2\n');
    expect((await other.post(`/api/v1/resources/${rid}/snapshots`, mp2.body, mp2.headers)).statusCode).toBe(404);
  });

  it('refuses another unit’s upload to a published resource before storing anything', async () => {
    const { readdirSync, existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const tmp = join(t.kernel.dataDir, 'controlled', 'tmp');
    const before = existsSync(tmp) ? readdirSync(tmp).length : 0;
    const other = await t.as('transport.admin');
    const rid = resourceId('enterprise-registration');
    const mp = multipart('x.csv', 'a,b\n1,2\n');
    const r = await other.post(`/api/v1/resources/${rid}/snapshots`, mp.body, mp.headers);
    expect(r.statusCode).toBe(404); // the kernel policy sees no relationship to the resource
    expect(existsSync(tmp) ? readdirSync(tmp).length : 0).toBe(before);
  });
});
