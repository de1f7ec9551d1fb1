import type { FastifyReply } from 'fastify';
import { pageOf } from '../../kernel/http/pagination.js';
import { fileResponse } from '../../kernel/http/responses.js';
import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import { defineObjectReader } from '../../kernel/workflow/readers.js';
import * as m from './model.js';
import { presentDataAsset, presentValuation } from './present.js';
import * as register from './usecases/asset-register.js';
import * as assets from './usecases/data-assets.js';
import * as obj from './usecases/objections.js';
import * as val from './usecases/valuations.js';

const tags = ['rights'];
const Id = m.IdParams;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The asset register (issue 17): card list and detail writes (RA-26, RA-27, RA-28, RA-30), valuation
 * history and the disclosure tables. Lists are the caller's own organization's.
 */
export function assetRegisterRoutes(app: App, k: Kernel) {
  defineObjectReader('DataAsset', assets.getDataAsset); // guards.ts: writes on another tenant's card are 404 first
  defineObjectReader('Valuation', val.getValuation);
  defineObjectReader('RightsObjection', obj.getObjection);
  const view = (a: Parameters<typeof presentDataAsset>[0]) => presentDataAsset(a, k.clock.now(), k.profile);
  app.get(
    '/api/v1/data-assets',
    { schema: { tags, querystring: m.DataAssetListQuery, response: { 200: pageOf(m.DataAssetView) } } },
    async (req) => {
      const { items, total } = await register.listDataAssets(k, requireAuthenticated(req), req.query);
      return { items: items.map(view), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.get(
    '/api/v1/valuations',
    { schema: { tags, querystring: m.ValuationListQuery, response: { 200: pageOf(m.ValuationView) } } },
    async (req) => {
      const { items, total } = await register.listValuations(k, requireAuthenticated(req), req.query);
      return { items: items.map(presentValuation), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.get(
    '/api/v1/accounting/disclosures',
    { schema: { tags, querystring: m.DisclosureQuery, response: { 200: fileResponse(XLSX_MIME) } } },
    async (req, reply) => {
      const buf = await register.disclosureWorkbook(k, requireAuthenticated(req), req.query.year);
      reply.header('content-type', XLSX_MIME);
      reply.header('content-disposition', `attachment; filename="data-asset-disclosures-${req.query.year}.xlsx"`);
      // A Buffer is sent as-is, never through the view (fileResponse only documents it).
      const raw: FastifyReply = reply;
      return raw.send(buf);
    },
  );
  app.post(
    '/api/v1/data-assets/:id/marks',
    { schema: { tags, params: Id, body: m.MarkInput, response: { 200: m.DataAssetView } } },
    async (req) => view(await assets.markAuthorization(k, requireAuthenticated(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/data-assets/:id/usage',
    { schema: { tags, params: Id, body: m.UsageInput, response: { 200: m.DataAssetView } } },
    async (req) => view(await assets.recordUsage(k, requireAuthenticated(req), req.params.id, req.body.usage)),
  );
  app.post(
    '/api/v1/data-assets/:id/encumbrances',
    { schema: { tags, params: Id, body: m.AssetEncumbrance, response: { 200: m.DataAssetView } } },
    async (req) => view(await assets.encumberAsset(k, requireAuthenticated(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/data-assets/:id/destroy',
    { schema: { tags, params: Id, body: m.DestroyInput, response: { 200: m.DataAssetView } } },
    async (req) => view(await assets.destroyAsset(k, requireAuthenticated(req), req.params.id, req.body)),
  );
}
