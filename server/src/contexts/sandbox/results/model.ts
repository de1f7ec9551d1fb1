import { z } from 'zod';

/** GET /workspaces/{id}/jobs/{jobId}/viewer: one page of a result, to display, never to download (SBX-10). */
export const ResultViewerQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(100_000).default(100),
});

/** Who looked and when, drawn over the rows: a photo of the screen names its taker (sandbox.md abuse: screen photos). */
export const WatermarkView = z.object({
  userId: z.string(),
  loginName: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string().nullable(),
  at: z.string(),
  /** SM3-derived code of (job, user, org, time), also in the audit entry of this viewing. */
  code: z.string(),
});

export const ResultViewerView = z.object({
  jobId: z.string(),
  resultTable: z.string(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  rows: z.array(z.array(z.unknown())),
  rowsOut: z.number(),
  offset: z.number(),
  limit: z.number(),
  watermark: WatermarkView,
});
export type ResultViewerView = z.infer<typeof ResultViewerView>;
