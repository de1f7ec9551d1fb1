import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../kernel/http/errors.js';
import { PageQuery, pageOf } from '../../kernel/http/pagination.js';
import { fileResponse } from '../../kernel/http/responses.js';
import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { Actor } from '../../kernel/workflow/actor.js';
import { getEgressFor } from '../sandbox/service.js';
import { IdParam } from './model.js';
import * as m from './model-market.js';
import {
  approveRevenueShare,
  parseStatementCsv,
  parseStatementXlsx,
  assertMayReconcile,
  reconcileStatement,
  verifySettlement,
} from './usecases/bills.js';
import { exportContractDocx } from './usecases/contract-export.js';
import { exportOperatingReport } from './usecases/operating-report.js';
import { listDeliveries, meterUsage, provisionDelivery } from './usecases/delivery.js';
import { drawContract, fileContract, getContract, getOrder, placeOrder } from './usecases/orders.js';
import {
  confirmPayment,
  distributeSettlement,
  getSettlement,
  listSettlements,
  runSettlement,
  runSettlementBatch,
} from './usecases/settlement.js';

const tags = ['market'];
const A = requireAuthenticated;
const Id = IdParam;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** products-market.md API resources, part 2: /orders, /contracts, /deliveries, /usage-records, /settlements. */
export function marketRoutes(app: App, k: Kernel) {
  orderDesk(app, k);
  deliveryDesk(app, k);
  settlementDesk(app, k);
  operatingReportRoute(app, k);
}

function orderDesk(app: App, k: Kernel) {
  app.post(
    '/api/v1/orders',
    { schema: { tags, body: m.OrderInput, response: { 201: m.OrderView } } },
    async (req, reply) => reply.status(201).send(await placeOrder(k, A(req), req.body)),
  );
  app.get('/api/v1/orders/:id', { schema: { tags, params: Id, response: { 200: m.OrderView } } }, async (req) =>
    getOrder(k, A(req), req.params.id),
  );
  app.post(
    '/api/v1/contracts',
    { schema: { tags, body: m.ContractInput, response: { 201: m.ContractView } } },
    async (req, reply) => reply.status(201).send(await drawContract(k, A(req), req.body)),
  );
  app.get('/api/v1/contracts/:id', { schema: { tags, params: Id, response: { 200: m.ContractView } } }, async (req) =>
    getContract(k, A(req), req.params.id),
  );
  app.post(
    '/api/v1/contracts/:id/file',
    { schema: { tags, params: Id, body: m.FileContractInput, response: { 200: m.ContractView } } },
    async (req) => fileContract(k, A(req), req.params.id, req.body.filedWith),
  );
  app.get(
    '/api/v1/contracts/:id/export.docx',
    { schema: { tags, params: Id, response: { 200: fileResponse(DOCX) } } },
    async (req, reply) => {
      const f = await exportContractDocx(k, A(req), req.params.id);
      reply.header('content-type', DOCX);
      reply.header('content-disposition', `attachment; filename="${f.filename}"`);
      const raw: FastifyReply = reply; // a Buffer is sent as-is, never through the view (fileResponse documents it)
      return raw.send(f.buffer);
    },
  );
}

const YearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/** PM-29: the caller's operator org downloads its annual operating report (Word). */
export function operatingReportRoute(app: App, k: Kernel) {
  app.get(
    '/api/v1/operating-reports/:year/export.docx',
    { schema: { tags, params: YearParam, response: { 200: fileResponse(DOCX) } } },
    async (req, reply) => {
      const f = await exportOperatingReport(k, A(req), req.params.year);
      reply.header('content-type', DOCX);
      reply.header('content-disposition', `attachment; filename="${f.filename}"`);
      const raw: FastifyReply = reply; // a Buffer is sent as-is, never through the view (fileResponse documents it)
      return raw.send(f.buffer);
    },
  );
}

