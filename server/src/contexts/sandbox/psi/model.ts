import { z } from 'zod';

// sandbox.md "PSI session" and the /psi-sessions API (issue 19). Points travel as base64 x-coordinates (32 bytes).
export const PsiMode = z.enum(['cardinality', 'membership']);
const Point = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);

export const OpenPsiInput = z.object({
  serviceId: z.uuid(),
  mode: PsiMode,
  listSize: z.number().int().min(0),
});
export const BlindedInput = z.object({
  offset: z.number().int().min(0),
  items: z.array(Point).min(1).max(100_000),
});
export const PageQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
});

export const PsiServiceView = z.object({
  serviceId: z.string(),
  nameZh: z.string(),
  identifierType: z.enum(['uscc', 'id_number', 'phone', 'text']),
  fieldName: z.string(),
  modes: z.array(PsiMode),
  minList: z.number(),
  maxList: z.number(),
  sessionsLeftToday: z.number(),
});
export const PsiServiceListView = z.object({ items: z.array(PsiServiceView) });

export const PsiSessionView = z.object({
  id: z.string(),
  serviceId: z.string(),
  serviceNameZh: z.string(),
  mode: PsiMode,
  state: z.enum(['open', 'closed', 'refused', 'expired']),
  curve: z.string(),
  suite: z.string(),
  dst: z.string(),
  identifierType: z.string(),
  datasetField: z.string(),
  buyerListSize: z.number(),
  platformSetSize: z.number(),
  received: z.number(),
  chunkSize: z.number(),
  rejectCode: z.string().nullable(),
  expiresAt: z.string(),
  keyDestroyedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const PsiSessionListView = z.object({ items: z.array(PsiSessionView) });
export const PointPageView = z.object({ items: z.array(z.string()), total: z.number() });
export const BlindedAckView = z.object({ received: z.number(), complete: z.boolean() });
export const IdParam = z.object({ id: z.uuid() });
