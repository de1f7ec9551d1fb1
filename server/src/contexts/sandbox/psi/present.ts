import type { z } from 'zod';
import { DST, SUITE } from './client/curve.js';
import { getLive } from './live.js';
import type * as m from './model.js';
import type { PsiSessionRow } from './store.js';
import type { PsiTarget } from './target.js';

export function presentPsiService(
  t: PsiTarget,
  left: number,
  min: number,
  max: number,
): z.infer<typeof m.PsiServiceView> {
  return {
    serviceId: t.service.id,
    nameZh: t.service.name_zh,
    identifierType: t.identifierType,
    fieldName: t.field,
    modes: t.modes,
    minList: min,
    maxList: max,
    sessionsLeftToday: left,
  };
}

export function presentPsiSession(
  s: PsiSessionRow,
  serviceNameZh: string,
  chunkSize: number,
): z.infer<typeof m.PsiSessionView> {
  return {
    id: s.id,
    serviceId: s.service_id,
    serviceNameZh,
    mode: s.mode as 'cardinality' | 'membership',
    state: s.state as 'open' | 'closed' | 'refused' | 'expired',
    curve: s.curve,
    suite: SUITE,
    dst: DST,
    identifierType: s.identifier_type,
    datasetField: s.dataset_field,
    buyerListSize: s.buyer_list_size,
    platformSetSize: s.platform_set_size,
    received: getLive(s.id)?.doubled.length ?? s.received,
    chunkSize,
    rejectCode: s.reject_code,
    expiresAt: s.expires_at.toISOString(),
    keyDestroyedAt: s.key_destroyed_at?.toISOString() ?? null,
    createdAt: s.created_at.toISOString(),
  };
}
