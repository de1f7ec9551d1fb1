import { z } from 'zod';

/** Rights registration, objections and certificates (rights-assets.md; issue 17). */

export const REG_TYPES = [
  'first',
  'license',
  'pledge',
  'transfer',
  'change',
  'objection',
  'renewal',
  'cancellation',
  'revocation',
  'supplement',
  'trade',
  'trust',
] as const;
export const RegType = z.enum(REG_TYPES);
export type RegType = z.infer<typeof RegType>;

export const RightType = z.enum(['resource_holding', 'processing_use', 'product_operation', 'data_ip']);
export type RightType = z.infer<typeof RightType>;

export const SubjectKind = z.enum([
  'data_resource',
  'data_product',
  'data_element',
  'algorithm_model',
  'compute_resource',
  'data_ip',
]);

export const CertificateKind = z.enum([
  'registration',
  'license',
  'transaction',
  'usufruct',
  'trust',
  'objection_proof',
  'cancellation_proof',
  'lab_plaque',
]);
export type CertificateKind = z.infer<typeof CertificateKind>;

export const CERT_STATUSES = ['valid', 'expired', 'revoked', 'cancelled', 'superseded'] as const;
export const CertificateStatus = z.enum(CERT_STATUSES);
export type CertificateStatus = z.infer<typeof CertificateStatus>;

/** RA-04 refusal grounds (`reg.refusalGrounds`). */
export const RefusalGround = z.enum([
  'core_data',
  'state_secret',
  'unlawful_acquisition',
  'missing_source_authorization',
  'ownership_dispute',
  'prohibited_trade',
  'prohibited_content',
]);

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** What is registered (004:L13789–13795; L6839–6854; L23016–23022). */
export const ObjectInfo = z.object({
  name: z.string().min(1).max(200),
  version: z.string().max(50).default('1.0'),
  form: z.string().max(100).default('dataset'),
  source: z.enum(['original', 'collected', 'traded', 'authorized', 'other']),
  acquisitionMethod: z.string().max(500).default(''),
  scale: z.string().max(200).optional(),
  industry: z.string().max(100).optional(),
  region: z.string().max(200).optional(),
  timeSpan: z.string().max(200).optional(),
  updateCycle: z.enum(['realtime', 'daily', 'monthly', 'custom']).default('monthly'),
  scenarios: z.array(z.string().max(200)).max(50).default([]),
  scope: z.string().max(500).default(''),
  grade: z.enum(['general', 'important', 'core']).default('general'),
  /** Declared facts the RA-04 check reads (the registry may also reject on them). */
  declaredGrounds: z.array(RefusalGround).max(10).default([]),
  /** Guizhou: the authorization agreement's end caps validity (004:L32479–32481). */
  agreementEnd: Day.optional(),
  /** The platform's data product this registration covers, when it is one: an exchange e-contract on that product
   *  finds its base registration through it (RA-08). */
  productId: z.string().uuid().optional(),
});
export type ObjectInfo = z.infer<typeof ObjectInfo>;

export const EvidenceFile = z.object({
  name: z.string().min(1).max(200),
  kind: z.string().max(50).default('other'),
  sm3: z.string().regex(/^[0-9a-f]{64}$/),
});
export type EvidenceFile = z.infer<typeof EvidenceFile>;

export const EquityShare = z.object({ orgId: z.string().uuid(), pct: z.number().min(0).max(100) });
export type EquityShare = z.infer<typeof EquityShare>;

export const PartyTerms = z.object({
  rights: z.string().max(500).default(''),
  securedClaim: z.string().max(500).optional(),
  term: z.string().max(200).optional(),
  restrictions: z.string().max(500).optional(),
});

export const Duration = z.object({ days: z.number().int().min(0), unit: z.enum(['WD', 'CD']) });
export type Duration = z.infer<typeof Duration>;

