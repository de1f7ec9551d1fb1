import { z } from 'zod';
import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import './messages.js';
import './service.js'; // registers the ENF-08 incident history with identity
import * as m from './model.js';
import { enforcementRoutes } from './routes-enforcement.js';
import { supervisionDeskRoutes } from './routes-desk.js';
import {
  presentBan,
  presentCredit,
  presentEvaluation,
  presentIncident,
  presentPublicCredit,
  presentRectification,
  presentReport,
} from './present.js';
import * as bans from './usecases/bans.js';
import * as credit from './usecases/credit.js';
import { today } from './usecases/common.js';
import * as eva from './usecases/evaluations.js';
import * as inc from './usecases/incidents.js';
import { getOverview } from './usecases/overview.js';
import * as rect from './usecases/rectifications.js';
import * as rep from './usecases/reports.js';
import { reportingRoutes } from './routes-reports.js';

const tags = ['supervision'];
const Id = m.IdParams;

/** supervision.md API: /reports, /incidents, /evaluations and the regulator's overview. */
export function supervisionRoutes(app: App, k: Kernel) {
  reportRoutes(app, k);
  incidentRoutes(app, k);
  evaluationRoutes(app, k);
  rectificationRoutes(app, k);
  creditRoutes(app, k);
  banRoutes(app, k);
  enforcementRoutes(app, k);
  reportingRoutes(app, k);
  supervisionDeskRoutes(app, k);
  app.get('/api/v1/supervision/overview', { schema: { tags, response: { 200: m.OverviewView } } }, async (req) =>
    getOverview(k, requireAuthenticated(req)),
  );
}

