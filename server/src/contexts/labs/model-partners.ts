import { z } from 'zod';

/** GET /api/v1/lab-partner-candidates: the organizations an initiator may name as partner (LAB-07 kinds). */
export const PartnerQuery = z.object({ q: z.string().max(100).optional() });
export const PartnerCandidateView = z.object({
  id: z.string(),
  name: z.string(),
  uscc: z.string(),
  kind: z.string(),
});
export const PartnerCandidateList = z.object({ items: z.array(PartnerCandidateView) });
