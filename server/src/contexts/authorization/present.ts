import type { Kernel } from '../../kernel/kernel.js';
import type { Actor } from '../../kernel/workflow/actor.js';
import { authorize, type Subject } from '../../kernel/workflow/authorize.js';
import type { LifecycleDef } from '../../kernel/workflow/lifecycle.js';
import type {
  AgreementView,
  ApplicationView,
  CollaborationView,
  ConsentView,
  DemandItemView,
  GrantView,
  PlanView,
} from './model.js';
import type {
  AgreementRecord,
  ApplicationRecord,
  CatalogEntryRow,
  CollaborationRow,
  ConsentRow,
  DemandItemRow,
  GrantRecord,
  PlanRow,
} from './store.js';

// Presenters: rows → camelCase views (model.ts) with `abilities` (what this actor may do next, style.md §8).
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** Actions of `lifecycle` allowed now for this actor (state + permission; rules are checked on submit). */
export function abilities(k: Kernel, actor: Actor, lifecycle: LifecycleDef, state: string, subject: Subject): string[] {
  const now = k.clock.now();
  return Object.entries(lifecycle.transitions)
    .filter(([, t]) => t.from.includes(state) && t.permission !== 'authorization.clock')
    .filter(([, t]) => authorize(actor, t.permission, subject, now, k.profile).allowed)
    .map(([a]) => a);
}

export const presentAgreement = (
  a: AgreementRecord,
  names: Map<string, string>,
  entries: CatalogEntryRow[] = [],
): AgreementView => ({
  id: a.id,
  agreementNo: a.agreement_no,
  title: a.title,
  profileId: a.profile_id,
  mode: a.mode,
  state: a.state,
  version: a.version,
  authorityOrgId: a.authority_org_id,
  authorityName: names.get(a.authority_org_id) ?? null,
  operatorOrgId: a.operator_org_id,
  operatorName: a.operator_org_id ? (names.get(a.operator_org_id) ?? null) : null,
  jurisdictionId: a.jurisdiction_id,
  validFrom: a.valid_from,
  validTo: a.valid_to,
  selection: a.selection,
  derivedRightsClause: a.derived_rights_clause,
  collaboratorRules: a.collaborator_rules,
  obligations: a.obligations,
  documents: a.documents,
  suspension: a.suspension,
  predecessorId: a.predecessor_id,
  catalog: entries.map((e) => ({
    id: e.id,
    resourceId: e.resource_id,
    resourceNameZh: e.resource_name_zh,
    registrationCode: e.registration_code,
    sourceUnitOrgId: e.source_unit_org_id,
    sourceUnitName: names.get(e.source_unit_org_id) ?? null,
    fieldCodes: e.field_codes,
    usageScope: e.usage_scope,
    securityRequirements: e.security_requirements,
    updateFrequency: e.update_frequency,
    consent: e.consent,
    state: e.state,
  })),
  createdAt: iso(a.created_at),
});

export const presentItem = (i: DemandItemRow): DemandItemView => ({
  id: i.id,
  resourceId: i.resource_id,
  resourceNameZh: i.resource_name_zh,
  sourceUnitOrgId: i.source_unit_org_id,
  fieldId: i.field_id,
  fieldCode: i.field_code,
  fieldNameZh: i.field_name_zh,
  dataType: i.data_type,
  grade: i.grade_snapshot,
  personal: i.personal,
  sensitivePersonal: i.sensitive_personal,
  directIdentifier: i.direct_identifier,
  justification: i.justification,
  requestedMasking: i.requested_masking,
  requestedVisibility: i.requested_visibility,
  legalBasis: i.legal_basis,
  consent: i.consent,
  consentConditions: i.consent_conditions,
  consentReason: i.consent_reason,
  consentAt: iso(i.consent_at),
  decision: i.decision,
  decisionReason: i.decision_reason,
});

