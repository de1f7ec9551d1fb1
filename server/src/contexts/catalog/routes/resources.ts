import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../kernel/http/errors.js';
import { fileResponse, TransitionView } from '../../../kernel/http/responses.js';
import { requireAuthenticated, type App } from '../../../kernel/http/server.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { activeActorRoles } from '../../../kernel/workflow/actor.js';
import * as m from '../model.js';
import { presentListItem, presentResource } from '../present.js';
import { exportCatalog, importCatalog, XLSX_MIME } from '../usecases/excel.js';
import { consentAsProvider } from '../usecases/provider-consent.js';
import * as svc from '../usecases/resources.js';
import { uploadSnapshot } from '../usecases/upload.js';

const tags = ['catalog'];
const FieldParams = z.object({ id: z.uuid(), fieldId: z.uuid() });
const ResourceAction = z.object({
  id: z.uuid(),
  action: z.enum(['classify', 'reopen', 'return', 'publish', 'suspend', 'resume', 'retire']),
});

/** DataResource: the catalog entry, its fields and classification, uploads, Excel import/export. */
export function resourceRoutes(app: App, k: Kernel) {
  app.get(
    '/api/v1/resources',
    { schema: { tags, querystring: m.ResourceListQuery, response: { 200: m.ResourcePageView } } },
    async (req) => {
      const a = requireAuthenticated(req);
      const { rows, total } = await svc.listResources(k, a, req.query);
      // The catalog's own buttons (create, Excel import) follow the server (style.md §2 abilities).
      const manager = a.roles.includes('catalog_manager') && activeActorRoles(a, 'source_unit').length > 0;
      return {
        items: rows.map(presentListItem),
        total,
        page: req.query.page,
        pageSize: req.query.pageSize,
        abilities: { create: manager, import: manager },
      };
    },
  );
  app.post(
    '/api/v1/resources',
    { schema: { tags, body: m.ResourceInput, response: { 201: TransitionView } } },
    async (req, reply) => {
      reply.status(201);
      return svc.createResource(k, requireAuthenticated(req), req.body);
    },
  );
  app.get(
    '/api/v1/resources/:id',
    { schema: { tags, params: m.IdParams, response: { 200: m.ResourceView } } },
    async (req) => {
      const a = requireAuthenticated(req);
      return presentResource(a, await svc.getResourceDetail(k, a, req.params.id), k.profile);
    },
  );
  app.put(
    '/api/v1/resources/:id',
    { schema: { tags, params: m.IdParams, body: m.ResourcePatch, response: { 200: TransitionView } } },
    async (req) => svc.updateResource(k, requireAuthenticated(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/resources/:id/:action',
    {
      schema: {
        tags,
        params: ResourceAction,
        body: m.OptionalReasonInput.optional(),
        response: { 200: TransitionView },
      },
    },
    async (req) =>
      svc.changeResourceState(k, requireAuthenticated(req), req.params.id, req.params.action, req.body?.reason),
  );
  app.post(
    '/api/v1/resources/:id/fields/:fieldId/classification',
    { schema: { tags, params: FieldParams, body: m.ClassificationInput, response: { 200: TransitionView } } },
    async (req) => svc.classifyField(k, requireAuthenticated(req), req.params.id, req.params.fieldId, req.body),
  );
  app.post(
    '/api/v1/resources/:id/classification',
    { schema: { tags, params: m.IdParams, body: m.ClassificationInput, response: { 200: TransitionView } } },
    async (req) => svc.classifyResourceLevel(k, requireAuthenticated(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/detections/:id/review',
    { schema: { tags, params: m.IdParams, body: m.DetectionReviewInput, response: { 200: TransitionView } } },
    async (req) => svc.reviewDetection(k, requireAuthenticated(req), req.params.id, req.body.decision, req.body.reason),
  );
  // CAT-04: the providing unit (another jurisdiction) consents to the resource entering the catalogs.
  app.post(
    '/api/v1/resources/:id/provider-consent',
    { schema: { tags, params: m.IdParams, response: { 200: TransitionView } } },
    async (req) => consentAsProvider(k, requireAuthenticated(req), req.params.id),
  );
  // Streamed upload (DataSnapshot); the stored Parquet is never served back by any endpoint.
  app.post(
    '/api/v1/resources/:id/snapshots',
    { schema: { tags, params: m.IdParams, response: { 201: m.UploadView } } },
    async (req, reply) => {
      const a = requireAuthenticated(req);
      await svc.assertUploadAllowed(k, a, req.params.id);
      const got = await uploadSnapshot(k, a, req.params.id, await req.file());
      reply.status(201);
      return got;
    },
  );
  app.get(
    '/api/v1/catalog/export',
    { schema: { tags, querystring: m.ResourceListQuery, response: { 200: fileResponse(XLSX_MIME) } } },
    async (req, reply) => {
      const buf = await exportCatalog(k, requireAuthenticated(req), req.query);
      reply.header('content-type', XLSX_MIME);
      reply.header('content-disposition', 'attachment; filename="catalog.xlsx"');
      // A Buffer is sent as-is, never through the view (fileResponse only documents it): the untyped reply sends it.
      const raw: FastifyReply = reply;
      return raw.send(buf);
    },
  );
  app.post(
    '/api/v1/catalog/import',
    {
      schema: {
        tags,
        querystring: z.object({ validRowsOnly: z.coerce.boolean().default(false) }),
        response: { 200: m.ImportResultView },
      },
    },
    async (req) => {
      const a = requireAuthenticated(req);
      const file = await req.file();
      if (!file) throw new AppError(422, 'UPLOAD_MISSING');
      return importCatalog(k, a, await file.toBuffer(), req.query.validRowsOnly);
    },
  );
}
