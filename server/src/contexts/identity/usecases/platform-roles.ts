import { randomUUID } from 'node:crypto';
import type { Executor, Tx } from '../../../kernel/db/tables.js';
import { notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { authorize, type Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { membershipLifecycle, platformRoleRequestLifecycle } from '../lifecycle.js';
import type { PlatformRoleRequestInput, PlatformRoleRequestQuery } from '../model.js';
import { presentPlatformRoleRequest } from '../present.js';
import type { PlatformRole, PlatformRoleFacts } from '../rules.js';
import { assertAllowed } from '../policy.js';
import * as store from '../store.js';
import '../messages.js';

// IAM-14 (三员分立): a platform role changes only through a PlatformRoleRequest — a sys_admin asks, a
// different security_admin (never the target) approves, and the approval applies the change in its transaction.

type RequestRow = store.PlatformRoleRequestRow;

/** The platform org's policy view (the owner of its requests and memberships). */
export async function orgSubjectOf(db: Executor, orgId: string, type: string): Promise<Subject> {
  const o = await store.getOrg(db, orgId);
  return {
    type,
    ownerOrgId: orgId,
    jurisdictionId: o?.home_jurisdiction_id ?? null,
    jurisdictionPath: o?.jurisdiction_path ?? [],
  };
}

/** The request as policy sees it: its asker may not decide it, and nobody acts on a request about themselves. */
export async function requestSubject(db: Executor, r: RequestRow, asker: boolean): Promise<Subject> {
  return {
    ...(await orgSubjectOf(db, r.org_id, 'PlatformRoleRequest')),
    id: r.id,
    createdBy: asker ? r.requested_by : null,
    subjectUserId: r.target_user_id,
  };
}

function loadRequest(db: Executor, id: string, lock = false): Promise<RequestRow | undefined> {
  return store.getPlatformRoleRequest(db, id, lock);
}

/** LED-13 reader: only the platform org's three administrators see its requests; anyone else gets 404. */
export async function getPlatformRoleRequest(
  k: Kernel,
  actor: Actor,
  id: string,
  db: Executor = k.db,
): Promise<RequestRow> {
  const r = await loadRequest(db, id);
  if (
    !r ||
    !authorize(actor, 'platform_role.read', await requestSubject(db, r, false), k.clock.now(), k.profile).allowed
  )
    throw notFound('PlatformRoleRequest', id);
  return r;
}

async function factsFor(
  db: Executor,
  actor: Actor,
  m: store.MembershipRow,
  r: { change: 'grant' | 'revoke'; role: PlatformRole; requested_by: string; id?: string },
  reason: string | undefined,
  stage: 'request' | 'decide',
): Promise<PlatformRoleFacts> {
  return {
    change: r.change,
    role: r.role,
    targetRoles: m.roles,
    targetUserId: m.user_id,
    requestedBy: r.requested_by,
    actorUserId: actor.userId ?? '',
    stage,
    otherHolders: await store.countOtherRoleHolders(db, m.org_id, m.id, r.role),
    reason: reason ?? null,
    pendingForTarget: await store.hasOpenRequestFor(db, m.id, r.id),
  };
}

/** A sys_admin asks for a platform role change of a member of its own (platform) org. */
export async function requestPlatformRole(k: Kernel, actor: Actor, input: PlatformRoleRequestInput) {
  return k.db.transaction().execute(async (trx) => {
    const m = await store.getMembership(trx, input.membershipId, true);
    if (!m || m.org_id !== actor.orgId) throw notFound('Membership', input.membershipId);
    const id = randomUUID();
    const facts = await factsFor(
      trx,
      actor,
      m,
      { ...input, requested_by: actor.userId ?? '' },
      input.reason,
      'request',
    );
    return transition(trx, k.workflow, {
      lifecycle: platformRoleRequestLifecycle,
      action: 'request',
      actor,
      object: null,
      facts,
      input,
      subject: {
        ...(await orgSubjectOf(trx, m.org_id, 'PlatformRoleRequest')),
        createdBy: null,
        subjectUserId: m.user_id,
      },
      values: {
        id,
        org_id: m.org_id,
        membership_id: m.id,
        target_user_id: m.user_id,
        change: input.change,
        role: input.role,
        reason: input.reason?.trim() ?? '',
        requested_by: actor.userId,
      },
    });
  });
}

/** A security_admin approves (applying the change to the membership in the same transaction) or rejects. */
export async function decidePlatformRole(
  k: Kernel,
  actor: Actor,
  id: string,
  decision: 'approve' | 'reject',
  reason?: string,
) {
  return k.db.transaction().execute(async (trx) => {
    await loadRequest(trx, id, true);
    const r = await getPlatformRoleRequest(k, actor, id, trx);
    const m = (await store.getMembership(trx, r.membership_id, true))!;
    const facts = await factsFor(trx, actor, m, r, reason, 'decide');
    const res = await transition(trx, k.workflow, {
      lifecycle: platformRoleRequestLifecycle,
      action: decision,
      actor,
      object: r,
      facts,
      input: { reason },
      subject: await requestSubject(trx, r, true),
      values: { decided_by: actor.userId, decision_reason: reason?.trim() ?? null, decided_at: k.clock.now() },
    });
    if (decision === 'approve') await applyChange(trx, k, actor, m, r);
    return res;
  });
}

async function applyChange(trx: Tx, k: Kernel, actor: Actor, m: store.MembershipRow, r: RequestRow) {
  const roles = r.change === 'grant' ? [...m.roles, r.role] : m.roles.filter((x) => x !== r.role);
  await transition(trx, k.workflow, {
    lifecycle: membershipLifecycle,
    action: 'set_platform_roles',
    actor,
    object: m,
    input: { requestId: r.id, change: r.change, role: r.role },
    subject: {
      ...(await orgSubjectOf(trx, m.org_id, 'Membership')),
      id: m.id,
      createdBy: null,
      subjectUserId: m.user_id,
    },
    values: { roles: JSON.stringify(roles) },
  });
}

/** A sys_admin (not the target) withdraws an open request. */
export async function withdrawPlatformRole(k: Kernel, actor: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    await loadRequest(trx, id, true);
    const r = await getPlatformRoleRequest(k, actor, id, trx);
    return transition(trx, k.workflow, {
      lifecycle: platformRoleRequestLifecycle,
      action: 'withdraw',
      actor,
      object: r,
      subject: await requestSubject(trx, r, false),
      input: {},
    });
  });
}

/** The platform org's requests, newest first (its three administrators only). */
export async function listPlatformRoleRequests(k: Kernel, actor: Actor, q: PlatformRoleRequestQuery) {
  assertAllowed(k, actor, 'platform_role.read', await orgSubjectOf(k.db, actor.orgId ?? '', 'PlatformRoleRequest'));
  const { rows, total } = await store.listPlatformRoleRequests(k.db, {
    orgId: actor.orgId ?? '',
    state: q.state,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map(presentPlatformRoleRequest), total, page: q.page, pageSize: q.pageSize };
}
