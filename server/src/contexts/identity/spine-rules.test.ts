import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import { demoId } from '../../seed/ids.js';
import { DEMO_PASSWORD, jid, oid, uid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { usccCheckChar } from './codes.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { IAM_04, IAM_05, type RoleGrantFacts } from './rules.js';

// Identity rules named in code that had no test of their own (issue 12): each test fails when its rule is broken.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const profile = loadProfile('zhuhai');
const grant = (over: Partial<RoleGrantFacts>): RoleGrantFacts => ({
  actor: 'operator',
  blacklisted: false,
  incidentsInWindow: 0,
  otherActiveActors: [],
  grantorActor: 'authority',
  entityKind: 'enterprise',
  hasPrimarySecurityOfficer: true,
  ...over,
});
const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'PASS' : r.code);
const count = async (type: string, where: { objectId?: string; result?: string } = {}) =>
  (
    await sql<{ n: number }>`SELECT count(*)::int AS n FROM event WHERE event_type = ${type}
    AND (${where.objectId ?? null}::text IS NULL OR object_id = ${where.objectId ?? null}) AND result = ${where.result ?? 'success'}`.execute(
      t.kernel.db,
    )
  ).rows[0]!.n;
const newOrg = (c: Awaited<ReturnType<TestApp['as']>>, stem: string, name: string) =>
  c.post('/api/v1/orgs', {
    entityKind: 'enterprise',
    nameZh: name,
    uscc: `${stem}${usccCheckChar(stem)}`,
    registeredAddress: '珠海市香洲区',
    homeJurisdictionId: jid('440400'),
  });

