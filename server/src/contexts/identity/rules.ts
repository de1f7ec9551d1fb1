import { fail, pass, rule } from '../../kernel/workflow/rules.js';
import { isValidIdNumber, isValidUscc, normalizeUscc, usccCheckChar } from './codes.js';

// ---- organizations ------------------------------------------------------------

export interface OrgFacts {
  entityKind: string;
  uscc?: string | null;
  personIdNumber?: string | null;
  duplicateExists: boolean;
  usccKindAcknowledged?: boolean;
  today: Date;
}

// IAM-01: USCC check digit (GB 32100-2015); natural persons: GB 11643 ID number (003:L539).
export const IAM_01 = rule('IAM-01', (f: OrgFacts) => {
  if (f.entityKind === 'natural_person') {
    return f.personIdNumber && isValidIdNumber(f.personIdNumber, f.today)
      ? pass()
      : fail('ID_NUMBER_INVALID', { field: 'personIdNumber' }, 422);
  }
  const s = normalizeUscc(f.uscc ?? '');
  if (isValidUscc(s)) return pass();
  const expected = s.length === 18 ? usccCheckChar(s.slice(0, 17)) : null;
  return fail('USCC_INVALID', { field: 'uscc', ...(expected ? { expectedCheck: expected } : {}) }, 422);
});

// IAM-02: one Organization per USCC (004:L23236–23238). The existing org is not named.
export const IAM_02 = rule('IAM-02', (f: OrgFacts) => (f.duplicateExists ? fail('ORG_DUPLICATE') : pass()));

const KIND_PREFIX: Record<string, RegExp> = {
  gov_organ: /^11/,
  public_institution: /^12/,
  enterprise: /^9[123]/,
  social_org: /^5/,
  university: /^12|^5/,
};

// IAM-03: USCC registration-authority prefix vs entityKind needs the verifier's acknowledgement.
export const IAM_03 = rule('IAM-03', (f: OrgFacts, profile) => {
  if (f.entityKind === 'natural_person' || !f.uscc || profile.get('org.usccKindCheck') === 'off') return pass();
  const re = KIND_PREFIX[f.entityKind];
  if (!re || re.test(normalizeUscc(f.uscc)) || f.usccKindAcknowledged) return pass();
  return fail('USCC_KIND_MISMATCH', { entityKind: f.entityKind, prefix: normalizeUscc(f.uscc).slice(0, 2) }, 422);
});

// ---- actor roles ------------------------------------------------------------------

export interface RoleGrantFacts {
  actor: string;
  blacklisted: boolean;
  incidentsInWindow: number;
  otherActiveActors: string[];
  grantorActor: string | null;
  entityKind: string;
  hasPrimarySecurityOfficer: boolean;
  /** PER-05: the org's ended lab_partner roles (why, and the day the end took effect). */
  endedLabPartnerRoles?: { cause: string | null; endedOn: string | null }[];
  /** Shanghai date of the grant (PER-05). */
  today?: string;
  /** PER-06 (exchange grants): compliance officers once the grant's appointee is counted. */
  compliance?: ComplianceFacts | null;
  /** IAM-05: the OperationAgreement in force that basisRef names, for this org in this jurisdiction. */
  operationAgreement?: { id: string; validTo: string | null } | null;
}

const BLACKLIST_GATED = ['operator', 'collaborator', 'lab_partner'];
const GRANTED_BY: Record<string, string[]> = {
  authority: ['platform_admin'],
  registry: ['platform_admin'],
  regulator: ['platform_admin'],
  exchange: ['platform_admin'],
  source_unit: ['authority'],
  operator: ['authority'],
  lab_initiator: ['authority'],
  lab_partner: ['authority'],
  evaluator: ['authority'],
  collaborator: ['operator'],
  buyer: ['authority', 'exchange', 'platform_admin'],
};

// IAM-04 / IAM-05 / IAM-08: who may grant each actor role (004:L19567–19574; 002:L33, L35, L165).
export const IAM_04 = rule('IAM-04', (f: RoleGrantFacts) =>
  f.grantorActor && (GRANTED_BY[f.actor] ?? []).includes(f.grantorActor)
    ? pass()
    : fail('ROLE_GRANTOR_NOT_ALLOWED', { actor: f.actor, grantor: f.grantorActor }),
);

