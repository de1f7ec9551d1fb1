import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { jid, oid, uid } from '../../seed/identity.js';
import { totpCode } from './totp.js';
import { usccCheckChar } from './codes.js';
import { resetLoginThrottle } from './usecases/sessions.js';

const clock = new FixedClock(new Date('2026-11-02T02:00:00Z'));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t?.close());

const events = async (type: string, objectId: string, result = '%') =>
  (
    await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM event WHERE event_type = ${type} AND object_id = ${objectId} AND result LIKE ${result}`.execute(
      t.kernel.db,
    )
  ).rows[0]!.n;

describe('GET /api/health', () => {
  it('answers ok', async () => {
    const r = await t.anonymous.get('/api/health');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok' });
  });
  it('serves the OpenAPI 3.1 document', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/orgs');
  });
});

describe('POST /api/v1/auth/login (LGN-03, LGN-05)', () => {
  it('sets an HttpOnly SameSite session cookie and returns the CSRF token', async () => {
    resetLoginThrottle();
    const r = await t.anonymous.post('/api/v1/auth/login', { username: 'authority.admin', password: 'shuyun-demo' });
    expect(r.statusCode).toBe(200);
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/^__Host-sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    expect(r.json().csrfToken).toMatch(/.{20,}/);
  });

  it('gives the same error for an unknown user and a wrong password', async () => {
    resetLoginThrottle();
    const a = await t.anonymous.post('/api/v1/auth/login', { username: 'nobody', password: 'x' });
    const b = await t.anonymous.post('/api/v1/auth/login', { username: 'buyer.admin', password: 'wrong-password' });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error.code).toBe('LOGIN_FAILED');
    expect(b.json()).toEqual(a.json());
  });

  it('locks after 5 failures: the 6th attempt with the right password fails; 5 failed + 1 locked events (scenario 10)', async () => {
    resetLoginThrottle();
    const user = uid('evaluator.admin');
    for (let i = 0; i < 5; i++)
      expect(
        (await t.anonymous.post('/api/v1/auth/login', { username: 'evaluator.admin', password: `bad-${i}` }))
          .statusCode,
      ).toBe(401);
    const sixth = await t.anonymous.post('/api/v1/auth/login', {
      username: 'evaluator.admin',
      password: 'shuyun-demo',
    });
    expect(sixth.statusCode).toBe(401);
    expect(await events('auth.login_failed', user)).toBe(5);
    expect(await events('auth.locked', user)).toBe(1);
    clock.advanceMs(16 * 60_000); // LGN-03: unlocks after 15 minutes
    resetLoginThrottle();
    expect(
      (await t.anonymous.post('/api/v1/auth/login', { username: 'evaluator.admin', password: 'shuyun-demo' }))
        .statusCode,
    ).toBe(200);
    expect(await events('auth.unlocked', user)).toBe(1);
  });

  it('throttles more than 10 attempts a minute from one address', async () => {
    resetLoginThrottle();
    const codes: number[] = [];
    for (let i = 0; i < 11; i++)
      codes.push((await t.anonymous.post('/api/v1/auth/login', { username: 'nobody', password: 'x' })).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes[10]).toBe(429);
    resetLoginThrottle();
  });
});

describe('sessions (LGN-05)', () => {
  it('expires after 30 idle minutes and after logout', async () => {
    const c = await t.as('operator.admin');
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    clock.advanceMs(31 * 60_000);
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
    const d = await t.as('operator.admin');
    expect((await d.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await d.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('refuses a cookie write without the CSRF token', async () => {
    const c = await t.as('authority.admin');
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: c.cookie! } });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('CSRF');
  });
});

describe('LGN-04 TOTP', () => {
  it('requires TOTP for a non-demo reviewer, accepts a code once and refuses its replay', async () => {
    await sql`UPDATE app_user SET demo = false WHERE login_name = 'authority.reviewer'`.execute(t.kernel.db);
    const c = await t.as('authority.reviewer');
    expect((await c.get('/api/v1/orgs')).json().error.code).toBe('MFA_REQUIRED');
    const { secret } = (await c.post('/api/v1/auth/totp/enroll')).json();
    const code = totpCode(secret, clock.now());
    expect((await c.post('/api/v1/auth/totp/verify', { code })).statusCode).toBe(200);
    expect((await c.get('/api/v1/orgs')).statusCode).toBe(200);
    const replay = await c.post('/api/v1/auth/totp/verify', { code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('TOTP_REPLAY');
  });
});

describe('organizations', () => {
  it('refuses a bad USCC with the expected check character, then creates it (scenario 1)', async () => {
    const c = await t.as('authority.admin');
    const body = {
      entityKind: 'enterprise',
      nameZh: '珠海数智运营有限公司',
      registeredAddress: '珠海市香洲区',
      homeJurisdictionId: jid('440400'),
    };
    const bad = await c.post('/api/v1/orgs', { ...body, uscc: '91440400MA4W5X6Y7A' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'USCC_INVALID', details: { expectedCheck: 'N' } });
    expect(bad.json().error.details.failures[0].ruleId).toBe('IAM-01');
    const ok = await c.post('/api/v1/orgs', { ...body, uscc: '91440400MA4W5X6Y7N' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().state).toBe('pending_verification');
    expect(await events('org.create', ok.json().id)).toBe(1);
    const dup = await c.post('/api/v1/orgs', { ...body, uscc: '91440400ma4w5x6y7n' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('ORG_DUPLICATE');
    expect(JSON.stringify(dup.json())).not.toContain('珠海数智');
  });

  it('answers 400 VALIDATION_FAILED with zh and en messages for a malformed body', async () => {
    const c = await t.as('authority.admin');
    const r = await c.post('/api/v1/orgs', { entityKind: 'spaceship' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(r.json().error.message_zh).toMatch(/请求参数不合法/);
  });

  it('lets a sibling jurisdiction neither read nor verify (IAM-10)', async () => {
    const luohu = await t.as('luohu.reviewer');
    const samr = oid('zh-samr');
    expect((await luohu.get(`/api/v1/orgs/${samr}`)).statusCode).toBe(404);
    const list = (await luohu.get('/api/v1/orgs?pageSize=200')).json();
    expect(list.items.map((o: any) => o.id)).not.toContain(samr);
  });

  it('lets the province read a city org but not act on it (IAM-10, 403 CROSS_TENANT_FORBIDDEN)', async () => {
    const zh = await t.as('authority.admin');
    const created = (
      await zh.post('/api/v1/orgs', {
        entityKind: 'enterprise',
        nameZh: '珠海某测试公司',
        uscc: '91440400MA5K55667F',
        registeredAddress: '珠海',
        homeJurisdictionId: jid('440400'),
      })
    ).json();
    const gd = await t.as('gd.reviewer');
    expect((await gd.get(`/api/v1/orgs/${created.id}`)).statusCode).toBe(200);
    const r = await gd.post(`/api/v1/orgs/${created.id}/verify`, {});
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('CROSS_TENANT_FORBIDDEN');
    expect(await events('org.verify', created.id, 'success')).toBe(0);
    const denied = (
      await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM event WHERE event_type = 'org.verify' AND result = 'denied' AND object_id = ${created.id}`.execute(
        t.kernel.db,
      )
    ).rows[0]!.n;
    expect(denied).toBe(1);
  });

  it('refuses operator to a blacklisted org with ORG_BLACKLISTED (scenario 7) and grants it once cleared', async () => {
    const zh = await t.as('authority.admin');
    const uscc = `91440400MA6H33445${usccCheckChar('91440400MA6H33445')}`;
    const org = (
      await zh.post('/api/v1/orgs', {
        entityKind: 'enterprise',
        nameZh: '某数据科技有限公司',
        uscc,
        registeredAddress: '珠海',
        homeJurisdictionId: jid('440400'),
      })
    ).json();
    await sql`UPDATE organization SET state = 'active', blacklist_flags = '{"dishonestJudgmentDebtor": true}' WHERE id = ${org.id}`.execute(
      t.kernel.db,
    );
    const grant = { actor: 'operator', jurisdictionId: jid('440400'), basisType: 'operation_agreement' };
    const r = await zh.post(`/api/v1/orgs/${org.id}/actor-roles`, grant);
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('ORG_BLACKLISTED');
    expect(r.json().error.details.failures.map((f: any) => f.ruleId)).toContain('IAM-06');
    const buyer = await zh.post(`/api/v1/orgs/${org.id}/actor-roles`, {
      ...grant,
      actor: 'buyer',
      basisType: 'self_registration',
    });
    expect(buyer.statusCode).toBe(201);
  });
});

