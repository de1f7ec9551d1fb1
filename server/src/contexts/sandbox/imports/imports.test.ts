import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { DEMO_GRANTS } from '../../../seed/sandbox.js';
import { getWorkspace } from '../store.js';
import { ensureSandboxDemo } from '../test/factories.js';
import { destroyWorkspace } from '../usecases/destruction.js';
import { workspaceStepIn } from '../usecases/workspaces.js';
import { customerCsv, idNumber, importForm, SOURCE } from './test/factories.js';

// SBX-11 imports (入域) through the HTTP API: declared source, the upload scan, masking, one Workspace only, joined
// with the Grant's view in a Job, and destroyed with the Workspace.

let t: TestApp;
let dev: Client;
let ws: any; // the operator's Workspace on the 核验 Grant
let other: any; // the operator's Workspace on the 统计 Grant (same org, another Workspace)
let usccs: string[];

const post = (c: Client, wsId: string, fields: Record<string, string | undefined>, csv: string, file = 'c.csv') => {
  const mp = importForm(fields, file, csv);
  return c.post(`/api/v1/workspaces/${wsId}/imports`, mp.body, mp.headers);
};
const job = (c: Client, wsId: string, q: string) => c.post(`/api/v1/workspaces/${wsId}/jobs`, { sql: q });

beforeAll(async () => {
  t = await startTestApp();
  await ensureSandboxDemo(t.kernel);
  dev = await t.as('operator.dev');
  const items = (await dev.get('/api/v1/workspaces')).json().items;
  ws = items.find((w: any) => w.grantId === DEMO_GRANTS.verify);
  other = items.find((w: any) => w.grantId === DEMO_GRANTS.stats);
  const j = (
    await job(dev, ws.id, 'SELECT 统一社会信用代码 FROM 企业登记信息 ORDER BY 统一社会信用代码 LIMIT 40')
  ).json();
  before = { rows: await importRows(ws.id), files: filesIn(join(t.kernel.dataDir, 'workspaces', ws.id, 'imports')) };
  usccs = (await dev.get(`/api/v1/workspaces/${ws.id}/jobs/${j.id}/viewer?limit=40`)).json().rows.map((r: any) => r[0]);
}, 180_000);
afterAll(async () => t?.close());

const importsDir = (id: string) => join(t.kernel.dataDir, 'workspaces', id, 'imports');
const importRows = async (wsId: string) =>
  (await sql<{ id: string }>`SELECT id FROM sandbox_import WHERE workspace_id = ${wsId}`.execute(t.kernel.db)).rows;
const filesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
let before: { rows: unknown[]; files: string[] };

describe('SBX-11 a declared lawful source', () => {
  it('refuses an import with no declared source (422 IMPORT_SOURCE_REQUIRED, zh and en), and stores nothing', async () => {
    expect(ws && other && usccs.length).toBeTruthy();
    const r = await post(dev, ws.id, { name: '无来源名单' }, customerCsv(usccs));
    expect(r.statusCode).toBe(422);
    const e = r.json().error;
    expect(e).toMatchObject({ code: 'IMPORT_SOURCE_REQUIRED', details: { ruleId: 'SBX-11' } });
    expect(e.message_zh).toContain('合法来源');
    expect(e.message_en).toContain('lawful source');
    expect(await importRows(ws.id)).toEqual(before.rows);
    expect(filesIn(importsDir(ws.id))).toEqual(before.files);
  });
  it('refuses a basis outside the list and a description that says nothing', async () => {
    const bad = await post(dev, ws.id, { ...SOURCE, name: 'x名单', sourceBasis: 'found_it' }, customerCsv(usccs));
    expect(bad.json().error.code).toBe('IMPORT_SOURCE_REQUIRED');
    const empty = await post(dev, ws.id, { ...SOURCE, name: 'x名单', sourceDescription: ' ' }, customerCsv(usccs));
    expect(empty.json().error.code).toBe('IMPORT_SOURCE_REQUIRED');
    expect(empty.json().error.details.failures[0].params).toEqual({ part: 'description' });
  });
});

