import { connect } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLedger } from '../../contexts/ledger/service.js';
import { demoId } from '../../seed/ids.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { findNul } from './edge.js';

// The HTTP edge (issue 12 findings 3, 4, 5; decision 0058): every refusal is 4xx in the one
// error shape and repeats nothing of the request.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(async () => t?.close());

const MARK = 'ZZECHOZZ';
type Res = { statusCode: number; body: string; headers: Record<string, unknown> };

function expectErrorModel(res: Res, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = JSON.parse(res.body) as { error: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toMatchObject({
    code,
    message_zh: expect.any(String),
    message_en: expect.any(String),
    details: expect.any(Object),
  });
  expect(res.body).not.toContain(MARK);
}

describe('malformed percent-encoding (finding 3)', () => {
  it('GET /api/v1/me?x=%E0%A4%A answers 400 URL_MALFORMED, not 500, signed in or not', async () => {
    expectErrorModel(await t.app.inject({ url: '/api/v1/me?x=%E0%A4%A' }), 400, 'URL_MALFORMED');
    const admin = await t.as('authority.admin');
    expectErrorModel(await admin.get('/api/v1/me?x=%E0%A4%A'), 400, 'URL_MALFORMED');
    expectErrorModel(
      await admin.post('/api/v1/legal-holds?q=%ZZ', { objectType: 'x', objectId: 'y', reason: '诉讼保全' }),
      400,
      'URL_MALFORMED',
    );
  });
  it('a malformed path answers 400 URL_MALFORMED without echoing it', async () => {
    expectErrorModel(await t.app.inject({ url: `/api/v1/orgs/${MARK}%E0%A4%A` }), 400, 'URL_MALFORMED');
  });
});

describe('NUL in any text input (finding 4)', () => {
  it('finds NUL in nested strings and keys, not elsewhere', () => {
    expect(findNul('body', { a: [{ b: 'x\u0000' }] })).toBe('body.a.0.b');
    expect(findNul('body', { ['k\u0000']: 1 })).toBe('body.(key)');
    expect(findNul('body', { a: ['ok', 1, null, true] })).toBeNull();
    expect(findNul('body', Buffer.from([0]))).toBeNull();
  });
  it('POST /legal-holds and /evidence-packages with NUL in objectType/objectId answer 400 NUL_CHARACTER', async () => {
    const admin = await t.as('authority.admin');
    const holds = await sql<{ n: number }>`SELECT count(*)::int AS n FROM legal_hold`.execute(t.kernel.db);
    expectErrorModel(
      await admin.post('/api/v1/legal-holds', { objectType: 'Workspace\u0000', objectId: 'x', reason: '诉讼保全' }),
      400,
      'NUL_CHARACTER',
    );
    expectErrorModel(
      await admin.post('/api/v1/legal-holds', { objectType: 'Workspace', objectId: '\u0000', reason: '诉讼保全' }),
      400,
      'NUL_CHARACTER',
    );
    const ev = await admin.post('/api/v1/evidence-packages', {
      objectType: 'Grant',
      objectId: 'a\u0000b',
      purpose: '取证',
    });
    expectErrorModel(ev, 400, 'NUL_CHARACTER');
    expect(ev.json().error.details.fields).toBe('body.objectId');
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM legal_hold`.execute(t.kernel.db)).rows[0]!.n).toBe(
      holds.rows[0]!.n,
    );
  });
  it('NUL in a query string or path parameter is refused too', async () => {
    const admin = await t.as('authority.admin');
    expectErrorModel(await admin.get('/api/v1/orgs?q=a%00b'), 400, 'NUL_CHARACTER');
    expectErrorModel(await admin.get('/api/v1/ledger/objects/Grant%00/x/entries'), 400, 'NUL_CHARACTER');
  });
});

describe('framework errors in the error model (finding 5)', () => {
  it('a 5,000-character path parameter: 414 URI_TOO_LONG, the path not echoed', async () => {
    expectErrorModel(await t.app.inject({ url: `/api/v1/orgs/${MARK}${'a'.repeat(5000)}` }), 414, 'URI_TOO_LONG');
  });
  it('an unknown route: 404 NOT_FOUND, the path not echoed', async () => {
    expectErrorModel(await t.app.inject({ url: `/api/v1/${MARK}` }), 404, 'NOT_FOUND');
    expectErrorModel(await t.app.inject({ method: 'DELETE', url: `/api/v1/me/${MARK}` }), 404, 'NOT_FOUND');
  });
  it('malformed JSON 400, unsupported content type 415, body too large 413', async () => {
    const admin = await t.as('authority.admin');
    const h = { cookie: admin.cookie!, 'x-csrf-token': admin.csrf! };
    expectErrorModel(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/legal-holds',
        headers: { ...h, 'content-type': 'application/json' },
        payload: `{"${MARK}`,
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectErrorModel(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/legal-holds',
        headers: { ...h, 'content-type': 'text/x-mark' },
        payload: MARK,
      }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const big = JSON.stringify({ reason: MARK.repeat(1_400_000) });
    expectErrorModel(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/legal-holds',
        headers: { ...h, 'content-type': 'application/json' },
        payload: big,
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });
  it('over-long URL or headers on a real socket: 431 HEADERS_TOO_LARGE in the error model', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(address).port);
    for (const head of [
      `GET /api/v1/resources?q=${MARK}${'x'.repeat(20_000)} HTTP/1.1\r\nHost: a\r\n\r\n`,
      `GET /api/v1/me HTTP/1.1\r\nHost: a\r\nX-Big: ${MARK}${'y'.repeat(20_000)}\r\n\r\n`,
    ]) {
      const raw = await rawRequest(port, head);
      const [status, ...rest] = raw.split('\r\n\r\n');
      expect(status).toMatch(/^HTTP\/1\.1 431 /);
      expectErrorModel({ statusCode: 431, body: rest.join('\r\n\r\n'), headers: {} }, 431, 'HEADERS_TOO_LARGE');
    }
    const garbage = await rawRequest(port, `NOT HTTP ${MARK}\r\n\r\n`);
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(garbage).toContain('"BAD_REQUEST"');
    expect(garbage).not.toContain(MARK);
  });
});

function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(text));
    let out = '';
    s.on('data', (d) => {
      out += d.toString('utf8');
    });
    s.on('end', () => resolve(out));
    s.on('close', () => resolve(out));
    s.on('error', reject);
  });
}

