import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm3Hex } from '../../../kernel/crypto/sm3.js';
import { DEMO_GRANTS, DEMO_SERVICES } from '../../../seed/sandbox.js';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { ql } from '../engine/instance.js';
import * as sandbox from '../store.js';
import { ensureSandboxDemo, usccFor } from '../test/factories.js';
import { canonicalItem } from './client/canonical.js';
import { toB64 } from './client/codec.js';
import { hashItem, nobleMultiplier } from './client/curve.js';
import { opensslMultiplier } from './client/node.js';
import { runPsi, type Transport } from './client/protocol.js';
import { getLive } from './live.js';
import { login } from './client/cli.js';
import { itemsOf } from './client/items.js';
import { DEMO_PASSWORD } from '../../../seed/identity.js';

const SERVICE = DEMO_SERVICES.verify;
const secret = new Uint8Array(32).fill(7);

/** The client's transport over the test app: answers parsed, refusals thrown with their error code. */
function transport(c: Client): Transport {
  const unwrap = (r: { statusCode: number; json: () => unknown }) => {
    if (r.statusCode >= 400)
      throw Object.assign(new Error(`HTTP ${r.statusCode}`), { status: r.statusCode, body: r.json() });
    return r.json();
  };
  return { get: async (p) => unwrap(await c.get(p)), post: async (p, b) => unwrap(await c.post(p, b)) };
}

/** The platform's own 统一社会信用代码 (read from the Workspace's view file, as the test's ground truth). */
async function platformUsccs(t: TestApp): Promise<string[]> {
  const svc = (await sandbox.getService(t.kernel.db, SERVICE))!;
  const ws = (await sandbox.getWorkspace(t.kernel.db, svc.workspace_id))!;
  const view = ws.views.find((v) => v.name === svc.view_name)!;
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  const r = await c.runAndReadAll(`SELECT DISTINCT 统一社会信用代码 FROM read_parquet(${ql(view.file)})`);
  c.closeSync();
  inst.closeSync();
  return r.getRows().map((x) => String(x[0]));
}

/** Buyer-only items: valid USCCs the platform does not hold. */
function outsiders(platform: Set<string>, n: number, from: number): string[] {
  const out: string[] = [];
  for (let i = from; out.length < n; i++) if (!platform.has(usccFor(i))) out.push(usccFor(i));
  return out;
}

const errCode = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'none';
  } catch (e) {
    return (e as { body?: { error?: { code?: string } } }).body?.error?.code ?? String(e);
  }
};

describe('PSI-02 hash-to-curve and the multipliers', () => {
  it('PSI-02 hashes with RFC 9380 P256_XMD:SHA-256_SSWU_RO_ (the RFC test vector), never H(x)·G', async () => {
    const { p256_hasher } = await import('@noble/curves/nist.js');
    const P = p256_hasher.hashToCurve(new Uint8Array(), { DST: 'QUUX-V01-CS02-with-P256_XMD:SHA-256_SSWU_RO_' });
    expect(P.toAffine().x.toString(16)).toBe('2c15230b26dbc6fc9a37051158c95b79656e17a1a920b11394ca91c44247d3e4');
    // Two items map to independent points: no common scalar relates them to G (unlike H(x)·G).
    const a = hashItem('uscc', usccFor(1));
    expect(a).toHaveLength(32);
    expect(Buffer.from(a).equals(Buffer.from(hashItem('uscc', usccFor(2))))).toBe(false);
  });
  it('PSI-02 OpenSSL and @noble/curves give the same x(k·P); blinding commutes on x alone', () => {
    const x = hashItem('uscc', usccFor(3));
    const k1 = 12345678901234567890n;
    const k2 = 98765432109876543210n;
    expect(toB64(opensslMultiplier(k1).mul(x))).toBe(toB64(nobleMultiplier(k1).mul(x)));
    const ab = opensslMultiplier(k2).mul(opensslMultiplier(k1).mul(x));
    const ba = opensslMultiplier(k1).mul(opensslMultiplier(k2).mul(x));
    expect(toB64(ab)).toBe(toB64(ba));
  });
  it('PSI-02 canonicalizes per identifier type (full width, case, separators) and drops what is not one', () => {
    const u = usccFor(5);
    const fullWidth = u.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(canonicalItem('uscc', ` ${fullWidth.toLowerCase()} `)).toBe(u);
    expect(canonicalItem('id_number', '44040219870614123x')).toBe('44040219870614123X');
    expect(canonicalItem('phone', '+86 138-1234-5678')).toBe('13812345678');
    expect(canonicalItem('uscc', 'not-a-code')).toBeNull();
  });
});