describe('SBX-11 scanned like any upload; an identifier column is masked or refused', () => {
  it('refuses an identifier column left in clear (IMPORT_IDENTIFIER_UNMASKED names it)', async () => {
    const r = await post(
      dev,
      ws.id,
      { ...SOURCE, name: '明文名单', masking: JSON.stringify({ 法人身份证号: 'none' }) },
      customerCsv(usccs),
    );
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('IMPORT_IDENTIFIER_UNMASKED');
    expect(r.json().error.message_zh).toContain('法人身份证号');
    expect(await importRows(ws.id)).toEqual(before.rows);
  });
  let imported: any;
  it('imports with its findings: ID number and mobile pseudonymized by default, the USCC in clear; one ledgered event', async () => {
    const r = await post(dev, ws.id, { ...SOURCE, name: '客户名单' }, customerCsv(usccs));
    expect(r.statusCode).toBe(201);
    imported = r.json();
    const col = (n: string) => imported.columns.find((c: any) => c.name === n);
    expect(col('法人身份证号')).toMatchObject({ method: 'hmac_pseudonym', personalInfo: true });
    expect(col('法人身份证号').findings.map((f: any) => f.type)).toContain('id_number');
    expect(col('联系手机')).toMatchObject({ method: 'hmac_pseudonym', personalInfo: true });
    expect(col('统一社会信用代码')).toMatchObject({ method: 'none', personalInfo: false });
    expect(imported).toMatchObject({ status: 'active', rows: usccs.length, declaredSource: { basis: 'own_business' } });
    // The stored file holds pseudonyms, never the ID numbers it was given.
    const bytes = readFileSync(join(importsDir(ws.id), `${imported.id}.parquet`)).toString('latin1');
    expect(bytes).not.toContain(idNumber(0));
    const ev = await sql<{ n: number }>`SELECT count(*)::int AS n FROM event e JOIN ledger_entry l ON l.event_id = e.id
      WHERE e.object_type = 'WorkspaceImport' AND e.object_id = ${imported.id} AND e.event_type = 'workspace.import'`.execute(
      t.kernel.db,
    );
    expect(ev.rows[0]!.n).toBe(1);
    const listed = (await dev.get(`/api/v1/workspaces/${ws.id}/imports`)).json().items;
    expect(listed.map((i: any) => i.id)).toContain(imported.id);
    // The demo seed's import of the same Workspace (seed/sandbox-imports.ts) is listed beside it.
    expect(listed.find((i: any) => i.name === '存量客户名单')).toMatchObject({ status: 'active', rows: 60 });
  });
  it('joins the Grant view in a Job of this Workspace; the ID column reads as 64-hex pseudonyms', async () => {
    const r = await job(
      dev,
      ws.id,
      'SELECT v.所属区, count(*) AS 客户数, sum(i.授信额度) AS 授信合计 FROM 企业登记信息 v JOIN 客户名单 i ON v.统一社会信用代码 = i.统一社会信用代码 GROUP BY v.所属区',
    );
    expect(r.json()).toMatchObject({ status: 'succeeded' });
    const rows = (await dev.get(`/api/v1/workspaces/${ws.id}/jobs/${r.json().id}/viewer`)).json().rows;
    expect(rows.reduce((s: number, x: any[]) => s + Number(x[1]), 0)).toBe(usccs.length);
    const ids = (await job(dev, ws.id, 'SELECT 法人身份证号 FROM 客户名单')).json();
    const shown = (await dev.get(`/api/v1/workspaces/${ws.id}/jobs/${ids.id}/viewer`))
      .json()
      .rows.map((x: any) => x[0]);
    expect(shown.every((v: string) => /^[0-9a-f]{64}$/.test(v))).toBe(true);
    expect(shown).not.toContain(idNumber(0));
    // The Job log names the import it read and its SM3 (SBX-12).
    const logged = (
      await sql<{ view_versions: any[] }>`SELECT view_versions FROM sandbox_job WHERE id = ${r.json().id}`.execute(
        t.kernel.db,
      )
    ).rows[0]!.view_versions;
    expect(logged).toContainEqual({ view: '客户名单', importId: imported.id, sm3: imported.fileSm3 });
  });
  it('leaves only through egress: a request over the joined Job is checked, never released without review', async () => {
    const j = (
      await job(
        dev,
        ws.id,
        'SELECT i.授信额度 FROM 客户名单 i JOIN 企业登记信息 v ON v.统一社会信用代码 = i.统一社会信用代码',
      )
    ).json();
    const e = await dev.post('/api/v1/egress-requests', {
      workspaceId: ws.id,
      sourceJobId: j.id,
      outputKind: 'aggregate_table',
      declaredUse: 'own_analysis',
      justification: '导入数据出域尝试',
    });
    expect(['auto_failed', 'awaiting_review']).toContain(e.json().status);
    expect(e.json().release ?? null).toBeNull();
  });
});

