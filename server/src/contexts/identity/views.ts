import type { Actor } from '../../kernel/workflow/actor.js';
import { authorize } from '../../kernel/workflow/authorize.js';
import type { Kernel } from '../../kernel/kernel.js';
import { orgSubject } from './service.js';
import type * as store from './store.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** What the actor may do next, so buttons follow the server (style.md §8). */
export function orgAbilities(k: Kernel, actor: Actor, o: store.OrgRow) {
  const can = (p: string) => authorize(actor, p, orgSubject(o), k.clock.now(), k.profile).allowed;
  return {
    verify: o.state === 'pending_verification' && can('org.verify'),
    suspend: o.state === 'active' && can('org.suspend'),
    reactivate: o.state === 'suspended' && can('org.suspend'),
    deactivate: ['active', 'suspended'].includes(o.state) && can('org.deactivate'),
    restore: o.state === 'deactivated' && can('org.deactivate'),
    grantRole: can('role.grant'),
    manageMembers: can('member.manage'),
  };
}

export function presentOrg(o: store.OrgRow, roles?: store.ActorRoleRow[], abilities?: Record<string, boolean>) {
  return {
    id: o.id,
    entityKind: o.entity_kind,
    nameZh: o.name_zh,
    shortName: o.short_name,
    uscc: o.uscc,
    personIdMasked: o.person_id_masked,
    registeredAddress: o.registered_address,
    divisionCode: o.division_code,
    homeJurisdictionId: o.home_jurisdiction_id,
    jurisdictionNameZh: o.jurisdiction_name_zh,
    state: o.state,
    version: o.version,
    blacklistFlags: o.blacklist_flags,
    actorRoles: roles?.map((r) => ({
      actor: r.actor,
      jurisdictionId: r.jurisdiction_id,
      state: r.state,
      validTo: r.valid_to,
    })),
    createdAt: iso(o.created_at)!,
    abilities,
  };
}

export function presentActorRole(r: store.ActorRoleRow) {
  return {
    id: r.id,
    orgId: r.org_id,
    actor: r.actor,
    jurisdictionId: r.jurisdiction_id,
    basisType: r.basis_type,
    basisRef: r.basis_ref,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    state: r.state,
    version: r.version,
  };
}

export function presentMember(m: store.MembershipRow) {
  return {
    id: m.id,
    userId: m.user_id,
    orgId: m.org_id,
    loginName: m.login_name ?? '',
    realName: m.real_name ?? '',
    roles: m.roles,
    state: m.state,
    version: m.version,
    backgroundCheck: m.background_check,
    ndaOnFile: !!m.nda,
    primarySecurityOfficer: m.primary_security_officer,
  };
}

export function presentApiKey(r: store.ApiKeyRow) {
  return {
    id: r.id,
    orgId: r.org_id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes,
    ipAllowList: r.ip_allow_list,
    expiresAt: iso(r.expires_at)!,
    lastUsedAt: iso(r.last_used_at),
    state: r.state,
    createdAt: iso(r.created_at)!,
  };
}
