import type { TFunction } from '../../i18n/I18nProvider';

export const ACTOR_TYPES = [
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
] as const;
export const ORG_STATES = ['pending_verification', 'active', 'suspended', 'deactivated', 'merged'] as const;
export const ORG_ROLES = [
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
] as const;

/** Translated label for a server enum value; unknown values show as they are. */
function label(t: TFunction, key: string, raw: string) {
  const v = t(key);
  return v === key ? raw : v;
}

export const orgStateLabel = (t: TFunction, s: string) => label(t, `identity.org.state.${s}`, s);
export const orgKindLabel = (t: TFunction, s: string) => label(t, `identity.org.kind.${s}`, s);
export const actorLabel = (t: TFunction, s: string) => label(t, `identity.actor.type.${s}`, s);
export const roleLabel = (t: TFunction, s: string) => label(t, `identity.role.name.${s}`, s);
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
