import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { DEMO_GRANTS, DEMO_SERVICES, demoApiKeySecret } from '../../seed/sandbox.js';
import { syncWorkspacesWithGrants } from './service.js';
import { ensureSandboxDemo } from './test/factories.js';
import { aggregateEgress } from './test/http.js';
import { buildViews } from './usecases/masked-views.js';
import { getGrantForUse } from '../authorization/service.js';
import { recordMandatedDestruction } from '../ledger/service.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await ensureSandboxDemo(t.kernel);
  // This file destroys a Workspace: give it private view files, so the demo files other test files share stay.
  t.kernel.dataDir = mkdtempSync(join(tmpdir(), 'sbx-life-'));
  const ws = await wsOf();
  const views = await buildViews(t.kernel, ws, (await getGrantForUse(t.kernel.db, DEMO_GRANTS.verify))!);
  await sql`UPDATE sandbox_workspace SET views = ${JSON.stringify(views)} WHERE id = ${ws.id}`.execute(t.kernel.db);
}, 120_000);
afterAll(async () => t?.close());

// Test-only: the authorization context's suspension and expiry are simulated on its row; the sandbox reacts.
const setGrantState = (state: string) =>
  sql`UPDATE data_grant SET state = ${state} WHERE id = ${DEMO_GRANTS.verify}`.execute(t.kernel.db);
const wsOf = async () =>
  (
    await sql<any>`SELECT * FROM sandbox_workspace WHERE grant_id = ${DEMO_GRANTS.verify} AND holder_org_id = (SELECT holder_org_id FROM data_grant WHERE id = ${DEMO_GRANTS.verify})`.execute(
      t.kernel.db,
    )
  ).rows[0];

describe('SBX-13 Grant suspended → Workspace frozen, jobs and calls refused with GRANT_SUSPENDED, pending requests held', () => {
  it('freezes, holds, refuses, then unfreezes and resumes when the Grant is active again', async () => {
    const dev = await t.as('operator.dev');
    const ws = await wsOf();
    const eg = await aggregateEgress(dev, ws.id, 'SELECT 所属区, count(*) AS n FROM 企业登记信息 GROUP BY 所属区', 'x');
    expect(eg.status).toBe('awaiting_review');
    await setGrantState('suspended');
    await syncWorkspacesWithGrants(t.kernel);
    expect((await wsOf()).state).toBe('frozen');
    expect((await dev.get(`/api/v1/egress-requests/${eg.id}`)).json().status).toBe('held');
    const refused = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: 'SELECT 1' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('GRANT_SUSPENDED');
    await new Promise((r) => setTimeout(r, 1100)); // the gateway re-reads SVC-02 facts at most every second
    const call = await t.app.inject({
      method: 'POST',
      url: `/api/v1/services/${DEMO_SERVICES.verify}/call`,
      headers: { authorization: `Bearer ${demoApiKeySecret(t.kernel)}` },
      payload: { 统一社会信用代码: '91440400MA5D11223W', 企业名称: 'x' },
    });
    expect(call.json().error.code).toBe('GRANT_SUSPENDED');
    await setGrantState('active');
    await syncWorkspacesWithGrants(t.kernel);
    expect((await wsOf()).state).toBe('active');
    expect((await dev.get(`/api/v1/egress-requests/${eg.id}`)).json().status).toBe('awaiting_review');
  });
});

