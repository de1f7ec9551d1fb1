import { rmSync } from 'node:fs';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { AppError } from '../../kernel/http/errors.js';
import { PageQuery } from '../../kernel/http/pagination.js';
import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import { activeActorRoles } from '../../kernel/workflow/actor.js';
import type { Kernel } from '../../kernel/kernel.js';
import { TASKS } from '../../jobs.js';
import { exportCatalog, importCatalog } from './usecases/excel.js';
import * as m from './model.js';
import * as reg from './usecases/registration.js';
import { ensureDemoData } from './usecases/demo-data.js';
import * as svc from './usecases/resources.js';
import { defineObjectReader } from '../../kernel/workflow/readers.js';
import { formatOf, ingestFile, receiveUpload } from './usecases/upload.js';
import {
  presentDossier,
  registrationAbilities,
  presentListItem,
  presentRegistration,
  presentResource,
} from './present.js';
import * as requests from './usecases/requests.js';
import { changeRoutes } from './usecases/changes.js';
import { taskRoutes } from './usecases/tasks.js';
import { providerConsentRoutes } from './usecases/provider-consent.js';
import { runCatalogClocks } from './usecases/catalog-clocks.js';
import { objectionRoutes } from './usecases/objections.js';
import { catalogListRoutes, openClassLabel } from './usecases/catalogs.js';
import { requestStepRoutes, runRequestClocks } from './usecases/request-steps.js';
import { materialRoutes, verifyMaterials } from './usecases/materials.js';

const tags = ['catalog'];
const FieldParams = z.object({ id: z.uuid(), fieldId: z.uuid() });
const ResourceAction = z.object({
  id: z.uuid(),
  action: z.enum(['classify', 'reopen', 'return', 'publish', 'suspend', 'resume', 'retire']),
});
const RegAction = z.object({
  id: z.uuid(),
  action: z.enum([
    'accept',
    'not_accept',
    'return',
    'resubmit',
    'start_review',
    'post_publicity',
    'reject',
    'withdraw',
  ]),
});
const ObjAction = z.object({ id: z.uuid(), action: z.enum(['accept', 'dismiss', 'uphold']) });
const IdOrCode = z.object({ id: z.string().min(1).max(64) });

/** catalog.md API under /api/v1; multipart is registered in this plugin's scope only. */
export function catalogRoutes(app: App, k: Kernel) {
  // LED-13: a resource's ledger history is for its source unit and supervisors; a published
  // resource is open to all in the catalog, its history (drafts, reviews) is not.
  defineObjectReader('DataResource', svc.loadHistoryReadable);
  defineObjectReader('ResourceRegistration', reg.getRegistration);
  svc.setControlledRoot(k.dataDir);
  if (!TASKS.some((x) => x.name === 'catalog.registration-clocks'))
    TASKS.push({
      name: 'catalog.registration-clocks',
      everyMs: 60_000,
      run: async (kk) => void (await reg.runRegistrationClocks(kk)),
    });
  if (!TASKS.some((x) => x.name === 'catalog.request-clocks'))
    TASKS.push({
      name: 'catalog.request-clocks',
      everyMs: 60_000,
      run: async (kk) => void (await runRequestClocks(kk)),
    });
  if (!TASKS.some((x) => x.name === 'catalog.upkeep-clocks'))
    TASKS.push({
      name: 'catalog.upkeep-clocks',
      everyMs: 3_600_000,
      run: async (kk) => void (await runCatalogClocks(kk)),
    });
  app.addHook('onReady', async () => ensureDemoData(k));
  app.register(async (s: App) => {
    await s.register(multipart, {
      limits: { fileSize: k.profile.get<number>('upload.maxMB') * 1024 * 1024, files: 1 },
    });
    resourceRoutes(s, k);
    registrationRoutes(s, k);
    publicRoutes(s, k);
    requests.requestRoutes(s, k);
    changeRoutes(s, k);
    taskRoutes(s, k);
    providerConsentRoutes(s, k);
    objectionRoutes(s, k);
    catalogListRoutes(s, k);
    requestStepRoutes(s, k);
    materialRoutes(s, k);
  });
}

