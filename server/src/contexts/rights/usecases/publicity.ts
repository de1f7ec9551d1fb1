import { z } from 'zod';
import type { Kernel } from '../../../kernel/kernel.js';
import { orgNames } from '../../identity/service.js';
import type { ObjectInfo } from '../model.js';
import * as store from '../store.js';

/**
 * The public board (rights-assets.md "Public board: publicity with real-name objection form"; RA-13 "anyone may
 * object during publicity"): registrations now in publicity, with what the certificate would print (object,
 * right type, holder, registry) and when publicity ends. Trade and trust entries are anonymized (Guizhou,
 * 004:L32603–32605): the holder is not named.
 */
export const PublicityItem = z.object({
  id: z.string(),
  registrationNo: z.string(),
  name: z.string(),
  regType: z.string(),
  rightType: z.string(),
  profile: z.string(),
  holder: z.string().nullable(),
  registry: z.string().nullable(),
  publicityStart: z.string().nullable(),
  publicityEnd: z.string().nullable(),
});
export const PublicityView = z.object({ items: z.array(PublicityItem) });
export type PublicityView = z.infer<typeof PublicityView>;

const ANONYMOUS_TYPES = new Set(['trade', 'trust']);
/** Every registration in publicity: its publicity end is before the end of time (store's clock query, no limit). */
const END_OF_TIME = new Date('9999-12-31T00:00:00Z');

export async function publicityBoard(k: Kernel): Promise<PublicityView> {
  const rows = await store.listWithClockBefore(k.db, 'publicity', 'publicityEnd', END_OF_TIME);
  const names = await orgNames(
    k.db,
    rows.flatMap((r) => [r.holder_org_id, r.registry_org_id]),
  );
  const items = rows.map((r) => {
    const info = r.object_info as ObjectInfo; // written by applyForRegistration through ObjectInfo
    const clocks = (r.clocks ?? {}) as Record<string, string>; // written by the rights clock helpers
    return {
      id: r.id,
      registrationNo: r.registration_no,
      name: info.name,
      regType: r.reg_type,
      rightType: r.right_type,
      profile: r.profile,
      holder: ANONYMOUS_TYPES.has(r.reg_type) ? null : (names.get(r.holder_org_id) ?? null),
      registry: names.get(r.registry_org_id) ?? null,
      publicityStart: clocks.publicityStart ?? null,
      publicityEnd: clocks.publicityEnd ?? null,
    };
  });
  items.sort((a, b) => (a.publicityEnd ?? '').localeCompare(b.publicityEnd ?? ''));
  return { items };
}
