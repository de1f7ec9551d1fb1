import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { shanghaiDate } from '../../kernel/calendar/calendar.js';
import { fileResponse } from '../../kernel/http/responses.js';
import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import * as m from './model.js';
import * as b from './model-reporting.js';
import { presentReport } from './present.js';
import * as cal from './usecases/calendar-import.js';
import * as cmp from './usecases/complaints.js';
import { autoDraftReport, recomputeReport } from './usecases/report-drafting.js';
import { exportReportDocx } from './usecases/report-export.js';
import { remindersOf } from './usecases/report-reminders.js';
import { getReport } from './usecases/reports.js';
import { evaluationPartBRoutes } from './routes-evaluations.js';

const tags = ['supervision'];
const Id = m.IdParams;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Part B routes (decision 0079): report drafting and export, the holiday calendar, complaints, evaluations. */
export function reportingRoutes(app: App, k: Kernel) {
  reportExtraRoutes(app, k);
  calendarRoutes(app, k);
  complaintRoutes(app, k);
  evaluationPartBRoutes(app, k);
  // The kernel calendar takes the imported years before the first request (CAL-05).
  app.addHook('onReady', async () => cal.loadImportedCalendars(k));
}

function reportExtraRoutes(app: App, k: Kernel) {
  app.post(
    '/api/v1/reports/:id/auto-draft',
    { schema: { tags, params: Id, body: b.AutoDraftInput, response: { 200: m.ReportView } } },
    async (req) =>
      presentReport(await autoDraftReport(k, requireAuthenticated(req), req.params.id, req.body.narrative)),
  );
  app.get(
    '/api/v1/reports/:id/recompute',
    { schema: { tags, params: Id, response: { 200: b.RecomputeView } } },
    async (req) => recomputeReport(k, requireAuthenticated(req), req.params.id),
  );
  app.get(
    '/api/v1/reports/:id/trail',
    { schema: { tags, params: Id, response: { 200: b.ReportExtrasView } } },
    async (req) => {
      const r = await getReport(k, requireAuthenticated(req), req.params.id);
      return {
        id: r.id,
        state: r.state,
        draftedAt: r.drafted_at?.toISOString() ?? null,
        // The checkpoint column holds the {log, treeSize, rootHash} the drafting use case wrote.
        checkpoint: (r.checkpoint as z.infer<typeof b.ReportExtrasView>['checkpoint']) ?? null,
        reminders: remindersOf(r),
      };
    },
  );
  app.get(
    '/api/v1/reports/:id/export.docx',
    { schema: { tags, params: Id, response: { 200: fileResponse(DOCX) } } },
    async (req, reply) => {
      const f = await exportReportDocx(k, requireAuthenticated(req), req.params.id);
      reply.header('content-type', DOCX);
      reply.header('content-disposition', `attachment; filename="${f.filename}"`);
      const raw: FastifyReply = reply; // a Buffer is sent as-is, never through the view (fileResponse documents it)
      return raw.send(f.buffer);
    },
  );
}

function calendarRoutes(app: App, k: Kernel) {
  app.post(
    '/api/v1/calendar/imports',
    { schema: { tags, body: b.CalendarImportInput, response: { 201: b.CalendarYearView } } },
    async (req, reply) => {
      const row = await cal.importCalendar(k, requireAuthenticated(req), req.body.file);
      reply.code(201);
      return cal.calendarYear(k, row.year);
    },
  );
  app.get('/api/v1/calendar/alerts', { schema: { tags, response: { 200: b.CalendarAlertsView } } }, async (req) =>
    cal.calendarAlerts(k, requireAuthenticated(req)),
  );
  // supervision.md API: /calendar/add-working-days (CAL-02: the start day is not counted).
  app.get(
    '/api/v1/calendar/add-working-days',
    { schema: { tags, querystring: b.AddWorkingDaysQuery, response: { 200: b.AddWorkingDaysView } } },
    async (req) => {
      requireAuthenticated(req);
      const { date, n } = req.query;
      const dueAt = k.calendar.dueAt(new Date(`${date}T12:00:00+08:00`), n);
      const result = shanghaiDate(dueAt);
      return {
        date,
        n,
        result,
        dueAt: dueAt.toISOString(),
        provisional: k.calendar.isProvisional(Number(result.slice(0, 4))),
      };
    },
  );
  app.get(
    '/api/v1/calendar/:year',
    { schema: { tags, params: b.YearParams, response: { 200: b.CalendarYearView } } },
    async (req) => {
      requireAuthenticated(req);
      return cal.calendarYear(k, req.params.year);
    },
  );
}

function complaintRoutes(app: App, k: Kernel) {
  // 投诉举报: no login needed; the schema validates and the use case limits per source.
  app.post(
    '/api/v1/public/complaints',
    { schema: { tags, body: b.FileComplaintInput, response: { 201: b.ComplaintReceiptView } }, bodyLimit: 64 * 1024 },
    async (req, reply) => {
      const c = await cmp.fileComplaint(k, req.actor, req.ip, req.body);
      reply.code(201);
      return { caseNo: c.case_no, state: c.state, filedAt: c.created_at.toISOString() };
    },
  );
  app.get(
    '/api/v1/complaints',
    {
      schema: {
        tags,
        querystring: z.object({ state: z.enum(['filed', 'accepted', 'closed']).optional() }),
        response: { 200: z.object({ items: z.array(b.ComplaintView) }) },
      },
    },
    async (req) => ({
      items: (await cmp.listComplaints(k, requireAuthenticated(req), req.query.state)).map(cmp.presentComplaint),
    }),
  );
  app.post(
    '/api/v1/complaints/:id/handle',
    { schema: { tags, params: Id, body: b.HandleComplaintInput, response: { 200: b.ComplaintView } } },
    async (req) =>
      cmp.presentComplaint(await cmp.handleComplaint(k, requireAuthenticated(req), req.params.id, req.body)),
  );
}
