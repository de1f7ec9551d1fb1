import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleResult } from '../../kernel/workflow/rules.js';
import { resourceId } from '../../seed/catalog.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { MATERIALS, materialsToRequest, PLATFORM_MATERIALS, RA_08 } from './rules/materials.js';
import { ok } from './test/factories.js';

// RA-08 (second half): data already on the sharing or open platforms (our catalog's published shared/open
// listing) is never requested again. The first half (exchange e-contracts auto-register) is a seam only:
// usecases/materials.ts `ExchangeContractFiled`, decision 0083.
const code = (r: RuleResult) => (r.ok ? 'pass' : r.code);
const shared = { state: 'published', catalogTypes: ['shared'] };

describe('RA-08 rule: platform-published materials are not requested again', () => {
  it('drops what the catalog publishes from a published shared or open resource, and only then', () => {
    expect(materialsToRequest(shared).request).toEqual(MATERIALS.filter((m) => !PLATFORM_MATERIALS.includes(m)));
    expect(materialsToRequest({ state: 'published', catalogTypes: ['open'] }).fromPlatform).toEqual(PLATFORM_MATERIALS);
    // Not on a platform: a draft resource, one only in the authorized-operation catalog, or none at all.
    expect(materialsToRequest({ state: 'draft', catalogTypes: ['shared'] }).request).toEqual([...MATERIALS]);
    expect(materialsToRequest({ state: 'published', catalogTypes: ['authorized_operation'] }).fromPlatform).toEqual([]);
    expect(materialsToRequest(null).request).toEqual([...MATERIALS]);
  });
  it('refuses a request that asks again for the catalog’s field list (MATERIAL_ON_PLATFORM)', () => {
    expect(code(RA_08.check({ requested: ['field_list', 'rights_basis'], resource: shared }, undefined as never))).toBe(
      'MATERIAL_ON_PLATFORM',
    );
    expect(code(RA_08.check({ requested: ['rights_basis'], resource: shared }, undefined as never))).toBe('pass');
    expect(code(RA_08.check({ requested: ['field_list'], resource: null }, undefined as never))).toBe('pass');
  });
});

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 180_000);
afterAll(() => t?.close());

describe('RA-08 over HTTP: the materials step of a registration', () => {
  const url = '/api/v1/rights-registration-materials';
  it('takes the catalog info of a published shared resource from the platform', async () => {
    const op = await t.as('operator.admin');
    const c = await ok(op.get(`${url}?catalogResourceId=${resourceId('enterprise-registration')}`));
    expect(c.platforms).toEqual(['shared']);
    expect(c.fromPlatform).toEqual(PLATFORM_MATERIALS);
    expect(c.request).not.toContain('field_list');
    expect(c.resource.name).toBe('企业登记信息');
  });
  it('asks for everything, naming nothing, for a draft resource or an unknown id', async () => {
    const op = await t.as('operator.admin');
    const draft = await ok(op.get(`${url}?catalogResourceId=${resourceId('special-equipment')}`));
    expect(draft).toMatchObject({ request: [...MATERIALS], fromPlatform: [], resource: null });
    const unknown = await ok(op.get(`${url}?catalogResourceId=00000000-0000-4000-8000-000000000000`));
    expect(unknown.resource).toBeNull();
  });
  it('needs a login and a well-formed id', async () => {
    expect((await t.anonymous.get(url)).statusCode).toBe(401);
    const op = await t.as('operator.admin');
    expect((await op.get(`${url}?catalogResourceId=nope`)).statusCode).toBe(400);
  });
});