describe('identity, CSRF and permission before the body (finding 8)', () => {
  const pending = demoId('scenario:pending'); // under_review, owned by 珠海 (440400)
  const invalid = { itemDecisions: 'not-a-list' };

  it('a wrong CSRF token with an invalid body answers 403 CSRF, not 400', async () => {
    const reviewer = await t.as('authority.reviewer');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/scenario-applications/${pending}/approve`,
      headers: { cookie: reviewer.cookie!, 'x-csrf-token': 'wrong' },
      payload: invalid,
    });
    expectErrorModel(res, 403, 'CSRF');
  });
  it('no login with an invalid body answers 401, not 400', async () => {
    expectErrorModel(
      await t.anonymous.post(`/api/v1/scenario-applications/${pending}/approve`, invalid),
      401,
      'UNAUTHENTICATED',
    );
  });
  it('another tenant with an invalid (or unparsable) body answers 404, not 400', async () => {
    const luohu = await t.as('luohu.reviewer');
    expectErrorModel(await luohu.post(`/api/v1/scenario-applications/${pending}/approve`, invalid), 404, 'NOT_FOUND');
    const raw = await t.app.inject({
      method: 'POST',
      url: `/api/v1/scenario-applications/${pending}/approve`,
      headers: { cookie: luohu.cookie!, 'x-csrf-token': luohu.csrf!, 'content-type': 'application/json' },
      payload: '{',
    });
    expectErrorModel(raw, 404, 'NOT_FOUND');
    // The owner's reviewer with the same body still learns what is wrong with it.
    const own = await t.as('authority.reviewer');
    expectErrorModel(
      await own.post(`/api/v1/scenario-applications/${pending}/approve`, invalid),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('identity acceptance scenario 2: a refused cross-tenant approval is audited', () => {
  it("王敏 of 罗湖 approving 珠海's application: 404, unchanged, a denied event records CROSS_TENANT", async () => {
    const pending = demoId('scenario:pending');
    const state = async () =>
      (
        await sql<{
          state: string;
          version: number;
        }>`SELECT state, version FROM scenario_application WHERE id = ${pending}`.execute(t.kernel.db)
      ).rows[0];
    const before = await state();
    const luohu = await t.as('luohu.reviewer');
    const res = await luohu.post(`/api/v1/scenario-applications/${pending}/approve`, { itemDecisions: [] });
    expectErrorModel(res, 404, 'NOT_FOUND');
    expect(await state()).toEqual(before);
    const events = (
      await sql<{ action: string; actor: { userId: string } }>`SELECT action, actor FROM event
      WHERE object_type = 'ScenarioApplication' AND object_id = ${pending} AND result = 'denied' AND reason_code = 'CROSS_TENANT'`.execute(
        t.kernel.db,
      )
    ).rows;
    expect(events.map((e) => e.action)).toContain('POST /api/v1/scenario-applications/:id/approve');
    expect(events.every((e) => e.actor.userId === demoId('user:luohu.reviewer'))).toBe(true);
  });
  it('a refused write on an object that does not exist is audited as NOT_FOUND; a refused read is not audited', async () => {
    const ghost = '0190d4f0-0000-7000-8000-00000000abcd';
    const luohu = await t.as('luohu.reviewer');
    expect((await luohu.post(`/api/v1/grants/${ghost}/activate`, {})).statusCode).toBe(404);
    expect((await luohu.get(`/api/v1/grants/${ghost}`)).statusCode).toBe(404);
    const rows = (
      await sql<{
        action: string;
        reason_code: string;
      }>`SELECT action, reason_code FROM event WHERE object_id = ${ghost} AND result = 'denied'`.execute(t.kernel.db)
    ).rows;
    expect(rows).toEqual([{ action: 'POST /api/v1/grants/:id/activate', reason_code: 'NOT_FOUND' }]);
  });
  it('a 403 on a write by a signed-in actor is audited with its code', async () => {
    const gd = await t.as('gd.reviewer'); // the ancestor reads, cannot approve (scenario 3)
    const pending = demoId('scenario:pending');
    const res = await gd.post(`/api/v1/scenario-applications/${pending}/approve`, { itemDecisions: [] });
    expect(res.statusCode).toBe(403);
    const rows = (
      await sql<{
        reason_code: string;
      }>`SELECT reason_code FROM event WHERE object_id = ${pending} AND result = 'denied' AND actor->>'userId' = ${demoId('user:gd.reviewer')}`.execute(
        t.kernel.db,
      )
    ).rows;
    expect(rows.map((r) => r.reason_code)).toContain(res.json().error.code);
  });
  it('LED-11: the denied events written above leave the ledger audit clean (audit-only entries are not state changes)', async () => {
    const r = await auditLedger(t.kernel);
    expect(r.mismatches).toEqual([]);
  }, 120_000);
});
