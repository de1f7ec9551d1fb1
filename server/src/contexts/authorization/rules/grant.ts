import { fail, pass, rule } from '../../../kernel/workflow/rules.js';
import { REQUIRED_INCIDENT_TYPES } from '../model.js';

// Grant, EmergencyPlan, CollaborationAgreement and grant-use rules (AUTH-17…24, AUTH-31). Pure.

/** AUTH-17: a grant becomes active only when its emergency plan is filed (一授权一预案, 002:L203). */
export const AUTH_17 = rule('AUTH-17', (f: { planState: string | null }) =>
  f.planState === 'filed' || f.planState === 'activated'
    ? pass()
    : fail('EMERGENCY_PLAN_MISSING', { planState: f.planState ?? 'none' }),
);

export interface PlanFacts {
  incidentTypes: string[];
  roles: { role: string; securityOfficer?: boolean }[];
  reportingChain: string[];
  responseLevels: string;
  procedures: string;
}

/** AUTH-31: the plan covers loss, leak, tampering and destruction, names roles (incl. the security officer) and the chain. */
export const AUTH_31 = rule('AUTH-31', (f: PlanFacts) => {
  const missingTypes = REQUIRED_INCIDENT_TYPES.filter((t) => !f.incidentTypes.includes(t));
  const missing = [
    missingTypes.length && `incidentTypes:${missingTypes.join('/')}`,
    !f.roles.some((r) => r.securityOfficer) && 'roles:securityOfficer',
    !f.reportingChain.length && 'reportingChain',
    !f.responseLevels.trim() && 'responseLevels',
    !f.procedures.trim() && 'procedures',
  ].filter(Boolean);
  return missing.length ? fail('EMERGENCY_PLAN_INCOMPLETE', { missing: missing.join(',') }, 422) : pass();
});

