import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import { pageOf } from '../../kernel/http/pagination.js';
import type { Kernel } from '../../kernel/kernel.js';
import * as m from './model-market-read.js';
import {
  listMyBills,
  listMyContracts,
  listMyOrders,
  listSettlementRuns,
  settlementRun,
  usageSeries,
} from './usecases/market-queries.js';

const tags = ['market'];
const A = requireAuthenticated;

/**
 * The market's read side (issue 15 web): the caller's orders, contracts, usage and bills, and the settlement run
 * page. Each answers only what the caller's org buys, sells or reads by jurisdiction (use cases check every row).
 */
export function marketReadRoutes(app: App, k: Kernel) {
  app.get(
    '/api/v1/orders',
    { schema: { tags, querystring: m.MarketListQuery, response: { 200: pageOf(m.OrderItemView) } } },
    async (req) => listMyOrders(k, A(req), req.query),
  );
  app.get(
    '/api/v1/contracts',
    { schema: { tags, querystring: m.ContractListQuery, response: { 200: pageOf(m.ContractItemView) } } },
    async (req) => listMyContracts(k, A(req), req.query),
  );
  app.get(
    '/api/v1/usage',
    { schema: { tags, querystring: m.UsageQuery, response: { 200: m.UsageSeriesView } } },
    async (req) => usageSeries(k, A(req), req.query),
  );
  app.get(
    '/api/v1/bills',
    { schema: { tags, querystring: m.BillQuery, response: { 200: pageOf(m.BillItemView) } } },
    async (req) => listMyBills(k, A(req), req.query),
  );
  app.get('/api/v1/settlement-runs', { schema: { tags, response: { 200: m.SettlementRunsView } } }, async (req) =>
    listSettlementRuns(k, A(req)),
  );
  app.get(
    '/api/v1/settlement-runs/:period',
    { schema: { tags, params: m.PeriodParam, response: { 200: m.SettlementRunView } } },
    async (req) => settlementRun(k, A(req), req.params.period),
  );
}
