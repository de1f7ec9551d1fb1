import { z } from 'zod';

// authorization.md objects: zod inputs for the HTTP layer and the types the rules share.

export const Uuid = z.string().uuid();
export const IdParams = z.object({ id: Uuid });
export const DateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export type Grade = 'general' | 'important' | 'core';
export const GRADE_RANK: Record<Grade, number> = { general: 1, important: 2, core: 3 };

export const SELECTION_METHODS = ['public_tender', 'invited_tender', 'competitive_negotiation'] as const;
export const AGREEMENT_MODES = ['whole_scope', 'sector', 'scenario'] as const;
export const DEVELOPMENT_METHODS = ['sandbox_query', 'data_service', 'model_scoring', 'psi', 'other'] as const;
export const PURPOSE_CATEGORIES = ['public_governance', 'public_welfare', 'industry', 'sector'] as const;
export const LEGAL_BASES = ['public_duty_written_request', 'consent', 'contract_necessity', 'statute'] as const;
export const VISIBILITIES = ['masked_rows', 'aggregate_only'] as const;
/** The 9 coded reasons of 002:L143–161 (AUTH-23). */
export const TERMINATION_REASONS = [
  'expired_or_operator_withdrawal',
  'breach_of_agreement',
  'unlawful_data_use',
  'security_measures_missing',
  'major_security_incident',
  'delivery_failure_unresolved',
  'evaluation_failed',
  'law_or_policy_change',
  'other_legal_ground',
] as const;
/** 丢失、泄露、篡改、毁损 (002:L203, AUTH-31). */
export const REQUIRED_INCIDENT_TYPES = ['loss', 'leak', 'tampering', 'destruction'] as const;
export const OUTPUT_KINDS = [
  'aggregate',
  'model',
  'service_answer',
  'aggregate_table',
  'chart',
  'report_document',
  'model_file',
  'api_template',
  'record_list',
] as const;
export const MASKING_METHODS = [
  'none',
  'mask',
  'truncate',
  'generalize',
  'hmac_pseudonym',
  'sm4_token',
  'date_shift',
  'drop',
] as const;
/** Spec spellings (authorization.md EgressPolicy) mapped onto the sandbox's method names. */
export const MASKING_ALIASES: Record<string, (typeof MASKING_METHODS)[number]> = {
  pseudonymize_hmac_sm3: 'hmac_pseudonym',
  tokenize_sm4: 'sm4_token',
  suppress: 'drop',
  round: 'generalize',
};

/** Qualification items per group (Organization.qualification, 002:L49–91). */
export const QUALIFICATION_ITEMS: Record<string, readonly string[]> = {
  finance: ['no_major_violation', 'not_blacklisted', 'can_carry_cost', 'sound_accounts', 'tax_social_insurance'],
  management: [
    'knows_rules',
    'professional_team',
    'internal_rules',
    'security_officer_and_department',
    'security_rules',
    'ecosystem',
  ],
  technical: [
    'processing_capability',
    'public_data_experience',
    'extranet_access',
    'hardware_software',
    'data_security_capability',
  ],
  service: ['qualifications_credit', 'sales_system', 'risk_emergency_management'],
  security: ['regulator_response', 'no_security_incident'],
};

const MaskingInput = z.object({ method: z.string().min(1), params: z.record(z.string(), z.unknown()).optional() });

export const QualificationItem = z.object({
  result: z.enum(['pending', 'pass', 'fail']),
  evidenceFileIds: z.array(z.string()).default([]),
  checkedBy: z.string().optional(),
  checkedAt: z.string().optional(),
});
export const Candidate = z.object({
  orgId: Uuid,
  qualification: z.record(z.string(), QualificationItem),
  declaredIncidents: z.array(z.object({ date: DateStr, kind: z.string() })).default([]),
  blacklistCheckedAt: DateStr.nullable().default(null),
  securityOfficerUserId: Uuid.nullable().default(null),
  securityDepartment: z.string().nullable().default(null),
  extranetAccess: z.boolean().default(false),
  score: z.number().optional(),
});
export type Candidate = z.infer<typeof Candidate>;

