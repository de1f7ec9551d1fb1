import type { FastifyRequest } from 'fastify';
import { pageOf } from '../../../kernel/http/pagination.js';
import { TransitionView } from '../../../kernel/http/responses.js';
import { requireAuthenticated, type App } from '../../../kernel/http/server.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { defineObjectReader } from '../../../kernel/workflow/readers.js';
import {
  DecisionInput,
  IdParams,
  PlatformRoleRequestInput,
  PlatformRoleRequestQuery,
  PlatformRoleRequestView,
  Uuid,
} from '../model.js';
import {
  decidePlatformRole,
  getPlatformRoleRequest,
  listPlatformRoleRequests,
  orgSubjectOf,
  requestPlatformRole,
  requestSubject,
  withdrawPlatformRole,
} from '../usecases/platform-roles.js';
import { presentPlatformRoleRequest } from '../present.js';
import { assertAllowed } from '../policy.js';

/**
 * Permission before the body (issue 12 finding 8): the route's preValidation checks who may act on
 * which request, in which state, so an invalid body tells a refused caller nothing. The object's
 * 404 for non-readers comes even earlier, from the guard (kernel/http/guards.ts OBJECT_PATHS).
 */
function mayAct(k: Kernel, permission: string, asker: boolean) {
  return async (req: FastifyRequest) => {
    const actor = requireAuthenticated(req);
    const { id } = req.params as { id?: string };
    if (id !== undefined && !Uuid.safeParse(id).success) return; // the params schema answers it
    if (!id)
      return assertAllowed(k, actor, permission, await orgSubjectOf(k.db, actor.orgId ?? '', 'PlatformRoleRequest'));
    const r = await getPlatformRoleRequest(k, actor, id);
    assertAllowed(k, actor, permission, await requestSubject(k.db, r, asker));
  };
}

const tags = ['identity'];

/** IAM-14 (三员分立) platform role requests: list, read, request, approve/reject, withdraw. */
export function platformRoleRoutes(app: App, k: Kernel) {
  defineObjectReader('PlatformRoleRequest', (kk, actor, id) => getPlatformRoleRequest(kk, actor, id));

  app.get(
    '/api/v1/platform-role-requests',
    { schema: { tags, querystring: PlatformRoleRequestQuery, response: { 200: pageOf(PlatformRoleRequestView) } } },
    async (req) => listPlatformRoleRequests(k, requireAuthenticated(req), req.query),
  );

  app.get(
    '/api/v1/platform-role-requests/:id',
    { schema: { tags, params: IdParams, response: { 200: PlatformRoleRequestView } } },
    async (req) =>
      presentPlatformRoleRequest(await getPlatformRoleRequest(k, requireAuthenticated(req), req.params.id)),
  );

  app.post(
    '/api/v1/platform-role-requests',
    {
      preValidation: mayAct(k, 'platform_role.request', false),
      schema: { tags, body: PlatformRoleRequestInput, response: { 201: TransitionView } },
    },
    async (req, reply) => {
      const r = await requestPlatformRole(k, requireAuthenticated(req), req.body);
      reply.status(201);
      return r;
    },
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/api/v1/platform-role-requests/:id/${decision}`,
      {
        preValidation: mayAct(k, 'platform_role.decide', true),
        schema: { tags, params: IdParams, body: DecisionInput, response: { 200: TransitionView } },
      },
      async (req) => decidePlatformRole(k, requireAuthenticated(req), req.params.id, decision, req.body?.reason),
    );
  }

  app.post(
    '/api/v1/platform-role-requests/:id/withdraw',
    {
      preValidation: mayAct(k, 'platform_role.request', false),
      schema: { tags, params: IdParams, response: { 200: TransitionView } },
    },
    async (req) => withdrawPlatformRole(k, requireAuthenticated(req), req.params.id),
  );
}