describe('IAM-02 one organization per USCC, one account per login', () => {
  it('refuses a second org with the same USCC (any case) with 409 ORG_DUPLICATE, naming no one; and a taken login name', async () => {
    const admin = await t.as('authority.admin');
    expect((await newOrg(admin, '91440400MA7K55667', '珠海甲科技有限公司')).statusCode).toBe(201);
    const dup = await admin.post('/api/v1/orgs', {
      entityKind: 'enterprise',
      nameZh: '冒名公司',
      uscc: `91440400ma7k55667${usccCheckChar('91440400MA7K55667')!.toLowerCase()}`,
      registeredAddress: '珠海',
      homeJurisdictionId: jid('440400'),
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.failures.map((f: { ruleId: string }) => f.ruleId)).toEqual(['IAM-02']);
    expect(dup.body).not.toContain('珠海甲科技');
    const taken = await admin.post(`/api/v1/orgs/${oid('zh-authority')}/members`, {
      loginName: 'source.admin',
      realName: '冒名',
      roles: ['member'],
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('LOGIN_NAME_TAKEN');
  });
});

describe('IAM-05 operator only on an operation agreement in force', () => {
  it('rule: operator needs the linked agreement; other roles do not', () => {
    expect(code(IAM_05.check(grant({ operationAgreement: null }), profile))).toBe('OPERATION_AGREEMENT_REQUIRED');
    expect(code(IAM_05.check(grant({ operationAgreement: { id: 'a', validTo: '2027-12-31' } }), profile))).toBe('PASS');
    expect(code(IAM_05.check(grant({ actor: 'buyer', operationAgreement: null }), profile))).toBe('PASS');
  });

  it('API: refuses the grant without the agreement or with one naming another operator; grants on it with validTo = the agreement end', async () => {
    // The demo operator's designation role ends, so the grant under test is the one that counts.
    await sql`UPDATE org_actor_role SET state = 'ended' WHERE org_id = ${oid('zh-operator')} AND actor = 'operator'`.execute(
      t.kernel.db,
    );
    const authority = await t.as('authority.admin');
    const body = { actor: 'operator', jurisdictionId: jid('440400'), basisType: 'operation_agreement' };
    const none = await authority.post(`/api/v1/orgs/${oid('zh-operator')}/actor-roles`, body);
    expect(none.statusCode).toBe(409);
    expect(none.json().error).toMatchObject({ code: 'OPERATION_AGREEMENT_REQUIRED', details: { ruleId: 'IAM-05' } });
    const agreement = demoId('agreement:zh-operator');
    const other = await authority.post(`/api/v1/orgs/${oid('zh-labpartner')}/actor-roles`, {
      ...body,
      basisRef: agreement,
    });
    expect(other.json().error.code).toBe('OPERATION_AGREEMENT_REQUIRED');
    const ok = await authority.post(`/api/v1/orgs/${oid('zh-operator')}/actor-roles`, {
      ...body,
      basisRef: agreement,
      validTo: '2099-12-31',
    });
    expect(ok.statusCode).toBe(201);
    const row = (
      await sql<{
        valid_to: string;
        end: string;
      }>`SELECT to_char(r.valid_to, 'YYYY-MM-DD') AS valid_to, a.valid_to AS end
      FROM org_actor_role r, operation_agreement a WHERE r.id = ${ok.json().id} AND a.id = ${agreement}`.execute(
        t.kernel.db,
      )
    ).rows[0]!;
    expect(row.valid_to).toBe(row.end);
  });
});

describe('IAM-08 the operator grants collaborator', () => {
  it('lets an operator grant collaborator and refuses the authority or an exchange', () => {
    expect(code(IAM_04.check(grant({ actor: 'collaborator', grantorActor: 'operator' }), profile))).toBe('PASS');
    expect(code(IAM_04.check(grant({ actor: 'collaborator', grantorActor: 'authority' }), profile))).toBe(
      'ROLE_GRANTOR_NOT_ALLOWED',
    );
    expect(code(IAM_04.check(grant({ actor: 'collaborator', grantorActor: 'exchange' }), profile))).toBe(
      'ROLE_GRANTOR_NOT_ALLOWED',
    );
  });
});

describe('IAM-13 nobody approves what they created', () => {
  it('refuses the creator of an org its verification with 403 SELF_ACTION_FORBIDDEN; another reviewer verifies it', async () => {
    const admin = await t.as('authority.admin');
    const created = await newOrg(admin, '91440400MA7K66778', '珠海乙科技有限公司');
    const self = await admin.post(`/api/v1/orgs/${created.json().id}/verify`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('SELF_ACTION_FORBIDDEN');
    const other = await (await t.as('authority.reviewer')).post(`/api/v1/orgs/${created.json().id}/verify`, {});
    expect(other.statusCode).toBe(200);
  });
});

describe('LGN-01 password hashing', () => {
  it('stores argon2id (64 MiB, t=3, p=1) with a per-user salt, never the password', async () => {
    const a = await hashPassword('Correct-Horse-42');
    const b = await hashPassword('Correct-Horse-42');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'Correct-Horse-42')).toBe(true);
    expect(await verifyPassword(a, 'correct-horse-42')).toBe(false);
    const stored = (
      await sql<{ password_hash: string }>`SELECT password_hash FROM app_user WHERE id = ${uid('buyer.admin')}`.execute(
        t.kernel.db,
      )
    ).rows[0]!;
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
    const c = await t.as('buyer.admin');
    expect(
      (await c.post('/api/v1/auth/password', { oldPassword: DEMO_PASSWORD, newPassword: 'Qianhai-Credit#2026' }))
        .statusCode,
    ).toBe(200);
    // Neither the events nor the ledger entries (payloads included) carry the new password.
    const like = '%Qianhai-Credit#2026%';
    const inEvents = (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM event e WHERE e::text LIKE ${like}`.execute(t.kernel.db)
    ).rows[0]!.n;
    const inLedger = (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM ledger_entry l WHERE l::text LIKE ${like}`.execute(
        t.kernel.db,
      )
    ).rows[0]!.n;
    expect(inEvents + inLedger).toBe(0);
    expect(await count('auth.password_changed', { objectId: uid('buyer.admin') })).toBe(1);
  });
});

describe('AUD-01 what the audit log records', () => {
  it('records login, failure, logout, password change, role changes, role grants, org verification and denied approvals', async () => {
    await t.anonymous.post('/api/v1/auth/login', { username: 'lab.partner', password: 'wrong-password' });
    const lp = await t.as('lab.partner');
    await lp.post('/api/v1/auth/logout');
    const admin = await t.as('authority.admin');
    const members = (await admin.get(`/api/v1/orgs/${oid('zh-authority')}/members`)).json().items as {
      id: string;
      loginName: string;
      roles: string[];
    }[];
    const li = members.find((m) => m.loginName === 'authority.reviewer')!;
    expect(
      (
        await admin.put(`/api/v1/orgs/${oid('zh-authority')}/members/${li.id}/roles`, {
          roles: [...li.roles, 'auditor'],
        })
      ).statusCode,
    ).toBe(200);
    const luohu = await t.as('luohu.reviewer');
    const pending = await newOrg(admin, '91440400MA7K77889', '珠海丙科技有限公司');
    expect((await luohu.post(`/api/v1/orgs/${pending.json().id}/verify`, {})).statusCode).toBe(404);
    const user = uid('lab.partner');
    expect(await count('auth.login_failed', { objectId: user, result: 'denied' })).toBe(1);
    expect(await count('auth.login', { objectId: user })).toBeGreaterThan(0);
    expect(await count('auth.logout', { objectId: user })).toBe(1);
    expect(await count('auth.password_changed', { objectId: uid('buyer.admin') })).toBe(1);
    expect(await count('membership.set_roles', { objectId: li.id })).toBe(1);
    expect(await count('role.grant')).toBeGreaterThan(0);
    expect(await count('org.verify')).toBeGreaterThan(0);
    expect(await count('org.verify', { objectId: pending.json().id, result: 'denied' })).toBe(1);
  });
});

describe('PER-02 a passed, unexpired background check', () => {
  it('refuses security_officer to a member whose check expired (PERSONNEL_PREREQUISITE), accepts once it is renewed', async () => {
    const id = demoId('membership:lab.initiator');
    await sql`UPDATE membership SET roles = '["org_admin","reviewer","signatory"]', primary_security_officer = false,
      background_check = '{"status":"passed","checkedAt":"2020-01-05","expiresAt":"2023-01-05"}' WHERE id = ${id}`.execute(
      t.kernel.db,
    );
    await sql`UPDATE app_user SET totp_secret_enc = '\\x00'::bytea WHERE id = ${uid('lab.initiator')}`.execute(
      t.kernel.db,
    );
    // Another org_admin of the same org acts (IAM-14: never on oneself).
    await sql`INSERT INTO membership (id, user_id, org_id, roles, state, version) VALUES (${demoId('membership:sti-second-admin')}, ${uid('lab.partner')}, ${oid('zh-sti')}, '["org_admin"]', 'active', 1)`.execute(
      t.kernel.db,
    );
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'lab.partner', password: DEMO_PASSWORD, orgId: oid('zh-sti') },
    });
    const cookie = String(other.headers['set-cookie']).split(';')[0]!;
    const put = (roles: string[]) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/orgs/${oid('zh-sti')}/members/${id}/roles`,
        headers: { cookie, 'x-csrf-token': other.json().csrfToken },
        payload: { roles },
      });
    const expired = await put(['org_admin', 'reviewer', 'signatory', 'security_officer']);
    expect(expired.statusCode).toBe(409);
    expect(expired.json().error.code).toBe('PERSONNEL_PREREQUISITE');
    expect(expired.json().error.details.failures[0]).toMatchObject({
      ruleId: 'PER-01',
      params: { missing: 'background_check' },
    });
    await sql`UPDATE membership SET background_check = '{"status":"passed","checkedAt":"2026-01-05","expiresAt":"2029-01-05"}' WHERE id = ${id}`.execute(
      t.kernel.db,
    );
    expect((await put(['org_admin', 'reviewer', 'signatory', 'security_officer'])).statusCode).toBe(200);
  });
});
