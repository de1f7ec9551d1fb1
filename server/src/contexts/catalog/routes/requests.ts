import { z } from 'zod';
import { PageQuery, pageOf } from '../../../kernel/http/pagination.js';
import { TransitionView } from '../../../kernel/http/responses.js';
import { requireAuthenticated, type App } from '../../../kernel/http/server.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { DataRequestInput, DataRequestItemView, IdParams, RequestDecisionInput } from '../model.js';
import {
  consultProvider,
  deliverRequest,
  extendRequest,
  InstrumentInput,
  signInstrument,
} from '../usecases/request-steps.js';
import { decideRequest, fileRequest, listRequests } from '../usecases/requests.js';

const tags = ['catalog'];
const Done = { response: { 200: TransitionView } };

/** ShareRequest / OpenRequest (SHR-*, OPN-04): filing, the approver's decision and the steps after it. */
export function requestRoutes(app: App, k: Kernel) {
  app.post(
    '/api/v1/share-requests',
    { schema: { tags, body: DataRequestInput, response: { 201: TransitionView } } },
    async (req, reply) => {
      reply.status(201);
      return fileRequest(k, requireAuthenticated(req), 'share', req.body);
    },
  );
  app.post(
    '/api/v1/open-requests',
    { schema: { tags, body: DataRequestInput, response: { 201: TransitionView } } },
    async (req, reply) => {
      reply.status(201);
      return fileRequest(k, requireAuthenticated(req), 'open', req.body);
    },
  );
  app.get(
    '/api/v1/data-requests',
    {
      schema: {
        tags,
        querystring: PageQuery.extend({ kind: z.enum(['share', 'open']).optional() }),
        response: { 200: pageOf(DataRequestItemView) },
      },
    },
    async (req) => listRequests(k, requireAuthenticated(req), req.query),
  );
  app.post(
    '/api/v1/data-requests/:id/approve',
    { schema: { tags, params: IdParams, body: RequestDecisionInput.optional(), ...Done } },
    async (req) => decideRequest(k, requireAuthenticated(req), req.params.id, 'approve', req.body ?? {}),
  );
  app.post(
    '/api/v1/data-requests/:id/refuse',
    { schema: { tags, params: IdParams, body: RequestDecisionInput, ...Done } },
    async (req) => decideRequest(k, requireAuthenticated(req), req.params.id, 'refuse', req.body),
  );
  app.post('/api/v1/data-requests/:id/extend', { schema: { tags, params: IdParams, ...Done } }, async (req) =>
    extendRequest(k, requireAuthenticated(req), req.params.id),
  );
  app.post('/api/v1/data-requests/:id/consult-provider', { schema: { tags, params: IdParams, ...Done } }, async (req) =>
    consultProvider(k, requireAuthenticated(req), req.params.id),
  );
  app.post(
    '/api/v1/data-requests/:id/instrument',
    { schema: { tags, params: IdParams, body: InstrumentInput, ...Done } },
    async (req) => signInstrument(k, requireAuthenticated(req), req.params.id, req.body),
  );
  app.post('/api/v1/data-requests/:id/deliver', { schema: { tags, params: IdParams, ...Done } }, async (req) =>
    deliverRequest(k, requireAuthenticated(req), req.params.id),
  );
}
