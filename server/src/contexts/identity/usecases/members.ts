import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { activeActorRoles, type Actor } from '../../../kernel/workflow/actor.js';
import { canRead } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { backgroundCheckValid } from './data-access.js';
import { complianceForRoleChange } from './compliance.js';
import { membershipLifecycle } from '../lifecycle.js';
import { ROLE_ACTORS } from '../model.js';
import { assertAllowed, orgSubject } from '../policy.js';
import type { RoleChangeFacts } from '../rules.js';
import * as store from '../store.js';
import '../messages.js';

// An organization's members (identity.md Membership; IAM-14, IAM-16, PER-01).

export async function listMembers(k: Kernel, actor: Actor, orgId: string) {
  const o = await store.getOrg(k.db, orgId);
  // IAM-14: the organization register is not its personnel; platform administrators see only their own members.
  if (!o || !canRead(actor, orgSubject(o))) throw notFound('Organization', orgId);
  assertAllowed(k, actor, 'member.read', orgSubject(o));
  const rows = await store.listMembers(k.db, orgId);
  // IAM-16: a regulator reads other orgs' personnel with personal data masked.
  return o.id !== actor.orgId && activeActorRoles(actor, 'regulator').length ? rows.map(maskMember) : rows;
}

const maskText = (s: string | undefined, keep: number) =>
  s ? s.slice(0, keep) + '*'.repeat(Math.max(1, [...s].length - keep)) : '';

function maskMember(m: store.MembershipRow): store.MembershipRow {
  return {
    ...m,
    real_name: maskText(m.real_name, 1),
    login_name: maskText(m.login_name, 2),
    background_check: {},
    nda: null,
  };
}

/** Changes a member's roles: never one's own (IAM-14), only roles the org may carry, officers vetted (PER-01). */
export async function setMemberRoles(k: Kernel, actor: Actor, orgId: string, membershipId: string, roles: string[]) {
  return k.db.transaction().execute(async (trx) => {
    const o = await store.getOrg(trx, orgId);
    const m = await store.getMembership(trx, membershipId, true);
    if (!o || !m || m.org_id !== orgId || !canRead(actor, orgSubject(o))) throw notFound('Membership', membershipId);
    const actorTypes = (await store.listActorRoles(trx, orgId)).filter((r) => r.state === 'active').map((r) => r.actor);
    const added = roles.filter((r) => !m.roles.includes(r));
    const facts: RoleChangeFacts = {
      actorUserId: actor.userId ?? '',
      targetUserId: m.user_id,
      addedRoles: added,
      removedRoles: m.roles.filter((r) => !roles.includes(r)),
      allowedRoles: Object.entries(ROLE_ACTORS)
        .filter(([, a]) => a === 'all' || a.some((x) => actorTypes.includes(x)))
        .map(([r]) => r),
      personnel: {
        backgroundPassed: backgroundCheckValid(m.background_check, shanghaiDate(k.clock.now())),
        ndaOnFile: !!m.nda,
        mfaEnrolled: !!m.totp_enrolled,
      },
      realName: await realNameChecks(trx, m.user_id),
      compliance: await complianceForRoleChange(trx, orgId, m, roles, actorTypes),
    };
    return transition(trx, k.workflow, {
      lifecycle: membershipLifecycle,
      action: 'set_roles',
      actor,
      object: m,
      facts,
      input: { roles },
      subject: { ...orgSubject(o), type: 'Membership', id: m.id, createdBy: null },
      values: { roles: JSON.stringify(roles) },
    });
  });
}

/** LGN-07 facts: has the user's mobile, and ID number, been verified? */
async function realNameChecks(db: Parameters<typeof store.getUser>[0], userId: string) {
  const u = await store.getUser(db, userId);
  return { mobileVerified: !!u?.mobile_verified_at, idVerified: !!u?.id_verified_at };
}