export const CreateAgreementInput = z.object({
  title: z.string().min(2).max(200),
  mode: z.enum(AGREEMENT_MODES),
  jurisdictionId: Uuid,
  derivedRightsClause: z.string().min(5),
  predecessorId: Uuid.optional(),
  catalog: z
    .array(
      z.object({
        resourceId: Uuid,
        fieldCodes: z.array(z.string()).min(1),
        usageScope: z.string().optional(),
        securityRequirements: z.string().optional(),
        updateFrequency: z.string().optional(),
      }),
    )
    .min(1),
});
export const StartSelectionInput = z.object({ method: z.string(), noticeFileId: z.string().min(1), noticeAt: DateStr });
export const AwardInput = z.object({ candidates: z.array(Candidate).min(1), awardOrgId: Uuid });
export const SignInput = z.object({
  validFrom: DateStr,
  documents: z
    .array(z.object({ name: z.string().min(1), fileId: z.string().min(1), sm3: z.string().regex(/^[0-9a-f]{64}$/) }))
    .min(1),
  collaboratorRules: z.string().optional(),
});
export const ReasonInput = z.object({ reason: z.string().min(2) });
/** AUTH-29: the holder asks for permission to file a patent or publish exclusively. */
export const PublicationRequestInput = z.object({
  declaredUse: z.enum(['patent_filing', 'exclusive_publication']),
  purpose: z.string().min(5).max(2000),
});
/** AUTH-28: fields an Evaluation's scope_reduce removes from a Grant. */
export const NarrowInput = z.object({
  removeFieldCodes: z.array(z.string().min(1).max(100)).min(1).max(500),
  reason: z.string().min(2).max(2000),
});
export const PublicationDecisionInput = z.object({
  decision: z.enum(['approve', 'refuse']),
  reason: z.string().min(2).max(2000),
});
export const SuspendInput = z.object({ reason: z.string().min(2), rectificationDeadline: DateStr.optional() });
export const TerminateInput = z.object({
  reasonCode: z.string().optional(),
  facts: z.string().default(''),
  evidenceFileIds: z.array(z.string()).default([]),
  negotiationRecordFileId: z.string().optional(),
});
export const ConsentCatalogInput = z.object({
  decision: z.enum(['consent', 'refuse']),
  conditions: z.string().optional(),
  reason: z.string().optional(),
});

export const DemandItemInput = z.object({
  resourceId: Uuid,
  fieldCode: z.string().min(1),
  justification: z.string().default(''),
  requestedMasking: MaskingInput.default({ method: 'none' }),
  requestedVisibility: z.enum(VISIBILITIES).optional(),
  legalBasis: z.object({ kind: z.enum(LEGAL_BASES), evidenceFileId: z.string().min(1) }).optional(),
});
export type DemandItemInput = z.infer<typeof DemandItemInput>;

export const EgressInput = z.object({
  allowedOutputKinds: z.array(z.enum(OUTPUT_KINDS)).min(1),
  minGroupSize: z.number().int().min(1).optional(),
  smallCellSuppression: z.boolean().default(true),
  dp: z
    .object({
      mechanism: z.enum(['laplace', 'gaussian']),
      epsilonBudget: z.number().positive(),
      delta: z.number().positive().optional(),
    })
    .nullable()
    .default(null),
});
export type EgressInput = z.infer<typeof EgressInput>;

