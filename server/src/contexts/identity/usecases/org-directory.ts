import type { Kernel } from '../../../kernel/kernel.js';
import * as store from '../store.js';

/** One entry of the register as another context may show it. */
export interface DirectoryEntry {
  id: string;
  name: string;
  uscc: string;
  kind: string;
}

/**
 * Active organizations of the given entity kinds, searched by name or USCC: name, USCC and kind are business
 * register facts (printed on the licence), so an applicant may look up its counterpart by them (labs: the
 * initiator names its partner, 000:L15). Nothing else of the organization is answered.
 */
export async function orgDirectory(
  k: Kernel,
  q: { q?: string; kinds: readonly string[]; limit: number },
): Promise<DirectoryEntry[]> {
  const { rows } = await store.listOrgs(k.db, {
    q: q.q,
    state: 'active',
    jurisdictionIds: [],
    platform: true,
    limit: 500,
    offset: 0,
  });
  return rows
    .filter((o) => q.kinds.includes(o.entity_kind))
    .slice(0, q.limit)
    .map((o) => ({ id: o.id, name: o.name_zh, uscc: o.uscc ?? '', kind: o.entity_kind }));
}