/** The clocks a registration keeps (rights-assets.md "Deadlines and clocks"); ISO instants. */
export const RegistrationClocks = z.object({
  acceptanceDueAt: z.string().optional(),
  reviewDueAt: z.string().optional(),
  reviewPausedAt: z.string().optional(),
  correctionDueAt: z.string().optional(),
  publicityStart: z.string().optional(),
  publicityEnd: z.string().optional(),
  failureNoticeDueAt: z.string().optional(),
});
export type RegistrationClocks = z.infer<typeof RegistrationClocks>;

// ---------- inputs ----------

export const IdParams = z.object({ id: z.string().uuid() });
export const NumberParams = z.object({ number: z.string().min(1).max(100) });

export const ApplyInput = z.object({
  profile: z.string().min(1).max(50),
  regType: RegType,
  rightType: RightType,
  subjectKind: SubjectKind,
  registryOrgId: z.string().uuid(),
  holderOrgId: z.string().uuid(),
  counterpartyOrgId: z.string().uuid().optional(),
  baseRegistrationId: z.string().uuid().optional(),
  procedure: z.enum(['ordinary', 'simple']).default('ordinary'),
  objectInfo: ObjectInfo,
  licenseInfo: PartyTerms.optional(),
  pledgeInfo: PartyTerms.optional(),
  equityShares: z.array(EquityShare).max(50).default([]),
  evidence: z.array(EvidenceFile).max(100).default([]),
  contentAgreed: z.boolean().default(false),
  exchangeTradeRef: z.string().max(100).optional(),
  /** Contract date of a trade, pledge, licence or transfer: starts the filing clock (RA-11). */
  contractDate: Day.optional(),
});
export type ApplyInput = z.infer<typeof ApplyInput>;

export const SubmitInput = z.object({
  /** RA-12: a disposal during an accepted objection needs the applicant's self-risk undertaking. */
  selfRiskUndertaking: EvidenceFile.optional(),
});

export const ReasonInput = z.object({ reason: z.string().min(2).max(1000) });
export const RejectInput = z.object({
  reason: z.string().min(2).max(1000),
  grounds: z.array(RefusalGround).default([]),
});
export const CorrectionInput = z.object({ defects: z.array(z.string().min(1).max(500)).min(1).max(50) });
export const ResubmitInput = z.object({ evidence: z.array(EvidenceFile).max(100).default([]) });
export const CommissionInput = z.object({ evaluatorOrgId: z.string().uuid() });
export const ReportInput = z.object({
  passed: z.boolean(),
  /** RA-06: the substantive checks the evaluator confirms (Dali lists seven, `reg.substantiveChecks`). */
  checks: z.array(z.string().min(1).max(50)).max(20).default([]),
  summary: z.string().min(2).max(4000),
  reportSm3: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ReportInput = z.infer<typeof ReportInput>;

export const ObjectionInput = z.object({
  grounds: z.string().min(4).max(2000),
  evidence: z.array(EvidenceFile).max(50).default([]),
  /** RA-12 (Shenzhen): post-registration objections only after the holder refused to change or cancel. */
  holderRefused: z.boolean().default(false),
});
export type ObjectionInput = z.infer<typeof ObjectionInput>;
export const ReferInput = z.object({ courtFilingRef: z.string().min(2).max(200) });

export const RegistrationListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  state: z.string().max(40).optional(),
  role: z.enum(['mine', 'registry', 'evaluator']).default('mine'),
});

// ---------- views ----------

export const RegistrationView = z.object({
  id: z.string(),
  registrationNo: z.string(),
  profile: z.string(),
  regType: z.string(),
  rightType: z.string(),
  subjectKind: z.string(),
  baseRegistrationId: z.string().nullable(),
  registryOrgId: z.string(),
  applicantOrgId: z.string(),
  holderOrgId: z.string(),
  /** The applicant's and holder's names, public on the certificate anyway (null: organization unknown). */
  applicantName: z.string().nullable(),
  holderName: z.string().nullable(),
  counterpartyOrgId: z.string().nullable(),
  evaluatorOrgId: z.string().nullable(),
  procedure: z.string(),
  objectInfo: ObjectInfo,
  equityShares: z.array(EquityShare),
  evidence: z.array(EvidenceFile),
  contractDate: z.string().nullable(),
  filingDueAt: z.string().nullable(),
  /** RA-11: a trade, pledge or licence not filed within its working days. */
  filingOverdue: z.boolean(),
  clocks: RegistrationClocks,
  reviewReport: z.object({ passed: z.boolean(), summary: z.string(), evaluatorOrgId: z.string() }).nullable(),
  decision: z.object({ reason: z.string().optional(), defects: z.array(z.string()).optional() }).nullable(),
  state: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  /** The certificate this registration issued (detail view only). */
  certificateNo: z.string().nullable().optional(),
});
export type RegistrationView = z.infer<typeof RegistrationView>;

