import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { DEMO_GRANTS } from '../../seed/sandbox.js';
import { deserializeSql, parseSql } from './guard/parser.js';
import { ensureSandboxDemo } from './test/factories.js';

// issue 12: a job filtered with `WHERE 成立日期 >= DATE '…'` made POST /egress-requests answer 500
// (the companion statement of EGR-04/06 is rebuilt from the AST, and DuckDB's own CAST node carried
// a source position JSON could not hold).
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await ensureSandboxDemo(t.kernel);
}, 120_000);
afterAll(() => t?.close());

describe('EGR-04/06 companion statement: typed literals survive the AST round trip', () => {
  it.each([
    [
      `SELECT 所属区, count(*) AS n FROM 企业登记信息 WHERE 成立日期 >= DATE '2020-01-01' GROUP BY 所属区`,
      `CAST('2020-01-01' AS DATE)`,
    ],
    [
      `SELECT 所属区, count(*) AS n FROM 企业登记信息 WHERE 成立日期 < TIMESTAMP '2024-01-01 00:00:00' GROUP BY 所属区`,
      `CAST('2024-01-01 00:00:00' AS TIMESTAMP)`,
    ],
  ])('%s', async (sql, expected) => {
    const p = await parseSql(sql);
    if (!p.ok) throw new Error(p.message);
    expect(await deserializeSql(p.statements[0])).toContain(expected);
  });

  it('POST /egress-requests over a job with a DATE filter is checked (201), never a 500', async () => {
    const dev = await t.as('operator.dev');
    const ws = (await dev.get('/api/v1/workspaces'))
      .json()
      .items.find((w: { grantId: string; seats: unknown[] }) => w.grantId === DEMO_GRANTS.verify && w.seats.length);
    const job = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, {
      sql: `SELECT 所属区, count(*) AS 企业数 FROM 企业登记信息 WHERE 成立日期 >= DATE '2010-01-01' GROUP BY 所属区`,
    });
    expect(job.statusCode, job.body).toBe(201);
    const eg = await dev.post('/api/v1/egress-requests', {
      workspaceId: ws.id,
      sourceJobId: job.json().id,
      outputKind: 'aggregate_table',
      declaredUse: 'own_analysis',
      justification: '按区统计 2010 年后成立的企业',
    });
    expect(eg.statusCode, eg.body).toBe(201);
    expect(['awaiting_review', 'auto_failed']).toContain(eg.json().status);
  });
});