// IAM-05: `operator` in J only while a linked OperationAgreement of J naming the org is in force (002:L35, L115, L211).
// The grantor being J's authority is IAM-04; the role's validTo is set to the agreement's end by the service.
export const IAM_05 = rule('IAM-05', (f: RoleGrantFacts) =>
  f.actor === 'operator' && !f.operationAgreement ? fail('OPERATION_AGREEMENT_REQUIRED', {}, 409) : pass(),
);

// IAM-06: blacklisted orgs cannot receive operator / collaborator / lab_partner (002:L53).
export const IAM_06 = rule('IAM-06', (f: RoleGrantFacts) =>
  BLACKLIST_GATED.includes(f.actor) && f.blacklisted ? fail('ORG_BLACKLISTED') : pass(),
);

// IAM-07: operator needs no security incident in the past N years (002:L91).
export const IAM_07 = rule('IAM-07', (f: RoleGrantFacts, profile) =>
  f.actor === 'operator' && f.incidentsInWindow > 0
    ? fail('ORG_INCIDENT_HISTORY', { years: profile.get('authorization.incidentFreeYears') })
    : pass(),
);

const EXCHANGE_EXCLUSIVE = ['operator', 'collaborator', 'buyer'];

// IAM-09: an exchange is never also operator, collaborator or buyer (004:L1150–1152).
export const IAM_09 = rule('IAM-09', (f: RoleGrantFacts) => {
  const clash =
    f.actor === 'exchange'
      ? f.otherActiveActors.some((a) => EXCHANGE_EXCLUSIVE.includes(a))
      : EXCHANGE_EXCLUSIVE.includes(f.actor) && f.otherActiveActors.includes('exchange');
  return clash ? fail('ROLE_CONFLICT', { actor: f.actor }) : pass();
});

// identity.md Organization.entityKind: natural persons only as collaborator or buyer (002:L37).
export const NATURAL_PERSON_ROLES = rule('IAM-ENTITY', (f: RoleGrantFacts) =>
  f.entityKind === 'natural_person' && !['collaborator', 'buyer'].includes(f.actor)
    ? fail('ENTITY_KIND_NOT_ALLOWED', { actor: f.actor })
    : pass(),
);

const BAN_YEARS: Record<string, string> = {
  revoked: 'lab.banYearsAfterRevocation',
  revoked_serious: 'lab.banYearsSeriousMisconduct',
};
const plusYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

// PER-05: a lab_partner whose role was revoked may not re-enter for 1 year from the day the revocation took
// effect, 3 years after obstruction of supervision or fraud (000:L60–61). Checked at the lab_partner grant.
export const PER_05 = rule('PER-05', (f: RoleGrantFacts, profile) => {
  if (f.actor !== 'lab_partner' || !f.today) return pass();
  const until = (f.endedLabPartnerRoles ?? [])
    .filter((r) => r.cause && BAN_YEARS[r.cause] && r.endedOn)
    .map((r) => plusYears(r.endedOn!, profile.get<number>(BAN_YEARS[r.cause!]!)))
    .sort()
    .pop();
  return until && f.today < until ? fail('ORG_BANNED', { until }, 409) : pass();
});

const OFFICER_REQUIRED = ['operator', 'lab_initiator', 'lab_partner'];

// PER-01: operator / lab roles need exactly one active primary security officer (000:L48).
export const PER_01 = rule('PER-01', (f: RoleGrantFacts) =>
  OFFICER_REQUIRED.includes(f.actor) && !f.hasPrimarySecurityOfficer ? fail('SECURITY_OFFICER_MISSING') : pass(),
);

// ---- memberships ------------------------------------------------------------------

export interface RoleChangeFacts {
  actorUserId: string;
  targetUserId: string;
  addedRoles: string[];
  allowedRoles: string[];
  personnel: { backgroundPassed: boolean; ndaOnFile: boolean; mfaEnrolled: boolean };
  /** PER-06: set when the org holds an active exchange role and the change touches compliance_officer. */
  compliance?: ComplianceFacts | null;
  /** LGN-07: the target user's real-name checks. */
  realName?: { mobileVerified: boolean; idVerified: boolean };
  /** IAM-14: roles the change takes away (a platform role leaves only through a request). */
  removedRoles?: string[];
}

// IAM-14: nobody changes their own roles (GB/T 22239-2019 三员分立).
export const IAM_14 = rule('IAM-14', (f: RoleChangeFacts) =>
  f.actorUserId === f.targetUserId ? fail('SELF_ACTION_FORBIDDEN', {}, 403) : pass(),
);

