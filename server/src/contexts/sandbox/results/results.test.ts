import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm4Decrypt } from '../../../kernel/crypto/sm4.js';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { DEMO_GRANTS } from '../../../seed/sandbox.js';
import { uid } from '../../../seed/identity.js';
import { ensureSandboxDemo } from '../test/factories.js';
import { resultKey } from './vault.js';

// SBX-10 results at rest through the HTTP API: sealed with the Workspace's SM4 key, shown only in the watermarked
// viewer, and no route downloads them.

let t: TestApp;
let dev: Client;
let ws: any;
let job: any;
// A literal every result row carries: if the stored file were plain Parquet, its bytes would hold it.
const MARK = 'ZQ明文标记QZ';
const Q = `SELECT '${MARK}' AS 标记, 所属区, count(*) AS 企业数 FROM 企业登记信息 GROUP BY 所属区 ORDER BY 所属区`;

beforeAll(async () => {
  t = await startTestApp();
  await ensureSandboxDemo(t.kernel);
  dev = await t.as('operator.dev');
  ws = (await dev.get('/api/v1/workspaces')).json().items.find((w: any) => w.grantId === DEMO_GRANTS.verify);
  job = (await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: Q })).json();
}, 180_000);
afterAll(async () => t?.close());

describe('SBX-10 results are SM4-encrypted at rest with the Workspace key', () => {
  it('stores only the sealed file: neither it nor the Job row holds the plaintext', async () => {
    expect(job.status).toBe('succeeded');
    const row = (await sql<any>`SELECT * FROM sandbox_job WHERE id = ${job.id}`.execute(t.kernel.db)).rows[0]!;
    expect(row.result_cipher).toBe('sm4-cbc');
    expect(row.result_file).toMatch(/\.parquet\.sm4$/);
    const sealed = readFileSync(row.result_file);
    expect(sealed.includes(Buffer.from(MARK))).toBe(false);
    expect(sealed.subarray(0, 4).toString('latin1')).not.toBe('PAR1');
    // The Job log keeps the SQL (which spells the literal) and no result values.
    const { sql_text: _sql, ...logged } = row;
    expect(JSON.stringify(logged)).not.toContain(MARK);
    // A value that comes from the data, not from the SQL text, is not in the sealed file either.
    const district = (await dev.get(`/api/v1/workspaces/${ws.id}/jobs/${job.id}/viewer?limit=1`)).json().rows[0][1];
    expect(String(district).length).toBeGreaterThan(1);
    expect(sealed.includes(Buffer.from(String(district)))).toBe(false);
    // No plain result is left beside it (the run wrote its Parquet in scratch and sealed it).
    const dir = join(t.kernel.dataDir, 'workspaces', ws.id, 'results');
    expect(readdirSync(dir).every((f) => f.endsWith('.parquet.sm4'))).toBe(true);
    // Control: under the Workspace's key the same bytes are a Parquet file that does hold the literal.
    const key = await resultKey(t.kernel, t.kernel.db, ws.id);
    const plain = sm4Decrypt(key, sealed);
    expect(plain.subarray(0, 4).toString('latin1')).toBe('PAR1');
    expect(plain.includes(Buffer.from(MARK))).toBe(true);
    expect(plain.includes(Buffer.from(String(district)))).toBe(true);
  });
  it('each Workspace has its own key: another Workspace’s key does not open the file', async () => {
    const other = (await dev.get('/api/v1/workspaces')).json().items.find((w: any) => w.grantId === DEMO_GRANTS.stats);
    const row = (await sql<any>`SELECT result_file FROM sandbox_job WHERE id = ${job.id}`.execute(t.kernel.db))
      .rows[0]!;
    const wrong = await resultKey(t.kernel, t.kernel.db, other.id);
    expect(() => {
      const p = sm4Decrypt(wrong, readFileSync(row.result_file));
      if (p.subarray(0, 4).toString('latin1') !== 'PAR1') throw new Error('not parquet');
    }).toThrow();
  });
  it('a later Job still reads the sealed result as r_<job> (decrypted only for its run)', async () => {
    const r = (
      await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: `SELECT count(*) AS n FROM ${job.resultTable}` })
    ).json();
    expect(r.status).toBe('succeeded');
    const v = (await dev.get(`/api/v1/workspaces/${ws.id}/jobs/${r.id}/viewer`)).json();
    expect(Number(v.rows[0][0])).toBe(job.rowsOut);
  });
});

