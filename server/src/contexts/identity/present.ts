import type { Kernel } from '../../kernel/kernel.js';
import type { Actor } from '../../kernel/workflow/actor.js';
import { authorize } from '../../kernel/workflow/authorize.js';
import type { LoginResult } from './usecases/sessions.js';
import type {
  ActorRoleView,
  ApiKeyView,
  AuditEventView,
  JurisdictionView,
  LoginView,
  MemberView,
  OidcIdpView,
  OidcLinkView,
  OidcProviderView,
  OrgView,
  PersonnelMember,
  PlatformRoleRequestView,
} from './model.js';
import { orgSubject } from './policy.js';
import type * as store from './store.js';

// Presenters: a row in, its `…View` (model.ts) out. Routes answer through these views only.

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

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

export function presentOrg(
  o: store.OrgRow,
  roles?: store.ActorRoleRow[],
  abilities?: Record<string, boolean>,
): OrgView {
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
    createdAt: iso(o.created_at),
    abilities,
  };
}

export function presentActorRole(r: store.ActorRoleRow): ActorRoleView {
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

export function presentMember(m: store.MembershipRow): MemberView {
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

export function presentApiKey(r: store.ApiKeyRow): ApiKeyView {
  return {
    id: r.id,
    orgId: r.org_id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes,
    ipAllowList: r.ip_allow_list,
    expiresAt: iso(r.expires_at),
    lastUsedAt: isoOrNull(r.last_used_at),
    state: r.state,
    createdAt: iso(r.created_at),
  };
}

export function presentJurisdiction(j: store.JurisdictionRow): JurisdictionView {
  return {
    id: j.id,
    level: j.level,
    divisionCode: j.division_code,
    nameZh: j.name_zh,
    parentId: j.parent_id,
    profileId: j.profile_id,
  };
}

/** A login (password or SSO): the user, the CSRF token, and whether a TOTP code is still owed. */
export function presentLogin(r: LoginResult): LoginView {
  return {
    user: { id: r.actor.userId ?? '', loginName: r.actor.loginName ?? '', orgId: r.actor.orgId ?? '' },
    csrfToken: r.csrfToken,
    mfaRequired: r.mfaPending,
  };
}

/** An audit record; `actorName` is the name the reader may see (masked by the use case, IAM-16). */
export function presentAuditEvent(r: store.AuditEventRow, actorName: string | null): AuditEventView {
  return {
    id: r.id,
    log_id: r.log_id,
    object_type: r.object_type,
    object_id: r.object_id,
    event_type: r.event_type,
    from_state: r.from_state,
    to_state: r.to_state,
    actor: r.actor,
    result: r.result,
    reason_code: r.reason_code,
    occurred_at: iso(r.occurred_at),
    actor_name: actorName,
    actor_org_name: r.actor_org_name ?? null,
  };
}

/** An IdP as the login page lists it: where, and under which name. */
export function presentOidcProvider(i: store.IdpRow): OidcProviderView {
  return { divisionCode: i.division_code, jurisdictionNameZh: i.jurisdiction_name_zh, displayName: i.display_name };
}

/** One of the user's own links; the IdP subject is the user's own, so it is shown. */
export function presentOidcLink(l: store.LinkRow, divisionCodes: string[]): OidcLinkView {
  return {
    id: l.id,
    issuer: l.issuer,
    subject: l.subject,
    method: l.method,
    createdAt: iso(l.created_at),
    divisionCodes,
  };
}

export function presentIdp(i: store.IdpRow): OidcIdpView {
  return {
    id: i.id,
    displayName: i.display_name,
    issuer: i.issuer,
    clientId: i.client_id,
    clientSecretRef: i.client_secret_ref,
    redirectUri: i.redirect_uri,
    scopes: i.scopes,
    orgClaim: i.org_claim,
    state: i.state,
    version: i.version,
  };
}

export function presentPlatformRoleRequest(r: store.PlatformRoleRequestRow): PlatformRoleRequestView {
  return {
    id: r.id,
    state: r.state,
    version: r.version,
    membershipId: r.membership_id,
    targetUserId: r.target_user_id,
    targetLoginName: r.target_login_name ?? null,
    targetRealName: r.target_real_name ?? null,
    change: r.change,
    role: r.role,
    reason: r.reason,
    requestedBy: r.requested_by,
    requestedByName: r.requested_by_name ?? null,
    decidedBy: r.decided_by,
    decidedByName: r.decided_by_name ?? null,
    decisionReason: r.decision_reason,
    decidedAt: isoOrNull(r.decided_at),
    createdAt: iso(r.created_at),
  };
}

const day = (v: unknown) => (typeof v === 'string' && v ? v.slice(0, 10) : null);

/** A member's personnel facts as of `today`, with expiries inside `horizon` flagged (PER-02, PER-03). */
export function presentPersonnelMember(r: store.PersonnelRow, today: string, horizon: string): PersonnelMember {
  const bg = r.background_check ?? {};
  const bgExpires = day(bg.expiresAt);
  const ndaExpires = day(r.nda?.expiresAt);
  // PER-02: only a passed, unexpired check counts.
  const valid = bg.status === 'passed' && (!bgExpires || bgExpires >= today);
  return {
    membershipId: r.id,
    userId: r.user_id,
    loginName: r.login_name,
    realName: r.real_name,
    roles: r.roles,
    state: r.state,
    demo: r.demo,
    backgroundCheck: {
      status: String(bg.status ?? 'not_started'),
      checkedAt: day(bg.checkedAt),
      expiresAt: bgExpires,
      valid,
      expiringSoon: valid && !!bgExpires && bgExpires <= horizon,
    },
    nda: {
      onFile: !!r.nda,
      signedAt: day(r.nda?.signedAt),
      expiresAt: ndaExpires,
      expiringSoon: !!ndaExpires && ndaExpires <= horizon,
    },
    totpEnrolled: r.totp_confirmed,
    primarySecurityOfficer: r.primary_security_officer,
  };
}
