import { z } from 'zod';

/** labs.md objects: enums, inputs and the views every route answers with. */

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Uuid = z.string().uuid();
export const IdParams = z.object({ id: Uuid });

// LAB-07: the organization kinds the measures allow (000:L12, L20; vocational schools count as universities).
export const INITIATOR_KINDS = ['gov_organ', 'public_institution'] as const;
export const PARTNER_KINDS = ['enterprise', 'public_institution', 'social_org', 'university'] as const;

// LAB-01/LAB-02: the three documents, each sealed by both parties.
export const SEAL_DOCUMENTS = ['application', 'commitment', 'agreement'] as const;
export type SealDocument = (typeof SEAL_DOCUMENTS)[number];
export const SEAL_KINDS = ['e_seal', 'scanned'] as const;
export const DIRECTOR_QUALIFICATIONS = ['domain_expert', 'manager'] as const;
export const GRADES = ['general', 'important', 'core'] as const;
export const SUPPLY_METHODS = ['api', 'extranet_file', 'db_view'] as const;
export const LAB_PURPOSE = 'lab_rnd_and_product_landing' as const;
export const PLATFORM_COMPONENTS = ['cpu', 'os', 'database'] as const;

/** States of a Lab that still count as live for the duplicate check (LAB-04): every non-terminal one. */
export const LIVE_LAB_STATES = [
  'shortlisted',
  'agreement_filed',
  'active',
  'rectifying',
  'partner_change_pending',
] as const;
export const LIVE_APPLICATION_STATES = ['submitted', 'under_review', 'returned'] as const;

// ---- Guide (申报指南) ----
export const Indicator = z.object({
  code: z.string().min(1).max(50),
  name: z.string().min(1).max(100),
  weight: z.number().min(0).max(100),
  description: z.string().max(1000).default(''),
});
export type Indicator = z.infer<typeof Indicator>;

export const PublishGuideInput = z.object({
  title: z.string().min(1).max(200),
  year: z.number().int().min(2026).max(2100),
  windowFrom: Day,
  windowTo: Day,
  domains: z.array(z.string().min(1).max(50)).default([]),
  indicators: z.array(Indicator).min(1),
  description: z.string().max(5000).default(''),
});
export type PublishGuideInput = z.infer<typeof PublishGuideInput>;

export const GuideView = z.object({
  id: z.string(),
  guideNo: z.string(),
  title: z.string(),
  year: z.number().int(),
  window: z.object({ from: z.string(), to: z.string() }),
  domains: z.array(z.string()),
  indicators: z.array(Indicator),
  description: z.string(),
  authorityOrgId: z.string(),
  publishedAt: z.string().nullable(),
  state: z.string(),
  version: z.number().int(),
});
export type GuideView = z.infer<typeof GuideView>;

// ---- Application (申报) ----
// No defaults on the editable content: a partial edit must leave what it does not name untouched.
export const Seal = z.object({
  orgId: Uuid,
  document: z.enum(SEAL_DOCUMENTS),
  kind: z.enum(SEAL_KINDS),
  verified: z.boolean(),
  fileId: z.string().max(200).nullish(),
});
export type Seal = z.infer<typeof Seal>;

export const Director = z.object({
  userId: Uuid.nullish(),
  name: z.string().min(1).max(50),
  title: z.string().max(100).default(''),
  qualification: z.enum(DIRECTOR_QUALIFICATIONS),
  cvFileId: z.string().max(200).nullish(),
});
export type Director = z.infer<typeof Director>;

export const ApplicationForm = z.object({
  unitInfo: z
    .array(z.object({ orgId: Uuid, contact: z.string().max(100).default(''), summary: z.string().max(2000) }))
    .default([]),
  staff: z
    .array(
      z.object({
        name: z.string().min(1).max(50),
        role: z.string().max(50),
        title: z.string().max(100).default(''),
        timeSharePct: z.number().min(0).max(100),
      }),
    )
    .default([]),
  attachments: z.array(z.string().max(200)).default([]),
});
export type ApplicationForm = z.infer<typeof ApplicationForm>;

