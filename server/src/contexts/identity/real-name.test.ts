import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../seed/ids.js';
import { oid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { isValidIdNumber } from './codes.js';

// LGN-07: users are real-named with a verified mobile; signatories and security officers also need a
// verified ID number. org_admin records the in-person check; until then the roles are refused.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const ID = '11010519491231002X';

describe('LGN-07 real-name verification', () => {
  it("refuses signatory until the member's ID and mobile are verified; records the check masked, never one's own", async () => {
    expect(isValidIdNumber(ID)).toBe(true);
    const admin = await t.as('operator.admin');
    const org = oid('zh-operator');
    const inv = (
      await admin.post(`/api/v1/orgs/${org}/members`, {
        loginName: 'newbie.sign',
        realName: '钱多多',
        roles: ['developer'],
      })
    ).json();
    expect(
      (
        await t.anonymous.post('/api/v1/auth/invitations/accept', {
          token: inv.invitationToken,
          password: 'Zhuhai-Data#2026x',
        })
      ).statusCode,
    ).toBe(200);
    const member = (
      (await admin.get(`/api/v1/orgs/${org}/members`)).json().items as { id: string; loginName: string }[]
    ).find((m) => m.loginName === 'newbie.sign')!;
    const refused = await admin.put(`/api/v1/orgs/${org}/members/${member.id}/roles`, {
      roles: ['developer', 'signatory'],
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'IDENTITY_NOT_VERIFIED', details: { ruleId: 'LGN-07' } });
    expect(refused.json().error.details.failures[0].params.missing).toBe('mobile,id_number');
    // A developer role needs no ID check.
    expect(
      (await admin.put(`/api/v1/orgs/${org}/members/${member.id}/roles`, { roles: ['developer', 'member'] }))
        .statusCode,
    ).toBe(200);

    const bad = await admin.put(`/api/v1/orgs/${org}/members/${member.id}/real-name`, {
      idNumber: '110105194912310021',
      mobile: '13912345678',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('ID_NUMBER_INVALID');
    const self = await admin.put(`/api/v1/orgs/${org}/members/${demoId('membership:operator.admin')}/real-name`, {
      idNumber: ID,
      mobile: '13912345678',
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('SELF_ACTION_FORBIDDEN');
    const ok = await admin.put(`/api/v1/orgs/${org}/members/${member.id}/real-name`, {
      idNumber: ID,
      mobile: '13912345678',
    });
    expect(ok.statusCode).toBe(200);
    expect(
      (
        await admin.put(`/api/v1/orgs/${org}/members/${member.id}/roles`, {
          roles: ['developer', 'member', 'signatory'],
        })
      ).statusCode,
    ).toBe(200);
    const raw = (
      await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM event e WHERE e::text LIKE ${`%${ID}%`} OR e::text LIKE '%13912345678%'`.execute(
        t.kernel.db,
      )
    ).rows[0]!.n;
    expect(raw).toBe(0);
    const stored = (
      await sql<{
        id_number_enc: Buffer | null;
      }>`SELECT id_number_enc FROM app_user WHERE login_name = 'newbie.sign'`.execute(t.kernel.db)
    ).rows[0]!;
    expect(stored.id_number_enc?.toString('utf8')).not.toContain(ID);
  });
});