export const CreateApplicationInput = z.object({
  agreementId: Uuid,
  scenario: z.object({ title: z.string().min(2), description: z.string().default('') }),
  serviceObjects: z.array(z.string().min(1)).default([]),
  serviceScope: z.object({ regions: z.array(z.string()).default([]), industries: z.array(z.string()).default([]) }),
  servicePeriod: z.object({ from: DateStr, to: DateStr }),
  expectedOutcome: z.object({ text: z.string().default(''), indicators: z.array(z.string()).default([]) }),
  demandList: z.array(DemandItemInput).default([]),
  developmentMethods: z.array(z.enum(DEVELOPMENT_METHODS)).default([]),
  usageTimeLimit: DateStr,
  purposeCategory: z.enum(PURPOSE_CATEGORIES),
  riskAssessment: z
    .object({
      fileId: z.string().optional(),
      responsiblePerson: z.string().optional(),
      coversImportantFields: z.boolean().default(false),
    })
    .default({ coversImportantFields: false }),
  proposedEgress: EgressInput,
  plannedCollaborators: z.array(Uuid).default([]),
  /** Create and submit in one transaction: every submission rule runs before anything is saved (issue 14). */
  submit: z.boolean().default(false),
});
export type CreateApplicationInput = z.infer<typeof CreateApplicationInput>;
/** The owner's edit of a draft or returned application (same content; the agreement is fixed at creation). */
export const EditApplicationInput = CreateApplicationInput.omit({ agreementId: true, submit: true });
export type EditApplicationInput = z.infer<typeof EditApplicationInput>;

export const ItemDecisionInput = z.object({
  itemId: Uuid,
  decision: z.enum(['accepted', 'accepted_with_conditions', 'rejected']),
  reason: z.string().default(''),
  masking: MaskingInput.optional(),
});
/**
 * PSI-01 (issue 19, decisions 0090/0091): the Grant's private-set-intersection permissions, set by the approver.
 * Membership (the buyer learns the matched items) needs PSI itself; without it only the count is answered.
 */
export const PsiPermissionsInput = z
  .object({ allowed: z.boolean(), membership: z.boolean() })
  .refine((p) => p.allowed || !p.membership, { message: 'membership needs allowed', path: ['membership'] });
export const ApproveInput = z.object({
  itemDecisions: z.array(ItemDecisionInput).default([]),
  comment: z.string().default(''),
  /** Absent: PSI follows the application's development methods, cardinality only (the former behaviour). */
  psi: PsiPermissionsInput.optional(),
});
export type ApproveInput = z.infer<typeof ApproveInput>;
export const RejectInput = z.object({
  reason: z.string().min(2),
  itemReasons: z.record(z.string(), z.string()).default({}),
});
export const ConsentInput = z.object({
  items: z
    .array(
      z.object({
        itemId: Uuid,
        decision: z.enum(['consent', 'refuse']),
        conditions: z.string().optional(),
        reason: z.string().optional(),
      }),
    )
    .min(1),
});

export const PlanInput = z.object({
  grantId: Uuid,
  incidentTypes: z.array(z.string()).default([]),
  responseLevels: z.string().default(''),
  procedures: z.string().default(''),
  roles: z
    .array(
      z.object({
        role: z.string(),
        userId: Uuid.optional(),
        name: z.string().optional(),
        phone: z.string().optional(),
        securityOfficer: z.boolean().default(false),
      }),
    )
    .default([]),
  reportingChain: z.array(z.string()).default([]),
});
export type PlanInput = z.infer<typeof PlanInput>;
export const DrillInput = z.object({
  date: DateStr,
  scenario: z.string().min(2),
  participants: z.array(z.string()).default([]),
  findings: z.string().default(''),
  reportFileId: z.string().optional(),
});

export const CollaborationInput = z.object({
  grantId: Uuid,
  collaboratorOrgId: Uuid,
  dataScope: z.array(z.string()).min(1),
  validFrom: DateStr,
  validTo: DateStr,
  terms: z.object({
    conditions: z.string().default(''),
    securityRequirements: z.string().default(''),
    serviceFees: z.string().default(''),
    terminationCases: z.string().default(''),
    breachLiability: z.string().default(''),
  }),
});
export type CollaborationInput = z.infer<typeof CollaborationInput>;
export const ExitInput = z.object({ exitDate: DateStr, reason: z.string().min(2) });

