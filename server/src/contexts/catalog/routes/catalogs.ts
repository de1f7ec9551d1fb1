import { z } from 'zod';
import { pageOf } from '../../../kernel/http/pagination.js';
import { requireAuthenticated, type App } from '../../../kernel/http/server.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { CATALOG_TYPES, CatalogEntryView } from '../model.js';
import { CatalogQuery, listCatalogEntries, PUBLIC_VIEW } from '../usecases/catalogs.js';
import { visibilityOf } from '../usecases/resources.js';

const tags = ['catalog'];

/** CAT-01 catalogs (shared, open, authorized operation); the open one is public (OPN-03). */
export function catalogListRoutes(app: App, k: Kernel) {
  app.get(
    '/api/v1/catalogs/:type',
    {
      schema: {
        tags,
        params: z.object({ type: z.enum(CATALOG_TYPES) }),
        querystring: CatalogQuery,
        response: { 200: pageOf(CatalogEntryView) },
      },
    },
    async (req) => listCatalogEntries(k, req.params.type, visibilityOf(requireAuthenticated(req)), req.query),
  );
  // OPN-03: the open catalog is published; no login needed.
  app.get(
    '/api/v1/public/catalogs/open',
    { schema: { tags, querystring: CatalogQuery, response: { 200: pageOf(CatalogEntryView) } } },
    async (req) => listCatalogEntries(k, 'open', PUBLIC_VIEW, req.query),
  );
}