describe('SBX-10 the watermarked viewer', () => {
  it('answers the rows with a watermark of user, organization and time, and audits the viewing', async () => {
    const r = await dev.get(`/api/v1/workspaces/${ws.id}/jobs/${job.id}/viewer?offset=0&limit=5`);
    expect(r.statusCode).toBe(200);
    const v = r.json();
    expect(v.columns.map((c: any) => c.name)).toEqual(['标记', '所属区', '企业数']);
    expect(v.rows.length).toBe(Math.min(5, job.rowsOut));
    expect(v.rows[0][0]).toBe(MARK);
    expect(v.watermark).toMatchObject({
      userId: uid('operator.dev'),
      loginName: 'operator.dev',
      orgId: ws.holderOrgId,
    });
    expect(v.watermark.orgName).toBeTruthy();
    expect(new Date(v.watermark.at).getTime()).toBeGreaterThan(0);
    expect(v.watermark.code).toMatch(/^[0-9a-f]{16}$/);
    const audited = await sql<{ n: number }>`SELECT count(*)::int AS n FROM event
      WHERE object_id = ${job.id} AND action = 'job.result_view'`.execute(t.kernel.db);
    expect(audited.rows[0]!.n).toBeGreaterThanOrEqual(1);
  });
  it('a page is capped at the Workspace’s preview rows (SBX-09)', async () => {
    const v = (await dev.get(`/api/v1/workspaces/${ws.id}/jobs/${job.id}/viewer?limit=100000`)).json();
    expect(v.limit).toBe(ws.limits.previewRows);
  });
  it('decrypts for a seat of the holder only: another org 404, a supervisor 403, nothing for a rejected Job', async () => {
    const collab = await t.as('collaborator.dev');
    expect((await collab.get(`/api/v1/workspaces/${ws.id}/jobs/${job.id}/viewer`)).statusCode).toBe(404);
    const auth = await t.as('authority.admin');
    const seen = await auth.get(`/api/v1/workspaces/${ws.id}/jobs/${job.id}/viewer`);
    expect([403, 404]).toContain(seen.statusCode);
    expect(seen.body).not.toContain(MARK);
    const bad = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: "SELECT * FROM read_csv('/etc/passwd')" });
    const rej = await dev.get(`/api/v1/workspaces/${ws.id}/jobs/${bad.json().error.details.jobId}/viewer`);
    expect(rej.statusCode).toBe(409);
    expect(rej.json().error.code).toBe('RESULT_NOT_AVAILABLE');
  });
});

describe('SBX-10 no download route for results', () => {
  it('every plausible download or export path of a result answers 404 and moves no rows', async () => {
    const base = `/api/v1/workspaces/${ws.id}/jobs/${job.id}`;
    for (const p of [
      `${base}/download`,
      `${base}/result`,
      `${base}/result.csv`,
      `${base}/export`,
      `${base}/viewer/download`,
      `${base}/viewer?format=csv&download=1`,
      `/api/v1/jobs/${job.id}/download`,
      `/api/v1/results/${job.id}/download`,
      `/api/v1/releases/${job.id}/download`,
    ]) {
      const r = await dev.get(p);
      if (p.includes('viewer?')) {
        // The viewer ignores download hints: JSON for display, never an attachment.
        expect(r.headers['content-disposition']).toBeUndefined();
        expect(r.headers['content-type']).toMatch(/application\/json/);
        continue;
      }
      expect([403, 404], p).toContain(r.statusCode);
      expect(r.body).not.toContain(MARK);
    }
  });
  it('the API document lists no download or export route under a Workspace; the only file route is a release', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json();
    const paths = Object.keys(doc.paths);
    expect(paths.filter((p) => p.startsWith('/api/v1/workspaces') && /download|export|file|csv|xlsx/i.test(p))).toEqual(
      [],
    );
    expect(paths.filter((p) => /download/.test(p) && /job|result/i.test(p))).toEqual([]);
  });
});
