import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../kernel/workflow/actor.js';
import { importObject } from '../../kernel/workflow/transition.js';
import { loadProfile } from '../../kernel/profiles/index.js';
import { demoId } from '../../seed/ids.js';
import { oid, uid } from '../../seed/identity.js';
import { startTestApp, type Client, type TestApp } from '../../test/harness.js';
import { auditLedger, flushLog } from '../ledger/service.js';
import { membershipLifecycle, userLifecycle } from './lifecycle.js';
import {
  IAM_14_FOUR_EYES,
  IAM_14_LAST_HOLDER,
  IAM_14_SEPARATION,
  IAM_14_VIA_REQUEST,
  type PlatformRoleFacts,
  type RoleChangeFacts,
} from './rules.js';

// IAM-14 (三员分立, decision 0059 addendum): platform roles change only through a PlatformRoleRequest —
// a sys_admin asks, a different security_admin (never the target) approves and the approval applies it;
// audit_admin only reads; one person holds at most one of the three roles.
let t: TestApp;
let admin: Client; // platform.admin: sys_admin
let security: Client; // platform.security: security_admin
let audit: Client; // platform.audit: audit_admin
const URL = '/api/v1/platform-role-requests';
const OPS = 'platform.ops';
const member = (login: string) => demoId(`membership:${login}`);
const rolesOf = async (login: string) =>
  (await sql<{ roles: string[] }>`SELECT roles FROM membership WHERE id = ${member(login)}`.execute(t.kernel.db))
    .rows[0]!.roles;