export const ObjectionView = z.object({
  id: z.string(),
  registrationId: z.string(),
  objectorName: z.string(),
  phase: z.string(),
  grounds: z.string(),
  acceptedAt: z.string().nullable(),
  resolveDueAt: z.string().nullable(),
  courtFilingRef: z.string().nullable(),
  outcome: z.string().nullable(),
  state: z.string(),
  version: z.number().int(),
  /** RA-12: the written notice a disposal applicant receives while the objection stands. */
  notice: z.string().optional(),
});
export type ObjectionView = z.infer<typeof ObjectionView>;

/** The signed content of a certificate (RA-21); signature and digest are over its RFC 8785 form. */
export const CertificateContent = z.object({
  certNo: z.string(),
  kind: CertificateKind.exclude(['lab_plaque']),
  registry: z.object({ orgId: z.string(), name: z.string() }),
  registrationNo: z.string(),
  issuedAt: z.string(),
  holder: z.object({ orgId: z.string(), name: z.string(), uscc: z.string() }),
  data: z.object({ name: z.string(), version: z.string(), type: z.string() }),
  rightType: z.string(),
  acquisition: z.string(),
  source: z.string(),
  updateCycle: z.string(),
  scenarios: z.array(z.string()),
  scope: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  profile: z.string(),
  supersedes: z.string().nullable(),
});
export type CertificateContent = z.infer<typeof CertificateContent>;

/**
 * The signed content of a lab plaque (labs.md "Certificate … kind `lab_plaque`"): lab name, labNo,
 * initiator, partner, domain, certifiedAt, validTo; issued by the authority on the registry machinery.
 */
export const LabPlaqueContent = z.object({
  certNo: z.string(),
  kind: z.literal('lab_plaque'),
  registry: z.object({ orgId: z.string(), name: z.string() }),
  issuedAt: z.string(),
  holder: z.object({ orgId: z.string(), name: z.string(), uscc: z.string() }),
  lab: z.object({
    labId: z.string(),
    labNo: z.string(),
    name: z.string(),
    initiator: z.string(),
    partner: z.string(),
    domain: z.string(),
    certifiedAt: z.string(),
  }),
  validFrom: z.string(),
  validTo: z.string(),
  profile: z.string(),
  supersedes: z.string().nullable(),
});
export type LabPlaqueContent = z.infer<typeof LabPlaqueContent>;

/**
 * Any signed content. The plaque comes first: its literal kind never matches a registration
 * certificate, and a view must keep every signed key (undeclared keys are dropped and would break the digest).
 */
export const SignedContent = z.union([LabPlaqueContent, CertificateContent]);
export type SignedContent = z.infer<typeof SignedContent>;

/** One leaf of a registry log (RA-22): the certificate's issue or a later event on it. */
export const LogLeaf = z.object({
  type: z.literal('shuyun.certificate-event'),
  certNo: z.string(),
  event: z.string(),
  at: z.string(),
  contentDigest: z.string().optional(),
  signature: z.string().optional(),
  status: CertificateStatus.optional(),
  detail: z.record(z.string(), z.string()).optional(),
});
export type LogLeaf = z.infer<typeof LogLeaf>;

export const Encumbrance = z.object({ type: z.string(), party: z.string(), date: z.string(), regId: z.string() });
export const ObjectionNote = z.object({ objectionId: z.string(), date: z.string(), removed: z.boolean() });