describe('SBX-14 Grant ended → closing → destroyed with a destruction record a second person verifies', () => {
  it('a legal hold on the Workspace stops the deletion (LED-18): it stays closing and its files stay', async () => {
    const ws = await wsOf();
    const admin = await t.as('authority.admin');
    expect(
      (
        await (
          await t.as('luohu.reviewer')
        ).post('/api/v1/legal-holds', { objectType: 'Workspace', objectId: ws.id, reason: '诉讼保全' })
      ).statusCode,
    ).toBe(404);
    const placed = await admin.post('/api/v1/legal-holds', {
      objectType: 'Workspace',
      objectId: ws.id,
      reason: '诉讼保全',
    });
    expect(placed.statusCode).toBe(201);
    const hold = placed.json();
    await setGrantState('expired');
    await syncWorkspacesWithGrants(t.kernel);
    expect((await wsOf()).state).toBe('closing');
    expect(existsSync(join(t.kernel.dataDir, 'workspaces', ws.id))).toBe(true);
    expect(
      (
        await sql<any>`SELECT count(*)::int AS n FROM destruction_record WHERE scope->'objectIds' ? ${ws.id}`.execute(
          t.kernel.db,
        )
      ).rows[0].n,
    ).toBe(0);
    expect(
      (await (await t.as('operator.admin')).post(`/api/v1/legal-holds/${hold.id}/release`, { reason: '自行解除' }))
        .statusCode,
    ).toBe(404); // the holder cannot lift it
    expect(
      (await (await t.as('luohu.reviewer')).post(`/api/v1/legal-holds/${hold.id}/release`, { reason: '案件终结' }))
        .statusCode,
    ).toBe(404);
    expect((await admin.post(`/api/v1/legal-holds/${hold.id}/release`, { reason: '案件终结' })).json()).toEqual({
      id: hold.id,
      active: false,
    });
    expect((await admin.post(`/api/v1/legal-holds/${hold.id}/release`, { reason: '案件终结' })).json().error.code).toBe(
      'LEGAL_HOLD_NOT_ACTIVE',
    );
  });

  it("withdraws open requests, deletes every workspace file and the pseudonym key, and lists each file's SM3 in an executed DestructionRecord", async () => {
    const ws = await wsOf();
    const root = join(t.kernel.dataDir, 'workspaces', ws.id);
    expect(existsSync(root)).toBe(true);
    await syncWorkspacesWithGrants(t.kernel);
    const after = await wsOf();
    expect(after.state).toBe('destroyed');
    expect(after.key_enc).toBeNull();
    expect(after.destruction.objects.length).toBeGreaterThan(0);
    expect(after.destruction.objects[0].sm3).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(root)).toBe(false);
    const open = (
      await sql<any>`SELECT state FROM sandbox_egress_request WHERE workspace_id = ${ws.id}`.execute(t.kernel.db)
    ).rows;
    expect(open.every((r) => !['awaiting_review', 'held', 'draft'].includes(r.state))).toBe(true);
    const ev = (
      await sql<any>`SELECT event_type FROM event WHERE object_id = ${ws.id} ORDER BY occurred_at`.execute(t.kernel.db)
    ).rows.map((r) => r.event_type);
    expect(ev).toEqual(expect.arrayContaining(['workspace.close', 'workspace.destroy']));
    const rec = (
      await (
        await t.as('authority.reviewer')
      ).get(`/api/v1/destruction-records/${after.destruction.destructionRecordId}`)
    ).json();
    expect(rec).toMatchObject({
      state: 'executed',
      method: 'workspace_purge',
      scope: { objectType: 'Workspace', objectIds: [ws.id] },
      ownerOrgId: ws.holder_org_id,
    });
    expect(rec.deletedObjects).toEqual(after.destruction.objects);
  });

  it("the holder may read the record but not verify it; the authority's second person verifies it clean; another district sees nothing", async () => {
    const id = (await wsOf()).destruction.destructionRecordId;
    const dev = await t.as('operator.dev');
    expect((await dev.get(`/api/v1/destruction-records/${id}`)).statusCode).toBe(200);
    expect((await dev.post(`/api/v1/destruction-records/${id}/verification`, {})).statusCode).toBe(403);
    expect((await (await t.as('luohu.reviewer')).get(`/api/v1/destruction-records/${id}`)).statusCode).toBe(404);
    const approve = await (await t.as('authority.reviewer')).post(`/api/v1/destruction-records/${id}/approvals`, {
      role: 'authority',
    });
    expect(approve.json().error.code).toBe('INVALID_TRANSITION'); // an SBX-14 record takes no approvals
    const v = await (await t.as('authority.reviewer')).post(`/api/v1/destruction-records/${id}/verification`, {});
    expect(v.statusCode).toBe(200);
    expect(v.json()).toMatchObject({
      state: 'verified',
      verification: {
        result: 'clean',
        residue: 0,
        checks: ['workspace_files', 'pseudonym_key', 'result_key', 'differencing_sketches', 'imports'],
      },
    });
    const ids = async (state: string) =>
      (await (await t.as('authority.reviewer')).get(`/api/v1/destruction-records?state=${state}`))
        .json()
        .items.map((r: any) => r.id);
    expect(await ids('verified')).toContain(id);
    expect(await ids('executed')).not.toContain(id);
  });

  it('a record whose Workspace still has its key and files fails verification and opens an Incident', async () => {
    // A second Workspace row (another holder, same views) whose purge is recorded but never made.
    const src = await wsOf();
    const id = randomUUID();
    await sql`INSERT INTO sandbox_workspace (id, state, holder_org_id, grant_id, jurisdiction_id, jurisdiction_path, name_zh, seats, views, limits, key_enc, created_by)
      SELECT ${id}::uuid, 'closing', (SELECT id FROM organization WHERE id <> ${src.holder_org_id} ORDER BY id LIMIT 1), grant_id, jurisdiction_id, jurisdiction_path,
        name_zh, seats, views, limits, ${Buffer.alloc(48, 1)}, created_by FROM sandbox_workspace WHERE id = ${src.id}`.execute(
      t.kernel.db,
    );
    mkdirSync(join(t.kernel.dataDir, 'workspaces', id), { recursive: true });
    writeFileSync(join(t.kernel.dataDir, 'workspaces', id, 'left-behind.parquet'), 'x');
    const recordId = await t.kernel.db.transaction().execute((trx) =>
      recordMandatedDestruction(trx, t.kernel, {
        objectType: 'Workspace',
        objectIds: [id],
        ownerOrgId: src.holder_org_id,
        jurisdictionId: src.jurisdiction_id,
        dataDescription: 'x',
        method: 'workspace_purge',
        deletedObjects: [],
        destroyedKeyIds: [],
        executedBy: 'test',
      }),
    );
    const v = await (await t.as('authority.reviewer')).post(`/api/v1/destruction-records/${recordId}/verification`, {});
    expect(v.json()).toMatchObject({ state: 'verification_failed', verification: { result: 'residue' } });
    expect(v.json().verification.residue).toBeGreaterThanOrEqual(3); // the file, its folder, the key
    const inc = (
      await sql<any>`SELECT details FROM incident WHERE details->>'destructionRecordId' = ${recordId}`.execute(
        t.kernel.db,
      )
    ).rows;
    expect(inc).toHaveLength(1);
  });
});
