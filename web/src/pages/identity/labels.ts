import type { TFunction } from '../../i18n/I18nProvider';
import { allOf, labelsFor } from '../../i18n/labelled';
import type { ActorType, EntityKind, OrgRole } from './api';

/** The server's enums (generated from its routes' schemas) as lists; a member the server adds fails to compile here. */
export const ACTOR_TYPES = allOf<ActorType>()(
  'authority',
  'source_unit',
  'operator',
  'collaborator',
  'lab_initiator',
  'lab_partner',
  'evaluator',
  'registry',
  'exchange',
  'buyer',
  'regulator',
  'platform_admin',
);
// Org, membership, role-assignment and key states are plain strings in the server's views (not enums yet): kept here.
export const ORG_STATES = ['pending_verification', 'active', 'suspended', 'deactivated', 'merged'] as const;
export const ORG_ROLES = allOf<OrgRole>()(
  'org_admin',
  'reviewer',
  'catalog_manager',
  'developer',
  'security_officer',
  'compliance_officer',
  'signatory',
  'auditor',
  'member',
  'sys_admin',
  'security_admin',
  'audit_admin',
);

/** Translated label for a server enum value; unknown values show as they are. */
function label(t: TFunction, key: string, raw: string) {
  const v = t(key);
  return v === key ? raw : v;
}

// Labels of the server's enums: each compiles only when the locale names every member (issue 13).
export const orgKindLabel = labelsFor<EntityKind>()('identity.org.kind.');
export const actorLabel = labelsFor<ActorType>()('identity.actor.type.');
export const roleLabel = labelsFor<OrgRole>()('identity.role.name.');
export const orgStateLabel = (t: TFunction, s: string) => label(t, `identity.org.state.${s}`, s);
export const memberStateLabel = (t: TFunction, s: string) => label(t, `identity.membership.state.${s}`, s);
export const actorRoleStateLabel = (t: TFunction, s: string) => label(t, `identity.actorRole.state.${s}`, s);
export const keyStateLabel = (t: TFunction, s: string) => label(t, `identity.apiKeys.state.${s}`, s);

export const STATE_COLORS: Record<string, string> = {
  active: 'green',
  pending_verification: 'gold',
  suspended: 'red',
  deactivated: 'default',
  merged: 'default',
  revoked: 'default',
  expired: 'default',
  rotating: 'blue',
  invited: 'blue',
  disabled: 'default',
  ended: 'default',
};

/** Coarse gate for the create page and its button (lifecycle.ts 'org.create'); the server decides. */
export const CREATE_ORG_GATE = {
  roles: ['org_admin', 'reviewer', 'sys_admin'],
  actors: ['authority', 'platform_admin'],
};
