import { z } from 'zod';
import type { JsonValue } from '../../kernel/db/schema.js';
import { PageQuery, pageOf } from '../../kernel/http/pagination.js';
import type { OpenEvidence } from './rules/publish.js';

/** DET-02 bank card (scheme IIN + length + Luhn): pure, shared with the sandbox's egress identifier scan (EGR-02). */
export { isBankCard } from './detection/cards.js';

/** catalog.md enums (closed sets; labels per profile live in the UI / profile). */
export const GRADES = ['general', 'important', 'core'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_RANK: Record<Grade, number> = { general: 0, important: 1, core: 2 };
export const DATA_TYPES = ['structured', 'semi_structured', 'unstructured', 'spatial', 'service'] as const;
export const OPEN_MODES = ['api', 'file', 'db_table', 'sandbox', 'model_or_verification'] as const;
export const FORMATS = ['csv', 'xlsx', 'json', 'xml', 'shp', 'pdf', 'parquet', 'other'] as const;
export const FREQUENCIES = [
  'realtime',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'yearly',
  'irregular',
  'static',
] as const;
export const SHARE_CLASSES = ['unconditional', 'conditional', 'not_shared'] as const;
export const OPEN_CLASSES = ['unconditional', 'conditional', 'not_open'] as const;
export const VALUE_TYPES = [
  'string',
  'integer',
  'decimal',
  'date',
  'datetime',
  'boolean',
  'geometry',
  'binary',
  'code',
] as const;
export const IDENTIFIER_KINDS = ['id_number', 'uscc', 'geocode'] as const;
export const SENSITIVE_CATEGORIES = [
  'biometric',
  'religion',
  'specific_identity',
  'medical_health',
  'financial_account',
  'whereabouts',
  'minor_under_14',
  'other',
] as const;
export const CATALOG_TYPES = ['shared', 'open', 'authorized_operation'] as const;
export const REGISTRATION_TYPES = ['first', 'change', 'correction', 'cancellation'] as const;
export const MATERIAL_KINDS = [
  'application',
  'resource_info',
  'compliance_statement',
  'authorization_basis',
  'other',
] as const;

export const FieldInput = z.object({
  code: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
  nameZh: z.string().min(1).max(100),
  description: z.string().max(1000).optional(),
  valueType: z.enum(VALUE_TYPES),
  codeTableRef: z.string().max(200).optional(),
  length: z.number().int().positive().optional(),
  nullable: z.boolean().default(true),
  isKey: z.boolean().default(false),
  identifierKind: z.enum(IDENTIFIER_KINDS).nullable().optional(),
  authoritativeUnitId: z.uuid().optional(),
  dataElementRef: z.string().max(200).optional(),
  fieldShareClass: z.enum(SHARE_CLASSES).optional(),
  fieldOpenClass: z.enum(OPEN_CLASSES).optional(),
});
export type FieldInput = z.infer<typeof FieldInput>;

const Quality = z.object({
  accuracy: z.number().min(0).max(100),
  consistency: z.number().min(0).max(100),
  completeness: z.number().min(0).max(100),
  conformity: z.number().min(0).max(100),
  timeliness: z.number().min(0).max(100),
  accessibility: z.number().min(0).max(100),
  overall: z.number().min(0).max(100).optional(),
  assessedAt: z.string().optional(),
  assessedBy: z.string().optional(),
});

export const ResourceInput = z.object({
  nameZh: z.string().min(1).max(100),
  summary: z.string().min(1).max(1000),
  keywords: z.array(z.string().min(1).max(50)).max(20).default([]),
  collectingUnitId: z.uuid().optional(),
  providingUnitId: z.uuid().optional(),
  domain: z.string().min(1).max(100),
  dataType: z.enum(DATA_TYPES),
  openMode: z.enum(OPEN_MODES).optional(),
  format: z.enum(FORMATS),
  updateFrequency: z.enum(FREQUENCIES),
  lastUpdatedAt: z.string().optional(),
  quality: Quality.optional(),
  spatialCoverage: z.array(z.string().regex(/^\d{6}$/)).default([]),
  temporalCoverage: z
    .object({ from: z.string(), to: z.string().optional(), ongoing: z.boolean().optional() })
    .optional(),
  standardIdentifiers: z.array(z.object({ fieldCode: z.string(), kind: z.enum(IDENTIFIER_KINDS) })).default([]),
  shareClass: z.enum(SHARE_CLASSES),
  shareConditions: z.string().max(2000).optional(),
  shareBasis: z.string().max(2000).optional(),
  openClass: z.enum(OPEN_CLASSES),
  openConditions: z.string().max(2000).optional(),
  openBasis: z.string().max(2000).optional(),
  /** OPN-02: evidence for leaving not_open (desensitization, declassification or right-holder consent). */
  openClassEvidence: z
    .object({
      kind: z.enum(['desensitization', 'declassification', 'right_holder_consent']),
      ref: z.string().min(1).max(500),
      sm3Hash: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional(),
    })
    .optional(),
  fields: z.array(FieldInput).max(2000).default([]),
});
export type ResourceInput = z.infer<typeof ResourceInput>;
export const ResourcePatch = ResourceInput.partial();
export type ResourcePatch = z.infer<typeof ResourcePatch>;

export const ClassificationInput = z.object({
  category: z.string().min(1).max(200),
  grade: z.enum(GRADES),
  personalInfo: z.boolean(),
  sensitivePersonalInfo: z.boolean(),
  sensitiveCategory: z.enum(SENSITIVE_CATEGORIES).optional(),
  importantCatalogRef: z.string().max(200).optional(),
  aggregationUplift: z.boolean().default(false),
  upliftReason: z.string().max(1000).optional(),
  basis: z.string().max(1000).optional(),
  /** Why a human overrode the suggestion (recorded with the decision). */
  overrideReason: z.string().max(1000).optional(),
});
export type ClassificationInput = z.infer<typeof ClassificationInput>;

export const DetectionReviewInput = z.object({
  decision: z.enum(['accept', 'reject']),
  reason: z.string().max(1000).optional(),
});

export const ResourceListQuery = PageQuery.extend({
  q: z.string().max(200).optional(),
  sourceUnitId: z.uuid().optional(),
  grade: z.enum(GRADES).optional(),
  openClass: z.enum(OPEN_CLASSES).optional(),
  registrationStatus: z.enum(['unregistered', 'in_progress', 'registered', 'cancelled']).optional(),
  state: z.string().max(30).optional(),
});
export type ResourceListQuery = z.infer<typeof ResourceListQuery>;

export const ReasonInput = z.object({ reason: z.string().min(1).max(2000) });
export const OptionalReasonInput = z.object({ reason: z.string().max(2000).optional() });

export const RegistrationInput = z.object({
  resourceId: z.uuid(),
  type: z.enum(REGISTRATION_TYPES).default('first'),
  materials: z
    .array(
      z.object({
        kind: z.enum(MATERIAL_KINDS),
        fileRef: z.string().min(1).max(500),
        sm3Hash: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .optional(),
      }),
    )
    .default([]),
  /** Powers of attorney when an agent files for the source unit (004:L32436). */
  declarations: z
    .object({ noStateSecrets: z.boolean(), lawfulAcquisition: z.boolean(), noOwnershipDispute: z.boolean() })
    .optional(),
});
export type RegistrationInput = z.infer<typeof RegistrationInput>;

export const RegistrationDecisionInput = z.object({
  reason: z.string().max(2000).optional(),
  deficiencies: z.array(z.string().min(1).max(500)).optional(),
});

export const ObjectionInput = z.object({
  kind: z.enum(['data_error', 'rights_infringement', 'registration_publicity', 'registration_post']),
  filerName: z.string().min(1).max(100),
  filerMobile: z.string().regex(/^1[3-9]\d{9}$/),
  description: z.string().min(1).max(2000),
  requestedAction: z.enum(['correct', 'supplement', 'delete', 'withdraw', 'suspend']).optional(),
  fieldIds: z.array(z.uuid()).max(100).default([]),
});
export type ObjectionInput = z.infer<typeof ObjectionInput>;

// OPN-03: opening is free, so a request carries no fee or price field (nor does any open download).
export const DataRequestInput = z.object({
  resourceId: z.uuid(),
  fieldIds: z.array(z.uuid()).min(1).max(500),
  scenario: z.string().min(1).max(1000),
  purpose: z.string().min(1).max(1000),
  dutyBasis: z.string().max(1000).optional(),
  accessMode: z.enum(['request_response', 'copy']).default('request_response'),
  commitmentAccepted: z.boolean().default(false),
  period: z.object({ from: z.string(), to: z.string() }).optional(),
});
export type DataRequestInput = z.infer<typeof DataRequestInput>;

export const IdParams = z.object({ id: z.uuid() });

/* jsonb columns the catalog writes itself, read back into their domain types (issue 13). */

/** data_resource.classification: the confirmed ClassificationInput plus who decided, when and how. */
export type ClassificationRecord = Partial<ClassificationInput> & {
  status?: string;
  method?: string;
  decidedBy?: string | null;
  decidedAt?: string;
};
/** Written only by the classification use case and the seed, from a ClassificationInput. */
export const readClassification = (v: JsonValue | null): ClassificationRecord =>
  (v && typeof v === 'object' && !Array.isArray(v) ? v : {}) as ClassificationRecord;

/** data_resource.standard_identifiers (CAT-05): which field carries which national identifier. */
export interface StandardIdentifier {
  fieldCode: string;
  kind: string;
}
/** Written from ResourceInput.standardIdentifiers, validated there. */
export const readStandardIdentifiers = (v: JsonValue): StandardIdentifier[] =>
  Array.isArray(v) ? (v as unknown as StandardIdentifier[]) : [];

/** data_resource.open_class_evidence (OPN-02), written from ResourceInput.openClassEvidence. */
export const readOpenEvidence = (v: JsonValue | null): OpenEvidence | null => v as unknown as OpenEvidence | null;

/** SHR-04: an approval or refusal of a share/open request, with its reason and legal basis. */
export const RequestDecisionInput = z.object({
  reason: z.string().max(2000).optional(),
  legalBasis: z.string().max(2000).optional(),
});

/* ───────────── Views: what each route answers (issue 13; presenters in present.ts) ───────────── */

/**
 * A jsonb value we wrote ourselves (clocks, decisions, bodies, diffs, quality): the shapes are
 * catalog.md's and are checked where they are written, so the view documents them as JSON.
 */
const Json = z.unknown();
/** Timestamps answer as ISO strings (style: never z.date(), which OpenAPI cannot describe). */
const Iso = z.string();

export const ClassificationView = z.object({
  status: z.string(),
  grade: z.string().nullable().optional(),
  category: z.string().nullable().optional(),
  personalInfo: z.boolean().optional(),
  sensitivePersonalInfo: z.boolean().optional(),
  sensitiveCategory: z.string().nullable().optional(),
  importantCatalogRef: z.string().nullable().optional(),
  aggregationUplift: z.boolean().optional(),
  upliftReason: z.string().nullable().optional(),
  basis: z.string().nullable().optional(),
  overrideReason: z.string().nullable().optional(),
  method: z.string().optional(),
  decidedBy: z.string().nullable().optional(),
  decidedAt: z.string().optional(),
});

export type ClassificationView = z.infer<typeof ClassificationView>;

export const FieldView = z.object({
  id: z.string(),
  seq: z.number().int(),
  code: z.string(),
  nameZh: z.string(),
  description: z.string().nullable(),
  valueType: z.string(),
  codeTableRef: z.string().nullable(),
  length: z.number().int().nullable(),
  nullable: z.boolean(),
  isKey: z.boolean(),
  identifierKind: z.string().nullable(),
  authoritativeUnitId: z.string().nullable(),
  dataElementRef: z.string().nullable(),
  fieldShareClass: z.string().nullable(),
  fieldOpenClass: z.string().nullable(),
  classification: ClassificationView,
  maskedExamples: z.array(z.string()),
  registered: z.boolean(),
});
export type FieldView = z.infer<typeof FieldView>;

/** A search result; `sourceUnitName` is the OPN-03 source attribution every listed entry carries. */
export const ResourceListItemView = z.object({
  id: z.string(),
  resourceCode: z.string(),
  nameZh: z.string(),
  summary: z.string(),
  keywords: z.array(z.string()),
  sourceUnitId: z.string(),
  sourceUnitName: z.string().nullable(),
  domain: z.string(),
  grade: z.string().nullable(),
  personalInfo: z.boolean(),
  sensitivePersonalInfo: z.boolean(),
  openClass: z.string(),
  shareClass: z.string(),
  registrationStatus: z.string(),
  registrationCode: z.string().nullable(),
  catalogTypes: z.array(z.string()),
  state: z.string(),
  version: z.number().int(),
  rank: z.number(),
  updatedAt: Iso.nullable(),
});
export type ResourceListItemView = z.infer<typeof ResourceListItemView>;

/** The search page, with the catalog's own buttons (create, Excel import) for this user. */
export const ResourcePageView = pageOf(ResourceListItemView).extend({
  abilities: z.object({ create: z.boolean(), import: z.boolean() }),
});

export const ResourceAbilitiesView = z.object({
  edit: z.boolean(),
  upload: z.boolean(),
  classify: z.boolean(),
  reopen: z.boolean(),
  publish: z.boolean(),
  returnForRevision: z.boolean(),
  suspend: z.boolean(),
  register: z.boolean(),
  reviewRegistration: z.boolean(),
});

export const DetectionView = z.object({
  id: z.string(),
  fieldId: z.string().nullable(),
  column: z.string(),
  detector: z.string(),
  sampleSize: z.number().int(),
  matches: z.number().int(),
  matchRatio: z.number(),
  checksumPassRatio: z.number().nullable(),
  headerKeywordHit: z.boolean(),
  confidence: z.number(),
  suggested: Json,
  maskedExamples: Json,
  status: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: Iso.nullable(),
  rejectReason: z.string().nullable(),
});

export const SnapshotView = z.object({
  id: z.string(),
  snapshotVersion: z.number().int(),
  sourceFormat: z.string(),
  sm3: z.string().nullable(),
  rows: z.number().nullable(),
  bytes: z.number().nullable(),
  columns: Json,
  uploadedBy: z.string().nullable(),
  uploadedAt: Iso.nullable(),
  status: z.string(),
  failure: z.string().nullable(),
});

/** A registration as its resource's page lists it; decision and deficiencies for insiders only. */
export const ResourceRegistrationItemView = z.object({
  id: z.string(),
  type: z.string(),
  state: z.string(),
  registrationCode: z.string().nullable(),
  clocks: Json,
  submittedAt: Iso.nullable(),
  decision: Json.optional(),
  deficiencies: Json.optional(),
  abilities: z.object({ resubmit: z.boolean() }),
});

export const ClassificationRecordView = z.object({
  id: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  grade: z.string(),
  category: z.string(),
  personalInfo: z.boolean(),
  sensitivePersonalInfo: z.boolean(),
  method: z.string(),
  basis: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: Iso.nullable(),
  status: z.string(),
});

/** One event of an object's history (LED-13: insiders only). */
export const HistoryItemView = z.object({
  id: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  version: z.number().int(),
  eventType: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  actor: Json,
  occurredAt: Iso.nullable(),
});

export const ResourceView = z.object({
  id: z.string(),
  resourceCode: z.string(),
  nameZh: z.string(),
  summary: z.string(),
  keywords: z.array(z.string()),
  sourceUnitId: z.string(),
  sourceUnitName: z.string(),
  jurisdictionId: z.string(),
  collectingUnitId: z.string().nullable(),
  providingUnitId: z.string().nullable(),
  domain: z.string(),
  dataType: z.string(),
  openMode: z.string().nullable(),
  format: z.string(),
  updateFrequency: z.string(),
  lastUpdatedAt: Iso.nullable(),
  quality: Json,
  volume: Json,
  spatialCoverage: z.array(z.string()),
  temporalCoverage: Json,
  standardIdentifiers: Json,
  shareClass: z.string(),
  shareConditions: z.string().nullable(),
  shareBasis: z.string().nullable(),
  openClass: z.string(),
  openConditions: z.string().nullable(),
  openBasis: z.string().nullable(),
  /** OPN-06: the deployment's words for the open class. */
  openClassLabel: z.string(),
  classification: ClassificationView,
  registrationStatus: z.string(),
  registrationCode: z.string().nullable(),
  catalogTypes: z.array(z.string()),
  state: z.string(),
  version: z.number().int(),
  createdAt: Iso.nullable(),
  updatedAt: Iso.nullable(),
  fields: z.array(FieldView),
  detections: z.array(DetectionView),
  snapshots: z.array(SnapshotView),
  registrations: z.array(ResourceRegistrationItemView),
  classificationHistory: z.array(ClassificationRecordView),
  history: z.array(HistoryItemView),
  abilities: ResourceAbilitiesView,
});
export type ResourceView = z.infer<typeof ResourceView>;

/** What a streamed upload answers (DataSnapshot stored; DET-01 suggestions counted). */
export const UploadView = z.object({
  snapshotId: z.string(),
  snapshotVersion: z.number().int(),
  rows: z.number(),
  columns: Json,
  detections: z.number().int(),
});

export const ImportResultView = z.object({
  created: z.number().int(),
  ids: z.array(z.string()),
  errors: z.array(z.object({ sheet: z.string(), row: z.number().int(), column: z.string(), code: z.string() })),
  /** The refused rows as an Excel workbook (base64), or null when every row passed. */
  errorWorkbook: z.string().nullable(),
});

export const RegistrationView = z.object({
  id: z.string(),
  type: z.string(),
  resourceId: z.string(),
  resourceName: z.string().nullable().optional(),
  resourceVersion: z.number().int(),
  registrantOrgId: z.string(),
  registryOrgId: z.string().nullable(),
  previousRegistrationId: z.string().nullable(),
  materials: Json,
  publicSummary: Json,
  clocks: Json,
  registrationCode: z.string().nullable(),
  decision: Json,
  deficiencies: Json,
  submittedAt: Iso.nullable(),
  state: z.string(),
  version: z.number().int(),
  updatedAt: Iso.nullable(),
});
export type RegistrationView = z.infer<typeof RegistrationView>;

/** The registry reviewer's dossier: the filing frozen at submission (no samples). */
export const DossierView = z.object({
  resource: z.object({
    resourceCode: z.string(),
    nameZh: z.string(),
    summary: z.string(),
    keywords: z.array(z.string()),
    sourceUnitName: z.string().nullable().optional(),
    domain: z.string(),
    dataType: z.string(),
    openMode: z.string().nullable(),
    format: z.string(),
    updateFrequency: z.string(),
    shareClass: z.string(),
    shareConditions: z.string().nullable(),
    shareBasis: z.string().nullable(),
    openClass: z.string(),
    openConditions: z.string().nullable(),
    openBasis: z.string().nullable(),
    grade: z.string().nullable(),
    category: z.string().nullable(),
    personalInfo: z.boolean(),
    sensitivePersonalInfo: z.boolean(),
    spatialCoverage: z.array(z.string()),
    temporalCoverage: Json,
    volume: Json,
    version: z.number().int(),
  }),
  fields: z.array(
    z.object({
      id: z.string(),
      seq: z.number().int(),
      code: z.string(),
      nameZh: z.string(),
      valueType: z.string(),
      identifierKind: z.string().nullable(),
      grade: z.string().nullable(),
      category: z.string().nullable(),
      personalInfo: z.boolean(),
      sensitivePersonalInfo: z.boolean(),
      sensitiveCategory: z.string().nullable(),
      classificationStatus: z.string(),
    }),
  ),
  snapshot: z.object({ version: z.number().int(), sm3: z.string().nullable(), rows: z.number().nullable() }).nullable(),
});

export const RegistrationDetailView = RegistrationView.extend({
  dossier: DossierView.nullable(),
  abilities: z.object({
    accept: z.boolean(),
    notAccept: z.boolean(),
    return: z.boolean(),
    startReview: z.boolean(),
    postPublicity: z.boolean(),
    reject: z.boolean(),
  }),
  objections: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      state: z.string(),
      description: z.string(),
      dueAt: Iso.nullable(),
      createdAt: Iso,
    }),
  ),
  /** The registration's events, as stored (snake_case: the registry desk's audit trail). */
  history: z.array(
    z.object({
      id: z.string(),
      object_type: z.string(),
      object_id: z.string(),
      object_version: z.number().int(),
      event_type: z.string(),
      action: z.string(),
      from_state: z.string().nullable(),
      to_state: z.string().nullable(),
      actor: Json,
      occurred_at: Iso,
      rule_results: Json,
    }),
  ),
});

