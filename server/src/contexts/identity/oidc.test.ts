import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../kernel/clock.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { jid, oid, uid } from '../../seed/identity.js';
import { auditLedger } from '../ledger/service.js';
import { resetOidcCache } from './usecases/oidc.js';

// LGN-06 against a REAL OpenID provider (oidc-provider) started here on 127.0.0.1, with
// openid-client on our side: discovery, JWKS, code exchange, PKCE, nonce, iss/aud/exp checks.

const WEB = 'http://127.0.0.1:5173';
const GD = '440000';
const SZ = '440300';
const ZH_OPERATOR_USCC = '91440400MA5D11223W';
const ORG_CODES: Record<string, string> = {
  'gd-user-1': ZH_OPERATOR_USCC,
  'gd-wrong-org': '91440300MA5G8K2L3A',
  'gd-self-1': '91440400MA5E223348',
};

let shiftMs = 0; // moves our clock only, never the IdP's (ID token expiry)
const clock: Clock = { now: () => new Date(Date.now() + shiftMs) };

let t: TestApp;
let idp: { issuer: string; server: Server; setSubject(s: string): void };

/** The provider: auto-approves login and consent for the subject the test names (no HTML forms). */
async function startProvider() {
  let subject = 'gd-user-1';
  let provider: Provider | undefined;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/interaction/')) return void approve(provider!, subject, req, res);
    return provider!.callback()(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = new Provider(issuer, {
    clients: [GD, SZ].map((d) => ({
      client_id: `shuyun-${d}`,
      client_secret: `secret-${d}-0123456789abcdef`,
      redirect_uris: [`${WEB}/login/oidc/${d}`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, org_code: ORG_CODES[id] }) }),
    claims: { openid: ['sub'], org: ['org_code'] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true, methods: ['S256'] },
    ttl: { IdToken: 120, AccessToken: 600, Interaction: 600, Grant: 600, Session: 600 },
    cookies: { keys: ['oidc-test-cookie-key'] },
  });
  return {
    issuer,
    server,
    setSubject: (s: string) => {
      subject = s;
    },
  };
}

async function approve(provider: Provider, accountId: string, req: IncomingMessage, res: ServerResponse) {
  const details = await provider.interactionDetails(req, res);
  const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

/** Follows the browser's redirects through the IdP until it comes back to our redirect_uri. */
async function throughIdp(authorizationUrl: string, subject: string): Promise<URLSearchParams> {
  idp.setSubject(subject);
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  for (let hops = 0; hops < 12 && !url.startsWith(WEB); hops++) {
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const loc = res.headers.get('location');
    if (!loc) throw new Error(`IdP answered ${res.status}: ${await res.text()}`);
    url = new URL(loc, url).href;
  }
  if (!url.startsWith(WEB)) throw new Error('never came back to the redirect_uri');
  return new URL(url).searchParams;
}

function cookieOf(setCookie: unknown, name: string): string | undefined {
  const list = Array.isArray(setCookie) ? setCookie : [String(setCookie ?? '')];
  return list.map((c: string) => c.split(';')[0]!).find((c) => c.startsWith(`${name}=`));
}

/** Our start → the IdP (login + consent) → back: the callback's query and this browser's binding cookie. */
async function signOn(division: string, subject: string) {
  const start = await t.anonymous.get(`/api/v1/auth/oidc/${division}/start`);
  expect(start.statusCode).toBe(302);
  const location = String(start.headers.location);
  expect(location.startsWith(idp.issuer)).toBe(true);
  const params = new URL(location).searchParams;
  expect(params.get('code_challenge_method')).toBe('S256');
  expect(params.get('nonce')).toBeTruthy();
  const binding = cookieOf(start.headers['set-cookie'], '__Host-oidc')!;
  expect(binding).toBeTruthy();
  return { query: await throughIdp(location, subject), binding };
}

function callback(division: string, query: URLSearchParams, binding?: string, extra: Record<string, string> = {}) {
  return t.anonymous.get(`/api/v1/auth/oidc/${division}/callback?${query}`, {
    ...(binding ? { cookie: binding } : {}),
    ...extra,
  });
}

const count = async (q: ReturnType<typeof sql<{ n: number }>>) => (await q.execute(t.kernel.db)).rows[0]!.n;

async function memberId(admin: Client, orgId: string, login: string): Promise<string> {
  const items = (await admin.get(`/api/v1/orgs/${orgId}/members`)).json().items as { id: string; loginName: string }[];
  return items.find((m) => m.loginName === login)!.id;
}

beforeAll(async () => {
  process.env.SHUYUN_OIDC_TEST_GD = `secret-${GD}-0123456789abcdef`;
  process.env.SHUYUN_OIDC_TEST_SZ = `secret-${SZ}-0123456789abcdef`;
  resetOidcCache();
  idp = await startProvider();
  t = await startTestApp({ clock });
});
afterAll(async () => {
  await t?.close();
  await new Promise((r) => idp?.server.close(r));
});

const config = (d: string, extra: Record<string, string> = {}) => ({
  displayName: `${d} 统一身份认证平台`,
  issuer: idp.issuer,
  clientId: `shuyun-${d}`,
  clientSecretRef: `env:SHUYUN_OIDC_TEST_${d === GD ? 'GD' : 'SZ'}`,
  redirectUri: `${WEB}/login/oidc/${d}`,
  scopes: 'openid org',
  ...extra,
});

describe('LGN-06 IdP configuration per jurisdiction (三员分立: sys_admin only)', () => {
  it('is off by default: start answers 404 OIDC_NOT_CONFIGURED', async () => {
    const r = await t.anonymous.get(`/api/v1/auth/oidc/${GD}/start`);
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('OIDC_NOT_CONFIGURED');
  });

  it('security_admin and audit_admin may not configure; sys_admin may, and the provider list shows it', async () => {
    for (const who of ['platform.security', 'platform.audit']) {
      const r = await (await t.as(who)).put(
        `/api/v1/jurisdictions/${jid(GD)}/oidc`,
        config(GD, { orgClaim: 'org_code' }),
      );
      expect(r.statusCode, who).toBe(403);
    }
    const admin = await t.as('platform.admin');
    expect(
      (await admin.put(`/api/v1/jurisdictions/${jid(GD)}/oidc`, config(GD, { orgClaim: 'org_code' }))).statusCode,
    ).toBe(201);
    expect((await admin.put(`/api/v1/jurisdictions/${jid(SZ)}/oidc`, config(SZ))).statusCode).toBe(201);
    const list = (await t.anonymous.get('/api/v1/auth/oidc/providers'))
      .json()
      .items.map((i: { divisionCode: string }) => i.divisionCode);
    expect(list).toEqual([GD, SZ]);
  });

  it('refuses plain-HTTP issuers and secret references outside SHUYUN_OIDC_*', async () => {
    const admin = await t.as('platform.admin');
    const http = await admin.put(
      `/api/v1/jurisdictions/${jid(GD)}/oidc`,
      config(GD, { issuer: 'http://idp.example.com' }),
    );
    expect(http.statusCode).toBe(422);
    expect(http.json().error.code).toBe('OIDC_CONFIG_INVALID');
    const master = await admin.put(
      `/api/v1/jurisdictions/${jid(GD)}/oidc`,
      config(GD, { clientSecretRef: 'env:SHUYUN_MASTER_KEY' }),
    );
    expect(master.statusCode).toBe(400);
  });

  it('checks the permission before the body: a non-sys_admin with an invalid body gets 403, not 400 (finding 8)', async () => {
    const r = await (await t.as('platform.security')).put(`/api/v1/jurisdictions/${jid(GD)}/oidc`, { issuer: 42 });
    expect(r.statusCode).toBe(403);
    const other = await (await t.as('buyer.admin')).post(
      `/api/v1/orgs/${oid('zh-operator')}/members/${oid('zh-operator')}/oidc-links`,
      { subject: 7 },
    );
    expect(other.statusCode).toBe(404);
  });
});

describe('LGN-06 SSO login against a real OpenID provider', () => {
  it("org_admin pre-binds a member; the linked subject logs in, gets the password login's session, and /me works", async () => {
    const admin = await t.as('operator.admin');
    const devMember = await memberId(admin, oid('zh-operator'), 'operator.dev');
    const bind = await admin.post(`/api/v1/orgs/${oid('zh-operator')}/members/${devMember}/oidc-links`, {
      jurisdictionId: jid(GD),
      subject: 'gd-user-1',
    });
    expect(bind.statusCode).toBe(201);
    const adminMember = await memberId(admin, oid('zh-operator'), 'operator.admin');
    expect(
      (
        await admin.post(`/api/v1/orgs/${oid('zh-operator')}/members/${adminMember}/oidc-links`, {
          jurisdictionId: jid(GD),
          subject: 'gd-wrong-org',
        })
      ).statusCode,
    ).toBe(201);

    const loginsBefore = await count(
      sql`SELECT count(*)::int AS n FROM event WHERE event_type = 'auth.login' AND object_id = ${uid('operator.dev')}`,
    );
    const { query, binding } = await signOn(GD, 'gd-user-1');
    const r = await callback(GD, query, binding);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().user).toMatchObject({
      id: uid('operator.dev'),
      loginName: 'operator.dev',
      orgId: oid('zh-operator'),
    });
    const sid = cookieOf(r.headers['set-cookie'], '__Host-sid')!;
    expect(sid).toBeTruthy();
    const me = await t.anonymous.get('/api/v1/me', { cookie: sid });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.loginName).toBe('operator.dev');
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM event WHERE event_type = 'auth.login' AND object_id = ${uid('operator.dev')}`,
      ),
    ).toBe(loginsBefore + 1);

    // The same callback again (replay) is refused: a flow is used once.
    const replay = await callback(GD, query, binding);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('OIDC_STATE_INVALID');
  });

  it('an unlinked (iss, sub) is refused, offers linking, creates no user and no session, and is audited (scenario 12)', async () => {
    const users = await count(sql`SELECT count(*)::int AS n FROM app_user`);
    const { query, binding } = await signOn(GD, 'gd-stranger');
    const r = await callback(GD, query, binding);
    expect(r.statusCode).toBe(403);
    expect(r.json().error).toMatchObject({ code: 'OIDC_NOT_LINKED', details: { linkable: true } });
    expect(r.json().error.message_zh).toMatch(/绑定/);
    expect(cookieOf(r.headers['set-cookie'], '__Host-sid')).toBeUndefined();
    expect(await count(sql`SELECT count(*)::int AS n FROM app_user`)).toBe(users);
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM event WHERE event_type = 'auth.login_failed' AND reason_code = 'OIDC_NOT_LINKED'`,
      ),
    ).toBe(1);
  });

  it("a tampered state, a missing browser binding and another jurisdiction's callback are refused", async () => {
    const a = await signOn(GD, 'gd-user-1');
    const tampered = new URLSearchParams(a.query);
    tampered.set('state', `${a.query.get('state')}x`);
    const r1 = await callback(GD, tampered, a.binding);
    expect(r1.statusCode).toBe(401);
    expect(r1.json().error.code).toBe('OIDC_STATE_INVALID');

    const b = await signOn(GD, 'gd-user-1');
    const r2 = await callback(GD, b.query); // another browser: no binding cookie
    expect(r2.json().error.code).toBe('OIDC_STATE_INVALID');

    const c = await signOn(GD, 'gd-user-1');
    const r3 = await callback(SZ, c.query, c.binding); // GD's flow at SZ's callback
    expect(r3.statusCode).toBe(401);
    expect(r3.json().error.code).toBe('OIDC_STATE_INVALID');
  });

  it("another jurisdiction's IdP cannot log a user into an org outside it (深圳 IdP, 珠海 org)", async () => {
    const { query, binding } = await signOn(SZ, 'gd-user-1');
    const r = await callback(SZ, query, binding);
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('OIDC_JURISDICTION_MISMATCH');
    expect(cookieOf(r.headers['set-cookie'], '__Host-sid')).toBeUndefined();
  });

  it("an org-code claim that differs from the org's USCC is refused", async () => {
    const { query, binding } = await signOn(GD, 'gd-wrong-org');
    const r = await callback(GD, query, binding);
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('OIDC_ORG_MISMATCH');
  });

  it('a wrong issuer in the response is refused', async () => {
    const { query, binding } = await signOn(GD, 'gd-user-1');
    query.set('iss', 'https://idp.elsewhere.example');
    const r = await callback(GD, query, binding);
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('OIDC_ISSUER_MISMATCH');
  });

  it('an expired ID token and an expired flow are refused (exp checked on our clock)', async () => {
    const a = await signOn(GD, 'gd-user-1');
    shiftMs = 5 * 60_000; // past the ID token's 120 s, within the 10-minute flow
    try {
      const r = await callback(GD, a.query, a.binding);
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe('OIDC_TOKEN_EXPIRED');
      const b = await signOn(GD, 'gd-user-1');
      shiftMs += 11 * 60_000;
      const r2 = await callback(GD, b.query, b.binding);
      expect(r2.json().error.code).toBe('OIDC_STATE_EXPIRED');
    } finally {
      shiftMs = 0;
    }
  });
});