const requestCount = async () =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM platform_role_request`.execute(t.kernel.db)).rows[0]!.n;

/** A new platform staff member with no role yet, brought in like the demo's accounts (ledger-recorded import). */
async function importStaff() {
  const hash = (
    await sql<{
      password_hash: string;
    }>`SELECT password_hash FROM app_user WHERE id = ${uid('platform.admin')}`.execute(t.kernel.db)
  ).rows[0]!.password_hash;
  const actor = systemActor('seed-demo');
  await t.kernel.db.transaction().execute(async (trx) => {
    await importObject(
      trx,
      t.kernel.workflow,
      userLifecycle,
      'active',
      {
        id: uid(OPS),
        login_name: OPS,
        real_name: '周宁',
        mobile: '13800000000',
        password_hash: hash,
        demo: true,
        password_changed_at: new Date('2026-01-01T00:00:00Z'),
        mobile_verified_at: new Date('2026-01-01T00:00:00Z'),
        id_verified_at: new Date('2026-01-01T00:00:00Z'),
      },
      actor,
    );
    await importObject(
      trx,
      t.kernel.workflow,
      membershipLifecycle,
      'active',
      {
        id: member(OPS),
        user_id: uid(OPS),
        org_id: oid('platform'),
        roles: JSON.stringify(['member']),
        background_check: JSON.stringify({ status: 'passed', checkedAt: '2026-01-05', expiresAt: '2029-01-05' }),
        nda: JSON.stringify({ docRef: 'demo-nda', signedAt: '2026-01-05' }),
      },
      actor,
    );
  });
}

beforeAll(async () => {
  t = await startTestApp();
  await importStaff();
  [admin, security, audit] = await Promise.all(
    ['platform.admin', 'platform.security', 'platform.audit'].map((l) => t.as(l)),
  );
});
afterAll(() => t?.close());

describe('IAM-14 platform role requests through the API', () => {
  it('IAM-14: a sys_admin request approved by a security_admin applies the role in the same transaction', async () => {
    const r = await admin.post(URL, {
      membershipId: member(OPS),
      change: 'grant',
      role: 'security_admin',
      reason: '增设安全管理员',
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().state).toBe('requested');
    expect(await rolesOf(OPS)).toEqual(['member']); // nothing changes before the approval
    expect((await security.post(`${URL}/${r.json().id}/approve`, {})).json().error.code).toBe('REASON_REQUIRED');
    const ok = await security.post(`${URL}/${r.json().id}/approve`, { reason: '符合三员分立' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().state).toBe('approved');
    expect(await rolesOf(OPS)).toEqual(['member', 'security_admin']);
    const ev = await sql<{
      event_type: string;
    }>`SELECT event_type FROM event WHERE object_id IN (${r.json().id}, ${member(OPS)}) AND to_state IS NOT NULL ORDER BY occurred_at, id`.execute(
      t.kernel.db,
    );
    expect(ev.rows.map((e) => e.event_type)).toEqual([
      'Membership.imported',
      'platform_role.request',
      'platform_role.approve',
      'membership.set_platform_roles',
    ]);
    const ops = await t.as(OPS);
    expect((await ops.get(URL)).statusCode).toBe(200); // the new security_admin reads the requests
  });

  it('IAM-14: a security_admin cannot request; a sys_admin cannot approve or reject', async () => {
    const before = await requestCount();
    const s = await security.post(URL, {
      membershipId: member('platform.audit'),
      change: 'revoke',
      role: 'audit_admin',
      reason: '调整',
    });
    expect(s.statusCode).toBe(403);
    expect(await requestCount()).toBe(before);
    const r = await admin.post(URL, {
      membershipId: member('platform.audit'),
      change: 'revoke',
      role: 'audit_admin',
      reason: '岗位调整',
    });
    expect(r.statusCode).toBe(201);
    for (const d of ['approve', 'reject']) {
      const x = await admin.post(`${URL}/${r.json().id}/${d}`, { reason: '自行审批' });
      expect(x.statusCode).toBe(403);
    }
    // Finding 8: permission before the body — an invalid body still answers 403 to a refused caller, and 404 to another tenant.
    expect((await admin.post(`${URL}/${r.json().id}/approve`, { reason: 42 })).statusCode).toBe(403);
    const other = await t.as('operator.admin');
    expect((await other.post(`${URL}/${r.json().id}/approve`, { reason: 42 })).statusCode).toBe(404);
    expect((await other.post(URL, { membershipId: 'not-a-uuid' })).statusCode).toBe(403);
    expect(await rolesOf('platform.audit')).toEqual(['audit_admin']);
    // One open request per person.
    const again = await admin.post(URL, {
      membershipId: member('platform.audit'),
      change: 'revoke',
      role: 'audit_admin',
      reason: '重复申请',
    });
    expect(again.json().error.code).toBe('PLATFORM_ROLE_REQUEST_PENDING');
    const rej = await security.post(`${URL}/${r.json().id}/reject`, { reason: '暂不调整' });
    expect(rej.statusCode).toBe(200);
    expect(rej.json().state).toBe('rejected');
    expect(await rolesOf('platform.audit')).toEqual(['audit_admin']);
    expect((await security.post(`${URL}/${r.json().id}/approve`, { reason: '改为同意' })).json().error.code).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('IAM-14: nobody asks about themselves, and a security_admin never decides a request about themselves', async () => {
    const self = await admin.post(URL, {
      membershipId: member('platform.admin'),
      change: 'revoke',
      role: 'sys_admin',
      reason: '自行调整',
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('SELF_ACTION_FORBIDDEN');
    // platform.ops is now a second security_admin, so revoking platform.security is allowed to be asked …
    const r = await admin.post(URL, {
      membershipId: member('platform.security'),
      change: 'revoke',
      role: 'security_admin',
      reason: '岗位调整',
    });
    expect(r.statusCode).toBe(201);
    // … but never decided by platform.security itself.
    for (const d of ['approve', 'reject']) {
      const x = await security.post(`${URL}/${r.json().id}/${d}`, { reason: '本人审批' });
      expect(x.statusCode).toBe(403);
      expect(x.json().error.code).toBe('SELF_ACTION_FORBIDDEN');
    }
    expect(await rolesOf('platform.security')).toEqual(['security_admin']);
    const w = await admin.post(`${URL}/${r.json().id}/withdraw`);
    expect(w.statusCode).toBe(200);
    expect(w.json().state).toBe('withdrawn');
  });

  it('IAM-14: audit_admin is refused on every write but lists the requests', async () => {
    const before = await requestCount();
    const r = await audit.post(URL, {
      membershipId: member(OPS),
      change: 'revoke',
      role: 'security_admin',
      reason: '审计员申请',
    });
    expect(r.statusCode).toBe(403);
    const list = await audit.get(URL);
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(before);
    const one = list.json().items[0];
    expect((await audit.get(`${URL}/${one.id}`)).json().id).toBe(one.id);
    for (const d of ['approve', 'reject', 'withdraw'])
      expect((await audit.post(`${URL}/${one.id}/${d}`, { reason: '审计员操作' })).statusCode).toBe(403);
    expect(await requestCount()).toBe(before);
    // Nobody outside the platform org reads them (404 by id, 403 for the list).
    const other = await t.as('operator.admin');
    expect((await other.get(`${URL}/${one.id}`)).statusCode).toBe(404);
    expect((await other.get(URL)).statusCode).toBe(403);
  });

  it('IAM-14 三员分立: a second of the three roles for the same person is refused (the approval re-runs the same rule)', async () => {
    const r = await admin.post(URL, {
      membershipId: member('platform.audit'),
      change: 'grant',
      role: 'security_admin',
      reason: '兼任安全管理员',
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('PLATFORM_ROLES_EXCLUSIVE');
    expect(await rolesOf('platform.audit')).toEqual(['audit_admin']);
  });

  it('IAM-14: the member role route refuses platform roles even to an org_admin of the platform org', async () => {
    // sys_admin has no member.manage: the direct route is closed to it.
    const direct = await admin.put(`/api/v1/orgs/${oid('platform')}/members/${member(OPS)}/roles`, {
      roles: ['member', 'audit_admin'],
    });
    expect(direct.statusCode).toBe(403);
    // A deployment that appointed a platform org_admin still cannot add or remove a platform role there.
    await sql`UPDATE membership SET roles = ${JSON.stringify(['member', 'org_admin'])}::jsonb WHERE id = ${member(OPS)}`.execute(
      t.kernel.db,
    );
    try {
      const ops = await t.as(OPS);
      const add = await ops.put(`/api/v1/orgs/${oid('platform')}/members/${member('platform.audit')}/roles`, {
        roles: ['audit_admin', 'sys_admin'],
      });
      expect(add.statusCode).toBe(409);
      expect(add.json().error.code).toBe('PLATFORM_ROLE_REQUEST_REQUIRED');
      const drop = await ops.put(`/api/v1/orgs/${oid('platform')}/members/${member('platform.audit')}/roles`, {
        roles: ['member'],
      });
      expect(drop.json().error.code).toBe('PLATFORM_ROLE_REQUEST_REQUIRED');
      expect(await rolesOf('platform.audit')).toEqual(['audit_admin']);
    } finally {
      await sql`UPDATE membership SET roles = ${JSON.stringify(['member', 'security_admin'])}::jsonb WHERE id = ${member(OPS)}`.execute(
        t.kernel.db,
      );
    }
  });

  it('IAM-14: a revoke approved by the other security_admin applies, and the ledger audit is clean afterwards (LED-11)', async () => {
    const r = await admin.post(URL, {
      membershipId: member('platform.audit'),
      change: 'revoke',
      role: 'audit_admin',
      reason: '岗位调整',
    });
    expect(r.statusCode).toBe(201);
    const ops = await t.as(OPS);
    expect((await ops.post(`${URL}/${r.json().id}/approve`, { reason: '同意' })).statusCode).toBe(200);
    expect(await rolesOf('platform.audit')).toEqual([]);
    const g = await admin.post(URL, {
      membershipId: member('platform.audit'),
      change: 'grant',
      role: 'audit_admin',
      reason: '恢复审计管理员',
    });
    expect((await security.post(`${URL}/${g.json().id}/approve`, { reason: '同意' })).statusCode).toBe(200);
    expect(await rolesOf('platform.audit')).toEqual(['audit_admin']);
    await flushLog(t.kernel, 'main', { forceCheckpoint: true });
    await flushLog(t.kernel, 'audit', { forceCheckpoint: true });
    const audited = await auditLedger(t.kernel, { openIncident: false });
    expect(audited.mismatches).toEqual([]);
    expect(audited.clean).toBe(true);
  });
});

describe('IAM-14 platform role rules (pure)', () => {
  const base: PlatformRoleFacts = {
    change: 'grant',
    role: 'security_admin',
    targetRoles: ['member'],
    targetUserId: 'u-target',
    requestedBy: 'u-sys',
    actorUserId: 'u-sec',
    stage: 'decide',
    otherHolders: 1,
    reason: '同意',
  };
  const p = loadProfile('zhuhai');
  it('IAM-14 four eyes: the decider is neither the asker nor the target', () => {
    expect(IAM_14_FOUR_EYES.check(base, p).ok).toBe(true);
    expect(IAM_14_FOUR_EYES.check({ ...base, actorUserId: 'u-sys' }, p).ok).toBe(false);
    expect(IAM_14_FOUR_EYES.check({ ...base, actorUserId: 'u-target' }, p).ok).toBe(false);
    expect(IAM_14_FOUR_EYES.check({ ...base, stage: 'request', actorUserId: 'u-sys' }, p).ok).toBe(true);
  });
  it('IAM-14 separation: one of the three per person; a revoke needs the role; the last sys_admin or security_admin stays', () => {
    expect(IAM_14_SEPARATION.check({ ...base, targetRoles: ['audit_admin'] }, p).ok).toBe(false);
    expect(IAM_14_SEPARATION.check({ ...base, change: 'revoke' }, p).ok).toBe(false);
    expect(IAM_14_LAST_HOLDER.check({ ...base, change: 'revoke', otherHolders: 0 }, p).ok).toBe(false);
    expect(IAM_14_LAST_HOLDER.check({ ...base, change: 'revoke', role: 'audit_admin', otherHolders: 0 }, p).ok).toBe(
      true,
    );
  });
  it('IAM-14 via request: the member role route neither adds nor removes a platform role', () => {
    const f: RoleChangeFacts = {
      actorUserId: 'a',
      targetUserId: 'b',
      addedRoles: ['reviewer'],
      removedRoles: [],
      allowedRoles: [],
      personnel: { backgroundPassed: true, ndaOnFile: true, mfaEnrolled: true },
    };
    expect(IAM_14_VIA_REQUEST.check(f, p).ok).toBe(true);
    expect(IAM_14_VIA_REQUEST.check({ ...f, removedRoles: ['audit_admin'] }, p).ok).toBe(false);
    expect(IAM_14_VIA_REQUEST.check({ ...f, addedRoles: ['sys_admin'] }, p).ok).toBe(false);
  });
});
