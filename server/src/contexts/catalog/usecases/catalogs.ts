import { z } from 'zod';
import { PageQuery } from '../../../kernel/http/pagination.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { CATALOG_TYPES } from '../model.js';
import { presentCatalogEntry } from '../present.js';
import { listCatalog, type Visibility } from '../store.js';

/**
 * CAT-01: three catalogs per jurisdiction (shared 共享目录, open 开放目录, authorized-operation
 * 授权运营目录), each a set of CatalogItems; one resource may be in several. The open catalog is
 * published without login (OPN-03), every entry carries its source attribution (OPN-03), its open
 * class label comes from the profile (OPN-06), and fields suspended on a rights objection are not
 * in it (OPN-05).
 */
export const CatalogQuery = PageQuery.extend({
  jurisdictionId: z.uuid().optional(),
  q: z.string().max(100).optional(),
});
export type CatalogQuery = z.infer<typeof CatalogQuery>;

/** CAT-01: one page of a catalog as `v` may read it (the public reads with PUBLIC_VIEW). */
export async function listCatalogEntries(
  k: Kernel,
  type: (typeof CATALOG_TYPES)[number],
  v: Visibility,
  q: CatalogQuery,
) {
  const { rows, total } = await listCatalog(k.db, type, v, q);
  return { items: rows.map((r) => presentCatalogEntry(k.profile, type, r)), total, page: q.page, pageSize: q.pageSize };
}

/** Published entries only for the public (the same predicate as a stranger's read). */
export const PUBLIC_VIEW: Visibility = { orgId: null, jurisdictionIds: [], platform: false };
