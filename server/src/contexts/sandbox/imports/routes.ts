import multipart from '@fastify/multipart';
import { requireAuthenticated, type App } from '../../../kernel/http/server.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { IdParam } from '../model.js';
import * as m from './model.js';
import { getImportFor, importData, listImportsFor } from './usecases.js';

const tags = ['sandbox'];

/** SBX-11 imports (入域) of a Workspace (all under /api/v1); multipart is registered in this scope only. */
export function importRoutes(parent: App, k: Kernel) {
  parent.register(async (app: App) => {
    await app.register(multipart, {
      limits: { fileSize: k.profile.get<number>('sandbox.maxImportGiB') * 1024 ** 3, files: 1, fields: 10 },
    });
    scoped(app, k);
  });
}

function scoped(app: App, k: Kernel) {
  app.get(
    '/api/v1/workspaces/:id/imports',
    { schema: { tags, params: IdParam, response: { 200: m.ImportListView } } },
    async (req) => listImportsFor(k, requireAuthenticated(req), req.params.id),
  );
  // multipart/form-data: the fields name, sourceBasis, sourceDescription, sourceReference, masking, then the file.
  app.post(
    '/api/v1/workspaces/:id/imports',
    { schema: { tags, params: IdParam, response: { 201: m.ImportView } } },
    async (req, reply) => {
      const a = requireAuthenticated(req);
      const got = await importData(k, a, req.params.id, await req.file());
      return reply.status(201).send(got);
    },
  );
  app.get(
    '/api/v1/workspaces/:id/imports/:importId',
    { schema: { tags, params: m.ImportParam, response: { 200: m.ImportView } } },
    async (req) => getImportFor(k, requireAuthenticated(req), req.params.id, req.params.importId),
  );
}
