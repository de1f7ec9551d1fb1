import { z } from 'zod';
import { WatermarkView } from './results/model.js';

// Request schemas of the sandbox API (sandbox.md "API resources").
export const CreateWorkspaceInput = z.object({ grantId: z.uuid(), seats: z.array(z.uuid()).max(50).optional() });
export const SubmitJobInput = z.object({
  sql: z.string().min(1).max(262144),
  mode: z.enum(['interactive', 'batch']).optional(),
});
export const EgressRequestInput = z.object({
  workspaceId: z.uuid(),
  sourceJobId: z.uuid(),
  outputKind: z.enum(['aggregate_table', 'chart', 'report_document', 'model_file', 'api_template', 'record_list']),
  declaredUse: z.enum([
    'client_delivery',
    'product_release',
    'own_analysis',
    'patent_filing',
    'exclusive_publication',
    'other',
  ]),
  recipientOrgId: z.uuid().optional(),
  justification: z.string().min(1).max(4000),
});
export const ReviewInput = z.object({ decision: z.enum(['approve', 'deny', 'return']), reason: z.string().max(2000) });
export const EgressListQuery = z.object({
  state: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const IdParam = z.object({ id: z.uuid() });
/** EGR-10: the released table as .xlsx (default) or as UTF-8 CSV with a BOM. */
export const DownloadQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') });
export const JobParam = z.object({ id: z.uuid(), jobId: z.uuid() });

/** SVC-01 template spec: structured, never free SQL from the caller (SVC-03). */
export const VerifyParam = z.object({
  name: z.string().min(1).max(64),
  field: z.string().min(1).max(128),
  type: z.enum(['uscc', 'id_number', 'text']),
  maxLength: z.number().int().min(1).max(500).optional(),
});
export const ServiceSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('verification'), view: z.string().min(1), params: z.array(VerifyParam).min(1).max(5) }),
  z.object({
    kind: z.literal('statistics'),
    view: z.string().min(1),
    groupBy: z.array(z.string().min(1)).min(1).max(3),
    filterParam: VerifyParam.optional(),
  }),
]);
export type ServiceSpec = z.infer<typeof ServiceSpec>;
export const ProposeServiceInput = z.object({
  workspaceId: z.uuid(),
  nameZh: z.string().min(1).max(200),
  spec: ServiceSpec,
});
export const CallInput = z.record(z.string().max(64), z.union([z.string().max(500), z.number()]));

// ---- Response views (issue 13): every answer is serialized through one of these; timestamps are ISO strings ----

/** A rule failure with its catalog messages (jobs and egress requests). */
export const FailureView = z.object({
  ruleId: z.string(),
  code: z.string(),
  params: z.record(z.string(), z.unknown()),
  message: z.string(),
  message_en: z.string(),
});

export const SeatView = z.object({ userId: z.string(), addedAt: z.string(), ndaSignedAt: z.string().nullable() });

/** A masked view mounted in a Workspace (SBX-04): its fields and how each is masked, never its file. */
export const MountedViewView = z.object({
  name: z.string(),
  dataResourceId: z.string(),
  snapshotVersion: z.number().nullable(),
  refreshedAt: z.string(),
  fields: z.array(
    z.object({
      name: z.string(),
      code: z.string(),
      grade: z.string(),
      personalInfo: z.boolean(),
      directIdentifier: z.boolean(),
      method: z.string(),
    }),
  ),
});

export const WorkspaceView = z.object({
  id: z.string(),
  state: z.string(),
  status: z.string(),
  version: z.number().int(),
  nameZh: z.string(),
  holderOrgId: z.string(),
  grantId: z.string(),
  grantNo: z.string().nullable(),
  grantVersion: z.number().int(),
  seats: z.array(SeatView),
  limits: z.record(z.string(), z.number()),
  createdAt: z.string(),
  views: z.array(MountedViewView),
  /** SBX-14: what the purge deleted (set once the Workspace is destroyed). */
  destruction: z.unknown().nullable(),
});
export type WorkspaceView = z.infer<typeof WorkspaceView>;
/** GET /workspaces answers the visible Workspaces, unpaged. */
export const WorkspaceListView = z.object({ items: z.array(WorkspaceView) });

export const JobView = z.object({
  id: z.string(),
  status: z.string(),
  workspaceId: z.string(),
  userId: z.string().nullable(),
  kind: z.string(),
  mode: z.string(),
  sqlText: z.string(),
  sqlSm3: z.string(),
  rejectCode: z.string().nullable(),
  limit: z.string().nullable(),
  failures: z.array(FailureView),
  viewVersions: z.unknown(),
  engineVersion: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  rowsOut: z.number().nullable(),
  resultTable: z.string().nullable(),
  resultSm3: z.string().nullable(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })).nullable(),
  createdAt: z.string(),
});
export type JobView = z.infer<typeof JobView>;

/** GET /workspaces/{id}/jobs/{jobId}/preview: the viewer's first page, with the reader's watermark (SBX-10). */
export const JobPreviewView = z.object({
  columns: z.array(z.object({ name: z.string(), type: z.string() })).nullable(),
  rows: z.array(z.array(z.unknown())),
  watermark: WatermarkView,
});