// LAB-03: every item may arrive empty so the rule can name what is missing (000:L29, L38).
const Text = z.string().max(5000).default('');
export const ConstructionPlan = z.object({
  researchDirection: Text,
  researchContent: Text,
  focusProblems: Text,
  dataSupply: Text,
  supportBase: Text,
  institutionalMeasures: Text,
  expectedOutcomes: Text,
  goals: Text,
  keyTasks: Text,
  researchSchedule: z.array(z.object({ milestone: z.string().min(1).max(200), dueDate: Day })).default([]),
  periodIndicators: z
    .array(z.object({ name: z.string().min(1).max(100), target: z.string().max(100), unit: z.string().max(20) }))
    .default([]),
});
export type ConstructionPlan = z.infer<typeof ConstructionPlan>;
export const PLAN_TEXT_ITEMS = [
  'researchDirection',
  'researchContent',
  'focusProblems',
  'dataSupply',
  'supportBase',
  'institutionalMeasures',
  'expectedOutcomes',
  'goals',
  'keyTasks',
] as const;

const ApplicationContent = {
  name: z.string().min(1).max(100),
  domain: z.string().max(50),
  scenarioCode: z
    .string()
    .min(1)
    .max(50)
    .regex(/^[A-Z0-9_.]+$/),
  scenarioSummary: z.string().min(1).max(2000),
  researchDirection: z.string().min(1).max(500),
  applicationForm: ApplicationForm.nullish(),
  constructionPlan: ConstructionPlan.nullish(),
  securityCommitmentFileId: z.string().max(200).nullish(),
  agreementDraftFileId: z.string().max(200).nullish(),
  seals: z.array(Seal).max(20),
  director: Director.nullish(),
  securityOfficerUserId: Uuid.nullish(),
};
export const CreateApplicationInput = z.object({
  guideId: Uuid,
  partnerOrgId: Uuid,
  ...ApplicationContent,
  domain: ApplicationContent.domain.default(''),
  seals: ApplicationContent.seals.default([]),
});
export type CreateApplicationInput = z.infer<typeof CreateApplicationInput>;
export const UpdateApplicationInput = z.object(ApplicationContent).partial();
export type UpdateApplicationInput = z.infer<typeof UpdateApplicationInput>;

export const ReasonInput = z.object({ reason: z.string().min(1).max(2000) });
export const DuplicateNoteInput = z.object({ note: z.string().min(1).max(2000) });
export const ShortlistInput = z.object({
  directorAttested: z.boolean(),
  comment: z.string().max(2000).default(''),
  round: z.number().int().min(1).default(1),
});
export type ShortlistInput = z.infer<typeof ShortlistInput>;

export const SimilarLab = z.object({
  objectType: z.enum(['Lab', 'LabApplication']),
  id: z.string(),
  no: z.string(),
  name: z.string(),
  scenarioCode: z.string(),
  score: z.number(),
});
export type SimilarLab = z.infer<typeof SimilarLab>;
export const DuplicateNote = z.object({ note: z.string(), by: z.string().nullable(), at: z.string() });
export type DuplicateNote = z.infer<typeof DuplicateNote>;
export const Review = z.object({
  decision: z.string(),
  reason: z.string(),
  by: z.string().nullable(),
  at: z.string(),
});
export type Review = z.infer<typeof Review>;

/** CRD-04: a published bad-faith credit record of a party, shown to reviewers as a warning (never a block). */
export const CreditWarning = z.object({
  id: z.string(),
  orgId: z.string(),
  area: z.string(),
  facts: z.string(),
  basisDecisionId: z.string().nullable(),
  publicFrom: z.string().nullable(),
  publicUntil: z.string().nullable(),
});
export type CreditWarning = z.infer<typeof CreditWarning>;

