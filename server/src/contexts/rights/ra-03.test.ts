import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { ORG, applyBody, ok } from './test/factories.js';

// rights-assets.md RA-03: one account per applicant, under its real name, with a unique code. Identity enforces both
// halves (IAM-02 one Organization per USCC; the permission check grants operating permissions to `active`, i.e.
// verified, organizations only); these tests hold the rights side to them.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t?.close());

const regState = async (id: string) =>
  (await sql<{ state: string }>`SELECT state FROM rights_registration WHERE id = ${id}`.execute(t.kernel.db)).rows[0]!
    .state;
// Test-only: identity offers no way back to pending_verification, so the applicant's state is set directly.
const setOrgState = (id: string, state: string) =>
  sql`UPDATE organization SET state = ${state} WHERE id = ${id}`.execute(t.kernel.db);

describe('RA-03: one account per applicant, under its real name, with a unique code', () => {
  it('RA-03 a second organization with the applicant’s USCC is refused (unique code, IAM-02)', async () => {
    const authority = await t.as('authority.admin');
    const operator = (await authority.get(`/api/v1/orgs/${ORG.operator}`)).json();
    const uscc = operator.uscc ?? operator.org?.uscc;
    expect(uscc).toMatch(/^[0-9A-Z]{18}$/);
    const dup = await authority.post('/api/v1/orgs', {
      entityKind: 'enterprise',
      nameZh: '冒名运营公司',
      uscc,
      registeredAddress: '珠海市香洲区',
      homeJurisdictionId: jid('440400'),
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('ORG_DUPLICATE');
  });

  it('RA-03 an applicant without real-name verification cannot file; once verified the same draft files', async () => {
    const applicant = await t.as('operator.admin');
    const reg = await ok(applicant.post('/api/v1/rights-registrations', applyBody()), 201);
    await setOrgState(ORG.operator, 'pending_verification');
    try {
      const refused = await applicant.post(`/api/v1/rights-registrations/${reg.id}/submit`, {});
      // Enforced by identity's permission check: only an `active` (verified) Organization holds rights.apply.
      expect(refused.statusCode, refused.body).toBe(403);
      expect(refused.json().error.details).toMatchObject({ permission: 'rights.apply' });
      // Named after the org's real state: a never-verified org is not told it was "suspended".
      expect(refused.json().error.code).toBe('ORG_NOT_VERIFIED');
      expect(refused.json().error.message_zh).toContain('尚未通过核验');
      expect(await regState(reg.id)).toBe('draft');
    } finally {
      await setOrgState(ORG.operator, 'active');
    }
    await ok(applicant.post(`/api/v1/rights-registrations/${reg.id}/submit`, {}));
    expect(await regState(reg.id)).toBe('submitted');
  });
});