export const ListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  state: z.string().optional(),
});

// ---- jsonb columns, as this context writes them (usecases/). store.ts reads its rows with these
// shapes: a cast from JsonValue that is safe because only our use cases and seeds write these columns.

/** OperationAgreement.selection: the notice (AUTH-03), then the award; or a direct renewal. */
export type AgreementSelection = {
  method?: string;
  noticeFileId?: string;
  noticeAt?: string;
  awardedAt?: string;
  predecessorId?: string;
  [key: string]: unknown;
};
/** OperationAgreement.obligations (AUTH-27) and .documents (the signed files). */
export type Obligation = {
  code: string;
  everyMonths: number;
  from: string;
};
export type SignedDocument = {
  name: string;
  fileId: string;
  sm3: string;
};
/** suspension of an agreement or a Grant (AUTH-24); `cause: 'agreement'` when cascaded from one. */
export type Suspension = {
  reason?: string;
  at?: string;
  by?: string | null;
  rectificationDeadline?: string | null;
  decisionDueAt?: string;
  cause?: string;
  [key: string]: unknown;
};
/** One entry of ScenarioApplication.reviews (return, endorse, approve, reject). */
export type ReviewEntry = {
  decision: string;
  at: string;
  [key: string]: unknown;
};
/** The endorsement of a two-step approval (AUTH-15). */
export type FirstApproval = {
  userId: string;
  orgId: string;
  at: string;
  itemDecisions: ApproveInput['itemDecisions'];
};
/** A review or consent clock that ran out (authorization.md "Deadlines and clocks"). */
export type Escalation = {
  clock: string;
  at: string;
  to: string;
};
export type ApplicationJson = {
  scenario: CreateApplicationInput['scenario'];
  service_objects: string[];
  service_scope: CreateApplicationInput['serviceScope'];
  service_period: CreateApplicationInput['servicePeriod'];
  expected_outcome: CreateApplicationInput['expectedOutcome'];
  development_methods: string[];
  risk_assessment: CreateApplicationInput['riskAssessment'];
  proposed_egress: EgressInput;
  planned_collaborators: string[];
  reviews: ReviewEntry[];
  first_approval: FirstApproval | null;
  escalations: Escalation[];
};
/** What the Grant is for (copied from its application). */
export type GrantPurpose = {
  scenario?: { title?: string; description?: string };
  purposeCategory?: string;
  serviceObjects?: unknown;
};
/** EmergencyPlan.filing: submitted, then accepted by the authority (AUTH-31). */
export type PlanFiling = {
  submittedAt?: string;
  acceptedAt?: string;
  acceptedBy?: string | null;
  [key: string]: unknown;
};
/** CollaborationAgreement entry/exit filing (AUTH-20, AUTH-21). */
export type CollaborationFiling = {
  at: string;
  [key: string]: unknown;
};
/** One party's answer on a publication permission (AUTH-29). */
export type PublicationDecision = {
  party: 'authority' | 'source_unit';
  orgId: string;
  userId: string | null;
  decision: 'approve' | 'refuse';
  reason: string;
  at: string;
};

// ---- Views: what the API answers (issue 13). Presenters in present.ts return these; each route
// declares one as its response, so the OpenAPI document describes every answer. jsonb content is
// declared with its known keys and kept loose (z.looseObject), so no key the web reads is dropped.

const Iso = z.string().nullable();
const Abilities = z.array(z.string());
const Masking = z.looseObject({ method: z.string(), params: z.record(z.string(), z.unknown()).nullish() });