export const ApplicationView = z.object({
  id: z.string(),
  applicationNo: z.string(),
  guideId: z.string(),
  initiatorOrgId: z.string(),
  partnerOrgId: z.string(),
  initiator: z.string(),
  partner: z.string(),
  name: z.string(),
  domain: z.string(),
  scenarioCode: z.string(),
  scenarioSummary: z.string(),
  researchDirection: z.string(),
  applicationForm: ApplicationForm.nullable(),
  constructionPlan: ConstructionPlan.nullable(),
  securityCommitmentFileId: z.string().nullable(),
  agreementDraftFileId: z.string().nullable(),
  seals: z.array(Seal),
  director: Director.nullable(),
  securityOfficerUserId: z.string().nullable(),
  /** LAB-04: the most similar live labs and applications of the same initiator (authority reviewers only). */
  similar: z.array(SimilarLab),
  /** CRD-04: the parties' published bad-faith credit records (authority reviewers only; a warning, never a block). */
  creditWarnings: z.array(CreditWarning),
  duplicateNote: DuplicateNote.nullable(),
  directorAttested: z.boolean(),
  /** Review decisions: hidden from the applicants until the application is decided (labs.md LabApplication). */
  reviews: z.array(Review),
  shortlistRound: z.number().int().nullable(),
  labId: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  state: z.string(),
  version: z.number().int(),
  abilities: z.array(z.string()),
});
export type ApplicationView = z.infer<typeof ApplicationView>;

// ---- Agreement (共建协议) ----
export const DataScopeLine = z.object({
  dataResourceId: Uuid,
  fieldIds: z.array(Uuid).min(1),
  // LAB-12: the initiator classifies each line; a missing grade is refused with its path, not by the schema.
  classification: z.object({ category: z.string().max(100).default(''), grade: z.enum(GRADES).nullish() }),
  rawAllowed: z.boolean(),
  supplyMethod: z.enum(SUPPLY_METHODS),
  validTo: Day,
});
export type DataScopeLine = z.infer<typeof DataScopeLine>;

const PartyText = z.object({ initiator: z.string().max(5000).default(''), partner: z.string().max(5000).default('') });
export const DraftAgreementInput = z.object({
  dataScope: z.array(DataScopeLine).max(200).default([]),
  // LAB-08: the purpose is fixed by the measures (000:L31); any other value is refused by the rule.
  purpose: z.string().max(100).default(LAB_PURPOSE),
  usePeriod: z.object({ from: Day, to: Day }),
  duties: PartyText.default({ initiator: '', partner: '' }),
  rights: PartyText.default({ initiator: '', partner: '' }),
  securityMeasures: z
    .object({ text: z.string().max(5000).default(''), fileId: z.string().max(200).nullish() })
    .default({ text: '' }),
  initiatorProductUse: z.string().max(5000).nullish(),
});
export type DraftAgreementInput = z.infer<typeof DraftAgreementInput>;
export const SignAgreementInput = z.object({
  signedAt: Day,
  seals: z
    .array(
      z.object({
        orgId: Uuid,
        kind: z.enum(SEAL_KINDS),
        verified: z.boolean(),
        fileId: z.string().max(200).nullish(),
      }),
    )
    .min(1),
});
export type SignAgreementInput = z.infer<typeof SignAgreementInput>;

export const Supplement = z.object({
  no: z.string(),
  summary: z.string(),
  fileId: z.string().nullable(),
  filedAt: z.string(),
  changeRequestId: z.string().nullable(),
});
export const AgreementView = z.object({
  id: z.string(),
  agreementNo: z.string(),
  labId: z.string(),
  agreementVersion: z.number().int(),
  dataScope: z.array(DataScopeLine),
  purpose: z.string(),
  usePeriod: z.object({ from: z.string(), to: z.string() }),
  duties: z.object({ initiator: z.string(), partner: z.string() }),
  rights: z.object({ initiator: z.string(), partner: z.string() }),
  securityMeasures: z.object({ text: z.string(), fileId: z.string().nullish() }),
  initiatorProductUse: z.string().nullable(),
  seals: z.array(SignAgreementInput.shape.seals.element),
  signedAt: z.string().nullable(),
  filedAt: z.string().nullable(),
  filingNo: z.string().nullable(),
  supplements: z.array(Supplement),
  /** The Grants (basis `lab_agreement`) opened at filing, one per scope line, in scope order (LAB-13). */
  grantIds: z.array(z.string()),
  state: z.string(),
  version: z.number().int(),
  abilities: z.array(z.string()),
});
export type AgreementView = z.infer<typeof AgreementView>;
export const AgreementList = z.object({ items: z.array(AgreementView) });

// ---- Lab ----
export const PlatformAttestation = z.object({
  inGovExtranet: z.boolean(),
  components: z
    .array(
      z.object({
        kind: z.enum(PLATFORM_COMPONENTS),
        product: z.string().min(1).max(200),
        evaluationRef: z.string().max(200).default(''),
      }),
    )
    .max(20),
});
export type PlatformAttestation = z.infer<typeof PlatformAttestation>;
export const Plaque = z.object({ certificateId: z.string(), certNo: z.string(), status: z.string() });
export type Plaque = z.infer<typeof Plaque>;