describe('LGN-05 concurrent sessions', () => {
  it('keeps at most 3 sessions, revoking the oldest', async () => {
    const sessions = [];
    for (let i = 0; i < 4; i++) sessions.push(await t.as('collaborator.admin'));
    expect((await sessions[0]!.get('/api/v1/me')).statusCode).toBe(401);
    for (const s of sessions.slice(1)) expect((await s.get('/api/v1/me')).statusCode).toBe(200);
  });
});

describe('memberships (IAM-14)', () => {
  it('refuses changing one’s own roles with 403 SELF_ACTION_FORBIDDEN (scenario 11)', async () => {
    const c = await t.as('source.admin');
    const members = (await c.get(`/api/v1/orgs/${oid('zh-samr')}/members`)).json().items;
    const me = members.find((m: any) => m.loginName === 'source.admin');
    const r = await c.put(`/api/v1/orgs/${oid('zh-samr')}/members/${me.id}/roles`, { roles: [...me.roles, 'auditor'] });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('SELF_ACTION_FORBIDDEN');
  });
});

describe('API keys (KEY-01, KEY-02)', () => {
  it('shows the secret once, stores only a hash, authenticates from an allowed IP and refuses others', async () => {
    const c = await t.as('buyer.admin');
    const orderId = '00000000-0000-4000-8000-000000000012';
    const noList = await c.post(`/api/v1/orgs/${oid('buyer')}/api-keys`, {
      name: 'no list',
      scopes: [{ objectType: 'order', objectId: orderId, actions: ['data.verify'] }],
    });
    expect(noList.statusCode).toBe(422);
    expect(noList.json().error.code).toBe('IP_ALLOW_LIST_REQUIRED');
    const r = await c.post(`/api/v1/orgs/${oid('buyer')}/api-keys`, {
      name: 'k',
      scopes: [{ objectType: 'order', objectId: orderId, actions: ['data.verify'] }],
      ipAllowList: ['127.0.0.1/32'],
    });
    expect(r.statusCode).toBe(201);
    const { secret, id } = r.json();
    const stored = (await sql<any>`SELECT secret_hash FROM api_key WHERE id = ${id}`.execute(t.kernel.db)).rows[0];
    expect(stored.secret_hash).not.toContain(secret);
    const list = (await c.get(`/api/v1/orgs/${oid('buyer')}/api-keys`)).body;
    expect(list).not.toContain(secret);
    // Authenticated, yet /me is outside any key scope (KEY-01, 0058): 403 SCOPE_DENIED, not 401.
    const ok = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${secret}` },
      remoteAddress: '127.0.0.1',
    });
    expect(ok.json().error.code).toBe('SCOPE_DENIED');
    const far = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${secret}` },
      remoteAddress: '198.51.100.7',
    });
    expect(far.statusCode).toBe(401);
    expect(far.json().error.code).toBe('IP_NOT_ALLOWED');
    const inUrl = await t.app.inject({
      method: 'GET',
      url: `/api/v1/me?api_key=${secret}`,
      remoteAddress: '127.0.0.1',
    });
    expect(inUrl.statusCode).toBe(400);
    expect(inUrl.json().error.code).toBe('KEY_IN_URL');
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${secret}` },
      remoteAddress: '127.0.0.1',
    });
    expect(after.statusCode).toBe(401);
  });

  it('refuses keys for an org without buyer/operator/exchange role', async () => {
    const c = await t.as('source.admin');
    const r = await c.post(`/api/v1/orgs/${oid('zh-samr')}/api-keys`, {
      name: 'x',
      scopes: [{ objectType: 'order', objectId: '00000000-0000-4000-8000-000000000012', actions: ['data.verify'] }],
      ipAllowList: ['127.0.0.1/32'],
    });
    expect(r.statusCode).toBe(403);
  });
});

describe('invitations and passwords (LGN-02)', () => {
  it('invites a member, who sets a strong password once and can then log in', async () => {
    const admin = await t.as('operator.admin');
    const inv = await admin.post(`/api/v1/orgs/${oid('zh-operator')}/members`, {
      loginName: 'xiaoming',
      realName: '李小明',
      roles: ['developer'],
    });
    expect(inv.statusCode).toBe(201);
    const { invitationToken } = inv.json();
    const weak = await t.anonymous.post('/api/v1/auth/invitations/accept', {
      token: invitationToken,
      password: 'short',
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.details.failures[0].ruleId).toBe('LGN-02');
    expect(
      (
        await t.anonymous.post('/api/v1/auth/invitations/accept', {
          token: invitationToken,
          password: 'Quiet-harbor-2026',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await t.anonymous.post('/api/v1/auth/invitations/accept', {
          token: invitationToken,
          password: 'Quiet-harbor-2026',
        })
      ).statusCode,
    ).toBe(410);
    const c = await t.as('xiaoming', 'Quiet-harbor-2026');
    const me = (await c.get('/api/v1/me')).json();
    expect(me.roles).toEqual(['developer']);
    const reuse = await c.post('/api/v1/auth/password', {
      oldPassword: 'Quiet-harbor-2026',
      newPassword: 'Quiet-harbor-2026',
    });
    expect(reuse.json().error.code).toBe('PASSWORD_REUSED');
    expect(
      (await c.post('/api/v1/auth/password', { oldPassword: 'Quiet-harbor-2026', newPassword: 'Bright-lantern-77' }))
        .statusCode,
    ).toBe(200);
    expect((await c.get('/api/v1/me')).statusCode).toBe(401); // sessions revoked after a password change
    await t.as('xiaoming', 'Bright-lantern-77');
  });

  it('expires an invitation after 72 hours', async () => {
    const admin = await t.as('operator.admin');
    const { invitationToken } = (
      await admin.post(`/api/v1/orgs/${oid('zh-operator')}/members`, {
        loginName: 'latecomer',
        realName: '迟到者',
        roles: ['member'],
      })
    ).json();
    clock.advanceMs(73 * 3600_000);
    expect(
      (
        await t.anonymous.post('/api/v1/auth/invitations/accept', {
          token: invitationToken,
          password: 'Quiet-harbor-2026',
        })
      ).statusCode,
    ).toBe(410);
  });
});

describe('CSRF and re-login (LGN-05)', () => {
  it('lets a tab that lost the CSRF token log in again while its old cookie lives', async () => {
    const c = await t.as('buyer.admin');
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { cookie: c.cookie! },
      payload: { username: 'buyer.admin', password: 'shuyun-demo' },
    });
    expect(r.statusCode).toBe(200);
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enroll',
      headers: { cookie: c.cookie! },
    });
    expect(other.statusCode).toBe(403);
  });
});

describe('KEY-03 a key stops working', () => {
  it('at once when revoked, and within the auth cache window when its org is suspended', async () => {
    const c = await t.as('buyer.admin');
    const scopes = [
      { objectType: 'order', objectId: '00000000-0000-4000-8000-000000000099', actions: ['data.verify'] },
    ];
    const { secret, id } = (
      await c.post(`/api/v1/orgs/${oid('buyer')}/api-keys`, { name: 'cache', scopes, ipAllowList: ['127.0.0.1/32'] })
    ).json();
    // A working key reaching /me is refused for scope (403), a stopped one for itself (401 KEY_SUSPENDED).
    const call = () =>
      t.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: `Bearer ${secret}` },
        remoteAddress: '127.0.0.1',
      });
    expect((await call()).json().error.code).toBe('SCOPE_DENIED');
    await sql`UPDATE organization SET state = 'suspended' WHERE id = ${oid('buyer')}`.execute(t.kernel.db);
    clock.advanceMs((t.kernel.profile.get<number>('apiKey.authCacheSeconds') + 1) * 1000);
    expect((await call()).json().error.code).toBe('KEY_SUSPENDED');
    await sql`UPDATE organization SET state = 'active' WHERE id = ${oid('buyer')}`.execute(t.kernel.db);
    expect((await call()).json().error.code).toBe('SCOPE_DENIED');
    const c2 = await t.as('buyer.admin');
    expect((await c2.post(`/api/v1/orgs/${oid('buyer')}/api-keys/${id}/revoke`)).statusCode).toBe(200);
    expect((await call()).json().error.code).toBe('KEY_SUSPENDED');
  });
});
