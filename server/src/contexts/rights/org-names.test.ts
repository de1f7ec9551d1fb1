import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { actors, applyAndSubmit, applyBody, ok, ORG, type Actors } from './test/factories.js';

// The review desk names the holder and applicant: their names are public on the certificate, and a registry
// reviewer may not read those organizations, so the registration view carries the names (read through identity).
let t: TestApp;
let a: Actors;
const OPERATOR = '珠海市数据运营有限公司';

beforeAll(async () => {
  t = await startTestApp();
  a = await actors(t);
}, 120_000);
afterAll(() => t?.close());

describe('registration view: holder and applicant names', () => {
  it('shows the registry reviewer the names on the list and the dossier, though it cannot read the organization', async () => {
    const id = await applyAndSubmit(a);
    // The reviewer's own reading of the holder organization is refused: the names come with the registration.
    expect((await a.registry.get(`/api/v1/orgs/${ORG.operator}`)).statusCode).not.toBe(200);
    const list = await ok(a.registry.get('/api/v1/rights-registrations?role=registry&pageSize=200'));
    const row = list.items.find((r: { id: string }) => r.id === id);
    expect(row).toMatchObject({ holderName: OPERATOR, applicantName: OPERATOR, holderOrgId: ORG.operator });
    const detail = await ok(a.registry.get(`/api/v1/rights-registrations/${id}`));
    expect(detail).toMatchObject({ holderName: OPERATOR, applicantName: OPERATOR });
  });

  it('names the holder on the applicant’s own draft as well', async () => {
    const reg = await ok(a.applicant.post('/api/v1/rights-registrations', applyBody()), 201);
    expect(reg.holderName).toBe(OPERATOR);
    expect(reg.applicantName).toBe(OPERATOR);
  });
});
