import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DuckDBInstance } from '@duckdb/node-api';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { DEMO_GRANTS, DEMO_SERVICES, demoApiKeySecret } from '../../seed/sandbox.js';
import { ql } from './engine/instance.js';
import { sm3Hex } from '../../kernel/crypto/sm3.js';
import { ensureSandboxDemo } from './test/factories.js';
import { aggregateEgress } from './test/http.js';

let t: TestApp;
let dev: Client;
let ws: any;
beforeAll(async () => {
  t = await startTestApp();
  await ensureSandboxDemo(t.kernel);
  dev = await t.as('operator.dev');
  ws = (await dev.get('/api/v1/workspaces')).json().items.find((w: any) => w.grantId === DEMO_GRANTS.verify);
}, 120_000);
afterAll(async () => t?.close());

const AGG = 'SELECT 所属区, count(*) AS 企业数 FROM 企业登记信息 GROUP BY 所属区 ORDER BY 所属区';

describe('GET /api/v1/workspaces', () => {
  it("lists the caller's workspaces as {items} with the granted views only", async () => {
    expect(ws).toBeTruthy();
    const v = ws.views.find((x: any) => x.name === '企业登记信息');
    expect(v.fields.map((f: any) => f.name)).not.toContain('法定代表人');
  });
  it("hides another org's workspace (404)", async () => {
    const buyer = await t.as('buyer.admin');
    expect((await buyer.get(`/api/v1/workspaces/${ws.id}`)).statusCode).toBe(404);
    expect((await buyer.get('/api/v1/workspaces')).json().items).toEqual([]);
  });
});

describe('POST /api/v1/workspaces/:id/jobs', () => {
  it('SBX-07 PERF-01 runs a granted aggregate and logs SM3 and view versions', async () => {
    const r = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: AGG });
    expect(r.statusCode).toBe(201);
    const job = r.json();
    expect(job).toMatchObject({ status: 'succeeded', sqlText: AGG });
    expect(job.sqlSm3).toMatch(/^[0-9a-f]{64}$/);
    // SBX-10: the Job's answer is its log, never its rows; they are read in the watermarked, audited viewer.
    expect(job).not.toHaveProperty('preview');
    const polled = await dev.get(`/api/v1/workspaces/${ws.id}/jobs/${job.id}`);
    expect(polled.json().status).toBe('succeeded');
    expect(polled.json()).not.toHaveProperty('preview');
    const preview = (await dev.get(`/api/v1/workspaces/${ws.id}/jobs/${job.id}/preview`)).json();
    expect(preview.rows.length).toBeGreaterThan(0);
    expect(preview.watermark.code).toMatch(/^[0-9a-f]{16}$/);
  });
  it('SBX-05 refuses COPY with 422 SANDBOX_REFUSED, the rule ID and a rejected job in the log', async () => {
    const r = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, {
      sql: "COPY (SELECT * FROM 企业登记信息) TO '/tmp/a.csv'",
    });
    expect(r.statusCode).toBe(422);
    const e = r.json().error;
    expect(e.code).toBe('SANDBOX_REFUSED');
    expect(e.details.ruleId).toBe('SBX-05');
    expect(e.details.failures[0]).toMatchObject({ ruleId: 'SBX-05', code: 'STATEMENT_NOT_ALLOWED' });
    const log = (await dev.get(`/api/v1/workspaces/${ws.id}/jobs`)).json().items;
    expect(log.find((j: any) => j.id === e.details.jobId)).toMatchObject({
      status: 'rejected',
      rejectCode: 'STATEMENT_NOT_ALLOWED',
    });
  });
  it('SBX-08 names the ungranted field', async () => {
    const r = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: 'SELECT 法定代表人 FROM 企业登记信息' });
    expect(r.json().error.details.failures[0]).toMatchObject({
      code: 'FIELD_NOT_GRANTED',
      params: { field: '法定代表人' },
    });
  });
  it('answers 202 for a job still running and lets the client poll it to the end', async () => {
    const orig = t.kernel.profile;
    t.kernel.profile = {
      id: orig.id,
      has: (key) => orig.has(key),
      get: ((key: string) => (key === 'sandbox.syncWaitMs' ? 0 : orig.get(key))) as typeof orig.get,
    };
    try {
      const r = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: AGG });
      expect(r.statusCode).toBe(202);
      expect(['running', 'queued', 'succeeded']).toContain(r.json().status);
      let status = r.json().status;
      for (let i = 0; i < 100 && status !== 'succeeded'; i++) {
        await new Promise((res) => setTimeout(res, 50));
        status = (await dev.get(`/api/v1/workspaces/${ws.id}/jobs/${r.json().id}`)).json().status;
      }
      expect(status).toBe('succeeded');
    } finally {
      t.kernel.profile = orig;
    }
  });
  it('SBX-05 plain EXPLAIN is allowed', async () => {
    const r = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: `EXPLAIN ${AGG}` });
    expect(r.json().status).toBe('succeeded');
  });
  it('SBX-03 a later job may read an earlier result table r_<job>', async () => {
    const first = (await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: AGG })).json();
    const second = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, {
      sql: `SELECT count(*) AS n FROM ${first.resultTable}`,
    });
    expect(second.json()).toMatchObject({ status: 'succeeded' });
  });
  it('SBX-02 refuses a user without a seat', async () => {
    const admin = await t.as('collaborator.dev');
    expect([403, 404]).toContain((await admin.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: AGG })).statusCode);
  });
});

