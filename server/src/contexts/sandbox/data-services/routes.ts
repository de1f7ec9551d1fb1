import { requireAuthenticated, type App } from '../../../kernel/http/server.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { listContractsOfBuyer, listUsageOfOrg, usageSummaryOfOrg } from '../../products/service.js';
import * as m from '../model.js';
import { presentServiceUsage } from '../present.js';
import { logIdFor } from '../../../kernel/ledger/append.js';
import { defineObjectReader } from '../../../kernel/workflow/readers.js';
import { releaseCredential } from './enumeration.js';
import {
  approveService,
  callService,
  getServiceFor,
  listServicesFor,
  proposeService,
  testService,
} from './templates.js';

const tags = ['data-services'];

/** Data services: templates (operator, authority) and the buyer gateway (sandbox.md SVC-*). */
export function serviceRoutes(app: App, k: Kernel) {
  defineObjectReader('DataServiceTemplate', getServiceFor); // LED-13: its GET's rule
  app.get('/api/v1/services', { schema: { tags, response: { 200: m.ServiceListView } } }, async (req) =>
    listServicesFor(k, requireAuthenticated(req)),
  );
  app.post(
    '/api/v1/services',
    { schema: { tags, body: m.ProposeServiceInput, response: { 201: m.ServiceView } } },
    async (req, reply) => reply.status(201).send(await proposeService(k, requireAuthenticated(req), req.body)),
  );
  app.get(
    '/api/v1/services/:id',
    { schema: { tags, params: m.IdParam, response: { 200: m.ServiceView } } },
    async (req) => getServiceFor(k, requireAuthenticated(req), req.params.id),
  );
  app.post(
    '/api/v1/services/:id/approve',
    { schema: { tags, params: m.IdParam, response: { 200: m.ServiceView } } },
    async (req) => approveService(k, requireAuthenticated(req), req.params.id),
  );
  // The one route an API key reaches (KEY-01, 0058): which order, service and action is the gateway's check.
  app.post(
    '/api/v1/services/:id/call',
    {
      config: { keyScope: ['data.verify', 'data.query'] },
      schema: { tags, params: m.IdParam, body: m.CallInput, response: { 200: m.ServiceAnswerView } },
    },
    async (req) => callService(k, req.apiKey, requireAuthenticated(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/services/:id/test',
    { schema: { tags, params: m.IdParam, body: m.CallInput, response: { 200: m.ServiceAnswerView } } },
    async (req) => testService(k, requireAuthenticated(req), req.params.id, req.body),
  );
  // SVC-06: the authority releases a credential blocked by the enumeration alarm after review.
  app.post(
    '/api/v1/service-key-blocks/:id/release',
    { schema: { tags, params: m.IdParam, response: { 200: m.KeyReleaseView } } },
    async (req) => releaseCredential(k, requireAuthenticated(req), req.params.id),
  );
  // The buyer's API console: its contracts with quotas and its call log (input hashes only).
  app.get('/api/v1/service-usage', { schema: { tags, response: { 200: m.ServiceUsageView } } }, async (req) => {
    const a = requireAuthenticated(req);
    const [contracts, summary, calls] = await Promise.all([
      listContractsOfBuyer(k.db, a.orgId!),
      usageSummaryOfOrg(k.db, a.orgId!, shanghaiDate(k.clock.now())),
      listUsageOfOrg(k.db, a.orgId!, 100, logIdFor(k.ledger, 'audit')),
    ]);
    return presentServiceUsage(contracts, summary, calls);
  });
}
