import { PageQuery } from '../../../kernel/http/pagination.js';
import { TransitionView } from '../../../kernel/http/responses.js';
import { requireAuthenticated, type App } from '../../../kernel/http/server.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { IdParams, listOf, ResourceObjectionView } from '../model.js';
import { decideObjection, listResourceObjections, ObjectionAction, ObjectionDecision } from '../usecases/objections.js';

const tags = ['catalog'];

/** Rights objections to a resource (OBJ-*): the assigned unit's inbox and its answers. */
export function objectionRoutes(app: App, k: Kernel) {
  app.get(
    '/api/v1/resource-objections',
    { schema: { tags, querystring: PageQuery, response: { 200: listOf(ResourceObjectionView) } } },
    async (req) => listResourceObjections(k, requireAuthenticated(req), req.query),
  );
  app.post(
    '/api/v1/resource-objections/:id/:action',
    {
      schema: {
        tags,
        params: IdParams.extend({ action: ObjectionAction }),
        body: ObjectionDecision.optional(),
        response: { 200: TransitionView },
      },
    },
    async (req) => decideObjection(k, requireAuthenticated(req), req.params.id, req.params.action, req.body ?? {}),
  );
}
