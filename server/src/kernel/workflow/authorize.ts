import { AppError } from '../http/errors.js';
import type { Profile } from '../profiles/index.js';
import { activeActorRoles, type Actor } from './actor.js';

/** The relationships of identity.md's permission model (rule 3). */
export type Relationship =
  | 'owner'
  | 'source_unit_of'
  | 'authority_of'
  | 'registry_of'
  | 'party_to'
  | 'grantee_of'
  | 'ancestor_of'
  | 'platform'
  | 'self'
  | 'any';

export interface PermissionDef {
  /** OrgRoles that grant it (rule 1). */
  roles: readonly string[];
  /** Actor types whose active role permits it (rule 2); 'system' lets jobs act. */
  actors: readonly string[];
  /** Any one of these relationships suffices (rule 3). */
  relationships: readonly Relationship[];
  kind: 'read' | 'write' | 'approve';
  /** Creator or last editor may not do it (IAM-13). */
  selfForbidden?: boolean;
  /** Operating permissions are denied during rectification (IAM-15). */
  operating?: boolean;
}

/** What an object exposes to policy (style.md §4 toSubject). */
export interface Subject {
  type: string;
  id?: string;
  jurisdictionId?: string | null;
  jurisdictionPath?: string[];
  ownerOrgId?: string | null;
  sourceUnitOrgIds?: string[];
  partyOrgIds?: string[];
  granteeOrgIds?: string[];
  createdBy?: string | null;
  lastEditedBy?: string | null;
  subjectUserId?: string | null;
  publicRead?: boolean;
}

export type Decision =
  | { allowed: true }
  | { allowed: false; status: 401 | 403 | 404; code: string; params?: Record<string, unknown> };

const registry = new Map<string, PermissionDef>();

/** Each context declares its permissions as data (style.md §4). */
export function definePermissions(defs: Record<string, PermissionDef>): void {
  for (const [k, v] of Object.entries(defs)) {
    // One name, one rule: a second context declaring the same name would silently change the first one's
    // permission (supervision's `objection.file` once made catalog's public objection need a login).
    const had = registry.get(k);
    if (had && JSON.stringify(had) !== JSON.stringify(v)) throw new Error(`permission ${k} declared twice`);
    registry.set(k, v);
  }
}

/** Every declared permission (tests sweep them, e.g. IAM-16: a regulator may do nothing but read). */
export function allPermissions(): [string, PermissionDef][] {
  return [...registry.entries()];
}

export function permission(name: string): PermissionDef {
  const p = registry.get(name);
  if (!p) throw new Error(`unknown permission ${name}`);
  return p;
}

const JURISDICTION_READERS = ['authority', 'registry', 'regulator'];

/** Rule 2 for reads: the actor's jurisdiction covers the object's (self or ancestor). */
export function coversJurisdiction(a: Actor, s: Subject): boolean {
  if (!s.jurisdictionId) return false;
  const path = s.jurisdictionPath ?? [s.jurisdictionId];
  return activeActorRoles(a).some((r) => JURISDICTION_READERS.includes(r.actor) && path.includes(r.jurisdictionId));
}

function holdsExact(a: Actor, actor: string, s: Subject): boolean {
  return !!s.jurisdictionId && activeActorRoles(a, actor).some((r) => r.jurisdictionId === s.jurisdictionId);
}

export function hasRelationship(a: Actor, rel: Relationship, s: Subject): boolean {
  const org = a.orgId;
  switch (rel) {
    case 'any':
      return true;
    case 'owner':
      return !!org && s.ownerOrgId === org;
    case 'source_unit_of':
      return !!org && (s.sourceUnitOrgIds ?? []).includes(org);
    case 'party_to':
      return !!org && (s.partyOrgIds ?? []).includes(org);
    case 'grantee_of':
      return !!org && (s.granteeOrgIds ?? []).includes(org);
    case 'authority_of':
      return holdsExact(a, 'authority', s);
    case 'registry_of':
      return holdsExact(a, 'registry', s);
    case 'ancestor_of':
      return coversJurisdiction(a, s);
    case 'platform':
      return activeActorRoles(a, 'platform_admin').length > 0;
    case 'self':
      return !!a.userId && s.subjectUserId === a.userId;
  }
}

/** May the actor see the object at all? If not, every answer about it is 404. */
export function canRead(a: Actor, s: Subject): boolean {
  if (s.publicRead) return true;
  if (a.kind === 'system') return true;
  const rels: Relationship[] = ['owner', 'source_unit_of', 'party_to', 'grantee_of', 'ancestor_of', 'self'];
  return rels.some((r) => hasRelationship(a, r, s));
}