export const CatalogEntryView = z.object({
  id: z.string(),
  resourceId: z.string(),
  resourceNameZh: z.string(),
  registrationCode: z.string().nullable(),
  sourceUnitOrgId: z.string(),
  sourceUnitName: z.string().nullable(),
  fieldCodes: z.array(z.string()),
  usageScope: z.string().nullable(),
  securityRequirements: z.string().nullable(),
  updateFrequency: z.string().nullable(),
  consent: z.looseObject({}).nullable(),
  state: z.string(),
});
export const ObligationView = z.looseObject({ code: z.string(), everyMonths: z.number(), from: z.string() });
export const AgreementView = z.object({
  id: z.string(),
  agreementNo: z.string(),
  title: z.string(),
  profileId: z.string(),
  mode: z.string(),
  state: z.string(),
  version: z.number().int(),
  authorityOrgId: z.string(),
  authorityName: z.string().nullable(),
  operatorOrgId: z.string().nullable(),
  operatorName: z.string().nullable(),
  jurisdictionId: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  selection: z.looseObject({ method: z.string().nullish(), noticeAt: z.string().nullish() }),
  derivedRightsClause: z.string(),
  collaboratorRules: z.string().nullable(),
  obligations: z.array(ObligationView),
  documents: z.array(z.looseObject({ name: z.string().nullish(), fileId: z.string().nullish() })),
  suspension: z.looseObject({ reason: z.string().nullish(), rectificationDeadline: z.string().nullish() }).nullable(),
  predecessorId: z.string().nullable(),
  catalog: z.array(CatalogEntryView),
  createdAt: Iso,
});
export type AgreementView = z.infer<typeof AgreementView>;
export const AgreementDetailView = AgreementView.extend({
  abilities: Abilities,
  catalogAbilities: z.record(z.string(), Abilities),
});

export const WizardCatalogView = z.object({
  agreementId: z.string(),
  agreementNo: z.string(),
  validTo: z.string().nullable(),
  resources: z.array(
    z.object({
      resourceId: z.string(),
      nameZh: z.string(),
      registered: z.boolean(),
      sourceUnitOrgId: z.string(),
      sourceUnitName: z.string().nullable(),
      entryState: z.string(),
      fields: z.array(
        z.object({
          code: z.string(),
          nameZh: z.string(),
          dataType: z.string(),
          grade: z.string().nullish(),
          personalInfo: z.boolean(),
          sensitivePersonalInfo: z.boolean(),
          directIdentifier: z.boolean(),
          selectable: z.boolean(),
          blockedReason: z.string().nullable(),
          needsSecondApprover: z.boolean(),
          needsDeidentification: z.boolean(),
        }),
      ),
    }),
  ),
});

