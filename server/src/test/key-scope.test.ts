import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSandboxDemo } from '../contexts/sandbox/test/factories.js';
import { registeredRoutes } from '../kernel/http/server.js';
import { DEMO_API_KEY_ID, DEMO_SERVICES, demoApiKeySecret } from '../seed/sandbox.js';
import { oid } from '../seed/identity.js';
import { startTestApp, type TestApp } from './harness.js';

// Issue 12 finding 1 / identity.md KEY-01, KEY-02 and acceptance scenario 5: an API key is not a
// login. The demo buyer's key is scoped to the 核验 order (data.verify, data.query).
let t: TestApp;
let key: string;
beforeAll(async () => {
  t = await startTestApp();
  await ensureSandboxDemo(t.kernel);
  key = demoApiKeySecret(t.kernel);
}, 120_000);
afterAll(async () => t?.close());

const SOME_ID = '0190d4f0-0000-7000-8000-000000000001';
const VERIFY_BODY = { 统一社会信用代码: '91440400MA4W5X6Y7N', 企业名称: '珠海数智运营有限公司' };

function withKey(method: string, url: string, payload?: unknown, remoteAddress?: string) {
  return t.app.inject({
    method: method as 'GET',
    url,
    headers: { authorization: `Bearer ${key}` },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}

async function deniedEvents(where: {
  targetType: string;
  targetId: string;
  reason: string;
}): Promise<{ action: string; result: string }[]> {
  return (
    await sql<{ action: string; result: string }>`SELECT action, result FROM event
    WHERE object_type = ${where.targetType} AND object_id = ${where.targetId} AND result = 'denied' AND reason_code = ${where.reason}`.execute(
      t.kernel.db,
    )
  ).rows;
}

describe('KEY-01 a key reaches only the routes its scopes name (issue 12 finding 1)', () => {
  it('walks every registered route: SCOPE_DENIED everywhere but the data-service call, each refusal audited', async () => {
    const routes = registeredRoutes.get(t.app)!;
    expect(routes.length).toBeGreaterThan(100);
    const before = (await deniedEvents({ targetType: 'ApiKey', targetId: DEMO_API_KEY_ID, reason: 'SCOPE_DENIED' }))
      .length;
    const reached: string[] = [];
    let refused = 0;
    for (const r of routes) {
      const url = r.url.replace(/:[A-Za-z]+/g, SOME_ID).replace(/\*$/, 'x');
      const res = await withKey(r.method, url, ['GET', 'HEAD'].includes(r.method) ? undefined : {});
      if (res.statusCode === 403 && (r.method === 'HEAD' || res.json().error.code === 'SCOPE_DENIED')) refused++;
      else reached.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    // The call route is reached (its gateway then refuses an unknown service), nothing else is.
    expect(reached).toEqual(['POST /api/v1/services/:id/call → 404']);
    expect(refused).toBe(routes.length - 1);
    const after = await deniedEvents({ targetType: 'ApiKey', targetId: DEMO_API_KEY_ID, reason: 'SCOPE_DENIED' });
    expect(after.length - before).toBe(refused);
    expect(after.map((e) => e.action)).toContain('GET /api/v1/me');
  }, 120_000);

  it('names the finding: /me, members, api keys, audit events, minting a key, inviting an admin, TOTP enrolment', async () => {
    const buyer = oid('buyer');
    const attempts: [string, string, unknown?][] = [
      ['GET', '/api/v1/me'],
      ['GET', `/api/v1/orgs/${buyer}/members`],
      ['GET', `/api/v1/orgs/${buyer}/api-keys`],
      ['GET', '/api/v1/audit-events'],
      ['POST', `/api/v1/orgs/${buyer}/api-keys`, { name: 'x', scopes: [], ipAllowList: ['127.0.0.1/32'] }],
      ['POST', `/api/v1/orgs/${buyer}/members`, { loginName: 'evil.admin', realName: '某人', roles: ['org_admin'] }],
      ['POST', '/api/v1/auth/invitations/accept', { token: 'x'.repeat(20), password: 'Passw0rd!Passw0rd' }],
      ['POST', '/api/v1/auth/totp/enroll'],
      ['GET', '/api/v1/nowhere'],
    ];
    for (const [method, url, body] of attempts) {
      const res = await withKey(method, url, body);
      expect(`${method} ${url} ${res.statusCode} ${res.json().error?.code}`).toBe(`${method} ${url} 403 SCOPE_DENIED`);
    }
    const keys = (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM api_key WHERE org_id = ${buyer}`.execute(t.kernel.db)
    ).rows[0]!.n;
    expect(keys).toBe(1); // nothing minted
  });

  it('inside its scope the key calls the 核验 service on its order (200)', async () => {
    const res = await withKey('POST', `/api/v1/services/${DEMO_SERVICES.verify}/call`, VERIFY_BODY);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toHaveProperty('result');
  });

  it('a session cookie is unaffected: buyer.admin still reads /me and the key list', async () => {
    const buyer = await t.as('buyer.admin');
    expect((await buyer.get('/api/v1/me')).statusCode).toBe(200);
    expect((await buyer.get(`/api/v1/orgs/${oid('buyer')}/api-keys`)).statusCode).toBe(200);
  });
});

describe('identity acceptance scenario 5: key scope and IP', () => {
  it("KEY-01: the key calling another order's service gets 403 SCOPE_DENIED, and the refusal is audited", async () => {
    const res = await withKey('POST', `/api/v1/services/${DEMO_SERVICES.stats}/call`, {});
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({
      code: 'SCOPE_DENIED',
      details: { objectType: 'DataServiceTemplate', objectId: DEMO_SERVICES.stats },
    });
    const events = await deniedEvents({ targetType: 'ApiKey', targetId: DEMO_API_KEY_ID, reason: 'SCOPE_DENIED' });
    expect(events.map((e) => e.action)).toContain('POST /api/v1/services/:id/call');
  });

  it('KEY-01: from an address outside the allow-list the key gets 401 IP_NOT_ALLOWED, audited', async () => {
    const res = await withKey('POST', `/api/v1/services/${DEMO_SERVICES.verify}/call`, VERIFY_BODY, '198.51.100.7');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('IP_NOT_ALLOWED');
    expect(
      (await deniedEvents({ targetType: 'ApiKey', targetId: DEMO_API_KEY_ID, reason: 'IP_NOT_ALLOWED' })).length,
    ).toBeGreaterThan(0);
  });
});