/** PM-23: a file delivery needs an approved EgressRequest, read through the sandbox before the transaction. */
async function egressApproved(k: Kernel, actor: Actor, id: string | null) {
  if (!id) return false;
  try {
    const e = await getEgressFor(k, actor, id);
    return ['approved', 'released'].includes(e.status);
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return false;
    throw err;
  }
}

function deliveryDesk(app: App, k: Kernel) {
  app.post(
    '/api/v1/deliveries',
    { schema: { tags, body: m.DeliveryInput, response: { 201: m.DeliveryView } } },
    async (req, reply) => {
      const actor = A(req);
      const ok = await egressApproved(k, actor, req.body.egressRequestId);
      return reply.status(201).send(await provisionDelivery(k, actor, req.body, ok));
    },
  );
  app.get(
    '/api/v1/contracts/:id/deliveries',
    { schema: { tags, params: Id, response: { 200: z.object({ items: z.array(m.DeliveryView) }) } } },
    async (req) => listDeliveries(k, A(req), req.params.id),
  );
  app.post(
    '/api/v1/usage-records',
    { schema: { tags, body: m.UsageInput, response: { 201: m.UsageRecordView } } },
    async (req, reply) => reply.status(201).send(await meterUsage(k, A(req), req.body)),
  );
}

const SettlementAction = z.object({ id: z.uuid() });

function settlementDesk(app: App, k: Kernel) {
  app.get(
    '/api/v1/settlements',
    { schema: { tags, querystring: PageQuery, response: { 200: pageOf(m.SettlementView) } } },
    async (req) => listSettlements(k, A(req), req.query),
  );
  app.post(
    '/api/v1/settlements',
    { schema: { tags, body: m.SettlementRunInput, response: { 201: m.SettlementView } } },
    async (req, reply) => reply.status(201).send(await runSettlement(k, A(req), req.body)),
  );
  // One pass over every contract of the period (decision 0074); GET /settlement-runs/{period} reads the result.
  app.post(
    '/api/v1/settlement-runs',
    { schema: { tags, body: m.SettlementBatchInput, response: { 201: m.SettlementBatchView } } },
    async (req, reply) => reply.status(201).send(await runSettlementBatch(k, A(req), req.body)),
  );
  app.get(
    '/api/v1/settlements/:id',
    { schema: { tags, params: Id, response: { 200: m.SettlementView } } },
    async (req) => getSettlement(k, A(req), req.params.id),
  );
  app.get(
    '/api/v1/settlements/:id/verify',
    { schema: { tags, params: Id, response: { 200: m.SettlementVerifyView } } },
    async (req) => verifySettlement(k, A(req), req.params.id),
  );
  app.post(
    '/api/v1/settlements/:id/confirm',
    { schema: { tags, params: SettlementAction, body: m.ConfirmInput, response: { 200: m.SettlementView } } },
    async (req) => confirmPayment(k, A(req), req.params.id, req.body.receivedFen),
  );
  app.post(
    '/api/v1/settlements/:id/distribute',
    { schema: { tags, params: SettlementAction, response: { 200: m.SettlementView } } },
    async (req) => distributeSettlement(k, A(req), req.params.id),
  );
  app.post(
    '/api/v1/settlement-statements',
    {
      schema: { tags, body: m.StatementInput, response: { 200: m.ReconcileView } },
      onRequest: async (req) => assertMayReconcile(k, req.actor),
    },
    async (req) => {
      const rows = req.body.xlsxBase64
        ? await parseStatementXlsx(req.body.xlsxBase64)
        : parseStatementCsv(req.body.csv ?? '');
      return reconcileStatement(k, A(req), rows);
    },
  );
  app.post(
    '/api/v1/revenue-shares',
    { schema: { tags, body: m.RevenueShareInput, response: { 201: m.RevenueShareView } } },
    async (req, reply) => reply.status(201).send(await approveRevenueShare(k, A(req), req.body)),
  );
}
