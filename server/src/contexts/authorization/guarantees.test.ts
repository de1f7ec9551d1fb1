import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { sm3Hex } from '../../kernel/crypto/sm3.js';
import { resourceId } from '../../seed/catalog.js';
import { DEMO_AGREEMENT_ID } from '../../seed/authorization.js';
import { DEMO_GRANTS } from '../../seed/sandbox.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { getResourceForAuthorization } from '../catalog/service.js';
import { ensureSandboxDemo } from '../sandbox/test/factories.js';

// AUTH-30 and AUTH-32 through the HTTP API, on the demo data.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await ensureSandboxDemo(t.kernel);
}, 120_000);
afterAll(() => t?.close());

const enterprise = resourceId('enterprise-registration');
const sm3Of = (file: string) => sm3Hex(readFileSync(file));

describe('AUTH-30: the operator has no write path to source data; authorized views are read-only', () => {
  it('every write or attach statement in the Workspace is refused before the engine; the source file and the view file are unchanged', async () => {
    const source = (await getResourceForAuthorization(t.kernel.db, enterprise))!.dataFile!;
    const ws = (
      await sql<{
        id: string;
        views: { name: string; file: string }[];
      }>`SELECT id, views FROM sandbox_workspace WHERE grant_id = ${DEMO_GRANTS.verify} AND created_by IS NOT NULL ORDER BY created_at LIMIT 1`.execute(
        t.kernel.db,
      )
    ).rows[0]!;
    const view = ws.views.find((v) => v.name === '企业登记信息')!;
    const before = { source: sm3Of(source), view: sm3Of(view.file) };
    const dev = await t.as('operator.dev');
    const run = (q: string) => dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: q });
    const count = async () =>
      (
        await dev.get(
          `/api/v1/workspaces/${ws.id}/jobs/${(await run('SELECT count(*) AS n FROM 企业登记信息')).json().id}/preview`,
        )
      ).json().rows;
    const rowsBefore = await count();
    for (const q of [
      "INSERT INTO 企业登记信息 (企业名称) VALUES ('伪造企业')",
      "UPDATE 企业登记信息 SET 企业名称 = 'x'",
      'DELETE FROM 企业登记信息',
      'CREATE TABLE 副本 AS SELECT * FROM 企业登记信息',
      'DROP VIEW 企业登记信息',
      "COPY 企业登记信息 TO '/tmp/out.csv'",
      `ATTACH '${source}' AS raw`,
    ]) {
      const r = await run(q);
      expect(r.statusCode, q).toBe(422);
      expect(r.json().error.details.failures[0].code, q).toBe('STATEMENT_NOT_ALLOWED');
    }
    const direct = await run(`SELECT * FROM read_parquet('${source}')`);
    expect(direct.statusCode).toBe(422);
    expect(direct.json().error.details.failures[0].code).toBe('FUNCTION_NOT_ALLOWED');
    expect({ source: sm3Of(source), view: sm3Of(view.file) }).toEqual(before);
    expect(await count()).toEqual(rowsBefore);
  });

  it("the operator cannot edit the source unit's resource or upload its data through the catalog", async () => {
    const op = await t.as('operator.admin');
    const before = (
      await sql<{ version: number }>`SELECT version FROM data_resource WHERE id = ${enterprise}`.execute(t.kernel.db)
    ).rows[0]!.version;
    expect([403, 404]).toContain(
      (await op.put(`/api/v1/resources/${enterprise}`, { summary: '运营机构改写的摘要' })).statusCode,
    );
    expect([403, 404]).toContain((await op.post(`/api/v1/resources/${enterprise}/snapshots`, {})).statusCode);
    expect(
      (await sql<{ version: number }>`SELECT version FROM data_resource WHERE id = ${enterprise}`.execute(t.kernel.db))
        .rows[0]!.version,
    ).toBe(before);
  });
});

describe('AUTH-32: a suspension is lifted only by the authority, never by the operator (whose objection does not lift it)', () => {
  it("the operator's resume of the suspended agreement and of its Grant is 403; both stay suspended; the authority resumes", async () => {
    const [authority, operator] = await Promise.all(['authority.admin', 'operator.admin'].map((u) => t.as(u)));
    const s = await authority.post(`/api/v1/operation-agreements/${DEMO_AGREEMENT_ID}/suspend`, {
      reason: '整改令：安全措施缺失',
      rectificationDeadline: '2099-12-31',
    });
    expect(s.statusCode, s.body).toBe(200);
    expect(
      (await operator.post(`/api/v1/operation-agreements/${DEMO_AGREEMENT_ID}/resume`, { reason: '我方已提出异议' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await operator.post(`/api/v1/grants/${DEMO_GRANTS.verify}/resume`, { reason: '我方已提出异议' })).statusCode,
    ).toBe(403);
    const state = async (table: string, id: string) =>
      (await sql<{ state: string }>`SELECT state FROM ${sql.table(table)} WHERE id = ${id}`.execute(t.kernel.db))
        .rows[0]!.state;
    expect(await state('operation_agreement', DEMO_AGREEMENT_ID)).toBe('suspended');
    expect(await state('data_grant', DEMO_GRANTS.verify)).toBe('suspended');
    expect(
      (await authority.post(`/api/v1/operation-agreements/${DEMO_AGREEMENT_ID}/resume`, { reason: '整改验收通过' }))
        .statusCode,
    ).toBe(200);
    expect(await state('data_grant', DEMO_GRANTS.verify)).toBe('active');
  });
});