/** IAM-14: the three separated platform roles (三员分立). */
export const PLATFORM_ROLES = ['sys_admin', 'security_admin', 'audit_admin'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];
const isPlatformRole = (r: string): r is PlatformRole => (PLATFORM_ROLES as readonly string[]).includes(r);

// IAM-14: platform roles change only through a PlatformRoleRequest (sys_admin asks, security_admin approves), never
// through the member role route, whoever holds org_admin.
export const IAM_14_VIA_REQUEST = rule('IAM-14', (f: RoleChangeFacts) => {
  const touched = [...f.addedRoles, ...(f.removedRoles ?? [])].filter(isPlatformRole);
  return touched.length ? fail('PLATFORM_ROLE_REQUEST_REQUIRED', { roles: touched.join(',') }, 409) : pass();
});

export interface PlatformRoleFacts {
  change: 'grant' | 'revoke';
  role: PlatformRole;
  /** The target's current roles in the platform org. */
  targetRoles: string[];
  targetUserId: string;
  requestedBy: string;
  /** Who acts now: the requester when asking, the security_admin when deciding. */
  actorUserId: string;
  stage: 'request' | 'decide';
  /** Other active members of the platform org holding `role` (a revoke must leave one sys_admin and one security_admin). */
  otherHolders: number;
  reason?: string | null;
  /** Another request about the same person still awaits a decision. */
  pendingForTarget?: boolean;
}

// IAM-14: one open request per person, so two approvals cannot combine into a second platform role.
export const IAM_14_ONE_PENDING = rule('IAM-14', (f: PlatformRoleFacts) =>
  f.pendingForTarget ? fail('PLATFORM_ROLE_REQUEST_PENDING', {}, 409) : pass(),
);

// IAM-14 三员分立: one person holds at most one of the three platform roles; a grant adds a role not held,
// a revoke removes one held. Checked when asked and again when approved (the target may have changed since).
export const IAM_14_SEPARATION = rule('IAM-14', (f: PlatformRoleFacts) => {
  const held = f.targetRoles.filter(isPlatformRole);
  if (f.change === 'revoke')
    return held.includes(f.role) ? pass() : fail('PLATFORM_ROLE_NOT_HELD', { role: f.role }, 409);
  if (held.includes(f.role)) return fail('PLATFORM_ROLE_ALREADY_HELD', { role: f.role }, 409);
  return held.length ? fail('PLATFORM_ROLES_EXCLUSIVE', { role: f.role, held: held.join(',') }, 409) : pass();
});

// IAM-14: nobody asks for, approves or rejects a change of their own roles, and nobody decides their own request.
export const IAM_14_FOUR_EYES = rule('IAM-14', (f: PlatformRoleFacts) =>
  f.actorUserId === f.targetUserId || (f.stage === 'decide' && f.actorUserId === f.requestedBy)
    ? fail('SELF_ACTION_FORBIDDEN', {}, 403)
    : pass(),
);

// IAM-14: revoking the last sys_admin or security_admin would leave nobody to ask or to approve.
export const IAM_14_LAST_HOLDER = rule('IAM-14', (f: PlatformRoleFacts) =>
  f.change === 'revoke' && f.role !== 'audit_admin' && f.otherHolders === 0
    ? fail('PLATFORM_ROLE_LAST_HOLDER', { role: f.role }, 409)
    : pass(),
);

// IAM-14: a request and its decision give a reason (the audit trail of a privilege change).
export const IAM_14_REASON = rule('IAM-14', (f: PlatformRoleFacts) =>
  (f.reason ?? '').trim().length >= 2 ? pass() : fail('REASON_REQUIRED', { field: 'reason' }, 422),
);

// identity.md OrgRole table: a role must be allowed for the org's actor types.
export const ORG_ROLE_ALLOWED = rule('IAM-ROLES', (f: RoleChangeFacts) => {
  const bad = f.addedRoles.filter((r) => !f.allowedRoles.includes(r));
  return bad.length ? fail('ROLE_NOT_ALLOWED', { roles: bad.join(',') }, 422) : pass();
});

// PER-01 / PER-02 / PER-03: a security officer needs a passed background check, an NDA and MFA.
export const PER_OFFICER = rule('PER-01', (f: RoleChangeFacts) => {
  if (!f.addedRoles.includes('security_officer')) return pass();
  const p = f.personnel;
  return p.backgroundPassed && p.ndaOnFile && p.mfaEnrolled
    ? pass()
    : fail('PERSONNEL_PREREQUISITE', { missing: missingPersonnel(p).join(',') });
});

const ID_CHECKED_ROLES = ['signatory', 'security_officer'];