export const RegistrationPageView = pageOf(RegistrationView);

/** Public publicity page (REG-05): only the public summary, state, code and window. */
export const PublicRegistrationView = z.object({
  id: z.string(),
  type: z.string(),
  state: z.string(),
  stateZh: z.string(),
  registrationCode: z.string().nullable(),
  summary: Json,
  publicityStart: z.string().nullable(),
  publicityEnd: z.string().nullable(),
  updatedAt: Iso,
});

export const PublicRegistrationPageView = pageOf(PublicRegistrationView);

/** A filed objection: its id and where it went (received, or the unit's verifying step). */
export const ObjectionFiledView = z.object({ id: z.string(), state: z.string() });

/** One entry of a shared / open / authorized-operation catalog (OPN-03 attribution included). */
export const CatalogEntryView = z.object({
  catalogType: z.string(),
  jurisdictionId: z.string(),
  resourceId: z.string(),
  resourceCode: z.string(),
  nameZh: z.string(),
  summary: z.string(),
  sourceUnitName: z.string(),
  attribution: z.string(),
  resourceVersion: z.number().int(),
  conditions: z.string().nullable(),
  openClass: z.string(),
  openClassLabel: z.string(),
  shareClass: z.string(),
  registrationCode: z.string().nullable(),
  fieldNames: z.array(z.string()),
  addedAt: Iso,
});