describe('SBX-05 a typo is a syntax error with its position (issue 14)', () => {
  it('answers 422 SQL_SYNTAX (not SANDBOX_REFUSED) naming line and column, and logs the job as rejected with SQL_SYNTAX', async () => {
    const r = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, {
      sql: 'SELECT 所属区, count(*)\nFORM 企业登记信息 GROUP BY 所属区',
    });
    expect(r.statusCode).toBe(422);
    const err = r.json().error;
    expect(err.code).toBe('SQL_SYNTAX');
    expect(err.message_zh).toContain('第 2 行第 6 列');
    expect(err.details).toMatchObject({ line: 2, column: 6, rejectCode: 'SQL_SYNTAX' });
    const job = (await dev.get(`/api/v1/workspaces/${ws.id}/jobs/${err.details.jobId}`)).json();
    expect(job).toMatchObject({ status: 'rejected', rejectCode: 'SQL_SYNTAX' });
  });
});

describe('Egress: checks → authority review → fingerprinted release', () => {
  it('EGR-04 EGR-09 EGR-10 releases once approved, with SM3 and watermark in the ledgered event', async () => {
    const job = (await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: AGG })).json();
    const req = await dev.post('/api/v1/egress-requests', {
      workspaceId: ws.id,
      sourceJobId: job.id,
      outputKind: 'aggregate_table',
      declaredUse: 'own_analysis',
      justification: '区县分布分析',
    });
    expect(req.statusCode).toBe(201);
    const e = req.json();
    expect(e.status).toBe('awaiting_review');
    expect(e.autoChecks.map((c: any) => c.check)).toEqual(
      expect.arrayContaining(['EGR-01', 'EGR-02', 'EGR-04', 'EGR-05', 'EGR-06']),
    );
    const auth = await t.as('authority.admin');
    const queue = (await auth.get('/api/v1/egress-requests?state=awaiting_review')).json();
    const seen = queue.items.find((x: any) => x.id === e.id);
    expect(seen).toBeTruthy();
    const detail = (await auth.get(`/api/v1/egress-requests/${e.id}`)).json();
    expect(detail.sql).toBe(AGG);
    expect(detail.lineage.jobId).toBe(job.id);
    expect(
      (await dev.post(`/api/v1/egress-requests/${e.id}/reviews`, { decision: 'approve', reason: 'self' })).statusCode,
    ).toBe(403);
    const ok = await auth.post(`/api/v1/egress-requests/${e.id}/reviews`, {
      decision: 'approve',
      reason: '仅含区县汇总',
    });
    expect(ok.statusCode).toBe(200);
    const rel = ok.json().release;
    expect(rel.fingerprintSm3).toMatch(/^[0-9a-f]{64}$/);
    // EGR-10: the CSV opens in Excel (BOM, header first, watermark as the last column); the SM3 is of the bytes served.
    const dl = await dev.get(`/api/v1/releases/${e.id}/download?format=csv`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(dl.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('所属区,企业数,出域水印');
    expect(dl.body.split('\r\n')[1]).toMatch(new RegExp(`,${rel.watermarkCode}$`));
    expect(dl.headers['x-fingerprint-sm3']).toBe(rel.fingerprintSm3);
    expect(sm3Hex(dl.rawPayload)).toBe(rel.fingerprintSm3);
    const xl = await dev.get(`/api/v1/releases/${e.id}/download`);
    expect(xl.headers['content-type']).toContain('spreadsheetml');
    expect(sm3Hex(xl.rawPayload)).toBe(rel.xlsxSm3);
    expect(xl.headers['x-fingerprint-sm3']).toBe(rel.xlsxSm3);
    const ev = (
      await sql<any>`SELECT e.event_type, l.event_id FROM event e JOIN ledger_entry l ON l.event_id = e.id WHERE e.object_id = ${e.id} ORDER BY e.occurred_at`.execute(
        t.kernel.db,
      )
    ).rows;
    expect(ev.map((x) => x.event_type)).toEqual(
      expect.arrayContaining(['egress.submit', 'egress.checks_passed', 'egress.approve', 'egress.release']),
    );
  });
  it('EGR-02 a request with an identifier column is blocked before review', async () => {
    const e = await aggregateEgress(
      dev,
      ws.id,
      'SELECT 统一社会信用代码, count(*) AS n FROM 企业登记信息 GROUP BY 统一社会信用代码',
      'x',
    );
    expect(e.status).toBe('auto_failed');
    expect(e.failures.map((f: any) => f.code)).toContain('DIRECT_IDENTIFIER_IN_OUTPUT');
    expect((await dev.get(`/api/v1/releases/${e.id}/download`)).statusCode).toBe(404);
  });
  it('EGR-11 a denied output never leaves', async () => {
    const e = await aggregateEgress(
      dev,
      ws.id,
      'SELECT 所属区, count(*) AS n FROM 企业登记信息 WHERE 所属区 IS NOT NULL GROUP BY 所属区',
      'x',
    );
    const auth = await t.as('authority.admin');
    expect(
      (await auth.post(`/api/v1/egress-requests/${e.id}/reviews`, { decision: 'deny', reason: '' })).json().error.code,
    ).toBe('REASON_REQUIRED');
    expect(
      (
        await auth.post(`/api/v1/egress-requests/${e.id}/reviews`, { decision: 'deny', reason: '含个体经营户明细' })
      ).json().status,
    ).toBe('denied');
    expect((await dev.get(`/api/v1/releases/${e.id}/download`)).statusCode).toBe(404);
  });
});

