import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { DEMO_GRANTS, DEMO_SERVICES, demoApiKeySecret } from '../../seed/sandbox.js';
import { syncWorkspacesWithGrants } from './service.js';
import { ensureSandboxDemo } from './testing.js';
import { buildViews } from './usecases/views.js';
import { getGrantForUse } from '../authorization/service.js';

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
const setGrantState = (state: string) => sql`UPDATE data_grant SET state = ${state} WHERE id = ${DEMO_GRANTS.verify}`.execute(t.kernel.db);
const wsOf = async () => (await sql<any>`SELECT * FROM sandbox_workspace WHERE grant_id = ${DEMO_GRANTS.verify} AND holder_org_id = (SELECT holder_org_id FROM data_grant WHERE id = ${DEMO_GRANTS.verify})`.execute(t.kernel.db)).rows[0];

describe('SBX-13 Grant suspended → Workspace frozen, jobs and calls refused with GRANT_SUSPENDED, pending requests held', () => {
  it('freezes, holds, refuses, then unfreezes and resumes when the Grant is active again', async () => {
    const dev = await t.as('operator.dev');
    const ws = await wsOf();
    const job = (await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: 'SELECT 所属区, count(*) AS n FROM 企业登记信息 GROUP BY 所属区' })).json();
    const eg = (await dev.post('/api/v1/egress-requests', { workspaceId: ws.id, sourceJobId: job.id, outputKind: 'aggregate_table', declaredUse: 'own_analysis', justification: 'x' })).json();
    expect(eg.status).toBe('awaiting_review');
    await setGrantState('suspended');
    await syncWorkspacesWithGrants(t.kernel);
    expect((await wsOf()).state).toBe('frozen');
    expect((await dev.get(`/api/v1/egress-requests/${eg.id}`)).json().status).toBe('held');
    const refused = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: 'SELECT 1' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('GRANT_SUSPENDED');
    await new Promise((r) => setTimeout(r, 1100)); // the gateway re-reads SVC-02 facts at most every second
    const call = await t.app.inject({ method: 'POST', url: `/api/v1/services/${DEMO_SERVICES.verify}/call`, headers: { authorization: `Bearer ${demoApiKeySecret(t.kernel)}` }, payload: { 统一社会信用代码: '91440400MA5D11223W', 企业名称: 'x' } });
    expect(call.json().error.code).toBe('GRANT_SUSPENDED');
    await setGrantState('active');
    await syncWorkspacesWithGrants(t.kernel);
    expect((await wsOf()).state).toBe('active');
    expect((await dev.get(`/api/v1/egress-requests/${eg.id}`)).json().status).toBe('awaiting_review');
  });
});

describe('SBX-14 Grant ended → closing → destroyed with a destruction record', () => {
  it('withdraws open requests, deletes every workspace file and the pseudonym key, and lists each file\'s SM3', async () => {
    const ws = await wsOf();
    const root = join(t.kernel.dataDir, 'workspaces', ws.id);
    expect(existsSync(root)).toBe(true);
    await setGrantState('expired');
    await syncWorkspacesWithGrants(t.kernel);
    const after = await wsOf();
    expect(after.state).toBe('destroyed');
    expect(after.key_enc).toBeNull();
    expect(after.destruction.objects.length).toBeGreaterThan(0);
    expect(after.destruction.objects[0].sm3).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(root)).toBe(false);
    const open = (await sql<any>`SELECT state FROM sandbox_egress_request WHERE workspace_id = ${ws.id}`.execute(t.kernel.db)).rows;
    expect(open.every((r) => !['awaiting_review', 'held', 'draft'].includes(r.state))).toBe(true);
    const ev = (await sql<any>`SELECT event_type FROM event WHERE object_id = ${ws.id} ORDER BY occurred_at`.execute(t.kernel.db)).rows.map((r) => r.event_type);
    expect(ev).toEqual(expect.arrayContaining(['workspace.close', 'workspace.destroy']));
  });
});
