import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { ORG } from './test/factories.js';

/** Issue 17: the registration wizard picks the registry and the rules by name (no ids shown). */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 60_000);
afterAll(() => t?.close());

describe('issue 17: registration wizard choices', () => {
  it('lists registries by name and the seven rights profiles with their enabled types', async () => {
    const c = await t.as('operator.admin');
    const res = await c.get('/api/v1/rights-registries');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const luohu = body.registries.find((r: { orgId: string }) => r.orgId === ORG.luohuRegistry);
    expect(luohu.name).toMatch(/[\u4e00-\u9fff]/);
    expect(body.registries.every((r: { orgId: string }) => r.orgId !== ORG.operator)).toBe(true);
    const ids = body.profiles.map((p: { id: string }) => p.id).sort();
    expect(ids).toEqual(['anhui', 'beijing', 'dali', 'guangdong', 'guizhou', 'shenzhen', 'tianjin']);
    const beijing = body.profiles.find((p: { id: string }) => p.id === 'beijing');
    expect(beijing.rightTypes).toContain('data_ip');
    const shenzhen = body.profiles.find((p: { id: string }) => p.id === 'shenzhen');
    expect(shenzhen.name).toBe('深圳市');
    expect(shenzhen.regTypes).toContain('first');
    expect(shenzhen.rightTypes).not.toContain('data_ip');
  });

  it('needs a login', async () => {
    const res = await t.anonymous.get('/api/v1/rights-registries');
    expect(res.statusCode).toBe(401);
  });
});

describe('issue 17: public publicity board (RA-13)', () => {
  it('answers without login, only registrations in publicity, with names and no raw ids for names', async () => {
    const res = await t.anonymous.get('/api/v1/public/rights-publicity');
    expect(res.statusCode, res.body).toBe(200);
    for (const i of res.json().items) {
      expect(i.registrationNo).toBeTruthy();
      expect(i.registry).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('issue 17: demo data on the publicity board', () => {
  it('shows the demo registration in publicity, holder and registry by name', async () => {
    const res = await t.anonymous.get('/api/v1/public/rights-publicity');
    const item = res
      .json()
      .items.find((i: { registrationNo: string }) => i.registrationNo === 'SHENZHEN-R-2026-900005');
    expect(item).toMatchObject({
      name: '罗湖区商圈客流指数',
      rightType: 'product_operation',
      holder: '珠海市数据运营有限公司',
    });
    expect(new Date(item.publicityEnd).getTime()).toBeGreaterThan(new Date(item.publicityStart).getTime());
  });
});
