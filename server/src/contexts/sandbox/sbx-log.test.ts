import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm3Hex } from '../../kernel/crypto/sm3.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { DEMO_GRANTS } from '../../seed/sandbox.js';
import { uid } from '../../seed/identity.js';
import { ensureSandboxDemo } from './test/factories.js';

// SBX-12 (every Job is logged, append-only) and SBX-06 through the API (a refused function never reaches the engine).

let t: TestApp;
let dev: Client;
let ws: any;
const AGG = 'SELECT 所属区, count(*) AS 企业数 FROM 企业登记信息 GROUP BY 所属区 ORDER BY 所属区';
const jobRow = async (id: string) =>
  (await sql<any>`SELECT * FROM sandbox_job WHERE id = ${id}`.execute(t.kernel.db)).rows[0]!;

beforeAll(async () => {
  t = await startTestApp();
  await ensureSandboxDemo(t.kernel);
  dev = await t.as('operator.dev');
  ws = (await dev.get('/api/v1/workspaces')).json().items.find((w: any) => w.grantId === DEMO_GRANTS.verify);
}, 180_000);
afterAll(async () => t?.close());

describe('SBX-12 every Job is logged', () => {
  it('logs user, SQL and its SM3, view versions, rows, bytes, duration, peak memory and outcome', async () => {
    const j = (await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: AGG })).json();
    const row = await jobRow(j.id);
    expect(row).toMatchObject({
      user_id: uid('operator.dev'),
      sql_text: AGG,
      sql_sm3: sm3Hex(AGG),
      state: 'succeeded',
    });
    expect(row.view_versions).toContainEqual({ view: '企业登记信息', snapshotVersion: expect.anything() });
    expect(Number(row.rows_out)).toBeGreaterThan(0);
    expect(Number(row.result_bytes)).toBeGreaterThan(0);
    expect(row.duration_ms).toBeGreaterThanOrEqual(0);
    expect(row.peak_memory_mib).toBeGreaterThanOrEqual(1);
    const events = (
      await sql<{ event_type: string; ledgered: boolean }>`SELECT e.event_type, l.event_id IS NOT NULL AS ledgered
        FROM event e LEFT JOIN ledger_entry l ON l.event_id = e.id WHERE e.object_id = ${j.id} ORDER BY e.occurred_at`.execute(
        t.kernel.db,
      )
    ).rows;
    expect(events.map((e) => e.event_type)).toEqual(['job.submit', 'job.start', 'job.succeed']);
    expect(events.every((e) => e.ledgered)).toBe(true);
  });
  it('logs a refused Job too, with its reject code (the outcome)', async () => {
    const r = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: "SELECT getenv('HOME')" });
    const row = await jobRow(r.json().error.details.jobId);
    expect(row).toMatchObject({ state: 'rejected', reject_code: 'FUNCTION_NOT_ALLOWED', user_id: uid('operator.dev') });
  });
  it('the log is append-only: a finished Job row cannot be changed or deleted, nor its events', async () => {
    const j = (await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: AGG })).json();
    await expect(sql`UPDATE sandbox_job SET rows_out = 0 WHERE id = ${j.id}`.execute(t.kernel.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      sql`UPDATE sandbox_job SET sql_text = 'SELECT 1' WHERE id = ${j.id}`.execute(t.kernel.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM sandbox_job WHERE id = ${j.id}`.execute(t.kernel.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM event WHERE object_id = ${j.id}`.execute(t.kernel.db)).rejects.toThrow(/append-only/);
    expect((await jobRow(j.id)).rows_out).toBe(j.rowsOut);
  });
});

describe('SBX-06 through the API', () => {
  it('a file reader is refused 422 under SBX-06, logged as rejected, and nothing runs or is stored', async () => {
    const dir = join(t.kernel.dataDir, 'workspaces', ws.id, 'results');
    const before = existsSync(dir) ? readdirSync(dir).length : 0;
    const r = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: "SELECT * FROM read_csv('/etc/passwd')" });
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatchObject({
      code: 'SANDBOX_REFUSED',
      details: { ruleId: 'SBX-06', rejectCode: 'FUNCTION_NOT_ALLOWED' },
    });
    const row = await jobRow(r.json().error.details.jobId);
    expect(row).toMatchObject({ state: 'rejected', started_at: null, result_file: null });
    expect(existsSync(dir) ? readdirSync(dir).length : 0).toBe(before);
  });
});
