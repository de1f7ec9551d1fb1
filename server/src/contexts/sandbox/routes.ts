import type { FastifyReply } from 'fastify';
import { pageOf } from '../../kernel/http/pagination.js';
import { fileResponse } from '../../kernel/http/responses.js';
import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import * as m from './model.js';
import * as svc from './service.js';
import { defineObjectReader } from '../../kernel/workflow/readers.js';
import { serviceRoutes } from './data-services/routes.js';
import { egressArtifactRoutes } from './routes-egress.js';
import { mimeOf } from './usecases/egress-artifacts.js';
import { psiRoutes } from './psi/routes.js';
import { importRoutes } from './imports/routes.js';
import { resultRoutes } from './results/routes.js';
import { viewResult } from './results/viewer.js';

const tags = ['sandbox'];
const JobPage = pageOf(m.JobView);
const EgressPage = pageOf(m.EgressView);
/** EGR-10: the released table, as .xlsx (default) or UTF-8 CSV. */
const ReleaseFile = fileResponse('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet or text/csv');

/** sandbox.md API resources (all under /api/v1); one service call per handler. */
export function sandboxRoutes(app: App, k: Kernel) {
  // LED-13: a ledger view of these follows their GET's rule.
  defineObjectReader('Workspace', svc.loadWorkspace);
  defineObjectReader('EgressRequest', svc.getEgressFor);
  app.get('/api/v1/workspaces', { schema: { tags, response: { 200: m.WorkspaceListView } } }, async (req) =>
    svc.listWorkspaces(k, requireAuthenticated(req)),
  );
  app.post(
    '/api/v1/workspaces',
    { schema: { tags, body: m.CreateWorkspaceInput, response: { 201: m.WorkspaceView } } },
    async (req, reply) => {
      const ws = await svc.provisionWorkspace(k, requireAuthenticated(req), req.body.grantId, {
        seats: req.body.seats,
      });
      return reply.status(201).send(svc.presentWorkspace(ws));
    },
  );
  app.get(
    '/api/v1/workspaces/:id',
    { schema: { tags, params: m.IdParam, response: { 200: m.WorkspaceView } } },
    async (req) => svc.presentWorkspace(await svc.loadWorkspace(k, requireAuthenticated(req), req.params.id)),
  );
  app.get(
    '/api/v1/workspaces/:id/jobs',
    { schema: { tags, params: m.IdParam, response: { 200: JobPage } } },
    async (req) => svc.listJobsFor(k, requireAuthenticated(req), req.params.id),
  );
  app.post(
    '/api/v1/workspaces/:id/jobs',
    { schema: { tags, params: m.IdParam, body: m.SubmitJobInput, response: { 201: m.JobView, 202: m.JobView } } },
    async (req, reply) => {
      const r = await svc.submitJob(k, requireAuthenticated(req), req.params.id, req.body.sql, req.body.mode);
      return reply.status(r.done ? 201 : 202).send(r.job);
    },
  );
  app.get(
    '/api/v1/workspaces/:id/jobs/:jobId',
    { schema: { tags, params: m.JobParam, response: { 200: m.JobView } } },
    async (req) => svc.getJobFor(k, requireAuthenticated(req), req.params.id, req.params.jobId),
  );
  app.get(
    '/api/v1/workspaces/:id/jobs/:jobId/preview',
    { schema: { tags, params: m.JobParam, response: { 200: m.JobPreviewView } } },
    async (req) => {
      // The viewer's first page (SBX-10): a seat of the holder only, audited with the watermark code it carries.
      const v = await viewResult(k, requireAuthenticated(req), req.params.id, req.params.jobId, { offset: 0 });
      return { columns: v.columns, rows: v.rows, watermark: v.watermark };
    },
  );
  app.get(
    '/api/v1/egress-requests',
    { schema: { tags, querystring: m.EgressListQuery, response: { 200: EgressPage } } },
    async (req) => svc.listEgress(k, requireAuthenticated(req), req.query),
  );
  app.post(
    '/api/v1/egress-requests',
    { schema: { tags, body: m.EgressRequestInput, response: { 201: m.EgressView } } },
    async (req, reply) => reply.status(201).send(await svc.requestEgress(k, requireAuthenticated(req), req.body)),
  );
  app.get(
    '/api/v1/egress-requests/:id',
    { schema: { tags, params: m.IdParam, response: { 200: m.EgressView } } },
    async (req) => svc.getEgressFor(k, requireAuthenticated(req), req.params.id),
  );
  app.post(
    '/api/v1/egress-requests/:id/reviews',
    { schema: { tags, params: m.IdParam, body: m.ReviewInput, response: { 200: m.EgressView } } },
    async (req) => svc.reviewEgress(k, requireAuthenticated(req), req.params.id, req.body.decision, req.body.reason),
  );
  app.get(
    '/api/v1/releases/:id/download',
    { schema: { tags, params: m.IdParam, querystring: m.DownloadQuery, response: { 200: ReleaseFile } } },
    async (req, reply) => {
      const r = await svc.downloadRelease(k, requireAuthenticated(req), req.params.id, req.query.format);
      // The file's bytes are sent as-is, never through the view (fileResponse only documents them).
      const raw: FastifyReply = reply;
      return raw
        .header('content-type', mimeOf(r.format))
        .header('content-disposition', `attachment; filename="${r.fileName}"`)
        .header('x-fingerprint-sm3', r.fingerprintSm3)
        .header('x-watermark-code', r.watermarkCode)
        .send(r.body);
    },
  );
  serviceRoutes(app, k);
  egressArtifactRoutes(app, k); // issue 19: artifact egress (EGR-08), release notices (EGR-12)
  psiRoutes(app, k); // issue 19: private set intersection (PSI-01…05)
  importRoutes(app, k);
  resultRoutes(app, k);
}