describe('LGN-06 linking while logged in', () => {
  it('a logged-in user links the IdP account they prove, then signs on with it', async () => {
    const me = await t.as('collaborator.dev');
    const start = await me.post(`/api/v1/auth/oidc/${GD}/link`);
    expect(start.statusCode, start.body).toBe(200);
    const binding = cookieOf(start.headers['set-cookie'], '__Host-oidc')!;
    const query = await throughIdp(start.json().authorizationUrl, 'gd-self-1');
    // Another browser (no session) cannot complete someone else's link.
    const stolen = await callback(GD, query, binding);
    expect(stolen.json().error.code).toBe('OIDC_STATE_INVALID');

    const start2 = await me.post(`/api/v1/auth/oidc/${GD}/link`);
    const binding2 = cookieOf(start2.headers['set-cookie'], '__Host-oidc')!;
    const query2 = await throughIdp(start2.json().authorizationUrl, 'gd-self-1');
    const linked = await callback(GD, query2, undefined, { cookie: `${me.cookie}; ${binding2}` });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({ linked: true, userId: uid('collaborator.dev') });

    const { query: q3, binding: b3 } = await signOn(GD, 'gd-self-1');
    const login = await callback(GD, q3, b3);
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json().user.loginName).toBe('collaborator.dev');
  });

  it('an IdP subject already linked cannot be linked again (409 OIDC_LINK_EXISTS)', async () => {
    const admin = await t.as('operator.admin');
    const devMember = await memberId(admin, oid('zh-operator'), 'operator.dev');
    const r = await admin.post(`/api/v1/orgs/${oid('zh-operator')}/members/${devMember}/oidc-links`, {
      jurisdictionId: jid(GD),
      subject: 'gd-self-1',
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('OIDC_LINK_EXISTS');
  });

  it('the user sees and removes their own link (others get 404); the subject is then refused again', async () => {
    const me = await t.as('collaborator.dev');
    const links = (await me.get('/api/v1/auth/oidc/links')).json().items;
    // Both test jurisdictions use the one provider here, so the link serves both.
    expect(links).toMatchObject([{ subject: 'gd-self-1', method: 'self', divisionCodes: [GD, SZ] }]);
    const stranger = await t.as('operator.admin');
    expect((await stranger.post(`/api/v1/auth/oidc/links/${links[0].id}/remove`)).statusCode).toBe(404);
    expect((await me.post(`/api/v1/auth/oidc/links/${links[0].id}/remove`)).statusCode).toBe(200);
    const { query, binding } = await signOn(GD, 'gd-self-1');
    expect((await callback(GD, query, binding)).json().error.code).toBe('OIDC_NOT_LINKED');
  });
});

describe('LGN-06 and the ledger', () => {
  it('the callback is in the OpenAPI document (identity.md API: GET /auth/oidc/{idp}/callback)', async () => {
    const paths = Object.keys((await t.anonymous.get('/api/openapi.json')).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/auth/oidc/{jurisdiction}/callback', '/api/v1/auth/oidc/{jurisdiction}/start']),
    );
  });

  it('IdP configurations and links are chained objects: the ledger audit finds them consistent', async () => {
    const r = await auditLedger(t.kernel);
    expect(r.mismatches.filter((m) => /Oidc/.test(`${m.object ?? ''} ${m.detail}`))).toEqual([]);
    expect(await count(sql`SELECT count(*)::int AS n FROM event WHERE event_type = 'auth.oidc_linked'`)).toBe(3);
  });
});

describe('LGN-06 with a session still owing its TOTP (LGN-04)', () => {
  const pendingSession = async () => {
    await sql`UPDATE app_user SET demo = false WHERE login_name = 'authority.reviewer'`.execute(t.kernel.db);
    const c = await t.as('authority.reviewer');
    expect((await c.get('/api/v1/orgs')).json().error.code).toBe('MFA_REQUIRED');
    return c;
  };
  afterAll(async () => {
    await sql`UPDATE app_user SET demo = true WHERE login_name = 'authority.reviewer'`.execute(t.kernel.db);
  });

  it('SSO start and callback treat the pending-MFA cookie as absent: the linked subject signs in (no MFA_REQUIRED)', async () => {
    const pending = await pendingSession();
    const start = await t.anonymous.get(`/api/v1/auth/oidc/${GD}/start`, { cookie: pending.cookie! });
    expect(start.statusCode, start.body).toBe(302);
    const binding = cookieOf(start.headers['set-cookie'], '__Host-oidc')!;
    const query = await throughIdp(String(start.headers.location), 'gd-user-1');
    const r = await callback(GD, query, undefined, { cookie: `${pending.cookie}; ${binding}` });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().user).toMatchObject({ loginName: 'operator.dev', orgId: oid('zh-operator') });
    const sid = cookieOf(r.headers['set-cookie'], '__Host-sid')!;
    expect(sid).not.toBe(pending.cookie);
    expect((await t.anonymous.get('/api/v1/me', { cookie: sid })).json().user.loginName).toBe('operator.dev');
    // The pending session itself is not upgraded by the SSO login.
    expect((await pending.get('/api/v1/orgs')).json().error.code).toBe('MFA_REQUIRED');
  });

  it('a self-link needs a full session: a link flow completed with a pending-MFA cookie is refused and links nothing', async () => {
    await sql`UPDATE app_user SET demo = true WHERE login_name = 'authority.reviewer'`.execute(t.kernel.db);
    const full = await t.as('authority.reviewer');
    const start = await full.post(`/api/v1/auth/oidc/${GD}/link`);
    expect(start.statusCode, start.body).toBe(200);
    const binding = cookieOf(start.headers['set-cookie'], '__Host-oidc')!;
    const query = await throughIdp(start.json().authorizationUrl, 'gd-reviewer-1');
    const pending = await pendingSession();
    const links = await count(sql`SELECT count(*)::int AS n FROM user_oidc_link`);
    const r = await callback(GD, query, undefined, { cookie: `${pending.cookie}; ${binding}` });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('OIDC_STATE_INVALID');
    expect(await count(sql`SELECT count(*)::int AS n FROM user_oidc_link`)).toBe(links);
  });
});