/**
 * The one permission evaluator (identity.md "Permission model", rules 1–5 plus deny rules).
 * State (rule 4) is checked by the transition itself against the lifecycle.
 */
export function authorize(a: Actor, permName: string, s: Subject, now: Date, profile: Profile): Decision {
  const p = permission(permName);
  if (a.kind === 'system') {
    return p.actors.includes('system')
      ? { allowed: true }
      : { allowed: false, status: 403, code: 'FORBIDDEN', params: { reason: 'SYSTEM_NOT_ALLOWED' } };
  }
  if (a.kind === 'public') {
    return p.actors.includes('public') ? { allowed: true } : { allowed: false, status: 401, code: 'UNAUTHENTICATED' };
  }
  const readable = canRead(a, s);
  if (!readable && !p.relationships.includes('any') && !p.relationships.includes('platform')) {
    return { allowed: false, status: 404, code: 'NOT_FOUND' };
  }
  const relOk = p.relationships.some((r) => hasRelationship(a, r, s));
  const writeLike = p.kind !== 'read';
  if (!relOk) {
    // IAM-10: an ancestor reads but never acts on a descendant's object.
    const crossTenant = writeLike && coversJurisdiction(a, s);
    return {
      allowed: false,
      status: 403,
      code: crossTenant ? 'CROSS_TENANT_FORBIDDEN' : 'FORBIDDEN',
      params: { reason: 'RELATIONSHIP' },
    };
  }
  if (!p.roles.some((r) => a.roles.includes(r))) {
    return { allowed: false, status: 403, code: 'FORBIDDEN', params: { reason: 'ROLE_MISSING', roles: p.roles } };
  }
  if (!p.actors.includes('any') && !p.actors.some((t) => activeActorRoles(a, t).length > 0)) {
    return { allowed: false, status: 403, code: 'FORBIDDEN', params: { reason: 'ACTOR_TYPE' } };
  }
  return denyRules(a, p, s, now, profile);
}

/** IAM-16: an org acting only as regulator changes nothing; what the public may do (objections) and its own account aside. */
function regulatorReadOnly(a: Actor, p: PermissionDef): boolean {
  const actors = activeActorRoles(a);
  return (
    p.kind !== 'read' &&
    actors.length > 0 &&
    actors.every((r) => r.actor === 'regulator') &&
    !p.actors.includes('public') &&
    !p.relationships.includes('self')
  );
}

/** Why an org that is not `active` may not act, named after its state (a never-verified org is not "suspended"). */
const ORG_STATE_REFUSALS: Record<string, string> = {
  pending_verification: 'ORG_NOT_VERIFIED',
  deactivated: 'ORG_DEACTIVATED',
  merged: 'ORG_MERGED',
};

function denyRules(a: Actor, p: PermissionDef, s: Subject, now: Date, profile: Profile): Decision {
  if (a.orgStatus && a.orgStatus !== 'active')
    return { allowed: false, status: 403, code: ORG_STATE_REFUSALS[a.orgStatus] ?? 'ORG_SUSPENDED' };
  if (regulatorReadOnly(a, p))
    return { allowed: false, status: 403, code: 'FORBIDDEN', params: { reason: 'REGULATOR_READ_ONLY' } };
  if (p.operating && a.inRectification) return { allowed: false, status: 403, code: 'ORG_IN_RECTIFICATION' };
  if (
    p.selfForbidden &&
    a.userId &&
    (s.createdBy === a.userId || s.lastEditedBy === a.userId || s.subjectUserId === a.userId)
  ) {
    return { allowed: false, status: 403, code: 'SELF_ACTION_FORBIDDEN' };
  }
  if (p.kind === 'approve' && !a.demo && a.kind === 'user') {
    const windowMs = profile.get<number>('auth.mfaStepUpMinutes') * 60_000;
    if (!a.mfaAt || now.getTime() - new Date(a.mfaAt).getTime() > windowMs)
      return { allowed: false, status: 401, code: 'MFA_REQUIRED' };
  }
  return { allowed: true };
}

/**
 * The evaluator as a guard, for checks made outside a transition (an upload before its bytes, a statement before
 * its body, a release of a blocked key): throws the decision's refusal (401/403/404 with its reason).
 */
export function assertAuthorized(a: Actor, permName: string, s: Subject, now: Date, profile: Profile): void {
  const d = authorize(a, permName, s, now, profile);
  if (!d.allowed) throw new AppError(d.status, d.code, d.params ?? {}, { permission: permName });
}