describe('POST /api/v1/services/:id/call (SVC-02..07)', () => {
  let uscc = '';
  let name = '';
  beforeAll(async () => {
    const view = (
      await sql<any>`SELECT views FROM sandbox_workspace WHERE id = ${ws.id}`.execute(t.kernel.db)
    ).rows[0].views.find((v: any) => v.name === '企业登记信息');
    const inst = await DuckDBInstance.create(':memory:');
    const c = await inst.connect();
    const row = (
      await c.runAndReadAll(`SELECT 统一社会信用代码, 企业名称 FROM read_parquet(${ql(view.file)}) LIMIT 1`)
    ).getRows()[0]!;
    [uscc, name] = [String(row[0]), String(row[1])];
    c.closeSync();
    inst.closeSync();
  });
  const call = (body: unknown, key = demoApiKeySecret(t.kernel)) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/services/${DEMO_SERVICES.verify}/call`,
      headers: { authorization: `Bearer ${key}` },
      payload: body as any,
    });

  it('answers only match / no_match and meters each call with an input HMAC', async () => {
    const m = await call({ 统一社会信用代码: uscc, 企业名称: name });
    expect(m.statusCode).toBe(200);
    expect(m.json()).toEqual({ result: 'match' });
    expect((await call({ 统一社会信用代码: uscc, 企业名称: `${name}X` })).json()).toEqual({ result: 'no_match' });
    const buyer = await t.as('buyer.admin');
    const usage = (await buyer.get('/api/v1/service-usage')).json();
    expect(usage.items.length).toBeGreaterThanOrEqual(2);
    expect(usage.items[0].input_hmac).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(usage)).not.toContain(uscc);
  });
  it('SVC-07 concurrent calls are group-committed: each answered call has its UsageRecord and its own audit entry, and the ledger audits clean', async () => {
    const { usccFor } = await import('./test/factories.js');
    const { auditLedger } = await import('../ledger/service.js');
    const { integrate } = await import('../../kernel/ledger/sequencer.js');
    const ids = async () =>
      (
        await sql<{
          id: string;
        }>`SELECT id::text AS id FROM usage_record WHERE template_id = ${DEMO_SERVICES.verify}`.execute(t.kernel.db)
      ).rows.map((r) => r.id);
    const before = await ids();
    const rs = await Promise.all(
      Array.from({ length: 12 }, (_, i) => call({ 统一社会信用代码: usccFor(7_000_000 + i * 7919), 企业名称: name })),
    );
    expect(rs.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
    const added = (await ids()).filter((id) => !before.includes(id));
    // Each new UsageRecord is the object of exactly one audit entry (its first), holding the template and the input HMAC.
    const rows = (
      await sql<any>`SELECT u.id::text AS id, u.input_hmac, count(l.event_id)::int AS entries, min(l.object_version) AS v, bool_and(l.prev_object_leaf_hash IS NULL) AS unchained,
        bool_and(e.action = 'service.call') AS call
      FROM usage_record u LEFT JOIN ledger_entry l ON l.object_type = 'UsageRecord' AND l.object_id = u.id::text LEFT JOIN event e ON e.id = l.event_id
      WHERE u.id::text = ANY(${added}) GROUP BY u.id, u.input_hmac`.execute(t.kernel.db)
    ).rows;
    expect(rows).toHaveLength(12);
    for (const r of rows) expect([r.entries, r.v, r.unchained, r.call]).toEqual([1, 1, true, true]);
    await integrate(t.kernel, 'audit');
    expect(
      (await auditLedger(t.kernel, { openIncident: false })).mismatches.filter((m) =>
        m.object?.startsWith('UsageRecord/'),
      ),
    ).toEqual([]);
  });
  it('SVC-03 a bad check character is PARAMETER_INVALID; extra keys too', async () => {
    const bad = `${uscc.slice(0, 17)}${uscc[17] === '0' ? '1' : '0'}`;
    expect((await call({ 统一社会信用代码: bad, 企业名称: name })).json().error).toMatchObject({
      code: 'PARAMETER_INVALID',
      details: { name: '统一社会信用代码' },
    });
    expect((await call({ 统一社会信用代码: uscc, 企业名称: name, sql: 'SELECT 1' })).json().error.code).toBe(
      'PARAMETER_INVALID',
    );
  });
  it('SVC-06 the sixth call for one subject in a day is SUBJECT_RATE_LIMIT', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await call({ 统一社会信用代码: uscc, 企业名称: name })).statusCode);
    expect(codes.at(-1)).toBe(429);
    expect((await call({ 统一社会信用代码: uscc, 企业名称: name })).json().error.code).toBe('SUBJECT_RATE_LIMIT');
  });
  it("SVC-05 a contract's day quota holds under concurrent calls: exactly the remaining calls answer, the rest are QUOTA_EXCEEDED and metered as rejected", async () => {
    const { usccFor } = await import('./test/factories.js');
    expect((await call({ 统一社会信用代码: usccFor(9_100_000), 企业名称: name })).statusCode).toBe(200);
    const { contract_id: contractId, shanghai_day: day } = (
      await sql<any>`SELECT contract_id, shanghai_day::text FROM usage_record WHERE template_id = ${DEMO_SERVICES.verify}
      ORDER BY occurred_at DESC LIMIT 1`.execute(t.kernel.db)
    ).rows[0];
    const usage = async () =>
      (
        await sql<any>`SELECT count(*) FILTER (WHERE outcome = 'billable')::int AS billable, count(*) FILTER (WHERE outcome = 'rejected_quota')::int AS rejected
      FROM usage_record WHERE contract_id = ${contractId} AND shanghai_day = ${day}`.execute(t.kernel.db)
      ).rows[0];
    const before = await usage();
    // The gateway re-reads contract facts every sandbox.gatewayCacheSeconds.
    const factsExpire = () =>
      new Promise((r) => setTimeout(r, t.kernel.profile.get<number>('sandbox.gatewayCacheSeconds') * 1000 + 100));
    const [{ quota_per_day: quota }] = (
      await sql<any>`SELECT quota_per_day FROM contract WHERE id = ${contractId}`.execute(t.kernel.db)
    ).rows;
    await sql`UPDATE contract SET quota_per_day = ${before.billable + 4} WHERE id = ${contractId}`.execute(t.kernel.db);
    try {
      await factsExpire();
      expect((await call({ 统一社会信用代码: usccFor(9_150_000), 企业名称: name })).statusCode).toBe(200); // re-read them now
      // In-process, so the eight calls run in lockstep through every await of the call path.
      const { callService } = await import('./service.js');
      const { authenticateApiKey } = await import('../identity/service.js');
      const auth = await authenticateApiKey(t.kernel, demoApiKeySecret(t.kernel), '127.0.0.1');
      const rs = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          callService(t.kernel, auth, auth.actor, DEMO_SERVICES.verify, {
            统一社会信用代码: usccFor(9_200_000 + i * 7919),
            企业名称: name,
          }),
        ),
      );
      expect(rs.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
      const refused = rs.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason);
      expect(refused.map((e) => [e.status, e.code, e.params.period, e.details.ruleId])).toEqual(
        Array(5).fill([429, 'QUOTA_EXCEEDED', 'day', 'SVC-05']),
      );
      expect((await call({ 统一社会信用代码: usccFor(9_300_000), 企业名称: name })).json().error.code).toBe(
        'QUOTA_EXCEEDED',
      );
      const after = await usage();
      expect([after.billable - before.billable, after.rejected - before.rejected]).toEqual([4, 6]);
    } finally {
      await sql`UPDATE contract SET quota_per_day = ${quota} WHERE id = ${contractId}`.execute(t.kernel.db);
      await factsExpire(); // so later tests see the restored quota
    }
  });
  it('LED-11 SVC-07 metering rows are attested: a changed, deleted or forged UsageRecord makes ledger audit name it', async () => {
    const { usccFor } = await import('./test/factories.js');
    const { auditLedger } = await import('../ledger/service.js');
    const { randomUUID } = await import('node:crypto');
    const rs = await Promise.all(
      [0, 1].map((i) => call({ 统一社会信用代码: usccFor(9_400_000 + i * 7919), 企业名称: name })),
    );
    expect(rs.map((r) => r.statusCode)).toEqual([200, 200]);
    const [a, b] = (
      await sql<any>`SELECT * FROM usage_record WHERE template_id = ${DEMO_SERVICES.verify} AND outcome = 'billable' ORDER BY occurred_at DESC, id LIMIT 2`.execute(
        t.kernel.db,
      )
    ).rows;
    const usageMismatches = async () =>
      (await auditLedger(t.kernel, { openIncident: false })).mismatches.filter((m) => m.check.startsWith('attested_'));
    expect(await usageMismatches()).toEqual([]);
    const forged = randomUUID();
    await sql`UPDATE usage_record SET outcome = 'free' WHERE id = ${a.id}`.execute(t.kernel.db);
    await sql`DELETE FROM usage_record WHERE id = ${b.id}`.execute(t.kernel.db);
    await sql`INSERT INTO usage_record (id, contract_id, meter, idempotency_key, outcome, template_id, input_hmac, shanghai_day, occurred_at)
      VALUES (${forged}, ${a.contract_id}, 'gateway', ${randomUUID()}, 'billable', ${a.template_id}, ${a.input_hmac}, ${a.shanghai_day}, ${a.occurred_at})`.execute(
      t.kernel.db,
    );
    try {
      const found = (await usageMismatches()).map((m) => [m.check, m.object, m.detail]);
      expect(found).toEqual(
        expect.arrayContaining([
          ['attested_row', `UsageRecord/${a.id}`, expect.stringContaining('outcome')],
          ['attested_row_missing', `UsageRecord/${b.id}`, expect.any(String)],
          ['attested_row_without_entry', `UsageRecord/${forged}`, expect.any(String)],
        ]),
      );
      expect(found).toHaveLength(3);
    } finally {
      await sql`DELETE FROM usage_record WHERE id = ${forged}`.execute(t.kernel.db);
      await sql`UPDATE usage_record SET outcome = 'billable' WHERE id = ${a.id}`.execute(t.kernel.db);
      await sql`INSERT INTO usage_record SELECT * FROM jsonb_populate_record(NULL::usage_record, ${JSON.stringify(b)}::jsonb)`.execute(
        t.kernel.db,
      );
    }
    expect(await usageMismatches()).toEqual([]);
  });
  it("SVC-07 the buyer sees each call's audit-log seq, and the public entry there is the one attesting that UsageRecord", async () => {
    const { usccFor } = await import('./test/factories.js');
    const { integrate } = await import('../../kernel/ledger/sequencer.js');
    expect((await call({ 统一社会信用代码: usccFor(9_500_000), 企业名称: name })).statusCode).toBe(200);
    const buyer = await t.as('buyer.admin');
    const before = (await buyer.get('/api/v1/service-usage')).json().items[0];
    expect(before.ledger_seq).toBeNull();
    await integrate(t.kernel, 'audit');
    const item = (await buyer.get('/api/v1/service-usage')).json().items.find((i: any) => i.id === before.id);
    expect(typeof item.ledger_seq).toBe('number');
    const entry = (await t.anonymous.get(`/api/v1/ledger/entries/${item.ledger_seq}?log=audit`)).json();
    const [{ leaf_hash: leafHash }] = (
      await sql<any>`SELECT leaf_hash FROM ledger_entry WHERE object_type = 'UsageRecord' AND object_id = ${item.id}`.execute(
        t.kernel.db,
      )
    ).rows;
    expect(entry.leafHash).toBe(leafHash);
  });
  it('SVC-02 without a key the call is not authorized', async () => {
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/services/${DEMO_SERVICES.verify}/call`, payload: {} }))
        .statusCode,
    ).toBe(401);
    expect((await call({}, 'sy_demobuy1_wrongwrongwrongwrongwrong')).statusCode).toBe(401);
  });
});