function reportRoutes(app: App, k: Kernel) {
  const R = { 200: m.ReportView };
  app.post(
    '/api/v1/reports',
    { schema: { tags, body: m.ScheduleReportInput, response: { 201: m.ReportView } } },
    async (req, reply) => {
      const r = await rep.scheduleReport(k, requireAuthenticated(req), req.body);
      reply.code(201);
      return presentReport(r);
    },
  );
  app.get('/api/v1/reports/:id', { schema: { tags, params: Id, response: R } }, async (req) =>
    presentReport(await rep.getReport(k, requireAuthenticated(req), req.params.id)),
  );
  app.post(
    '/api/v1/reports/:id/draft',
    { schema: { tags, params: Id, body: m.DraftReportInput, response: R } },
    async (req) => presentReport(await rep.draftReport(k, requireAuthenticated(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/reports/:id/submit',
    { schema: { tags, params: Id, body: m.SubmitReportInput, response: R } },
    async (req) => presentReport(await rep.submitReport(k, requireAuthenticated(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/reports/:id/review',
    { schema: { tags, params: Id, body: m.ReviewReportInput, response: R } },
    async (req) => presentReport(await rep.reviewReport(k, requireAuthenticated(req), req.params.id, req.body)),
  );
}

function incidentRoutes(app: App, k: Kernel) {
  const R = { 200: m.IncidentView };
  app.post(
    '/api/v1/incidents',
    { schema: { tags, body: m.OpenIncidentInput, response: { 201: m.IncidentView } } },
    async (req, reply) => {
      const { row, suspended } = await inc.openIncident(k, requireAuthenticated(req), req.body);
      reply.code(201);
      return presentIncident(row, suspended);
    },
  );
  app.get('/api/v1/incidents/:id', { schema: { tags, params: Id, response: R } }, async (req) =>
    presentIncident(await inc.getIncident(k, requireAuthenticated(req), req.params.id)),
  );
  app.post(
    '/api/v1/incidents/:id/notifications',
    { schema: { tags, params: Id, body: m.NotificationSentInput, response: R } },
    async (req) =>
      presentIncident(await inc.markNotificationSent(k, requireAuthenticated(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/incidents/:id/reclassify',
    { schema: { tags, params: Id, body: m.ReclassifyInput, response: R } },
    async (req) => presentIncident(await inc.reclassifyIncident(k, requireAuthenticated(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/incidents/:id/:action',
    {
      schema: {
        tags,
        params: Id.extend({ action: z.enum(['contain', 'resolve', 'close']) }),
        body: z.object({ rootCause: z.string().optional() }).default({}),
        response: R,
      },
    },
    async (req) =>
      presentIncident(
        await inc.advanceIncident(k, requireAuthenticated(req), req.params.id, req.params.action, req.body.rootCause),
      ),
  );
}

function evaluationRoutes(app: App, k: Kernel) {
  app.post(
    '/api/v1/evaluations',
    { schema: { tags, body: m.ScoreEvaluationInput, response: { 201: m.EvaluationView } } },
    async (req, reply) => {
      const e = await eva.proposeEvaluation(k, requireAuthenticated(req), req.body);
      reply.code(201);
      return presentEvaluation(e);
    },
  );
  app.get(
    '/api/v1/evaluations/:id',
    { schema: { tags, params: Id, response: { 200: m.EvaluationView } } },
    async (req) => presentEvaluation(await eva.getEvaluation(k, requireAuthenticated(req), req.params.id)),
  );
  app.post(
    '/api/v1/evaluations/:id/finalize',
    { schema: { tags, params: Id, response: { 200: m.EvaluationView } } },
    async (req) => presentEvaluation(await eva.finalizeEvaluation(k, requireAuthenticated(req), req.params.id)),
  );
}

function rectificationRoutes(app: App, k: Kernel) {
  const R = { 200: m.RectificationView };
  app.post(
    '/api/v1/rectifications',
    { schema: { tags, body: m.OrderRectificationInput, response: { 201: m.RectificationView } } },
    async (req, reply) => {
      const r = await rect.orderRectification(k, requireAuthenticated(req), req.body);
      reply.code(201);
      return presentRectification(r);
    },
  );
  app.get('/api/v1/rectifications/:id', { schema: { tags, params: Id, response: R } }, async (req) =>
    presentRectification(await rect.getRectification(k, requireAuthenticated(req), req.params.id)),
  );
  app.post(
    '/api/v1/rectifications/:id/submit',
    { schema: { tags, params: Id, body: m.SubmitRectificationInput, response: R } },
    async (req) =>
      presentRectification(
        await rect.submitRectification(k, requireAuthenticated(req), req.params.id, req.body.evidence),
      ),
  );
  app.post(
    '/api/v1/rectifications/:id/decide',
    { schema: { tags, params: Id, body: m.DecideRectificationInput, response: R } },
    async (req) =>
      presentRectification(await rect.decideRectification(k, requireAuthenticated(req), req.params.id, req.body)),
  );
}

function creditRoutes(app: App, k: Kernel) {
  const R = { 200: m.CreditRecordView };
  // CRD-02: the public page needs no login and shows published records only.
  app.get('/api/v1/public/credit-records', { schema: { tags, response: { 200: m.PublicCreditList } } }, async () => ({
    items: (await credit.listPublicCredit(k)).map(presentPublicCredit),
  }));
  app.post(
    '/api/v1/credit-records',
    { schema: { tags, body: m.RecordCreditInput, response: { 201: m.CreditRecordView } } },
    async (req, reply) => {
      const r = await credit.recordCredit(k, requireAuthenticated(req), req.body);
      reply.code(201);
      return presentCredit(r);
    },
  );
  app.get('/api/v1/credit-records/:id', { schema: { tags, params: Id, response: R } }, async (req) =>
    presentCredit(await credit.getCreditRecord(k, requireAuthenticated(req), req.params.id)),
  );
  app.post(
    '/api/v1/credit-records/:id/determine',
    { schema: { tags, params: Id, body: m.DetermineCreditInput, response: R } },
    async (req) =>
      presentCredit(
        await credit.determineCredit(k, requireAuthenticated(req), req.params.id, req.body.basisDecisionId),
      ),
  );
  app.post(
    '/api/v1/credit-records/:id/publish',
    { schema: { tags, params: Id, body: m.PublishCreditInput, response: R } },
    async (req) =>
      presentCredit(await credit.publishCredit(k, requireAuthenticated(req), req.params.id, req.body.publicUntil)),
  );
  app.post(
    '/api/v1/credit-records/:id/repair',
    { schema: { tags, params: Id, body: m.RepairCreditInput, response: R } },
    async (req) =>
      presentCredit(await credit.repairCredit(k, requireAuthenticated(req), req.params.id, req.body.evidence)),
  );
}

function banRoutes(app: App, k: Kernel) {
  app.post(
    '/api/v1/bans',
    { schema: { tags, body: m.RecordBanInput, response: { 201: m.BanView } } },
    async (req, reply) => {
      const b = await bans.recordBan(k, requireAuthenticated(req), req.body);
      reply.code(201);
      return presentBan(b);
    },
  );
  // ENF-07: any signed-in reviewer may check a credit code before admitting an applicant.
  app.get(
    '/api/v1/bans/check',
    { schema: { tags, querystring: m.BanCheckQuery, response: { 200: m.BanCheckView } } },
    async (req) => {
      requireAuthenticated(req);
      const found = await bans.blockingBans(k.db, req.query.uscc, req.query.scope, today(k));
      return { banned: found.length > 0, bans: found.map(presentBan) };
    },
  );
}