export const CertificateView = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.string(),
  registrationId: z.string().nullable(),
  holderOrgId: z.string(),
  holder: z.string(),
  status: CertificateStatus,
  validFrom: z.string(),
  validTo: z.string(),
  contentDigest: z.string(),
  keyId: z.string(),
  logId: z.string(),
  logIndex: z.number().int(),
  content: SignedContent,
  encumbrances: z.array(Encumbrance),
  objectionNotes: z.array(ObjectionNote),
});
export type CertificateView = z.infer<typeof CertificateView>;

export const PublicCertificateItem = z.object({
  number: z.string(),
  kind: z.string(),
  holder: z.string(),
  status: CertificateStatus,
  validTo: z.string(),
  registry: z.string(),
});
export type PublicCertificateItem = z.infer<typeof PublicCertificateItem>;

const ProvenLeaf = z.object({ leafIndex: z.number().int(), leaf: LogLeaf, inclusionProof: z.array(z.string()) });

/** The offline bundle (RA-23; issue 17 fixed shape): verifiable with the registry key alone. */
export const CertificateBundle = z.object({
  kind: z.literal('shuyun.certificate-bundle'),
  certificate: SignedContent,
  signature: z.object({ alg: z.literal('SM2-SM3'), keyId: z.string(), value: z.string() }),
  publicKeyPem: z.string(),
  log: z.object({
    origin: z.string(),
    leafIndex: z.number().int(),
    leaf: LogLeaf,
    inclusionProof: z.array(z.string()),
    checkpoint: z.string(),
    /** Later events on the certificate (status, encumbrance, objection note), each proven. */
    events: z.array(ProvenLeaf),
  }),
  status: z.object({ value: CertificateStatus, asOf: z.string(), note: z.string() }),
  encumbrances: z.array(Encumbrance),
  objectionNotes: z.array(ObjectionNote),
});
export type CertificateBundle = z.infer<typeof CertificateBundle>;

export const VerifyInput = z.object({ bundle: z.unknown() });
export const VerifyView = z.object({
  ok: z.boolean(),
  result: z.enum(['通过', '不通过']),
  status: z.string().nullable(),
  statusAsOf: z.string().nullable(),
  checks: z.array(z.object({ ok: z.boolean(), zh: z.string(), en: z.string() })),
});
export type VerifyView = z.infer<typeof VerifyView>;

export const RegistryKeyView = z.object({
  registryOrgId: z.string(),
  registry: z.string(),
  keyName: z.string(),
  keyId: z.string(),
  algorithm: z.literal('SM2-SM3'),
  publicKeyPem: z.string(),
  logOrigin: z.string(),
});
export type RegistryKeyView = z.infer<typeof RegistryKeyView>;

export const CheckpointView = z.object({ origin: z.string(), treeSize: z.number().int(), checkpoint: z.string() });

export const DecideInput = z.object({ outcome: z.enum(['pass', 'fail']), reason: z.string().max(1000).optional() });
export const RevokeInput = z.object({ ground: z.string().min(1).max(50), reason: z.string().min(2).max(1000) });

// ---------- valuation (RA-29, RA-31, RA-33) ----------

