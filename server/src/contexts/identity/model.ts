import { z } from 'zod';
import { PLATFORM_ROLES } from './rules.js';

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
export type ActorRoleView = z.infer<typeof ActorRoleView>;

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
export type MemberView = z.infer<typeof MemberView>;

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
export type ApiKeyView = z.infer<typeof ApiKeyView>;

/** A new key: the secret is shown this once (KEY-02). */
export const ApiKeySecretView = z.object({ id: Uuid, prefix: z.string(), secret: z.string(), expiresAt: z.string() });
export type ApiKeySecretView = z.infer<typeof ApiKeySecretView>;

export const InviteInput = z.object({
  loginName: z.string().regex(/^[a-z][a-z0-9._-]{2,31}$/),
  realName: z.string().min(1).max(50),
  mobile: z
    .string()
    .regex(/^1[3-9]\d{9}$/)
    .optional(),
  email: z.string().email().optional(),
  roles: z.array(z.enum(ORG_ROLES)).min(1),
});

/** An invitation's one-time link token (LGN-02), handed to the org_admin to pass on. */
export const InvitationView = z.object({ userId: Uuid, invitationToken: z.string(), expiresAt: z.string() });
export type InvitationView = z.infer<typeof InvitationView>;

export const AcceptInvitationInput = z.object({
  token: z.string().min(10).max(100),
  password: z.string().min(1).max(256),
});
export const ChangePasswordInput = z.object({
  oldPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

/** A login's answer: who, the CSRF token for writes, and whether a TOTP code is still owed (LGN-04). */
export const LoginView = z.object({
  user: z.object({ id: Uuid, loginName: z.string(), orgId: Uuid }),
  csrfToken: z.string(),
  mfaRequired: z.boolean(),
});
export type LoginView = z.infer<typeof LoginView>;

export const TotpEnrollmentView = z.object({ secret: z.string(), uri: z.string() });

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
export type JurisdictionView = z.infer<typeof JurisdictionView>;

export const AuditEventQuery = z.object({
  action: z.string().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/** One audit record (AUD-01) as the audit page reads it: the event's own columns plus the actor's names. */
export const AuditEventView = z.object({
  id: Uuid,
  log_id: z.string(),
  object_type: z.string(),
  object_id: z.string(),
  event_type: z.string(),
  from_state: z.string().nullable(),
  to_state: z.string().nullable(),
  actor: z.record(z.string(), z.unknown()),
  result: z.string(),
  reason_code: z.string().nullable(),
  occurred_at: z.string(),
  /** IAM-16: masked for a regulator reading another org's people. */
  actor_name: z.string().nullable(),
  actor_org_name: z.string().nullable(),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

// LGN-06 single sign-on.

export const DivisionParams = z.object({ jurisdiction: z.string().regex(/^\d{6}$/) });
export const OidcCallbackQuery = z.object({
  code: z.string().max(2048).optional(),
  state: z.string().max(512).optional(),
  iss: z.string().max(512).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(1024).optional(),
  session_state: z.string().max(512).optional(),
});
export const OidcProviderView = z.object({
  divisionCode: z.string(),
  jurisdictionNameZh: z.string(),
  displayName: z.string(),
});
export type OidcProviderView = z.infer<typeof OidcProviderView>;
export const OidcLinkStartView = z.object({ authorizationUrl: z.string() });
/** The callback either logs in (a session, like a password login) or finishes a self-link. */
export const OidcCallbackView = z.union([z.object({ linked: z.literal(true), userId: Uuid }), LoginView]);
export const OidcLinkView = z.object({
  id: Uuid,
  issuer: z.string(),
  subject: z.string(),
  method: z.string(),
  createdAt: z.string(),
  divisionCodes: z.array(z.string()),
});
export type OidcLinkView = z.infer<typeof OidcLinkView>;
export const OidcIdpView = z.object({
  id: Uuid,
  displayName: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  clientSecretRef: z.string(),
  redirectUri: z.string(),
  scopes: z.string(),
  orgClaim: z.string().nullable(),
  state: z.string(),
  version: z.number(),
});
export type OidcIdpView = z.infer<typeof OidcIdpView>;
export const OidcBindInput = z.object({ jurisdictionId: Uuid, subject: z.string().min(1).max(255) });

// IAM-14 platform role requests.

export const PlatformRoleRequestInput = z.object({
  membershipId: Uuid,
  change: z.enum(['grant', 'revoke']),
  role: z.enum(PLATFORM_ROLES),
  // Length is IAM-14's rule (REASON_REQUIRED), checked after permission.
  reason: z.string().max(500).optional(),
});
export type PlatformRoleRequestInput = z.infer<typeof PlatformRoleRequestInput>;

export const DecisionInput = z.object({ reason: z.string().max(500).optional() }).optional();

export const PlatformRoleRequestQuery = z.object({
  state: z.enum(['requested', 'approved', 'rejected', 'withdrawn']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type PlatformRoleRequestQuery = z.infer<typeof PlatformRoleRequestQuery>;

export const PlatformRoleRequestView = z.object({
  id: Uuid,
  state: z.string(),
  version: z.number(),
  membershipId: Uuid,
  targetUserId: Uuid,
  targetLoginName: z.string().nullable(),
  targetRealName: z.string().nullable(),
  change: z.enum(['grant', 'revoke']),
  role: z.enum(PLATFORM_ROLES),
  reason: z.string(),
  requestedBy: Uuid,
  requestedByName: z.string().nullable(),
  decidedBy: Uuid.nullable(),
  decidedByName: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type PlatformRoleRequestView = z.infer<typeof PlatformRoleRequestView>;

// Personnel dashboard (PER-01 … PER-03).

const Dated = z.string().nullable();
export const PersonnelMember = z.object({
  membershipId: Uuid,
  userId: Uuid,
  loginName: z.string(),
  realName: z.string(),
  roles: z.array(z.string()),
  state: z.string(),
  demo: z.boolean(),
  backgroundCheck: z.object({
    status: z.string(),
    checkedAt: Dated,
    expiresAt: Dated,
    valid: z.boolean(),
    expiringSoon: z.boolean(),
  }),
  nda: z.object({ onFile: z.boolean(), signedAt: Dated, expiresAt: Dated, expiringSoon: z.boolean() }),
  totpEnrolled: z.boolean(),
  primarySecurityOfficer: z.boolean(),
});
export type PersonnelMember = z.infer<typeof PersonnelMember>;
export const PersonnelView = z.object({
  orgId: Uuid,
  today: z.string(),
  warningDays: z.number(),
  officerRequired: z.boolean(),
  primaryOfficer: z
    .object({ userId: Uuid, loginName: z.string(), realName: z.string(), ready: z.boolean() })
    .nullable(),
  warnings: z.object({
    missingPrimaryOfficer: z.boolean(),
    expiringChecks: z.number(),
    ndaMissing: z.number(),
    ndaExpiring: z.number(),
  }),
  items: z.array(PersonnelMember),
});
export type PersonnelView = z.infer<typeof PersonnelView>;
