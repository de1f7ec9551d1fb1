import { z } from 'zod';

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