export const ValuationInput = z.object({
  clientOrgId: z.string().uuid(),
  /** The client's asset card this valuation belongs to (its valuation history). */
  dataAssetId: z.string().uuid().optional(),
  clientIsSoe: z.boolean().default(false),
  assetName: z.string().min(1).max(200),
  stage: z.enum(['quality_evaluation', 'value_appraisal']).default('value_appraisal'),
  purpose: z.string().min(1).max(500),
  baseDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  methods: z
    .array(z.enum(['income', 'cost', 'market']))
    .min(1)
    .max(3),
  conclusionFen: z.number().int().positive().optional(),
  conclusionRange: z.object({ lowFen: z.number().int().positive(), highFen: z.number().int().positive() }).optional(),
});
export const SignInput = z.object({ name: z.string().min(1).max(100), attestsNoPresetValue: z.literal(true) });
export const ValuationReportInput = z.object({
  reconciliationNote: z.string().max(4000).optional(),
  approvalFiling: z.string().max(200).optional(),
});
export const PriceCheckInput = z.object({
  direction: z.enum(['sale', 'contribution', 'purchase']),
  priceFen: z.number().int().positive(),
  /** RA-33: the approving unit's written consent, stored as a file (its SM3). */
  approvingUnitConsent: EvidenceFile.optional(),
});
export const ValuationView = z.object({
  id: z.string(),
  assetName: z.string(),
  clientOrgId: z.string(),
  clientIsSoe: z.boolean(),
  stage: z.string(),
  purpose: z.string(),
  baseDate: z.string(),
  validUntil: z.string().nullable(),
  methods: z.array(z.string()),
  professionals: z.array(z.object({ name: z.string(), signed: z.boolean(), attestsNoPresetValue: z.boolean() })),
  conclusionFen: z.number().nullable(),
  conclusionRange: z.object({ lowFen: z.number(), highFen: z.number() }).nullable(),
  dataAssetId: z.string().nullable(),
  state: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type ValuationView = z.infer<typeof ValuationView>;

// ---------- data assets (RA-25, RA-34, RA-35, RA-37) ----------

const Block = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]));
export const DataAssetInput = z.object({
  name: z.string().min(1).max(200),
  isPublicDataAsset: z.boolean().default(false),
  /** RA-25: the four blocks (004:L3072–3074). */
  basic: Block,
  rights: Block,
  usage: Block,
  management: Block,
});
export const Recognition = z.object({
  pastTransactionOrEvent: z.boolean(),
  ownedOrControlled: z.boolean(),
  expectedInflow: z.boolean(),
  reliableMeasurement: z.boolean(),
});
export const AcquisitionMode = z.enum(['purchased', 'self_developed', 'self_processed', 'other']);
export const ClassifyInput = z.object({
  /** How the asset was acquired: the disclosure tables' columns (intangible 外购/自行开发/其他; inventory 外购/自行加工/其他). */
  acquisitionMode: AcquisitionMode.optional(),
  facts: z.object({
    lawfullyOwnedOrControlled: z.boolean(),
    expectedBenefit: z.boolean(),
    holding: z.enum(['for_sale', 'internal_rd', 'own_use', 'other']),
    meetsCas1: z.boolean().default(false),
    rdPhase: z.enum(['research', 'development']).optional(),
    meetsCas6Art9: z.boolean().default(false),
    readyForUse: z.boolean().default(false),
    meetsCas6: z.boolean().default(false),
  }),
  costs: z
    .array(
      z.object({
        incurredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        amountFen: z.number().int().nonnegative(),
        component: z.string().max(100),
        expensed: z.boolean().default(false),
        capitalize: z.boolean().default(true),
        rdPhase: z.enum(['research', 'development']).optional(),
      }),
    )
    .max(500)
    .default([]),
});
// ---------- asset register (RA-26, RA-27, RA-28, RA-30, RA-36) ----------

/** RA-26: an authorization mark (授权标记) for a Grant of processing-use or product-operation rights. */
export const AuthorizationMark = z.object({
  rightType: z.enum(['processing_use', 'product_operation']),
  grantee: z.string().min(1).max(200),
  grantRef: z.string().min(1).max(100),
  date: Day,
});
export type AuthorizationMark = z.infer<typeof AuthorizationMark>;
export const MarkInput = z.object({
  rightType: z.string().max(40),
  grantee: z.string().min(1).max(200),
  grantRef: z.string().min(1).max(100),
  date: Day,
});
/** RA-27: the usage of an authorized public data asset, refreshed on the card. */
export const UsageInput = z.object({ usage: Block });
/** RA-28: a pledge or an equity contribution of the asset. */
export const AssetEncumbrance = z.object({
  type: z.enum(['pledge', 'equity_contribution']),
  party: z.string().min(1).max(200),
  date: Day,
});
export type AssetEncumbrance = z.infer<typeof AssetEncumbrance>;
/** RA-30: approval, then security and desensitization processing, then logged destruction. */
export const DestroyInput = z.object({
  approvalRef: z.string().max(200).default(''),
  securityProcessed: z.boolean().default(false),
  desensitized: z.boolean().default(false),
  method: z.string().min(1).max(500),
  outsourced: z.boolean().default(false),
  confidentialityContract: EvidenceFile.optional(),
});
export const DestructionRecord = DestroyInput.extend({ destroyedAt: z.string() });