describe('SBX-11 an import never appears in another Workspace', () => {
  it('the same org’s other Workspace cannot name it, list it or open it', async () => {
    const imp = (await dev.get(`/api/v1/workspaces/${ws.id}/imports`))
      .json()
      .items.find((i: any) => i.name === '客户名单');
    const r = await job(dev, other.id, 'SELECT count(*) AS n FROM 客户名单');
    expect(r.statusCode).toBe(422);
    expect(r.json().error.details.failures[0]).toMatchObject({ ruleId: 'SBX-03', code: 'OBJECT_NOT_IN_WORKSPACE' });
    expect((await dev.get(`/api/v1/workspaces/${other.id}/imports`)).json().items).toEqual([]);
    expect((await dev.get(`/api/v1/workspaces/${other.id}/imports/${imp.id}`)).statusCode).toBe(404);
  });
  it('another org’s Workspace on the same Grant cannot name it, and cannot see the holder’s imports', async () => {
    const collab = await t.as('collaborator.dev');
    const mine = (await collab.get('/api/v1/workspaces'))
      .json()
      .items.find((w: any) => w.grantId === DEMO_GRANTS.verify);
    expect(mine?.id).toBeTruthy();
    const r = await job(collab, mine.id, 'SELECT count(*) AS n FROM 客户名单');
    expect(r.json().error.details.failures[0]).toMatchObject({ code: 'OBJECT_NOT_IN_WORKSPACE' });
    expect((await collab.get(`/api/v1/workspaces/${ws.id}/imports`)).statusCode).toBe(404);
    const posted = await post(collab, ws.id, { ...SOURCE, name: '越权名单' }, customerCsv(usccs));
    expect(posted.statusCode).toBe(404);
  });
});

describe('SBX-11 SBX-14 destroyed with the Workspace', () => {
  it('the purge removes the import file and ends the import; the destruction record lists it with its SM3', async () => {
    const collab = await t.as('collaborator.dev');
    const mine = (await collab.get('/api/v1/workspaces'))
      .json()
      .items.find((w: any) => w.grantId === DEMO_GRANTS.verify);
    const imp = (
      await post(collab, mine.id, { ...SOURCE, name: '协作方名单' }, customerCsv(usccs.slice(0, 12)))
    ).json();
    expect(imp.status).toBe('active');
    const ran = (await job(collab, mine.id, 'SELECT count(*) AS n FROM 协作方名单')).json();
    expect(ran.status).toBe('succeeded');
    const k = t.kernel;
    await k.db
      .transaction()
      .execute(async (trx) => workspaceStepIn(trx, k, (await getWorkspace(trx, mine.id, true))!, 'close', {}));
    expect(await destroyWorkspace(k, mine.id)).toBe('destroyed');
    expect(existsSync(join(importsDir(mine.id), `${imp.id}.parquet`))).toBe(false);
    const after = (await collab.get(`/api/v1/workspaces/${mine.id}/imports/${imp.id}`)).json();
    expect(after.status).toBe('destroyed');
    const row = (await getWorkspace(k.db, mine.id))!;
    expect(row.result_key_wrapped).toBeNull();
    const rec = row.destruction as any;
    expect(rec.importIds).toEqual([imp.id]);
    expect(rec.objects).toContainEqual({ path: `imports/${imp.id}.parquet`, sm3: imp.fileSm3 });
    expect(rec.objects.some((o: any) => o.path === `results/${ran.id}.parquet.sm4`)).toBe(true);
  });
});