// LGN-07: users are real-named with a verified mobile; signatories and security officers also need a verified ID number.
export const LGN_07 = rule('LGN-07', (f: RoleChangeFacts) => {
  if (!f.addedRoles.some((r) => ID_CHECKED_ROLES.includes(r))) return pass();
  const missing = [!f.realName?.mobileVerified && 'mobile', !f.realName?.idVerified && 'id_number'].filter(Boolean);
  return missing.length ? fail('IDENTITY_NOT_VERIFIED', { missing: missing.join(',') }) : pass();
});

function missingPersonnel(p: RoleChangeFacts['personnel']): string[] {
  return [!p.backgroundPassed && 'background_check', !p.ndaOnFile && 'nda', !p.mfaEnrolled && 'mfa'].filter(
    Boolean,
  ) as string[];
}

// ---- passwords ----------------------------------------------------------------------

export interface PasswordFacts {
  password: string;
  loginName: string;
  mobile?: string | null;
  historyMatches: boolean;
}

// LGN-02: ≥12 chars from ≥3 of 4 classes, no login name or mobile inside, not one of the last 5.
export const LGN_02 = rule('LGN-02', (f: PasswordFacts, profile) => {
  const p = f.password;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(p)).length;
  if (p.length < profile.get<number>('auth.passwordMinLength')) return fail('PASSWORD_WEAK', { reason: 'length' }, 422);
  if (classes < profile.get<number>('auth.passwordMinClasses'))
    return fail('PASSWORD_WEAK', { reason: 'classes' }, 422);
  const lower = p.toLowerCase();
  if (lower.includes(f.loginName.toLowerCase()) || (f.mobile && p.includes(f.mobile)))
    return fail('PASSWORD_WEAK', { reason: 'personal' }, 422);
  if (f.historyMatches) return fail('PASSWORD_REUSED', {}, 422);
  return pass();
});

// ---- organization deactivation and restore (decision 0059) --------------------------

export interface DeactivationFacts {
  reason?: string;
  openAgreements: { type: string; no: string; state: string }[];
}

// identity.md Organization lifecycle (active/suspended → deactivated, platform_admin): "no open
// agreement as a party". The spec gives this guard no ID; it is named after the transition.
export const IAM_ORG_DEACTIVATE = rule('IAM-ORG-DEACTIVATE', (f: DeactivationFacts) =>
  f.openAgreements.length
    ? fail(
        'ORG_HAS_OPEN_AGREEMENT',
        { count: f.openAgreements.length, agreements: f.openAgreements.map((a) => a.no).join('、') },
        409,
      )
    : pass(),
);

// Deactivation and its undoing change who may act for an org: each carries a stated reason in the ledger.
export const IAM_ORG_REASON = rule('IAM-ORG-REASON', (f: DeactivationFacts) =>
  (f.reason ?? '').trim().length >= 2 ? pass() : fail('REASON_REQUIRED', { field: 'reason' }, 422),
);

export interface IdentityCheckFacts {
  idNumberValid: boolean;
}

// LGN-07: the ID number recorded as verified must pass GB 11643 (check digit and a real birth date).
export const LGN_07_ID = rule('LGN-07', (f: IdentityCheckFacts) =>
  f.idNumberValid ? pass() : fail('ID_NUMBER_INVALID', { field: 'idNumber' }, 422),
);

// ---- exchange compliance officer (PER-06) ---------------------------------------------

/** Active compliance officers after the change, and whether each one counted records a senior-management position. */
export interface ComplianceFacts {
  officersAfter: number;
  allHavePosition: boolean;
}

function compliance(c: ComplianceFacts | null | undefined) {
  if (!c) return pass();
  if (c.officersAfter !== 1) return fail('COMPLIANCE_OFFICER_COUNT', { count: c.officersAfter }, 409);
  return c.allHavePosition ? pass() : fail('COMPLIANCE_OFFICER_POSITION_MISSING', {}, 409);
}

// PER-06: an active exchange has exactly one active compliance_officer whose membership records a senior-management
// position (title, appointment document, attested by org_admin) (004:L8087–8089). At the grant, and on every role change.
export const PER_06 = rule('PER-06', (f: RoleGrantFacts) =>
  f.actor === 'exchange' ? compliance(f.compliance ?? { officersAfter: 0, allHavePosition: false }) : pass(),
);
export const PER_06_MEMBERS = rule('PER-06', (f: RoleChangeFacts) => compliance(f.compliance));