const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');
export const DataAssetListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  bookStatus: z.enum(['candidate', 'memo_book', 'carded', 'destroyed']).optional(),
  accountingClass: z.string().max(40).optional(),
  isPublicDataAsset: Bool.optional(),
  q: z.string().max(100).optional(),
});
export type DataAssetListQuery = z.infer<typeof DataAssetListQuery>;
export const ValuationListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  dataAssetId: z.string().uuid().optional(),
});
export const DisclosureQuery = z.object({ year: z.coerce.number().int().min(2024).max(2100) });

export const DataAssetView = z.object({
  id: z.string(),
  name: z.string(),
  holderOrgId: z.string(),
  isPublicDataAsset: z.boolean(),
  bookStatus: z.string(),
  basic: Block,
  rights: Block,
  usage: Block,
  management: Block,
  accounting: z
    .object({
      class: z.string(),
      acquisitionMode: AcquisitionMode.optional(),
      capitalizedFen: z.number(),
      expensedFen: z.number(),
      costs: z
        .array(
          z.object({
            incurredOn: z.string(),
            amountFen: z.number(),
            component: z.string(),
            expensed: z.boolean(),
            capitalize: z.boolean(),
            rdPhase: z.string().optional(),
          }),
        )
        .default([]),
    })
    .nullable(),
  /** Book value in fen: capitalized cost; an authorization mark never reduces it (RA-26). */
  bookValueFen: z.number(),
  marks: z.array(AuthorizationMark),
  encumbrances: z.array(AssetEncumbrance),
  destruction: DestructionRecord.nullable(),
  usageSyncedAt: z.string().nullable(),
  /** RA-27: a public data asset's usage not refreshed within `asset.usageSyncDays`. */
  usageStale: z.boolean(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type DataAssetView = z.infer<typeof DataAssetView>;

/** RA-20: one line of a registry's fee schedule (收费项目和标准), in integer fen. */
export const FeeLine = z.object({
  item: z.string().trim().min(1).max(200),
  unit: z.string().trim().min(1).max(50),
  amountFen: z.number().int().min(0).max(1_000_000_000),
});
export type FeeLine = z.infer<typeof FeeLine>;

/** RA-20: a new version of a registry's business rules and fees, drafted under the registry's profile. */
export const RulebookInput = z.object({
  profile: z.string().min(1).max(50),
  title: z.string().trim().min(1).max(200),
  summary: z.string().trim().min(1).max(2000),
  rulesText: z.string().max(100_000),
  feeLines: z.array(FeeLine).max(200),
});
export const RulebookFileInput = z.object({ authorityOrgId: z.string().uuid() });
export const RulebookDecisionInput = z.object({ note: z.string().trim().max(2000).optional() });
export const RulebookListQuery = z.object({ registryOrgId: z.string().uuid().optional() });

export const RulebookView = z.object({
  id: z.string(),
  registryOrgId: z.string(),
  profile: z.string(),
  versionNo: z.number(),
  title: z.string(),
  summary: z.string(),
  rulesText: z.string(),
  feeLines: z.array(FeeLine),
  /** RA-20: `file` (备案) or `approve` (同意), from the profile. */
  changeRoute: z.string(),
  authorityOrgId: z.string().nullable(),
  filedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  publishedAt: z.string().nullable(),
  state: z.string(),
  version: z.number(),
});
export type RulebookView = z.infer<typeof RulebookView>;

/** RA-08: the materials a registration asks for, less what the sharing/open platforms (the catalog) publish. */
export const MaterialsQuery = z.object({ catalogResourceId: z.string().uuid().optional() });
export const MaterialsChecklistView = z.object({
  request: z.array(z.string()),
  fromPlatform: z.array(z.string()),
  platforms: z.array(z.string()),
  resource: z.object({ id: z.string(), name: z.string(), registrationCode: z.string().nullable() }).nullable(),
});
