import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { oid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { resetLoginThrottle } from './usecases/sessions.js';
import { totpCode } from './totp.js';

const clock = new FixedClock(new Date('2026-11-02T02:00:00Z'));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t?.close());

const url = (key: string) => `/api/v1/orgs/${oid(key)}/personnel`;

describe('GET /orgs/:id/personnel (PER-01 … PER-03 dashboard)', () => {
  it('lists members with background check, NDA, TOTP and primary officer for the org_admin', async () => {
    resetLoginThrottle();
    const c = await t.as('operator.admin');
    const r = await c.get(url('zh-operator'));
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.officerRequired).toBe(true);
    expect(body.warningDays).toBe(90);
    expect(body.primaryOfficer.loginName).toBe('operator.admin');
    expect(body.warnings.missingPrimaryOfficer).toBe(false);
    const me = body.items.find((i: any) => i.loginName === 'operator.admin');
    expect(me.backgroundCheck).toMatchObject({
      status: 'passed',
      expiresAt: '2029-01-05',
      valid: true,
      expiringSoon: false,
    });
    expect(me.nda.onFile).toBe(true);
    expect(me.primarySecurityOfficer).toBe(true);
  });

  it('warns when the primary security officer is missing (PER-01) and checks expire within 90 days', async () => {
    const officer = (
      await sql<any>`SELECT m.id FROM membership m JOIN app_user u ON u.id = m.user_id WHERE u.login_name = 'operator.admin'`.execute(
        t.kernel.db,
      )
    ).rows[0];
    await sql`UPDATE membership SET primary_security_officer = false WHERE id = ${officer.id}`.execute(t.kernel.db);
    await sql`UPDATE membership m SET background_check = '{"status":"passed","checkedAt":"2024-01-01","expiresAt":"2027-01-15"}', nda = NULL
      FROM app_user u WHERE u.id = m.user_id AND u.login_name = 'operator.dev'`.execute(t.kernel.db);
    try {
      const body = (await (await t.as('operator.admin')).get(url('zh-operator'))).json();
      expect(body.primaryOfficer).toBeNull();
      expect(body.warnings.missingPrimaryOfficer).toBe(true);
      expect(body.warnings.expiringChecks).toBe(1);
      expect(body.warnings.ndaMissing).toBe(1);
      const dev = body.items.find((i: any) => i.loginName === 'operator.dev');
      expect(dev.backgroundCheck.expiringSoon).toBe(true);
      expect(dev.nda.onFile).toBe(false);
    } finally {
      await sql`UPDATE membership SET primary_security_officer = true WHERE id = ${officer.id}`.execute(t.kernel.db);
    }
  });

  it('refuses another org with 404, even for an ancestor authority that may read the org', async () => {
    const other = await t.as('buyer.admin');
    const r = await other.get(url('zh-operator'));
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('NOT_FOUND');
    const authority = await t.as('authority.admin');
    expect((await authority.get(`/api/v1/orgs/${oid('zh-operator')}`)).statusCode).toBe(200);
    expect((await authority.get(url('zh-operator'))).statusCode).toBe(404);
  });

  it('refuses a member of the org without an admin, officer or auditor role with 403', async () => {
    const dev = await t.as('operator.dev');
    const r = await dev.get(url('zh-operator'));
    expect(r.statusCode).toBe(403);
    expect(r.json().error.details.reason).toBe('ROLE_MISSING');
  });
});

describe('LGN-04 opted-in TOTP', () => {
  it('asks a non-demo user who confirmed a TOTP enrolment for a code at the next login, and not before', async () => {
    resetLoginThrottle();
    const admin = await t.as('operator.admin');
    const { invitationToken } = (
      await admin.post(`/api/v1/orgs/${oid('zh-operator')}/members`, {
        loginName: 'optin.dev',
        realName: '自愿者',
        roles: ['developer'],
      })
    ).json();
    expect(
      (
        await t.anonymous.post('/api/v1/auth/invitations/accept', {
          token: invitationToken,
          password: 'Quiet-harbor-2026',
        })
      ).statusCode,
    ).toBe(200);
    const first = await t.anonymous.post('/api/v1/auth/login', {
      username: 'optin.dev',
      password: 'Quiet-harbor-2026',
    });
    expect(first.json().mfaRequired).toBe(false);
    const c = await t.as('optin.dev', 'Quiet-harbor-2026');
    const { secret } = (await c.post('/api/v1/auth/totp/enroll')).json();
    // An unconfirmed enrolment does not lock the user out.
    expect(
      (await t.anonymous.post('/api/v1/auth/login', { username: 'optin.dev', password: 'Quiet-harbor-2026' })).json()
        .mfaRequired,
    ).toBe(false);
    expect((await c.post('/api/v1/auth/totp/verify', { code: totpCode(secret, clock.now()) })).statusCode).toBe(200);
    const again = await t.anonymous.post('/api/v1/auth/login', {
      username: 'optin.dev',
      password: 'Quiet-harbor-2026',
    });
    expect(again.json().mfaRequired).toBe(true);
  });

  it('refuses to replace a confirmed secret from a session that still owes its code; a first enrolment works there', async () => {
    resetLoginThrottle();
    const admin = await t.as('operator.admin');
    const { invitationToken } = (
      await admin.post(`/api/v1/orgs/${oid('zh-operator')}/members`, {
        loginName: 'officer.t',
        realName: '黄磊',
        roles: ['security_officer'],
      })
    ).json();
    expect(
      (
        await t.anonymous.post('/api/v1/auth/invitations/accept', {
          token: invitationToken,
          password: 'Quiet-harbor-2026',
        })
      ).statusCode,
    ).toBe(200);
    const pending = await t.as('officer.t', 'Quiet-harbor-2026');
    expect((await pending.get('/api/v1/orgs')).json().error.code).toBe('MFA_REQUIRED');
    expect((await pending.post('/api/v1/auth/totp/verify', { code: '000000' })).json().error.code).toBe(
      'TOTP_NOT_ENROLLED',
    );
    const { secret } = (await pending.post('/api/v1/auth/totp/enroll')).json();
    expect((await pending.post('/api/v1/auth/totp/verify', { code: totpCode(secret, clock.now()) })).statusCode).toBe(
      200,
    );
    expect((await pending.get('/api/v1/orgs')).statusCode).toBe(200);
    const next = await t.as('officer.t', 'Quiet-harbor-2026');
    const hijack = await next.post('/api/v1/auth/totp/enroll');
    expect(hijack.statusCode).toBe(409);
    expect(hijack.json().error.code).toBe('TOTP_ALREADY_ENROLLED');
    // The confirmed secret still works (it was not replaced).
    clock.advanceMs(30_000);
    expect((await next.post('/api/v1/auth/totp/verify', { code: totpCode(secret, clock.now()) })).statusCode).toBe(200);
  });

  it('keeps demo users exempt', async () => {
    resetLoginThrottle();
    const r = await t.anonymous.post('/api/v1/auth/login', { username: 'buyer.admin', password: 'shuyun-demo' });
    expect(r.json().mfaRequired).toBe(false);
  });
});
