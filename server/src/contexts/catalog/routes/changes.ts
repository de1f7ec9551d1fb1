import { z } from 'zod';
import { PageQuery, pageOf } from '../../../kernel/http/pagination.js';
import { TransitionView } from '../../../kernel/http/responses.js';
import { requireAuthenticated, type App } from '../../../kernel/http/server.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { ChangeRequestItemView, IdParams } from '../model.js';
import { ChangeInput, decideChange, listChanges, proposeChange } from '../usecases/changes.js';

const tags = ['catalog'];

/** ChangeRequest: add / modify / remove an authorized-operation catalog entry (CAT-03; CLS-06 for important data). */
export function changeRoutes(app: App, k: Kernel) {
  app.post(
    '/api/v1/change-requests',
    { schema: { tags, body: ChangeInput, response: { 201: TransitionView } } },
    async (req, reply) => {
      reply.status(201);
      return proposeChange(k, requireAuthenticated(req), req.body);
    },
  );
  app.get(
    '/api/v1/change-requests',
    { schema: { tags, querystring: PageQuery, response: { 200: pageOf(ChangeRequestItemView) } } },
    async (req) => listChanges(k, requireAuthenticated(req), req.query),
  );
  app.post(
    '/api/v1/change-requests/:id/:action',
    {
      schema: {
        tags,
        params: IdParams.extend({ action: z.enum(['consent', 'refuse', 'apply', 'security_approve']) }),
        body: z.object({ reason: z.string().max(2000).optional() }).optional(),
        response: { 200: TransitionView },
      },
    },
    async (req) => decideChange(k, requireAuthenticated(req), req.params.id, req.params.action, req.body?.reason),
  );
}