export const presentApplication = (s: ApplicationRecord, names: Map<string, string>): ApplicationView => ({
  id: s.id,
  applicationNo: s.application_no,
  agreementId: s.agreement_id,
  applicantOrgId: s.applicant_org_id,
  applicantName: names.get(s.applicant_org_id) ?? null,
  jurisdictionId: s.jurisdiction_id,
  state: s.state,
  version: s.version,
  scenario: s.scenario,
  serviceObjects: s.service_objects,
  serviceScope: s.service_scope,
  servicePeriod: s.service_period,
  expectedOutcome: s.expected_outcome,
  developmentMethods: s.development_methods,
  usageTimeLimit: s.usage_time_limit,
  purposeCategory: s.purpose_category,
  riskAssessment: s.risk_assessment,
  proposedEgress: s.proposed_egress,
  plannedCollaborators: s.planned_collaborators,
  sourceUnitOrgIds: s.source_unit_org_ids,
  reviews: s.reviews,
  firstApproval: s.first_approval,
  submittedAt: iso(s.submitted_at),
  reviewDueAt: iso(s.review_due_at),
  consentDueAt: iso(s.consent_due_at),
  reviewDaysUsed: s.review_days_used,
  escalations: s.escalations,
  grantId: s.grant_id,
  decidedAt: iso(s.decided_at),
  createdAt: iso(s.created_at),
});

export const presentConsent = (c: ConsentRow, names: Map<string, string>): ConsentView => ({
  id: c.id,
  applicationId: c.application_id,
  sourceUnitOrgId: c.source_unit_org_id,
  sourceUnitName: names.get(c.source_unit_org_id) ?? null,
  state: c.state,
  dueAt: iso(c.due_at),
  decidedBy: c.decided_by,
  decidedAt: iso(c.decided_at),
});

export const presentGrant = (g: GrantRecord, names: Map<string, string>): GrantView => ({
  id: g.id,
  grantNo: g.grant_no,
  grantVersion: g.grant_version,
  basis: g.basis,
  state: g.state,
  version: g.version,
  scenarioApplicationId: g.scenario_application_id,
  agreementId: g.agreement_id,
  holderOrgId: g.holder_org_id,
  holderName: names.get(g.holder_org_id) ?? null,
  jurisdictionId: g.jurisdiction_id,
  sourceUnitOrgIds: g.source_unit_org_ids,
  purpose: g.purpose,
  fields: g.fields,
  rowFilters: g.row_filters,
  egressPolicy: g.egress_policy,
  dataServicesAllowed: g.data_services_allowed,
  psiAllowed: g.psi_allowed,
  psiMembership: g.psi_membership,
  pseudonymKeyScope: g.pseudonym_key_scope,
  reviewersRequired: g.reviewers_required,
  validFrom: g.valid_from,
  validTo: g.valid_to,
  planDueAt: iso(g.plan_due_at),
  emergencyPlanId: g.emergency_plan_id,
  suspension: g.suspension,
  createdAt: iso(g.created_at),
});

export const presentPlan = (p: PlanRow): PlanView => ({
  id: p.id,
  grantId: p.grant_id,
  planVersion: p.plan_version,
  holderOrgId: p.holder_org_id,
  state: p.state,
  version: p.version,
  incidentTypes: p.incident_types,
  responseLevels: p.response_levels,
  procedures: p.procedures,
  roles: p.roles,
  reportingChain: p.reporting_chain,
  filing: p.filing,
  drills: p.drills,
  nextDrillDue: p.next_drill_due,
  drillOverdue: p.drill_overdue,
  createdAt: iso(p.created_at),
});

export const presentCollaboration = (c: CollaborationRow, names: Map<string, string>): CollaborationView => ({
  id: c.id,
  agreementId: c.agreement_id,
  grantId: c.grant_id,
  operatorOrgId: c.operator_org_id,
  operatorName: names.get(c.operator_org_id) ?? null,
  collaboratorOrgId: c.collaborator_org_id,
  collaboratorName: names.get(c.collaborator_org_id) ?? null,
  scenarioTitle: c.scenario_title,
  dataScope: c.data_scope,
  validFrom: c.valid_from,
  validTo: c.valid_to,
  terms: c.terms,
  entryFiling: c.entry_filing,
  exitFiling: c.exit_filing,
  state: c.state,
  version: c.version,
  createdAt: iso(c.created_at),
});