/** Next drill due: filing (or last drill) + the profile's interval in months (AUTH-31). */
export function nextDrillDue(from: string, months: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface CollaborationFacts {
  operatorOrgId: string;
  collaboratorOrgId: string;
  grant: { state: string; holderOrgId: string; validTo: string; fieldCodes: string[] } | null;
  agreement: { validTo: string | null; inForce: boolean };
  validFrom: string;
  validTo: string;
  dataScope: string[];
  terms: Record<string, string>;
  /** The collaborator also holds the operator role or a grant of its own (AUTH-19). */
  collaboratorIsHolder: boolean;
}

const REQUIRED_TERMS = ['conditions', 'securityRequirements', 'serviceFees', 'terminationCases', 'breachLiability'];

/** AUTH-20: the agreement contains every minimum term of 002:L167 before any seat exists. */
export const AUTH_20 = rule('AUTH-20', (f: CollaborationFacts) => {
  const missing = REQUIRED_TERMS.filter((t) => !f.terms[t]?.trim());
  return missing.length ? fail('COLLABORATION_TERMS_MISSING', { terms: missing.join(',') }, 422) : pass();
});

/** AUTH-21: validTo ≤ the operator's remaining term and the grant's; dataScope ⊆ the grant's fields (002:L167). */
export const AUTH_21 = rule('AUTH-21', (f: CollaborationFacts) => {
  if (!f.grant || f.grant.holderOrgId !== f.operatorOrgId || !['pending_plan', 'active'].includes(f.grant.state))
    return fail('GRANT_NOT_ACTIVE', {});
  if (!f.agreement.inForce || !f.agreement.validTo) return fail('AGREEMENT_NOT_IN_FORCE', {});
  if (f.validFrom > f.validTo) return fail('PERIOD_INVALID', { validFrom: f.validFrom, validTo: f.validTo }, 422);
  const limit = f.agreement.validTo < f.grant.validTo ? f.agreement.validTo : f.grant.validTo;
  if (f.validTo > limit) return fail('TERM_EXCEEDS_OPERATOR_TERM', { validTo: f.validTo, limit }, 422);
  const outside = f.dataScope.filter((c) => !f.grant!.fieldCodes.includes(c));
  return outside.length ? fail('SCOPE_EXCEEDS_GRANT', { field: outside.join('、') }, 422) : pass();
});

/** AUTH-19: no re-authorization; a collaborator is never a grant holder and never the operator itself. */
export const AUTH_19 = rule('AUTH-19', (f: CollaborationFacts) =>
  f.collaboratorOrgId === f.operatorOrgId || f.collaboratorIsHolder ? fail('REAUTHORIZATION_FORBIDDEN', {}) : pass(),
);

/** AUTH-22: the exit is filed within N working days of the exit date (002:L165). */
export const AUTH_22 = rule('AUTH-22', (f: { exitDate: string; today: string; workingDaysSinceExit: number }, p) => {
  const n = p.get<number>('collaboration.exitFilingWorkingDays');
  if (f.exitDate > f.today) return pass();
  return f.workingDaysSinceExit <= n ? pass() : fail('EXIT_FILING_LATE', { exitDate: f.exitDate, days: n });
});

/** Grant use (AUTH-18, AUTH-19, AUTH-24): who, when and in which state a grant may be used. */
export interface UseFacts {
  state: string;
  validFrom: string;
  validTo: string;
  operatorOrgId: string;
  collaboratorOrgIds: string[];
  orgId: string;
  today: string;
}

/** AUTH-19: only the holder and its filed collaborators may use the grant. */
export const AUTH_19_USE = rule('AUTH-19', (f: UseFacts) =>
  f.orgId === f.operatorOrgId || f.collaboratorOrgIds.includes(f.orgId)
    ? pass()
    : fail('REAUTHORIZATION_FORBIDDEN', {}, 403),
);

/** AUTH-24: a suspension stops every use at once (002:L243). */
export const AUTH_24_USE = rule('AUTH-24', (f: UseFacts) =>
  f.state === 'suspended' ? fail('GRANT_SUSPENDED', {}) : pass(),
);

/** AUTH-18: only an active grant inside its validity (calendar dates, inclusive) may be used. */
export const AUTH_18_USE = rule('AUTH-18', (f: UseFacts) => {
  if (f.state === 'suspended') return pass();
  if (f.state === 'expired' || (f.state === 'active' && f.today > f.validTo))
    return fail('GRANT_EXPIRED', { validTo: f.validTo });
  if (f.state !== 'active' || f.today < f.validFrom) return fail('GRANT_NOT_ACTIVE', { state: f.state });
  return pass();
});

/** The declared uses that need the authority's and the source units' permission (AUTH-29, 002:L235). */
export const PUBLICATION_USES = ['patent_filing', 'exclusive_publication'] as const;

/** AUTH-29 (EGR-13 for egress): patent filing or exclusive publication needs an approved publication permission. */
export const AUTH_29 = rule('AUTH-29', (f: { declaredUse: string; publicationPermitted: boolean }) =>
  (PUBLICATION_USES as readonly string[]).includes(f.declaredUse) && !f.publicationPermitted
    ? fail('PUBLICATION_PERMISSION_REQUIRED', { use: f.declaredUse }, 403)
    : pass(),
);

export interface PermissionDecisionFacts {
  authorityApproved: boolean;
  sourceUnitOrgIds: string[];
  approvedSourceUnits: string[];
}

/** AUTH-29: the permission is granted only when the authority AND every affected source unit approved it. */
export const AUTH_29_APPROVALS = rule('AUTH-29', (f: PermissionDecisionFacts) => {
  const missing = f.sourceUnitOrgIds.filter((u) => !f.approvedSourceUnits.includes(u));
  return f.authorityApproved && !missing.length
    ? pass()
    : fail(
        'PUBLICATION_APPROVALS_MISSING',
        { authority: f.authorityApproved ? 'ok' : 'pending', sourceUnits: missing.length },
        409,
      );
});

export interface NarrowFacts {
  grantState: string;
  latestEvaluation: { result: string; actions: string[] } | null;
  currentFieldCodes: string[];
  removeFieldCodes: string[];
}

/** AUTH-28: an Evaluation carrying `scope_reduce` narrows an active Grant to a new version with fewer fields (002:L139). */
export const AUTH_28_NARROW = rule('AUTH-28', (f: NarrowFacts) => {
  if (f.grantState !== 'active') return fail('GRANT_NOT_ACTIVE', { state: f.grantState });
  if (!f.latestEvaluation?.actions.includes('scope_reduce')) return fail('EVALUATION_RESULT_REQUIRED', {});
  const unknown = f.removeFieldCodes.filter((c) => !f.currentFieldCodes.includes(c));
  if (unknown.length || !f.removeFieldCodes.length)
    return fail('SCOPE_REDUCE_INVALID', { field: unknown.join('、') || '-' }, 422);
  return f.currentFieldCodes.some((c) => !f.removeFieldCodes.includes(c))
    ? pass()
    : fail('SCOPE_REDUCE_INVALID', { field: 'all' }, 422);
});