function resourceRoutes(app: App, k: Kernel) {
  app.get('/api/v1/resources', { schema: { tags, querystring: m.ResourceListQuery } }, async (req) => {
    const { rows, total } = await svc.listResources(k, requireAuthenticated(req), req.query);
    const a = requireAuthenticated(req);
    // The catalog's own buttons (create, Excel import) follow the server (style.md §2 abilities).
    const manager = a.roles.includes('catalog_manager') && activeActorRoles(a, 'source_unit').length > 0;
    return {
      items: rows.map(presentListItem),
      total,
      page: req.query.page,
      pageSize: req.query.pageSize,
      abilities: { create: manager, import: manager },
    };
  });
  app.post('/api/v1/resources', { schema: { tags, body: m.ResourceInput } }, async (req, reply) => {
    reply.status(201);
    return svc.createResource(k, requireAuthenticated(req), req.body);
  });
  app.get('/api/v1/resources/:id', { schema: { tags, params: m.IdParams } }, async (req) => {
    const a = requireAuthenticated(req);
    const d = presentResource(a, await svc.getResourceDetail(k, a, req.params.id));
    return { ...d, openClassLabel: openClassLabel(k.profile, d.openClass) }; // OPN-06
  });
  app.put('/api/v1/resources/:id', { schema: { tags, params: m.IdParams, body: m.ResourcePatch } }, async (req) =>
    svc.updateResource(k, requireAuthenticated(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/resources/:id/:action',
    { schema: { tags, params: ResourceAction, body: m.OptionalReasonInput.optional() } },
    async (req) =>
      svc.changeResourceState(k, requireAuthenticated(req), req.params.id, req.params.action, req.body?.reason),
  );
  app.post(
    '/api/v1/resources/:id/fields/:fieldId/classification',
    { schema: { tags, params: FieldParams, body: m.ClassificationInput } },
    async (req) => svc.classifyField(k, requireAuthenticated(req), req.params.id, req.params.fieldId, req.body),
  );
  app.post(
    '/api/v1/resources/:id/classification',
    { schema: { tags, params: m.IdParams, body: m.ClassificationInput } },
    async (req) => svc.classifyResourceLevel(k, requireAuthenticated(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/detections/:id/review',
    { schema: { tags, params: m.IdParams, body: m.DetectionReviewInput } },
    async (req) => svc.reviewDetection(k, requireAuthenticated(req), req.params.id, req.body.decision, req.body.reason),
  );
  // Streamed upload (DataSnapshot); the stored Parquet is never served back by any endpoint.
  app.post('/api/v1/resources/:id/snapshots', { schema: { tags, params: m.IdParams } }, async (req, reply) => {
    const a = requireAuthenticated(req);
    await svc.assertUploadAllowed(k, a, req.params.id);
    const file = await req.file();
    if (!file) throw new AppError(422, 'UPLOAD_MISSING');
    const format = formatOf(file.filename);
    const got = await receiveUpload(file.file, format);
    if (file.file.truncated) {
      rmSync(got.path, { force: true });
      throw new AppError(413, 'PAYLOAD_TOO_LARGE');
    }
    reply.status(201);
    return ingestFile(k, a, req.params.id, { ...got, format });
  });
  app.get('/api/v1/catalog/export', { schema: { tags, querystring: m.ResourceListQuery } }, async (req, reply) => {
    const buf = await exportCatalog(k, requireAuthenticated(req), req.query);
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', 'attachment; filename="catalog.xlsx"');
    return reply.send(buf);
  });
  app.post(
    '/api/v1/catalog/import',
    { schema: { tags, querystring: z.object({ validRowsOnly: z.coerce.boolean().default(false) }) } },
    async (req) => {
      const a = requireAuthenticated(req);
      const file = await req.file();
      if (!file) throw new AppError(422, 'UPLOAD_MISSING');
      return importCatalog(k, a, await file.toBuffer(), req.query.validRowsOnly);
    },
  );
}

function registrationRoutes(app: App, k: Kernel) {
  app.get(
    '/api/v1/registrations',
    { schema: { tags, querystring: PageQuery.extend({ state: z.string().max(200).optional() }) } },
    async (req) => {
      const { rows, total } = await reg.listRegistrations(k, requireAuthenticated(req), req.query);
      return { items: rows.map(presentRegistration), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.post('/api/v1/registrations', { schema: { tags, body: m.RegistrationInput } }, async (req, reply) => {
    verifyMaterials(req.body.materials);
    reply.status(201);
    return reg.fileRegistration(k, requireAuthenticated(req), req.body);
  });
  app.get('/api/v1/registrations/:id', { schema: { tags, params: m.IdParams } }, async (req) => {
    const a = requireAuthenticated(req);
    const d = await reg.getRegistration(k, a, req.params.id);
    return {
      ...presentRegistration(d.registration),
      dossier: presentDossier(d.registration.snapshot),
      abilities: registrationAbilities(a, d.registration as { jurisdiction_id: string; state: string }),
      objections: d.objections.map((o: any) => ({
        id: o.id,
        kind: o.kind,
        state: o.state,
        description: o.description,
        dueAt: o.due_at,
        createdAt: o.created_at,
      })),
      history: d.events,
    };
  });
  app.post(
    '/api/v1/registrations/:id/:action',
    { schema: { tags, params: RegAction, body: m.RegistrationDecisionInput.optional() } },
    async (req) =>
      reg.decideRegistration(k, requireAuthenticated(req), req.params.id, req.params.action, req.body ?? {}),
  );
  app.post(
    '/api/v1/objections/:id/:action',
    { schema: { tags, params: ObjAction, body: m.OptionalReasonInput.optional() } },
    async (req) =>
      reg.handlePublicityObjection(k, requireAuthenticated(req), req.params.id, req.params.action, req.body?.reason),
  );
}

/** No-login pages: publicity notices, code verification, objections (catalog.md "Public pages"). */
function publicRoutes(app: App, k: Kernel) {
  app.get(
    '/api/v1/public/registrations',
    { schema: { tags, querystring: PageQuery.extend({ state: z.string().max(30).optional() }) } },
    async (req) => reg.listPublic(k, req.query),
  );
  app.get('/api/v1/public/registrations/:id', { schema: { tags, params: IdOrCode } }, async (req) =>
    reg.getPublic(k, req.params.id),
  );
  app.post(
    '/api/v1/public/registrations/:id/objections',
    { schema: { tags, params: m.IdParams, body: m.ObjectionInput } },
    async (req, reply) => {
      reply.status(201);
      return reg.fileObjection(k, req.params.id, null, req.body, req.ip);
    },
  );
  app.post(
    '/api/v1/public/resources/:id/objections',
    { schema: { tags, params: m.IdParams, body: m.ObjectionInput } },
    async (req, reply) => {
      reply.status(201);
      return reg.fileObjection(k, null, req.params.id, req.body, req.ip);
    },
  );
}