export const DemandItemView = z.object({
  id: z.string(),
  resourceId: z.string(),
  resourceNameZh: z.string(),
  sourceUnitOrgId: z.string(),
  fieldId: z.string().nullable(),
  fieldCode: z.string(),
  fieldNameZh: z.string(),
  dataType: z.string(),
  grade: z.string().nullable(),
  personal: z.boolean(),
  sensitivePersonal: z.boolean(),
  directIdentifier: z.boolean(),
  justification: z.string(),
  requestedMasking: Masking,
  requestedVisibility: z.string(),
  legalBasis: z.looseObject({ kind: z.string(), evidenceFileId: z.string().nullish() }).nullable(),
  consent: z.string(),
  consentConditions: z.string().nullable(),
  consentReason: z.string().nullable(),
  consentAt: Iso,
  decision: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
export type DemandItemView = z.infer<typeof DemandItemView>;
export const ReviewEntryView = z.looseObject({
  decision: z.string(),
  reason: z.string().nullish(),
  at: z.string().nullish(),
});
export const ApplicationView = z.object({
  id: z.string(),
  applicationNo: z.string(),
  agreementId: z.string(),
  applicantOrgId: z.string(),
  applicantName: z.string().nullable(),
  jurisdictionId: z.string(),
  state: z.string(),
  version: z.number().int(),
  scenario: z.looseObject({ title: z.string(), description: z.string().nullish() }),
  serviceObjects: z.array(z.string()),
  serviceScope: z.looseObject({ regions: z.array(z.string()).nullish(), industries: z.array(z.string()).nullish() }),
  servicePeriod: z.looseObject({ from: z.string(), to: z.string() }),
  expectedOutcome: z.looseObject({ text: z.string().nullish(), indicators: z.array(z.string()).nullish() }),
  developmentMethods: z.array(z.string()),
  usageTimeLimit: z.string(),
  purposeCategory: z.string(),
  riskAssessment: z.looseObject({
    fileId: z.string().nullish(),
    responsiblePerson: z.string().nullish(),
    coversImportantFields: z.boolean().nullish(),
  }),
  proposedEgress: z.looseObject({ allowedOutputKinds: z.array(z.string()), minGroupSize: z.number().nullish() }),
  plannedCollaborators: z.array(z.string()),
  sourceUnitOrgIds: z.array(z.string()),
  reviews: z.array(ReviewEntryView),
  firstApproval: z.looseObject({ userId: z.string().nullish(), orgId: z.string().nullish() }).nullable(),
  submittedAt: Iso,
  reviewDueAt: Iso,
  consentDueAt: Iso,
  reviewDaysUsed: z.number().int(),
  escalations: z.array(z.looseObject({ clock: z.string(), at: z.string() })),
  grantId: z.string().nullable(),
  decidedAt: Iso,
  createdAt: Iso,
});
export type ApplicationView = z.infer<typeof ApplicationView>;
export const ConsentView = z.object({
  id: z.string(),
  applicationId: z.string(),
  sourceUnitOrgId: z.string(),
  sourceUnitName: z.string().nullable(),
  state: z.string(),
  dueAt: Iso,
  decidedBy: z.string().nullable(),
  decidedAt: Iso,
});
export type ConsentView = z.infer<typeof ConsentView>;
/** A source unit's inbox row: the consent with its application's number and title. */
export const ConsentInboxView = ConsentView.extend({
  applicationNo: z.string(),
  scenarioTitle: z.string().optional(),
});
export const ApplicationDetailView = ApplicationView.extend({
  items: z.array(DemandItemView),
  consents: z.array(ConsentView.extend({ abilities: Abilities })),
  overlaps: z.array(
    z.object({ grantId: z.string(), grantNo: z.string(), state: z.string(), fields: z.array(z.string()) }),
  ),
  earlierRejections: z.array(
    z.object({ fieldNameZh: z.string(), applicationNo: z.string(), reason: z.string().nullable() }),
  ),
  abilities: Abilities,
});
export const ReviewsView = z.object({ items: z.array(ReviewEntryView) });

export const FieldGrantView = z.looseObject({
  resourceId: z.string(),
  resourceNameZh: z.string().nullish(),
  code: z.string(),
  nameZh: z.string(),
  dataType: z.string().nullish(),
  grade: z.string().nullish(),
  personalInfo: z.boolean().nullish(),
  directIdentifier: z.boolean().nullish(),
  masking: Masking.nullish(),
  visibility: z.string().nullish(),
  egressAllowed: z.boolean().nullish(),
  conditions: z.string().nullish(),
});
export const EgressPolicyView = z.looseObject({
  allowedOutputKinds: z.array(z.string()),
  minGroupSize: z.number(),
  smallCellSuppression: z.boolean(),
  dp: z.looseObject({ mechanism: z.string(), epsilonBudget: z.number(), delta: z.number().nullish() }).nullish(),
  masking: z.record(z.string(), Masking),
});
export const GrantView = z.object({
  id: z.string(),
  grantNo: z.string(),
  grantVersion: z.number().int(),
  basis: z.string(),
  state: z.string(),
  version: z.number().int(),
  scenarioApplicationId: z.string().nullable(),
  agreementId: z.string().nullable(),
  holderOrgId: z.string(),
  holderName: z.string().nullable(),
  jurisdictionId: z.string(),
  sourceUnitOrgIds: z.array(z.string()),
  purpose: z.looseObject({
    scenario: z.looseObject({ title: z.string().nullish(), description: z.string().nullish() }).nullish(),
    purposeCategory: z.string().nullish(),
  }),
  fields: z.array(FieldGrantView),
  rowFilters: z.array(z.unknown()),
  egressPolicy: EgressPolicyView,
  dataServicesAllowed: z.boolean(),
  psiAllowed: z.boolean(),
  psiMembership: z.boolean(),
  pseudonymKeyScope: z.string(),
  reviewersRequired: z.number().int(),
  validFrom: z.string(),
  validTo: z.string(),
  planDueAt: Iso,
  emergencyPlanId: z.string().nullable(),
  suspension: z.looseObject({ reason: z.string().nullish(), cause: z.string().nullish() }).nullable(),
  createdAt: Iso,
});
export type GrantView = z.infer<typeof GrantView>;
export const PlanView = z.object({
  id: z.string(),
  grantId: z.string(),
  planVersion: z.number().int(),
  holderOrgId: z.string(),
  state: z.string(),
  version: z.number().int(),
  incidentTypes: z.array(z.string()),
  responseLevels: z.string(),
  procedures: z.string(),
  roles: z.array(z.looseObject({ role: z.string() })),
  reportingChain: z.array(z.string()),
  filing: z.looseObject({ submittedAt: z.string().nullish(), acceptedAt: z.string().nullish() }),
  drills: z.array(z.looseObject({ date: z.string() })),
  nextDrillDue: z.string().nullable(),
  drillOverdue: z.boolean(),
  createdAt: Iso,
});
export type PlanView = z.infer<typeof PlanView>;
export const PlanDetailView = PlanView.extend({ abilities: Abilities });
export const CollaborationView = z.object({
  id: z.string(),
  agreementId: z.string(),
  grantId: z.string(),
  operatorOrgId: z.string(),
  operatorName: z.string().nullable(),
  collaboratorOrgId: z.string(),
  collaboratorName: z.string().nullable(),
  scenarioTitle: z.string(),
  dataScope: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string(),
  terms: z.looseObject({}),
  entryFiling: z.looseObject({ at: z.string() }).nullable(),
  exitFiling: z.looseObject({ at: z.string() }).nullable(),
  state: z.string(),
  version: z.number().int(),
  createdAt: Iso,
});
export type CollaborationView = z.infer<typeof CollaborationView>;
export const CollaborationListItemView = CollaborationView.extend({ abilities: Abilities });
export const GrantDetailView = GrantView.extend({
  abilities: Abilities,
  emergencyPlan: PlanDetailView.nullable(),
  collaborations: z.array(CollaborationView),
});
export const GrantVersionsView = z.object({ items: z.array(GrantView) });
/** One row of the filings register: an emergency plan, or a collaboration's entry or exit filing. */
export const FilingView = z.object({
  kind: z.enum(['emergency_plan', 'collaboration_entry', 'collaboration_exit']),
  id: z.string(),
  grantId: z.string(),
  state: z.string(),
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  title: z.string().nullable(),
  nextDrillDue: z.string().nullable(),
  drillOverdue: z.boolean(),
});
export const PublicationPermissionView = z.object({
  id: z.string(),
  grantId: z.string(),
  declaredUse: z.string(),
  purpose: z.string(),
  state: z.string(),
  decisions: z.array(
    z.object({
      party: z.enum(['authority', 'source_unit']),
      orgId: z.string(),
      userId: z.string().nullable(),
      decision: z.enum(['approve', 'refuse']),
      reason: z.string(),
      at: z.string(),
    }),
  ),
  sourceUnitOrgIds: z.array(z.string()),
});
