import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { demoId } from '../../seed/ids.js';
import { startTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const text = async (body: Buffer) =>
  (await (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');

describe('Word exports (issue 05)', () => {
  it('exports the approved application as 授权使用申请表 with its per-field decisions and SM3 fingerprint', async () => {
    const c = await t.as('authority.admin');
    const r = await c.get(`/api/v1/scenario-applications/${demoId('scenario:verify')}/export.docx`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    const s = await text(r.rawPayload);
    expect(s).toContain('公共数据资源授权使用申请表');
    expect(s).toContain('统一社会信用代码');
    expect(s).toContain(String(r.headers['x-sm3']));
  });
  it('refuses to export an application that is not approved, and hides it from other tenants', async () => {
    const c = await t.as('authority.admin');
    expect((await c.get(`/api/v1/scenario-applications/${demoId('scenario:pending')}/export.docx`)).statusCode).toBe(
      409,
    );
    const luohu = await t.as('luohu.reviewer');
    expect((await luohu.get(`/api/v1/scenario-applications/${demoId('scenario:verify')}/export.docx`)).statusCode).toBe(
      404,
    );
  });
  it('exports the operation agreement draft with its catalog and the nine termination cases', async () => {
    const c = await t.as('operator.admin');
    const r = await c.get(`/api/v1/operation-agreements/${demoId('agreement:zh-operator')}/export.docx`);
    expect(r.statusCode).toBe(200);
    const s = await text(r.rawPayload);
    expect(s).toContain('授权运营协议（草案）');
    expect(s).toContain('企业登记信息');
    expect(s).toContain('other_legal_ground');
  });
});
