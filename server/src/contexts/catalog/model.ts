import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';

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
