import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { DEMO_GRANTS } from '../../../seed/sandbox.js';
import { TEST_KEYS, maskedFixture } from '../test/factories.js';
import { ensureSandboxDemo } from '../test/factories.js';
import { validateParams } from './params.js';
import { buildRuntime, verify } from './runtime.js';

describe('SVC-04 statistics answers suppress groups below k; verification answers only match / no_match', () => {
  it('suppresses the district with fewer than k enterprises and never returns rows', async () => {
    const fx = await maskedFixture(2000);
    const view = {
      ...fx.view,
      snapshotVersion: 1,
      refreshedAt: '',
      resourceId: 'r',
      ungranted: [],
      fields: fx.view.columns.map((c) => ({
        name: c,
        code: c,
        grade: 'general',
        personalInfo: false,
        directIdentifier: c === '法定代表人身份证号',
        method: c === '法定代表人身份证号' ? 'hmac_pseudonym' : 'none',
      })),
    };
    const rt = await buildRuntime(
      { kind: 'statistics', view: '企业登记信息', groupBy: ['所属区'] },
      view,
      TEST_KEYS,
      10,
    );
    if (rt.kind !== 'statistics') throw new Error('kind');
    expect(rt.rows.find((r) => r.所属区 === '横琴粤澳深度合作区')).toEqual({
      所属区: '横琴粤澳深度合作区',
      suppressed: true,
    });
    expect(rt.rows.filter((r) => typeof r.count === 'number')).toHaveLength(3);
    const spec = {
      kind: 'verification' as const,
      view: '企业登记信息',
      params: [{ name: 'id', field: '法定代表人身份证号', type: 'id_number' as const }],
    };
    const vr = await buildRuntime(spec, view, TEST_KEYS, 10);
    if (vr.kind !== 'verification') throw new Error('kind');
    const { idNumberFor } = await import('../test/factories.js');
    expect(verify(vr, spec, validateParams(spec, { id: idNumberFor(7) }), TEST_KEYS)).toBe('match');
    expect(verify(vr, spec, validateParams(spec, { id: idNumberFor(99_999) }), TEST_KEYS)).toBe('no_match');
  });
  it('SVC-03 rejects wildcards and overlong text', () => {
    const spec = {
      kind: 'verification' as const,
      view: 'v',
      params: [{ name: 'n', field: 'n', type: 'text' as const, maxLength: 5 }],
    };
    expect(() => validateParams(spec, { n: '%' })).toThrow(/PARAMETER_INVALID|Invalid parameter/);
    expect(() => validateParams(spec, { n: '123456' })).toThrow();
    expect(validateParams(spec, { n: ' ab ' })).toEqual({ n: 'ab' });
  });
});

describe('SVC-01 the operator proposes a template, the authority approves it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await ensureSandboxDemo(t.kernel);
  }, 120_000);
  afterAll(async () => t?.close());
  it('freezes the template by SM3 and needs an authority reviewer to approve', async () => {
    const dev = await t.as('operator.dev');
    const ws = (await dev.get('/api/v1/workspaces')).json().items.find((w: any) => w.grantId === DEMO_GRANTS.verify);
    const r = await dev.post('/api/v1/services', {
      workspaceId: ws.id,
      nameZh: '按区企业数统计',
      spec: { kind: 'statistics', view: '企业登记信息', groupBy: ['所属区'] },
    });
    expect(r.statusCode).toBe(201);
    const s = r.json();
    expect(s).toMatchObject({ status: 'proposed', kind: 'statistics' });
    expect(s.sm3).toMatch(/^[0-9a-f]{64}$/);
    expect((await dev.post(`/api/v1/services/${s.id}/approve`)).statusCode).toBe(403);
    const auth = await t.as('authority.admin');
    expect((await auth.post(`/api/v1/services/${s.id}/approve`)).json().status).toBe('approved');
    const tried = (await dev.post(`/api/v1/services/${s.id}/test`, {})).json();
    expect(Array.isArray(tried.rows)).toBe(true);
    expect(tried.rows.every((r: any) => 'suppressed' in r || typeof r.count === 'number')).toBe(true);
    expect((await auth.post(`/api/v1/services/${s.id}/test`, {})).statusCode).toBe(404);
    const bad = await dev.post('/api/v1/services', {
      workspaceId: ws.id,
      nameZh: 'x',
      spec: { kind: 'verification', view: '企业登记信息', params: [{ name: 'a', field: '不存在', type: 'text' }] },
    });
    expect(bad.json().error.code).toBe('TEMPLATE_INVALID');
  });
});
