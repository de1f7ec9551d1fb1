import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { jid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { totpCode } from './totp.js';

// identity.md acceptance scenario 9 (MFA step-up, "Deadlines and clocks": approvals need a TOTP
// success within auth.mfaStepUpMinutes = 15), through the API with an injected clock. The approval
// is 李强's verification of an organization his authority registered (org.verify is an approval).
const clock = new FixedClock(new Date('2026-11-02T02:00:00Z'));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t?.close());

const minutes = (n: number) => clock.advanceMs(n * 60_000);

describe('identity scenario 9: MFA step-up for approvals', () => {
  it('answers 401 MFA_REQUIRED when 李强 last entered TOTP 40 minutes ago; after a valid code the approval succeeds', async () => {
    const admin = await t.as('authority.admin');
    const created = await admin.post('/api/v1/orgs', {
      entityKind: 'enterprise',
      nameZh: '珠海数智运营有限公司',
      registeredAddress: '珠海市香洲区',
      homeJurisdictionId: jid('440400'),
      uscc: '91440400MA4W5X6Y7N',
    });
    expect(created.statusCode).toBe(201);
    const orgId = created.json().id as string;
    // A real (non-demo) reviewer: demo accounts are exempt from the step-up.
    await sql`UPDATE app_user SET demo = false WHERE login_name = 'authority.reviewer'`.execute(t.kernel.db);
    const li = await t.as('authority.reviewer');
    const { secret } = (await li.post('/api/v1/auth/totp/enroll')).json();
    expect((await li.post('/api/v1/auth/totp/verify', { code: totpCode(secret, clock.now()) })).statusCode).toBe(200);
    // Within the window the step-up holds (checked on /me, which reports it).
    minutes(10);
    expect((await li.get('/api/v1/me')).json().mfaFresh).toBe(true);
    // 40 minutes after the code, with the session kept alive (idle limit 30 minutes).
    minutes(20);
    expect((await li.get('/api/v1/me')).statusCode).toBe(200);
    minutes(10);
    const stale = await li.post(`/api/v1/orgs/${orgId}/verify`, {});
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.code).toBe('MFA_REQUIRED');
    const still = (
      await sql<{ state: string }>`SELECT state FROM organization WHERE id = ${orgId}`.execute(t.kernel.db)
    ).rows[0]!;
    expect(still.state).toBe('pending_verification');
    expect((await li.post('/api/v1/auth/totp/verify', { code: totpCode(secret, clock.now()) })).statusCode).toBe(200);
    const ok = await li.post(`/api/v1/orgs/${orgId}/verify`, {});
    expect(ok.statusCode).toBe(200);
    expect(ok.json().state).toBe('active');
  });
});
