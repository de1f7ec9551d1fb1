import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { PageQuery } from '../../../kernel/http/pagination.js';
import { requireAuthenticated, type App } from '../../../kernel/http/server.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Profile } from '../../../kernel/profiles/index.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { CATALOG_TYPES } from '../model.js';
import { visibilityOf } from './resources.js';
import { visibleTo, type Visibility } from '../store.js';

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

// OPN-03: every open catalog entry, open download and open API answer names its source (数据来源：单位).
export const OPN_03_ATTRIBUTION = (sourceUnitName: string | null) => `数据来源：${sourceUnitName ?? '—'}`;

// OPN-06: class labels per profile (`open.labels`): xiamen 普遍开放/依申请开放; zhuhai channels 无条件/定向/授权开放.
export function openClassLabel(profile: Profile, openClass: string): string {
  return profile.get<Record<string, string>>('open.labels')[openClass] ?? openClass;
}

type Db = Kysely<any>;

async function listCatalog(db: Db, type: (typeof CATALOG_TYPES)[number], v: Visibility, q: CatalogQuery) {
  const filters = [sql<boolean>`i.catalog_type = ${type}`, sql<boolean>`i.removed_at IS NULL`, visibleTo(v)];
  if (q.jurisdictionId) filters.push(sql<boolean>`i.jurisdiction_id = ${q.jurisdictionId}`);
  if (q.q) filters.push(sql<boolean>`r.name_zh LIKE ${'%' + q.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
  const where = sql.join(filters, sql` AND `);
  const rows = (
    await sql<
      Record<string, any>
    >`SELECT i.jurisdiction_id, i.resource_version, i.conditions, i.added_at, r.id, r.resource_code, r.name_zh, r.summary,
      r.open_class, r.share_class, r.registration_code, o.name_zh AS source_unit_name,
      (SELECT coalesce(json_agg(f.name_zh ORDER BY f.seq), '[]'::json) FROM data_field f WHERE f.resource_id = r.id AND NOT f.removed
        AND (${type} <> 'open' OR NOT f.open_suspended)) AS field_names
    FROM catalog_item i JOIN data_resource r ON r.id = i.resource_id JOIN organization o ON o.id = r.source_unit_org_id
    WHERE ${where} ORDER BY i.added_at DESC, r.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(db)
  ).rows;
  const total = (
    await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM catalog_item i JOIN data_resource r ON r.id = i.resource_id WHERE ${where}`.execute(
      db,
    )
  ).rows[0]!.n;
  return { rows, total };
}

function present(k: Kernel, type: string, r: Record<string, any>) {
  return {
    catalogType: type,
    jurisdictionId: r.jurisdiction_id,
    resourceId: r.id,
    resourceCode: r.resource_code,
    nameZh: r.name_zh,
    summary: r.summary,
    sourceUnitName: r.source_unit_name,
    attribution: OPN_03_ATTRIBUTION(r.source_unit_name),
    resourceVersion: r.resource_version,
    conditions: r.conditions,
    openClass: r.open_class,
    openClassLabel: openClassLabel(k.profile, r.open_class),
    shareClass: r.share_class,
    registrationCode: r.registration_code,
    fieldNames: r.field_names,
    addedAt: new Date(r.added_at).toISOString(),
  };
}

async function answer(k: Kernel, type: (typeof CATALOG_TYPES)[number], v: Visibility, q: CatalogQuery) {
  const { rows, total } = await listCatalog(k.db, type, v, q);
  return { items: rows.map((r) => present(k, type, r)), total, page: q.page, pageSize: q.pageSize };
}

/** Published entries only for the public (the same predicate as a stranger's read). */
const PUBLIC_VIEW: Visibility = { orgId: null, jurisdictionIds: [], platform: false };

export function catalogListRoutes(app: App, k: Kernel) {
  const tags = ['catalog'];
  app.get(
    '/api/v1/catalogs/:type',
    { schema: { tags, params: z.object({ type: z.enum(CATALOG_TYPES) }), querystring: CatalogQuery } },
    async (req) => {
      const a: Actor = requireAuthenticated(req);
      return answer(k, req.params.type, visibilityOf(a), req.query);
    },
  );
  // OPN-03: the open catalog is published; no login needed.
  app.get('/api/v1/public/catalogs/open', { schema: { tags, querystring: CatalogQuery } }, async (req) =>
    answer(k, 'open', PUBLIC_VIEW, req.query),
  );
}
