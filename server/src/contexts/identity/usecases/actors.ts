import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import type { Executor } from '../../../kernel/db/tables.js';
import { activeActorRoles, type Actor } from '../../../kernel/workflow/actor.js';
import * as store from '../store.js';

const READER_ACTORS = ['authority', 'registry', 'regulator'];

/** Builds the Actor a user has when acting for one org (identity.md permission model inputs). */
export async function loadUserActor(
  db: Executor,
  userId: string,
  orgId: string,
  now: Date,
  extra: Partial<Actor> = {},
): Promise<Actor | null> {
  const [user, membership, org] = await Promise.all([
    store.getUser(db, userId),
    store.getMembershipOf(db, userId, orgId),
    store.getOrg(db, orgId),
  ]);
  if (!user || !membership || membership.state !== 'active' || !org) return null;
  const grants = store.toGrants(await store.listActorRoles(db, orgId), shanghaiDate(now));
  const readerRoots = grants
    .filter((g) => g.status === 'active' && READER_ACTORS.includes(g.actor))
    .map((g) => g.jurisdictionId);
  return {
    kind: 'user',
    userId,
    loginName: user.login_name,
    orgId,
    orgUscc: org.uscc ?? undefined,
    orgStatus: org.state,
    roles: membership.roles,
    actorRoles: grants,
    readableJurisdictionIds: await store.descendantJurisdictionIds(db, readerRoots),
    demo: user.demo,
    inRectification: org.in_rectification,
    ...extra,
  };
}

/** Roles that make TOTP mandatory (LGN-04): platform roles, authority/registry reviewers, security officers. */
export function mfaMandatory(actor: Actor, requiredForAll: boolean): boolean {
  if (actor.demo) return false;
  if (requiredForAll) return true;
  if (actor.roles.some((r) => ['sys_admin', 'security_admin', 'audit_admin', 'security_officer'].includes(r)))
    return true;
  const reviewerOf = actor.actorRoles.some((g) => g.status === 'active' && ['authority', 'registry'].includes(g.actor));
  return reviewerOf && actor.roles.includes('reviewer');
}

/**
 * IAM-14 (三员分立, decision 0059): the platform administrators who keep the organization register
 * (sys_admin onboards and deactivates, security_admin verifies and suspends) read organizations and
 * their actor roles. audit_admin does not; none of the three reads members, keys or business objects.
 */
export function readsOrgRegister(a: Actor): boolean {
  return (
    activeActorRoles(a, 'platform_admin').length > 0 && a.roles.some((r) => r === 'sys_admin' || r === 'security_admin')
  );
}