export const LabView = z.object({
  id: z.string(),
  labNo: z.string(),
  applicationId: z.string(),
  name: z.string(),
  domain: z.string(),
  initiatorOrgId: z.string(),
  partnerOrgId: z.string(),
  initiator: z.string(),
  partner: z.string(),
  scenarioCode: z.string(),
  scenarioSummary: z.string(),
  researchDirection: z.string(),
  director: Director,
  securityOfficerUserId: z.string().nullable(),
  platformAttestation: PlatformAttestation.nullable(),
  supplyMode: z.string(),
  currentAgreementId: z.string().nullable(),
  shortlistedOn: z.string(),
  /** The last day to file the agreement before the lab lapses (`lab.agreementFilingDays`). */
  agreementDueOn: z.string(),
  certifiedAt: z.string().nullable(),
  validTo: z.string().nullable(),
  plaque: Plaque.nullable(),
  /** The day the partner-change clock (`lab.partnerChangeDays`, labs.md clocks) prompted the authority to decide on revocation. */
  revocationPromptedOn: z.string().nullable(),
  state: z.string(),
  version: z.number().int(),
  abilities: z.array(z.string()),
});
export type LabView = z.infer<typeof LabView>;

/** GET /api/v1/public/labs: a fixed shape (issue 18), certified labs only. */
export const PublicLabView = z.object({
  id: z.string(),
  labNo: z.string(),
  name: z.string(),
  initiator: z.string(),
  partner: z.string(),
  state: z.string(),
  certifiedAt: z.string(),
  validTo: z.string(),
});
export type PublicLabView = z.infer<typeof PublicLabView>;
export const PublicLabList = z.object({ items: z.array(PublicLabView), total: z.number().int() });

export const ListQuery = z.object({
  state: z.string().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
export type ListQuery = z.infer<typeof ListQuery>;

// ---- LabChangeRequest (LAB-21) ----
export const CHANGE_KINDS = [
  'security_requirements',
  'data_scope',
  'supply_method',
  'partner_change',
  'revocation',
  'general',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const ChangeDiff = z.object({
  securityRequirements: z.string().max(5000).optional(),
  dataScopeAdd: z.array(DataScopeLine).max(50).optional(),
  supplyMode: z.enum(['initiator_direct', 'operator_market']).optional(),
  newPartnerOrgId: Uuid.optional(),
  revocation: z.boolean().optional(),
  researchSchedule: z
    .array(z.object({ milestone: z.string().min(1).max(200), dueDate: Day }))
    .max(50)
    .optional(),
  researchDirection: z.string().max(500).optional(),
  other: z.string().max(5000).optional(),
});
export type ChangeDiff = z.infer<typeof ChangeDiff>;
export const SubmitChangeInput = z.object({
  diff: ChangeDiff,
  reason: z.string().min(1).max(2000),
  /** What the requester calls it; the track is recomputed from the diff whatever this says (LAB-21). */
  kind: z.enum(CHANGE_KINDS).optional(),
  supplementaryAgreementFileId: z.string().max(200).nullish(),
});
export type SubmitChangeInput = z.infer<typeof SubmitChangeInput>;
export const DecideChangeInput = z.object({
  decision: z.enum(['approved', 'rejected']),
  reason: z.string().max(2000).default(''),
});
export const ChangeRequestView = z.object({
  id: z.string(),
  requestNo: z.string(),
  labId: z.string(),
  kinds: z.array(z.string()),
  claimedKind: z.string().nullable(),
  track: z.string(),
  diff: ChangeDiff,
  reason: z.string(),
  supplementaryAgreementFileId: z.string().nullable(),
  decision: z
    .object({ decision: z.string(), reason: z.string(), by: z.string().nullable(), at: z.string() })
    .nullable(),
  grantIds: z.array(z.string()),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  state: z.string(),
  version: z.number().int(),
});
export type ChangeRequestView = z.infer<typeof ChangeRequestView>;
export const ChangeRequestList = z.object({ items: z.array(ChangeRequestView) });
