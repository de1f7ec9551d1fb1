import { z } from 'zod';

export const ENTITY_KINDS = [
  'gov_organ',
  'public_institution',
  'enterprise',
  'social_org',
  'university',
  'natural_person',
] as const;
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

/** identity.md OrgRole table: which actor types may carry each org role. */
export const ROLE_ACTORS: Record<string, readonly string[] | 'all'> = {
  org_admin: 'all',
  security_officer: 'all',
  signatory: 'all',
  auditor: 'all',
  member: 'all',
  reviewer: ['authority', 'registry', 'source_unit', 'operator', 'exchange', 'lab_initiator'],
  catalog_manager: ['source_unit', 'authority', 'operator'],
  developer: ['operator', 'collaborator', 'lab_partner'],
  compliance_officer: ['operator', 'exchange'],
  sys_admin: ['platform_admin'],
  security_admin: ['platform_admin'],
  audit_admin: ['platform_admin'],
};

export const Uuid = z.string().uuid();
export const IdParams = z.object({ id: Uuid });

export const Contact = z.object({
  kind: z.enum(['business', 'technical', 'security']),
  name: z.string().min(1).max(50),
  mobile: z
    .string()
    .regex(/^1[3-9]\d{9}$/)
    .optional(),
  email: z.string().email().optional(),
});

export const CreateOrgInput = z.object({
  entityKind: z.enum(ENTITY_KINDS),
  nameZh: z.string().min(2).max(120),
  shortName: z.string().max(40).optional(),
  uscc: z.string().max(32).optional(),
  personIdNumber: z.string().max(32).optional(),
  legalRep: z
    .object({ name: z.string().min(1), idType: z.string().default('resident_id'), idNumber: z.string().optional() })
    .optional(),
  registeredAddress: z.string().min(2).max(200),
  divisionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  homeJurisdictionId: Uuid,
  supervisingAuthorityOrgId: Uuid.optional(),
  contacts: z.array(Contact).default([]),
  usccKindAcknowledged: z.boolean().optional(),
});
export type CreateOrgInput = z.infer<typeof CreateOrgInput>;

export const OrgView = z.object({
  id: Uuid,
  entityKind: z.string(),
  nameZh: z.string(),
  shortName: z.string().nullable(),
  uscc: z.string().nullable(),
  personIdMasked: z.string().nullable(),
  registeredAddress: z.string(),
  divisionCode: z.string(),
  homeJurisdictionId: Uuid,
  jurisdictionNameZh: z.string().optional(),
  state: z.string(),
  version: z.number(),
  blacklistFlags: z.record(z.string(), z.unknown()),
  actorRoles: z
    .array(z.object({ actor: z.string(), jurisdictionId: Uuid, state: z.string(), validTo: z.string().nullable() }))
    .optional(),
  createdAt: z.string(),
  abilities: z.record(z.string(), z.boolean()).optional(),
});
export type OrgView = z.infer<typeof OrgView>;

export const OrgListQuery = z.object({
  q: z.string().max(100).optional(),
  state: z.string().optional(),
  actor: z.enum(ACTOR_TYPES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});

export const ReasonInput = z.object({ reason: z.string().min(2).max(500) });

export const GrantRoleInput = z.object({
  actor: z.enum(ACTOR_TYPES),
  jurisdictionId: Uuid,
  basisType: z.enum([
    'designation',
    'operation_agreement',
    'collaboration_agreement',
    'lab_certificate',
    'engagement',
    'self_registration',
  ]),
  basisRef: z.string().max(100).optional(),
  validFrom: z.string().date().optional(),
  validTo: z.string().date().optional(),
  /** PER-06: for `exchange`, the member appointed compliance officer with the grant. */
  complianceOfficerMembershipId: Uuid.optional(),
});
export type GrantRoleInput = z.infer<typeof GrantRoleInput>;

export const ActorRoleView = z.object({
  id: Uuid,
  orgId: Uuid,
  actor: z.string(),
  jurisdictionId: Uuid,
  basisType: z.string(),
  basisRef: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  state: z.string(),
  version: z.number(),
});

export const MemberView = z.object({
  id: Uuid,
  userId: Uuid,
  orgId: Uuid,
  loginName: z.string(),
  realName: z.string(),
  roles: z.array(z.string()),
  state: z.string(),
  version: z.number(),
  backgroundCheck: z.record(z.string(), z.unknown()),
  ndaOnFile: z.boolean(),
  primarySecurityOfficer: z.boolean(),
});

export const SetRolesInput = z.object({
  roles: z.array(z.enum(ORG_ROLES)).max(12),
  version: z.number().int().optional(),
});

export const LoginInput = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  orgId: Uuid.optional(),
});
export const TotpInput = z.object({ code: z.string().regex(/^\d{6}$/) });

export const ScopeItem = z.object({
  objectType: z.enum(['grant', 'order', 'data_product', 'data_service']),
  objectId: Uuid,
  actions: z.array(z.string().regex(/^[a-z]+\.[a-z_]+$/)).min(1),
});
export const CreateApiKeyInput = z.object({
  name: z.string().min(1).max(80),
  scopes: z.array(ScopeItem).min(1),
  ipAllowList: z.array(z.string().max(64)).default([]),
  days: z.number().int().min(1).optional(),
  rateLimit: z
    .object({ rps: z.number().int().min(1).max(10000), burst: z.number().int().min(1).max(20000) })
    .optional(),
});
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;

export const ApiKeyView = z.object({
  id: Uuid,
  orgId: Uuid,
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(ScopeItem),
  ipAllowList: z.array(z.string()),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  state: z.string(),
  createdAt: z.string(),
});

export const MeView = z.object({
  user: z.object({
    id: Uuid,
    loginName: z.string(),
    realName: z.string(),
    demo: z.boolean(),
    totpEnrolled: z.boolean(),
  }),
  org: z.object({ id: Uuid, nameZh: z.string(), entityKind: z.string() }),
  roles: z.array(z.string()),
  actorRoles: z.array(z.object({ actor: z.string(), jurisdictionId: Uuid, status: z.string() })),
  memberships: z.array(z.object({ orgId: Uuid, nameZh: z.string() })),
  mfaRequired: z.boolean(),
  mfaFresh: z.boolean(),
});

export const JurisdictionView = z.object({
  id: Uuid,
  level: z.string(),
  divisionCode: z.string(),
  nameZh: z.string(),
  parentId: Uuid.nullable(),
  profileId: z.string().nullable(),
});
