import { z } from 'zod';
import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import * as m from './model.js';
import * as svc from './service.js';
import * as q from './usecases/queries.js';
import { defineObjectReader } from '../../kernel/workflow/readers.js';
import { exportAgreementDocx, exportApplicationDocx } from './export.js';

const tags = ['authorization'];
const Id = m.IdParams;
const Comment = z
  .object({ comment: z.string().default('') })
  .partial()
  .optional();

/** authorization.md API resources (all under /api/v1); each handler is one service call. */
export function authorizationRoutes(app: App, k: Kernel) {
  const A = (req: Parameters<typeof requireAuthenticated>[0]) => requireAuthenticated(req);
  // Whoever may open one of these may see its ledger timeline and evidence (LED-13).
  defineObjectReader('OperationAgreement', q.getAgreementDetail);
  defineObjectReader('ScenarioApplication', q.getApplicationDetail);
  defineObjectReader('Grant', q.getGrantDetail);
  defineObjectReader('EmergencyPlan', q.getPlanDetail);

  // OperationAgreement and its selection
  app.get('/api/v1/operation-agreements', { schema: { tags, querystring: m.ListQuery } }, async (req) =>
    q.listAgreements(k, A(req), req.query),
  );
  app.post('/api/v1/operation-agreements', { schema: { tags, body: m.CreateAgreementInput } }, async (req, reply) => {
    reply.status(201);
    return svc.createAgreement(k, A(req), req.body);
  });
  app.get('/api/v1/operation-agreements/:id', { schema: { tags, params: Id } }, async (req) =>
    q.getAgreementDetail(k, A(req), req.params.id),
  );
  app.get('/api/v1/operation-agreements/:id/catalog', { schema: { tags, params: Id } }, async (req) =>
    q.getCatalogForWizard(k, A(req), req.params.id),
  );
  app.post(
    '/api/v1/operation-agreements/:id/selection',
    { schema: { tags, params: Id, body: m.StartSelectionInput } },
    async (req) => svc.startSelection(k, A(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/operation-agreements/:id/award',
    { schema: { tags, params: Id, body: m.AwardInput } },
    async (req) => svc.awardAgreement(k, A(req), req.params.id, req.body),
  );
  app.post('/api/v1/operation-agreements/:id/sign', { schema: { tags, params: Id, body: m.SignInput } }, async (req) =>
    svc.signAgreement(k, A(req), req.params.id, req.body),
  );
  app.post('/api/v1/operation-agreements/:id/renew', { schema: { tags, params: Id } }, async (req) =>
    svc.renewAgreement(k, A(req), req.params.id),
  );
  app.post(
    '/api/v1/operation-agreements/:id/suspend',
    { schema: { tags, params: Id, body: m.SuspendInput } },
    async (req) => svc.suspendAgreement(k, A(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/operation-agreements/:id/resume',
    { schema: { tags, params: Id, body: m.ReasonInput } },
    async (req) => svc.resumeAgreement(k, A(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/operation-agreements/:id/terminate',
    { schema: { tags, params: Id, body: m.TerminateInput } },
    async (req) => svc.terminateAgreement(k, A(req), req.params.id, req.body),
  );
  const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  app.get('/api/v1/operation-agreements/:id/export.docx', { schema: { tags, params: Id } }, async (req, reply) => {
    const d = await exportAgreementDocx(k, A(req), req.params.id);
    return reply
      .type(DOCX)
      .header('content-disposition', `attachment; filename="operation-agreement-draft.docx"`)
      .header('x-sm3', d.sm3)
      .send(d.buffer);
  });
  app.get('/api/v1/scenario-applications/:id/export.docx', { schema: { tags, params: Id } }, async (req, reply) => {
    const d = await exportApplicationDocx(k, A(req), req.params.id);
    return reply
      .type(DOCX)
      .header('content-disposition', `attachment; filename="scenario-application.docx"`)
      .header('x-sm3', d.sm3)
      .send(d.buffer);
  });
  app.post(
    '/api/v1/agreement-catalog-entries/:id/decide',
    { schema: { tags, params: Id, body: m.ConsentCatalogInput } },
    async (req) => svc.decideCatalogEntry(k, A(req), req.params.id, req.body),
  );

  // ScenarioApplication, reviews and consents
  app.get('/api/v1/scenario-applications', { schema: { tags, querystring: m.ListQuery } }, async (req) =>
    q.listApplications(k, A(req), req.query),
  );
  app.post(
    '/api/v1/scenario-applications',
    { schema: { tags, body: m.CreateApplicationInput } },
    async (req, reply) => {
      reply.status(201);
      return svc.createApplication(k, A(req), req.body);
    },
  );
  app.get('/api/v1/scenario-applications/:id', { schema: { tags, params: Id } }, async (req) =>
    q.getApplicationDetail(k, A(req), req.params.id),
  );
  app.get('/api/v1/scenario-applications/:id/reviews', { schema: { tags, params: Id } }, async (req) => ({
    items: (await q.getApplicationDetail(k, A(req), req.params.id)).reviews,
  }));
  // The owner resumes and edits a draft or returned application (issue 14).
  app.put(
    '/api/v1/scenario-applications/:id',
    { schema: { tags, params: Id, body: m.EditApplicationInput } },
    async (req) => svc.editApplication(k, A(req), req.params.id, req.body),
  );
  app.post('/api/v1/scenario-applications/:id/submit', { schema: { tags, params: Id } }, async (req) =>
    svc.submitApplication(k, A(req), req.params.id),
  );
  app.post('/api/v1/scenario-applications/:id/accept', { schema: { tags, params: Id } }, async (req) =>
    svc.acceptForReview(k, A(req), req.params.id),
  );
  app.post(
    '/api/v1/scenario-applications/:id/return',
    { schema: { tags, params: Id, body: m.ReasonInput } },
    async (req) => svc.returnApplication(k, A(req), req.params.id, req.body.reason),
  );
  app.post(
    '/api/v1/scenario-applications/:id/endorse',
    { schema: { tags, params: Id, body: m.ApproveInput } },
    async (req) => svc.endorseApplication(k, A(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/scenario-applications/:id/approve',
    { schema: { tags, params: Id, body: m.ApproveInput } },
    async (req) => svc.approveApplication(k, A(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/scenario-applications/:id/reject',
    { schema: { tags, params: Id, body: m.RejectInput } },
    async (req) => svc.rejectApplication(k, A(req), req.params.id, req.body),
  );
  app.post('/api/v1/scenario-applications/:id/withdraw', { schema: { tags, params: Id, body: Comment } }, async (req) =>
    svc.withdrawApplication(k, A(req), req.params.id),
  );
  app.get('/api/v1/source-consents', { schema: { tags, querystring: m.ListQuery } }, async (req) =>
    q.listMyConsents(k, A(req), req.query),
  );
  app.post('/api/v1/source-consents/:id/decide', { schema: { tags, params: Id, body: m.ConsentInput } }, async (req) =>
    svc.decideConsent(k, A(req), req.params.id, req.body),
  );

  // Grants, emergency plans, collaborations, filings
  app.get('/api/v1/grants', { schema: { tags, querystring: m.ListQuery } }, async (req) =>
    q.listGrants(k, A(req), req.query),
  );
  app.get('/api/v1/grants/:id', { schema: { tags, params: Id } }, async (req) =>
    q.getGrantDetail(k, A(req), req.params.id),
  );
  app.get('/api/v1/grants/:id/versions', { schema: { tags, params: Id } }, async (req) =>
    q.listGrantVersions(k, A(req), req.params.id),
  );
  app.post('/api/v1/grants/:id/activate', { schema: { tags, params: Id } }, async (req) =>
    svc.activateGrant(k, A(req), req.params.id),
  );
  for (const action of ['suspend', 'resume', 'revoke'] as const) {
    app.post(`/api/v1/grants/:id/${action}`, { schema: { tags, params: Id, body: m.ReasonInput } }, async (req) =>
      svc.changeGrant(k, A(req), req.params.id, action, req.body.reason),
    );
  }
  app.post('/api/v1/grants/:id/narrow', { schema: { tags, params: Id, body: m.NarrowInput } }, async (req) =>
    svc.narrowGrant(k, A(req), req.params.id, req.body),
  );
  // AUTH-29: publication permissions (patent filing, exclusive publication) on a Grant.
  app.post(
    '/api/v1/grants/:id/publication-permissions',
    { schema: { tags, params: Id, body: m.PublicationRequestInput } },
    async (req, reply) => {
      reply.status(201);
      return svc.requestPublicationPermission(k, A(req), req.params.id, req.body);
    },
  );
  app.get('/api/v1/publication-permissions/:id', { schema: { tags, params: Id } }, async (req) =>
    svc.getPublicationPermission(k, A(req), req.params.id),
  );
  app.post(
    '/api/v1/publication-permissions/:id/decide',
    { schema: { tags, params: Id, body: m.PublicationDecisionInput } },
    async (req) => svc.decidePublicationPermission(k, A(req), req.params.id, req.body),
  );
  app.post('/api/v1/emergency-plans', { schema: { tags, body: m.PlanInput } }, async (req, reply) => {
    reply.status(201);
    return svc.createPlan(k, A(req), req.body);
  });
  app.get('/api/v1/emergency-plans/:id', { schema: { tags, params: Id } }, async (req) =>
    q.getPlanDetail(k, A(req), req.params.id),
  );
  app.post('/api/v1/emergency-plans/:id/submit', { schema: { tags, params: Id } }, async (req) =>
    svc.submitPlan(k, A(req), req.params.id),
  );
  app.post('/api/v1/emergency-plans/:id/file', { schema: { tags, params: Id } }, async (req) =>
    svc.filePlan(k, A(req), req.params.id),
  );
  app.post('/api/v1/emergency-plans/:id/return', { schema: { tags, params: Id, body: m.ReasonInput } }, async (req) =>
    svc.returnPlan(k, A(req), req.params.id, req.body.reason),
  );
  app.post('/api/v1/emergency-plans/:id/drills', { schema: { tags, params: Id, body: m.DrillInput } }, async (req) =>
    svc.recordDrill(k, A(req), req.params.id, req.body),
  );
  app.get('/api/v1/collaboration-agreements', { schema: { tags, querystring: m.ListQuery } }, async (req) =>
    q.listCollaborations(k, A(req), req.query),
  );
  app.post('/api/v1/collaboration-agreements', { schema: { tags, body: m.CollaborationInput } }, async (req, reply) => {
    reply.status(201);
    return svc.createCollaboration(k, A(req), req.body);
  });
  app.post('/api/v1/collaboration-agreements/:id/file', { schema: { tags, params: Id } }, async (req) =>
    svc.fileCollaboration(k, A(req), req.params.id),
  );
  app.post(
    '/api/v1/collaboration-agreements/:id/exit',
    { schema: { tags, params: Id, body: m.ExitInput } },
    async (req) => svc.exitCollaboration(k, A(req), req.params.id, req.body),
  );
  app.get('/api/v1/filings', { schema: { tags, querystring: m.ListQuery } }, async (req) =>
    q.listFilings(k, A(req), req.query),
  );
}
