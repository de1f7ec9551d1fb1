import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../kernel/workflow/actor.js';
import { oid, uid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { applyRectification, liftRectification } from '../authorization/service.js';
import { loadUserActor } from './usecases/actors.js';
import { setOrgRectification } from './usecases/rectification.js';

// IAM-15 (identity scenario 6): ordering a rectification sets the org's flag, which the permission
// check reads; the org's developer is refused operating actions, reading remains; accepting the fix clears it.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const flag = async (key: string) =>
  (
    await sql<{
      in_rectification: boolean;
      state: string;
    }>`SELECT in_rectification, state FROM organization WHERE id = ${oid(key)}`.execute(t.kernel.db)
  ).rows[0]!;
const events = async (type: string) =>
  (
    await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM event WHERE event_type = ${type} AND object_id = ${oid('zh-operator')}`.execute(
      t.kernel.db,
    )
  ).rows[0]!.n;

describe('IAM-15 organization in rectification', () => {
  it('an order sets the flag (ledgered); the developer gets 403 ORG_IN_RECTIFICATION for a Job, still reads; acceptance clears it', async () => {
    const actor = systemActor('supervision-rectification');
    const dev = await t.as('operator.dev');
    const ws = (await dev.get('/api/v1/workspaces')).json().items[0] as { id: string };
    expect(ws).toBeTruthy();
    expect((await flag('zh-operator')).in_rectification).toBe(false);
    await applyRectification(t.kernel, actor, {
      orgId: oid('zh-operator'),
      reason: '整改令 2026-11-02',
      deadline: '2026-12-02',
    });
    expect(await flag('zh-operator')).toEqual({ in_rectification: true, state: 'active' });
    expect(await events('org.rectification_ordered')).toBe(1);
    const job = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: 'SELECT 1' });
    expect(job.statusCode).toBe(403);
    expect(job.json().error.code).toBe('ORG_IN_RECTIFICATION');
    expect((await dev.get(`/api/v1/workspaces/${ws.id}`)).statusCode).toBe(200);
    // A second order changes nothing more.
    await applyRectification(t.kernel, actor, { orgId: oid('zh-operator'), reason: '重复', deadline: '2026-12-02' });
    expect(await events('org.rectification_ordered')).toBe(1);
    await liftRectification(t.kernel, actor, { orgId: oid('zh-operator'), reason: '整改验收通过' });
    expect((await flag('zh-operator')).in_rectification).toBe(false);
    expect(await events('org.rectification_lifted')).toBe(1);
    const after = await dev.post(`/api/v1/workspaces/${ws.id}/jobs`, { sql: 'SELECT 1' });
    expect(after.json().error?.code).not.toBe('ORG_IN_RECTIFICATION');
  });

  it("only the authority of the org's jurisdiction (or the system) sets the flag; an operator cannot flag another org", async () => {
    const now = t.kernel.clock.now();
    const operator = (await loadUserActor(t.kernel.db, uid('operator.admin'), oid('zh-operator'), now))!;
    await expect(setOrgRectification(t.kernel, operator, oid('zh-collab'), true, '越权')).rejects.toMatchObject({
      status: 404,
    });
    const transport = (await loadUserActor(t.kernel.db, uid('transport.admin'), oid('zh-transport'), now))!;
    await expect(setOrgRectification(t.kernel, transport, oid('zh-collab'), true, '越权')).rejects.toMatchObject({
      status: 404,
    });
    expect((await flag('zh-collab')).in_rectification).toBe(false);
    const authority = (await loadUserActor(t.kernel.db, uid('authority.admin'), oid('zh-authority'), now))!;
    await setOrgRectification(t.kernel, authority, oid('zh-collab'), true, '协作单位整改');
    expect((await flag('zh-collab')).in_rectification).toBe(true);
  });
});
