import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import * as m from './model-desk.js';
import { IdParams } from './model.js';
import * as desk from './usecases/desk.js';
import { getFlows, getTodo } from './usecases/flows.js';

const tags = ['supervision'];

/**
 * The supervisory desk (issue 16, decision 0080): the flow map and the authority's to-do for supervisors, and the
 * lists every desk page filters and exports (each filtered in SQL to what the caller may read).
 */
export function supervisionDeskRoutes(app: App, k: Kernel) {
  app.get('/api/v1/supervision/flows', { schema: { tags, response: { 200: m.FlowsView } } }, async (req) =>
    getFlows(k, requireAuthenticated(req)),
  );
  app.get('/api/v1/supervision/todo', { schema: { tags, response: { 200: m.TodoView } } }, async (req) =>
    getTodo(k, requireAuthenticated(req)),
  );
  const list = { tags, querystring: m.DeskListQuery };
  app.get('/api/v1/supervision/desk/incidents', { schema: { ...list, response: { 200: m.DeskIncidentPage } } }, (req) =>
    desk.listDeskIncidents(k, requireAuthenticated(req), req.query),
  );
  app.get(
    '/api/v1/supervision/desk/incidents/:id',
    { schema: { tags, params: IdParams, response: { 200: m.DeskIncidentDetailView } } },
    (req) => desk.getDeskIncident(k, requireAuthenticated(req), req.params.id),
  );
  app.get('/api/v1/supervision/desk/reports', { schema: { ...list, response: { 200: m.DeskReportPage } } }, (req) =>
    desk.listDeskReports(k, requireAuthenticated(req), req.query),
  );
  app.get(
    '/api/v1/supervision/desk/reports/:id',
    { schema: { tags, params: IdParams, response: { 200: m.DeskReportView } } },
    (req) => desk.getDeskReport(k, requireAuthenticated(req), req.params.id),
  );
  app.get(
    '/api/v1/supervision/desk/rectifications/:id',
    { schema: { tags, params: IdParams, response: { 200: m.DeskRectificationView } } },
    (req) => desk.getDeskRectification(k, requireAuthenticated(req), req.params.id),
  );
  app.get(
    '/api/v1/supervision/desk/rectifications',
    { schema: { ...list, response: { 200: m.DeskRectificationPage } } },
    (req) => desk.listDeskRectifications(k, requireAuthenticated(req), req.query),
  );
  app.get('/api/v1/supervision/desk/bans', { schema: { ...list, response: { 200: m.DeskBanPage } } }, (req) =>
    desk.listDeskBans(k, requireAuthenticated(req), req.query),
  );
  app.get(
    '/api/v1/supervision/desk/credit-records',
    { schema: { ...list, response: { 200: m.DeskCreditPage } } },
    (req) => desk.listDeskCredit(k, requireAuthenticated(req), req.query),
  );
}