export const ChangeRequestItemView = z.object({
  id: z.string(),
  type: z.string(),
  state: z.string(),
  catalog_type: z.string(),
  reason: z.string().nullable(),
  diff: Json,
  created_at: Iso,
  resource_name: z.string(),
  target_resource_id: z.string(),
  abilities: z.object({ consent: z.boolean(), refuse: z.boolean(), apply: z.boolean() }),
});

export const DataRequestItemView = z.object({
  id: z.string(),
  kind: z.string(),
  requesterOrgId: z.string(),
  requesterName: z.string().nullable(),
  resourceId: z.string(),
  resourceName: z.string(),
  fieldIds: z.array(z.string()),
  body: Json,
  approverModel: z.string().nullable(),
  clocks: Json,
  decision: Json,
  overdue: z.boolean(),
  state: z.string(),
  version: z.number().int(),
  abilities: z.object({ decide: z.boolean() }),
});

export const ResourceObjectionView = z.object({
  id: z.string(),
  kind: z.string(),
  resourceId: z.string(),
  fieldIds: z.array(z.string()),
  description: z.string(),
  requestedAction: z.string().nullable(),
  state: z.string(),
  answer: Json,
  dueAt: Iso.nullable(),
  /** OBJ-02: unanswered past its working-day due date. */
  overdue: z.boolean(),
  createdAt: Iso,
});

export const CatalogTaskView = z.object({
  id: z.string(),
  kind: z.string(),
  ruleId: z.string(),
  assigneeOrgId: z.string(),
  resourceId: z.string().nullable(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  details: Json,
  dueAt: Iso.nullable(),
  overdue: z.boolean(),
  state: z.string(),
  version: z.number().int(),
});

/** A page without a total (the unit's objection and task inboxes never counted theirs). */
export function listOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), page: z.number().int(), pageSize: z.number().int() });
}

/** What an uploaded registration material answers: the reference to cite in the filing. */
export const MaterialUploadView = z.object({
  fileRef: z.string(),
  sm3Hash: z.string(),
  bytes: z.number().int(),
  name: z.string(),
});