describe('PSI sessions through the HTTP API and the client', () => {
  let t: TestApp;
  let buyer: Client;
  let platform: Set<string>;
  let members: string[];
  let list: string[];
  beforeAll(async () => {
    t = await startTestApp();
    await ensureSandboxDemo(t.kernel);
    buyer = await t.as('buyer.admin');
    platform = new Set(await platformUsccs(t));
    members = [...platform].slice(0, 60);
    list = [...members.map((m, i) => (i % 2 ? m.toLowerCase() : ` ${m}`)), ...outsiders(platform, 80, 900_000)];
  }, 120_000);
  afterAll(() => t.close());

  it('PSI-01/PSI-05 membership: the buyer learns exactly the known intersection, the platform the list size', async () => {
    const out = await runPsi(transport(buyer), { serviceId: SERVICE, mode: 'membership', items: list, secret });
    expect(out.listSize).toBe(140);
    expect(out.matchedCount).toBe(60);
    expect(new Set(out.matches)).toEqual(new Set(members));
    const s = (await buyer.get(`/api/v1/psi-sessions/${out.sessionId}`)).json();
    expect(s).toMatchObject({ state: 'closed', buyerListSize: 140, mode: 'membership', curve: 'P-256' });
    expect(s.keyDestroyedAt).not.toBeNull();
  });

  it('PSI-03 cardinality: only the count reaches the buyer (double-blinded points shuffled)', async () => {
    const out = await runPsi(transport(buyer), { serviceId: SERVICE, mode: 'cardinality', items: list, secret });
    expect(out.matchedCount).toBe(60);
    expect(out.matches).toBeUndefined();
  });

  it('PSI-05 after the sessions the database and the data directory hold no buyer item nor its hash', async () => {
    const only = list.slice(60).map((x) => x.trim().toUpperCase());
    const needles = only.flatMap((x) => [
      x,
      createHash('sha256').update(x).digest('hex'),
      sm3Hex(x),
      Buffer.from(hashItem('uscc', x)).toString('hex'),
      toB64(hashItem('uscc', x)),
    ]);
    const tables = await sql<{ t: string }>`SELECT table_name AS t FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(t.kernel.db);
    let dump = '';
    for (const { t: name } of tables.rows) {
      const rows = await sql<{ r: string }>`SELECT x::text AS r FROM ${sql.table(name)} x`.execute(t.kernel.db);
      dump += rows.rows.map((r) => r.r).join('\n');
    }
    expect(dump).toContain('PsiSession'); // the sessions' events are there…
    for (const n of needles) expect(dump.includes(n), `database holds ${n}`).toBe(false); // …no item of the buyer
    const files = await walk(t.kernel.dataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const body = await readFile(f);
      for (const n of needles) expect(body.includes(n), `${f} holds ${n}`).toBe(false);
    }
    const usage = await sql<{ n: number }>`SELECT count(*)::int AS n FROM usage_record WHERE meter = 'psi'`.execute(
      t.kernel.db,
    );
    expect(usage.rows[0]!.n).toBe(2); // PSI-05: one UsageRecord per session
  });

  it('PSI-04 a 20-item list fails with PSI_LIST_SIZE; PSI-01 another org cannot see the session', async () => {
    const code = await errCode(
      runPsi(transport(buyer), { serviceId: SERVICE, mode: 'membership', items: members.slice(0, 20), secret }),
    );
    expect(code).toBe('PSI_LIST_SIZE');
    const mine = (await buyer.get('/api/v1/psi-sessions')).json().items[0].id;
    const other = await t.as('operator.admin');
    expect((await other.get(`/api/v1/psi-sessions/${mine}`)).statusCode).toBe(404);
  });

  it('PSI-04 differencing: a second cardinality list within k items of an earlier one is refused; then the cap', async () => {
    const near = [...list.slice(0, 136), ...outsiders(platform, 4, 950_000)]; // 4 out, 4 in: Δ = 8 < k = 10
    expect(
      await errCode(runPsi(transport(buyer), { serviceId: SERVICE, mode: 'cardinality', items: near, secret })),
    ).toBe('PSI_DIFFERENCING');
    const refused = (await buyer.get('/api/v1/psi-sessions')).json().items[0];
    expect(refused).toMatchObject({ state: 'refused', rejectCode: 'PSI_DIFFERENCING' });
    expect(refused.keyDestroyedAt).not.toBeNull();
    // Three sessions today (membership, cardinality, refused): PSI-04's daily cap (psi.maxSessionsPerDay = 3) holds.
    const far = outsiders(platform, 150, 970_000);
    expect(
      await errCode(runPsi(transport(buyer), { serviceId: SERVICE, mode: 'cardinality', items: far, secret })),
    ).toBe('PSI_SESSION_CAP');
    const svc = (await buyer.get('/api/v1/psi/services'))
      .json()
      .items.find((s: { serviceId: string }) => s.serviceId === SERVICE);
    expect(svc.sessionsLeftToday).toBe(0);
  });
});

describe('PSI-01 the Grant and the Contract decide the mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await ensureSandboxDemo(t.kernel);
  }, 120_000);
  afterAll(() => t.close());

  it('PSI-05 the CLI (fetch + login) reads a CSV column and finds the intersection; only blinded points are sent', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = t.app.server.address() as AddressInfo;
    const platform = [...new Set(await platformUsccs(t))];
    const csv = [
      '编号,统一社会信用代码',
      ...platform.slice(0, 70).map((u, i) => `${i},${u}`),
      ...outsiders(new Set(platform), 50, 800_000).map((u, i) => `x${i},${u}`),
    ].join('\n');
    const sent: string[] = [];
    const http = await login(`http://127.0.0.1:${addr.port}`, 'buyer.admin', DEMO_PASSWORD);
    const spy = { get: http.get, post: (p: string, b: unknown) => (sent.push(JSON.stringify(b)), http.post(p, b)) };
    const out = await runPsi(spy, {
      serviceId: SERVICE,
      mode: 'membership',
      items: itemsOf(csv, '统一社会信用代码'),
      secret,
      multiplier: opensslMultiplier,
    });
    expect(out).toMatchObject({ listSize: 120, matchedCount: 70 });
    const wire = sent.join('');
    for (const u of platform.slice(0, 3)) expect(wire.includes(u)).toBe(false);
  });

  it('PSI-03 a session past its clock expires: the key is destroyed and nothing more is answered', async () => {
    const buyer = await t.as('buyer.admin');
    const r = await buyer.post('/api/v1/psi-sessions', { serviceId: SERVICE, mode: 'membership', listSize: 150 });
    expect(r.statusCode).toBe(201);
    const id = r.json().id as string;
    expect(getLive(id)).toBeDefined();
    await sql`UPDATE psi_session SET expires_at = now() - interval '1 hour' WHERE id = ${id}`.execute(t.kernel.db);
    const late = await buyer.get(`/api/v1/psi-sessions/${id}/platform-set`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('PSI_SESSION_NOT_OPEN');
    expect(getLive(id)).toBeUndefined();
    const s = (await buyer.get(`/api/v1/psi-sessions/${id}`)).json();
    expect(s.state).toBe('expired');
    expect(s.keyDestroyedAt).not.toBeNull();
  });

  it('PSI-01 membership without the Grant permission is refused; cardinality runs; no psiAllowed, no PSI', async () => {
    const buyer = await t.as('buyer.admin');
    await sql`UPDATE data_grant SET psi_membership = false WHERE id = ${DEMO_GRANTS.verify}`.execute(t.kernel.db);
    const open = (mode: string) => buyer.post('/api/v1/psi-sessions', { serviceId: SERVICE, mode, listSize: 200 });
    const wrong = await open('membership');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('PSI_MODE_NOT_ALLOWED');
    const svc = (await buyer.get('/api/v1/psi/services')).json().items[0];
    expect(svc.modes).toEqual(['cardinality']);
    const ok = await open('cardinality');
    expect(ok.statusCode).toBe(201);
    await buyer.post(`/api/v1/psi-sessions/${ok.json().id}/close`, {});
    await sql`UPDATE data_grant SET psi_allowed = false WHERE id = ${DEMO_GRANTS.verify}`.execute(t.kernel.db);
    const none = await open('cardinality');
    expect(none.json().error.code).toBe('PSI_NOT_ALLOWED');
    expect((await buyer.get('/api/v1/psi/services')).json().items).toEqual([]);
  });
});

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}
