import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.js';

// Artifact egress (EGR-08) and the source units' release notices (EGR-12).

/** The text fields of POST /egress-requests/artifacts (multipart/form-data, sent before the file part). */
export const ArtifactEgressFields = z.object({
  workspaceId: z.uuid(),
  sourceJobId: z.uuid(),
  outputKind: z.enum(['model_file', 'report_document']),
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
  resubmissionOf: z.uuid().optional(),
});
export type ArtifactEgressFields = z.infer<typeof ArtifactEgressFields>;

/** One identifier kind found in one place of an artifact: where and how many, never the values (EGR-08). */
export const ArtifactFindingView = z.object({ where: z.string(), kind: z.string(), count: z.number().int() });

/** What left with a source unit's data (EGR-12): the release, the recipient and its own fields only. */
export const ReleaseNoticeView = z.object({
  id: z.string(),
  egressRequestId: z.string(),
  releasedAt: z.string(),
  outputKind: z.string(),
  declaredUse: z.string(),
  requesterOrgName: z.string().nullable(),
  recipientOrgName: z.string().nullable(),
  fingerprintSm3: z.string(),
  watermarkCode: z.string(),
  artifactFormat: z.string().nullable(),
  artifactRows: z.number().nullable(),
  resources: z.array(z.object({ resourceId: z.string(), nameZh: z.string(), fields: z.array(z.string()) })),
});
export type ReleaseNoticeView = z.infer<typeof ReleaseNoticeView>;
export const ReleaseNoticePage = pageOf(ReleaseNoticeView);
