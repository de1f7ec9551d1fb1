import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm3Hex } from '../../kernel/crypto/sm3.js';
import { DEMO_GRANTS } from '../../seed/sandbox.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { artifactForm, jsonModel, onnxModel } from './test/artifacts.js';
import { ensureSandboxDemo } from './test/factories.js';

// EGR-08 artifact egress, EGR-11 resubmission, EGR-12 source-unit notices, EGR-03 and EGR-13 through the HTTP API.

let t: TestApp;
let dev: Client;
let auth: Client;
let ws: any;
let jobId: string;
beforeAll(async () => {
  t = await startTestApp();
  await ensureSandboxDemo(t.kernel);
  dev = await t.as('operator.dev');
  auth = await t.as('authority.admin');
  ws = (await dev.get('/api/v1/workspaces')).json().items.find((w: any) => w.grantId === DEMO_GRANTS.verify);
  jobId = (
    await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, {
      sql: 'SELECT 所属区, count(*) AS 企业数, count(DISTINCT 企业名称) AS 名称数 FROM 企业登记信息 GROUP BY 所属区',
    })
  ).json().id;
}, 180_000);
afterAll(async () => t?.close());

const FIELDS = () => ({
  workspaceId: ws.id,
  sourceJobId: jobId,
  outputKind: 'model_file',
  declaredUse: 'client_delivery',
  justification: '授信评分模型交付',
});
const upload = (c: Client, fields: Record<string, string | undefined>, name: string, bytes: Buffer) => {
  const f = artifactForm(fields, name, bytes);
  return c.post('/api/v1/egress-requests/artifacts', f.body, f.headers);
};
const requestCount = async () =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM sandbox_egress_request`.execute(t.kernel.db)).rows[0]!.n);

describe('EGR-08 POST /api/v1/egress-requests/artifacts', () => {
  it('a model file with an embedded ID column is held for review with the finding named', async () => {
    const r = await upload(dev, FIELDS(), 'credit.onnx', onnxModel({ idColumn: 'legal_rep_id' }));
    expect(r.statusCode, r.body).toBe(201);
    const e = r.json();
    expect(e.status).toBe('awaiting_review');
    expect(e.autoChecks.find((c: any) => c.check === 'EGR-08')).toMatchObject({ result: 'flagged' });
    expect(e.artifact).toMatchObject({ format: 'onnx', fileName: 'credit.onnx' });
    expect(e.artifact.findings).toEqual([expect.objectContaining({ kind: 'id_number', count: 5 })]);
    expect(e.artifact.findings[0].where).toContain('legal_rep_id');
    // The reviewer sees the same findings in the dossier, and no text preview of a binary file.
    const seen = (await auth.get(`/api/v1/egress-requests/${e.id}`)).json();
    expect(seen.artifact.findings[0].where).toContain('legal_rep_id');
    expect(seen.preview).toBeNull();
    // The values themselves are nowhere in the answer.
    expect(JSON.stringify(seen)).not.toMatch(/\d{17}[\dX]/);
  });

  it('a clean model still goes to human review (never released without a reviewer)', async () => {
    const e = (await upload(dev, FIELDS(), 'coef.json', jsonModel())).json();
    expect(e.status).toBe('awaiting_review');
    expect(e.autoChecks.find((c: any) => c.check === 'EGR-08')).toMatchObject({
      result: 'pass',
      detail: { humanReview: true },
    });
    expect(e.artifact.findings).toEqual([]);
  });

  it('a PDF renamed .onnx fails the format check and never reaches review', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const e = (await upload(dev, FIELDS(), 'model.onnx', pdf)).json();
    expect(e.status).toBe('auto_failed');
    expect(e.failures[0]).toMatchObject({
      ruleId: 'EGR-08',
      code: 'ARTIFACT_FORMAT_NOT_ALLOWED',
      params: { format: 'pdf', extension: '.onnx' },
    });
    expect(e.failures[0].message).toContain('PDF'.toLowerCase());
    const queue = (await auth.get('/api/v1/egress-requests?state=awaiting_review&pageSize=200')).json().items;
    expect(queue.map((x: any) => x.id)).not.toContain(e.id);
    expect(e.artifact).toBeNull();
  });

  it('an artifact over egress.maxArtifactMiB is refused as ARTIFACT_TOO_LARGE', async () => {
    const orig = t.kernel.profile;
    // The route's multipart limit is read at registration; the check itself reads the profile per request.
    t.kernel.profile = {
      id: orig.id,
      has: (key) => orig.has(key),
      get: ((key: string) => (key === 'egress.maxArtifactMiB' ? 0.0001 : orig.get(key))) as typeof orig.get,
    };
    try {
      const e = (await upload(dev, FIELDS(), 'coef.json', jsonModel({ idColumn: 'id' }))).json();
      expect(e.status).toBe('auto_failed');
      expect(e.failures[0]).toMatchObject({ ruleId: 'EGR-08', code: 'ARTIFACT_TOO_LARGE' });
    } finally {
      t.kernel.profile = orig;
    }
  });

  it("checks who and which Workspace before reading the file: another org's member gets 404 and nothing is filed", async () => {
    const before = await requestCount();
    const stranger = await t.as('collaborator.dev');
    const r = await upload(stranger, FIELDS(), 'coef.json', jsonModel());
    expect(r.statusCode).toBe(404);
    const noFile = artifactForm(FIELDS(), 'x.json', Buffer.alloc(0));
    expect(
      (await dev.post('/api/v1/egress-requests/artifacts', noFile.body.subarray(0, 10), noFile.headers)).statusCode,
    ).toBeLessThan(500);
    expect(await requestCount()).toBe(before);
  });

  it('a bad output kind is a 400 and files nothing', async () => {
    const before = await requestCount();
    const r = await upload(dev, { ...FIELDS(), outputKind: 'record_list' }, 'coef.json', jsonModel());
    expect(r.statusCode).toBe(400);
    expect(await requestCount()).toBe(before);
  });
});

describe('EGR-10 EGR-12 an approved artifact leaves as its reviewed bytes and the source units are told', () => {
  let id = '';
  let bytes: Buffer;
  it('releases the exact bytes with their SM3 on first download', async () => {
    bytes = jsonModel();
    id = (await upload(dev, FIELDS(), 'coef.json', bytes)).json().id;
    const ok = await auth.post(`/api/v1/egress-requests/${id}/reviews`, {
      decision: 'approve',
      reason: '仅含模型系数',
    });
    expect(ok.json().status, ok.body).toBe('approved');
    const dl = await dev.get(`/api/v1/releases/${id}/download`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toContain('application/json');
    expect(Buffer.compare(dl.rawPayload, bytes)).toBe(0);
    expect(dl.headers['x-fingerprint-sm3']).toBe(sm3Hex(bytes));
  });

  it('the source unit of 企业登记信息 sees what left, with the fields read; nobody else does', async () => {
    const src = await t.as('source.admin');
    const mine = (await src.get('/api/v1/release-notices')).json();
    const n = mine.items.find((x: any) => x.egressRequestId === id);
    expect(n).toMatchObject({ outputKind: 'model_file', artifactFormat: 'json', fingerprintSm3: sm3Hex(bytes) });
    expect(n.recipientOrgName).toBeTruthy();
    expect(n.resources).toEqual([expect.objectContaining({ nameZh: '企业登记信息', fields: ['企业名称', '所属区'] })]);
    // Another source unit, the requester and a buyer see no notice of this release (cross-tenant).
    for (const login of ['health.admin', 'operator.admin', 'buyer.admin']) {
      const other = await t.as(login);
      const items = (await other.get('/api/v1/release-notices')).json().items;
      expect(items.map((x: any) => x.egressRequestId)).not.toContain(id);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/release-notices' })).statusCode).toBe(401);
  });

  it('a second download writes no second notice (one per release and unit)', async () => {
    await dev.get(`/api/v1/releases/${id}/download`);
    const rows = (
      await sql<{
        n: string;
      }>`SELECT count(*) AS n FROM sandbox_release_notice WHERE egress_request_id = ${id}`.execute(t.kernel.db)
    ).rows;
    expect(Number(rows[0]!.n)).toBe(1);
  });
});

describe('EGR-11 denied outputs stay inside; a resubmission is a new request referencing the old', () => {
  let denied: any;
  it('a denied artifact has no link and stays in the Workspace until destruction', async () => {
    denied = (await upload(dev, FIELDS(), 'credit.onnx', onnxModel({ idColumn: 'legal_rep_id' }))).json();
    const r = await auth.post(`/api/v1/egress-requests/${denied.id}/reviews`, {
      decision: 'deny',
      reason: '模型内嵌身份证号列',
    });
    expect(r.json().status).toBe('denied');
    expect((await dev.get(`/api/v1/releases/${denied.id}/download`)).statusCode).toBe(404);
    const stored = (
      await sql<{ artifact: any }>`SELECT artifact FROM sandbox_egress_request WHERE id = ${denied.id}`.execute(
        t.kernel.db,
      )
    ).rows[0]!.artifact;
    expect(existsSync(stored.file)).toBe(true);
  });

  it('resubmits the cleaned model as a new request that references the denied one', async () => {
    const r = await upload(dev, { ...FIELDS(), resubmissionOf: denied.id }, 'credit.onnx', onnxModel());
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'awaiting_review', resubmissionOf: denied.id });
    expect(r.json().id).not.toBe(denied.id);
  });

  it('refuses to resubmit a request still under review (409) or one not of this Workspace (422), filing nothing', async () => {
    const open = (await upload(dev, FIELDS(), 'coef.json', jsonModel())).json();
    const before = await requestCount();
    const r1 = await upload(dev, { ...FIELDS(), resubmissionOf: open.id }, 'coef.json', jsonModel());
    expect(r1.statusCode).toBe(409);
    expect(r1.json().error.details.failures[0]).toMatchObject({ ruleId: 'EGR-11', code: 'RESUBMISSION_INVALID' });
    const r2 = await upload(
      dev,
      { ...FIELDS(), resubmissionOf: '00000000-0000-4000-8000-000000000000' },
      'coef.json',
      jsonModel(),
    );
    expect(r2.statusCode).toBe(422);
    expect(await requestCount()).toBe(before);
  });
});

describe('EGR-03 aggregate shape through the API', () => {
  const fileFor = async (q: string) => {
    const job = (await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: q })).json();
    return (
      await dev.post('/api/v1/egress-requests', {
        workspaceId: ws.id,
        sourceJobId: job.id,
        outputKind: 'aggregate_table',
        declaredUse: 'own_analysis',
        justification: '分布分析',
      })
    ).json();
  };
  it('an expression inside an aggregate fails before review with AGGREGATE_SHAPE_NOT_ALLOWED', async () => {
    const e = await fileFor('SELECT 所属区, count(DISTINCT upper(企业名称)) AS s FROM 企业登记信息 GROUP BY 所属区');
    expect(e.status).toBe('auto_failed');
    expect(e.failures[0]).toMatchObject({ ruleId: 'EGR-03', code: 'AGGREGATE_SHAPE_NOT_ALLOWED' });
  });
  it('MAX over a field fails the same way; a plain COUNT DISTINCT passes to review', async () => {
    expect(
      (await fileFor('SELECT 所属区, max(成立日期) AS m FROM 企业登记信息 GROUP BY 所属区')).failures[0],
    ).toMatchObject({
      ruleId: 'EGR-03',
      code: 'AGGREGATE_SHAPE_NOT_ALLOWED',
    });
    expect(
      (await fileFor('SELECT 所属区, count(DISTINCT 企业名称) AS s FROM 企业登记信息 GROUP BY 所属区')).status,
    ).toBe('awaiting_review');
  });
});

describe('EGR-13 a patent_filing use needs the AUTH-29 permission', () => {
  it('refuses the request without the permission and files nothing', async () => {
    const before = await requestCount();
    const r = await upload(dev, { ...FIELDS(), declaredUse: 'patent_filing' }, 'coef.json', jsonModel());
    expect([403, 409, 422]).toContain(r.statusCode);
    expect(r.json().error.details.failures[0]).toMatchObject({
      ruleId: 'AUTH-29',
      code: 'PUBLICATION_PERMISSION_REQUIRED',
    });
    expect(await requestCount()).toBe(before);
  });
});

describe('demo data (issue 19): one artifact egress awaiting review, one released and seen by its source unit', () => {
  it('seeds both, and each reader sees its part', async () => {
    const { seedSandboxEgress, DEMO_EGRESS } = await import('../../seed/sandbox-egress.js');
    await t.kernel.db.transaction().execute((trx) => seedSandboxEgress(trx, t.kernel));
    const pending = (await auth.get(`/api/v1/egress-requests/${DEMO_EGRESS.pending}`)).json();
    expect(pending).toMatchObject({ status: 'awaiting_review', outputKind: 'model_file' });
    expect(pending.artifact.findings[0]).toMatchObject({ kind: 'id_number' });
    const src = await t.as('source.admin');
    const notices = (await src.get('/api/v1/release-notices')).json().items;
    expect(notices.map((n: any) => n.egressRequestId)).toContain(DEMO_EGRESS.released);
  });
});
