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
export const ApproveInput = z.object({
  itemDecisions: z.array(ItemDecisionInput).default([]),
  comment: z.string().default(''),
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
