import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../seed/ids.js';
import { oid } from '../../seed/identity.js';
import { startTestApp, type TestApp } from '../../test/harness.js';

// Issue 12 finding 6 (decision 0059): identity.md Organization lifecycle — only platform_admin
// (sys_admin under IAM-14) deactivates, never an org party to an open agreement; a wrong
// deactivation is undone by sys_admin's audited restore.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const stateOf = async (key: string) =>
  (await sql<{ state: string }>`SELECT state FROM organization WHERE id = ${oid(key)}`.execute(t.kernel.db)).rows[0]!
    .state;

describe('IAM-ORG-DEACTIVATE organization deactivation (finding 6)', () => {
  it('refuses the authority and security_admin: only sys_admin deactivates', async () => {
    const authority = await t.as('authority.admin');
    const r = await authority.post(`/api/v1/orgs/${oid('zh-operator')}/deactivate`, { reason: '测试注销' });
    expect(r.statusCode).toBe(403);
    const security = await t.as('platform.security');
    expect(
      (await security.post(`/api/v1/orgs/${oid('evaluator')}/deactivate`, { reason: '测试注销' })).statusCode,
    ).toBe(403);
    expect(await stateOf('zh-operator')).toBe('active');
    expect(await stateOf('evaluator')).toBe('active');
  });

  it('refuses an operator party to an active OperationAgreement with 409 ORG_HAS_OPEN_AGREEMENT, and its collaborator too', async () => {
    const admin = await t.as('platform.admin');
    const r = await admin.post(`/api/v1/orgs/${oid('zh-operator')}/deactivate`, { reason: '测试注销' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('ORG_HAS_OPEN_AGREEMENT');
    expect(r.json().error.details.failures[0].ruleId).toBe('IAM-ORG-DEACTIVATE');
    const c = await admin.post(`/api/v1/orgs/${oid('zh-collab')}/deactivate`, { reason: '测试注销' });
    expect(c.json().error.code).toBe('ORG_HAS_OPEN_AGREEMENT');
    expect(await stateOf('zh-operator')).toBe('active');
    expect(await stateOf('zh-collab')).toBe('active');
  });

  it('deactivates an org with no open agreement (memberships disabled) and restores it with a reason (memberships back)', async () => {
    const admin = await t.as('platform.admin');
    expect((await admin.post(`/api/v1/orgs/${oid('evaluator')}/deactivate`, {})).json().error.code).toBe(
      'REASON_REQUIRED',
    );
    const d = await admin.post(`/api/v1/orgs/${oid('evaluator')}/deactivate`, { reason: '误操作复现' });
    expect(d.statusCode).toBe(200);
    expect(d.json().state).toBe('deactivated');
    await expect(t.as('evaluator.admin')).rejects.toThrow(/login evaluator.admin failed/);
    // The finding: reactivation answered 409. `reactivate` stays suspended → active; a deactivation is undone by restore.
    const authority = await t.as('gd.reviewer'); // the evaluator's home authority (广东省)
    expect((await authority.post(`/api/v1/orgs/${oid('evaluator')}/restore`, { reason: '恢复' })).statusCode).toBe(403);
    expect((await admin.post(`/api/v1/orgs/${oid('evaluator')}/restore`, {})).json().error.code).toBe(
      'REASON_REQUIRED',
    );
    const r = await admin.post(`/api/v1/orgs/${oid('evaluator')}/restore`, { reason: '注销有误，予以恢复' });
    expect(r.statusCode).toBe(200);
    expect(r.json().state).toBe('active');
    const me = await (await t.as('evaluator.admin')).get('/api/v1/me');
    expect(me.json().org.id).toBe(oid('evaluator'));
    const events = (
      await sql<{ event_type: string; object_id: string }>`SELECT event_type, object_id FROM event
      WHERE event_type IN ('org.deactivate', 'org.restore', 'membership.disable_with_org', 'membership.restore_with_org')
        AND to_state IS NOT NULL AND object_id IN (${oid('evaluator')}, ${demoId('membership:evaluator.admin')}) ORDER BY occurred_at, id`.execute(
        t.kernel.db,
      )
    ).rows;
    expect(events.map((e) => `${e.event_type} ${e.object_id}`).sort()).toEqual([
      `membership.disable_with_org ${demoId('membership:evaluator.admin')}`,
      `membership.restore_with_org ${demoId('membership:evaluator.admin')}`,
      `org.deactivate ${oid('evaluator')}`,
      `org.restore ${oid('evaluator')}`,
    ]);
  });

  it('restores only the memberships the deactivation disabled', async () => {
    const admin = await t.as('platform.admin');
    await sql`UPDATE membership SET state = 'disabled' WHERE id = ${demoId('membership:buyer.admin')}`.execute(
      t.kernel.db,
    );
    expect((await admin.post(`/api/v1/orgs/${oid('buyer')}/deactivate`, { reason: '测试' })).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/orgs/${oid('buyer')}/restore`, { reason: '恢复' })).statusCode).toBe(200);
    const m = (
      await sql<{ state: string }>`SELECT state FROM membership WHERE id = ${demoId('membership:buyer.admin')}`.execute(
        t.kernel.db,
      )
    ).rows[0]!;
    expect(m.state).toBe('disabled');
  });
});