export const EgressReviewView = z.object({
  reviewerId: z.string().nullable().optional(),
  reviewerOrgId: z.string().nullable().optional(),
  decision: z.string(),
  reason: z.string(),
  at: z.string(),
});

export const EgressView = z.object({
  id: z.string(),
  status: z.string(),
  version: z.number().int(),
  workspaceId: z.string(),
  grantId: z.string(),
  grantVersion: z.number().int(),
  requesterUserId: z.string().nullable(),
  requesterOrgId: z.string(),
  recipientOrgId: z.string(),
  sourceJobIds: z.array(z.string()),
  outputKind: z.string(),
  declaredUse: z.string(),
  justification: z.string(),
  autoChecks: z.unknown(),
  failures: z.array(FailureView),
  suppressedRows: z.number().nullable(),
  epsilonSpent: z.number().nullable(),
  artifact: z
    .object({
      format: z.string(),
      sizeBytes: z.number(),
      sm3: z.string(),
      rows: z.number(),
      // EGR-08: a model or document keeps its name and what the identifier scan found (never values).
      fileName: z.string().nullable(),
      findings: z.array(z.object({ where: z.string(), kind: z.string(), count: z.number() })),
    })
    .nullable(),
  /** EGR-11: the closed request this one resubmits. */
  resubmissionOf: z.string().nullable(),
  /** EGR-12: the resources and fields the output was computed from, and their source units. */
  contributions: z.array(
    z.object({
      resourceId: z.string(),
      nameZh: z.string(),
      sourceUnitOrgId: z.string().nullable(),
      fields: z.array(z.string()),
    }),
  ),
  reviews: z.array(EgressReviewView),
  /**
   * LAB-35 (decision 0100): whose review the request waits for — `lab_initiator` (the lab initiator's security
   * officer, first review of a lab request), `authority` (every other review) — null when it waits for none.
   */
  awaitingReviewBy: z.enum(['lab_initiator', 'authority']).nullable(),
  /** LAB-35: the orgs besides the authority that review it (a lab request: its initiator); empty otherwise. */
  reviewerOrgIds: z.array(z.string()),
  reviewDueAt: z.string().nullable(),
  createdAt: z.string(),
  release: z
    .object({
      fingerprintSm3: z.string(),
      xlsxSm3: z.string().nullable(),
      watermarkCode: z.string(),
      linkExpiresAt: z.string(),
      downloads: z.array(z.unknown()),
    })
    .nullable(),
  // The detail answer adds the parties' names, the SQL, its lineage and the checked preview (EGR-09).
  requesterOrgName: z.string().nullable().optional(),
  recipientOrgName: z.string().nullable().optional(),
  requesterName: z.string().nullable().optional(),
  reviewerNames: z.record(z.string(), z.string().nullable()).optional(),
  sql: z.string().nullable().optional(),
  lineage: z
    .object({
      jobId: z.string(),
      sqlSm3: z.string(),
      resultSm3: z.string().nullable(),
      viewVersions: z.unknown(),
      engineVersion: z.string().nullable(),
    })
    .nullable()
    .optional(),
  preview: z.array(z.string()).nullable().optional(),
});
export type EgressView = z.infer<typeof EgressView>;

/** A data-service template (SVC-01): its spec and the SM3 that freezes it. */
export const ServiceView = z.object({
  id: z.string(),
  status: z.string(),
  version: z.number().int(),
  nameZh: z.string(),
  kind: z.string(),
  workspaceId: z.string(),
  grantId: z.string(),
  operatorOrgId: z.string(),
  view: z.string(),
  spec: z.unknown(),
  sm3: z.string(),
  templateVersion: z.number().int(),
  createdAt: z.string(),
});
export type ServiceView = z.infer<typeof ServiceView>;
export const ServiceListView = z.object({ items: z.array(ServiceView) });

/** SVC-04: a verification answers match / no_match; statistics answer k-suppressed rows, maybe truncated (SVC-08). */
export const ServiceAnswerView = z.object({
  result: z.enum(['match', 'no_match']).optional(),
  rows: z.array(z.record(z.string(), z.unknown())).optional(),
  truncated: z.boolean().optional(),
});

/** SVC-06: the credential the authority released. */
export const KeyReleaseView = z.object({ apiKeyId: z.string(), released: z.boolean() });

/**
 * The buyer's API console (GET /service-usage). Its rows come from the products context's store as
 * they are (snake_case, issue 15 owns them): the fields the console reads are declared, the rest pass.
 */
export const ServiceUsageView = z.object({
  contracts: z.array(
    z.looseObject({
      id: z.string(),
      product_name: z.string(),
      product_code: z.string(),
      service_id: z.string().nullable(),
      state: z.string(),
    }),
  ),
  summary: z.array(
    z.object({ contract_id: z.string().nullable(), outcome: z.string(), n: z.number(), today: z.number() }),
  ),
  items: z.array(z.looseObject({ id: z.string(), template_id: z.string().nullable(), outcome: z.string() })),
});
export type ServiceUsageView = z.infer<typeof ServiceUsageView>;
