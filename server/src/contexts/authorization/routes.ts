import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.js';
import { fileResponse, TransitionView } from '../../kernel/http/responses.js';
import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import * as m from './model.js';
import * as svc from './service.js';
import * as q from './usecases/queries.js';
import { defineObjectReader } from '../../kernel/workflow/readers.js';
import { exportAgreementDocx, exportApplicationDocx } from './export.js';

const tags = ['authorization'];
const Id = m.IdParams;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
// The answers (issue 13): a transition answers its object's id, state and version; some add a number.
const Done = { 200: TransitionView };
const Docx = { 200: fileResponse(DOCX) };
const Created = <T extends z.ZodRawShape>(extra: T) => ({ 201: TransitionView.extend(extra) });
const Comment = z
  .object({ comment: z.string().default('') })
  .partial()
  .optional();

/** A Word file with its SM3 fingerprint. The Buffer is sent as-is, never through the view (fileResponse only documents it). */
function sendDocx(reply: FastifyReply, filename: string, d: { buffer: Buffer; sm3: string }) {
  return reply
    .type(DOCX)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('x-sm3', d.sm3)
    .send(d.buffer);
}

/** authorization.md API resources (all under /api/v1); each handler is one service call. */
export function authorizationRoutes(app: App, k: Kernel) {
  const A = (req: Parameters<typeof requireAuthenticated>[0]) => requireAuthenticated(req);
  // Whoever may open one of these may see its ledger timeline and evidence (LED-13).
  defineObjectReader('OperationAgreement', q.getAgreementDetail);
  defineObjectReader('ScenarioApplication', q.getApplicationDetail);
  defineObjectReader('Grant', q.getGrantDetail);
  defineObjectReader('EmergencyPlan', q.getPlanDetail);

  // OperationAgreement and its selection
  app.get(
    '/api/v1/operation-agreements',
    { schema: { tags, querystring: m.ListQuery, response: { 200: pageOf(m.AgreementView) } } },
    async (req) => q.listAgreements(k, A(req), req.query),
  );
  app.post(
    '/api/v1/operation-agreements',
    { schema: { tags, body: m.CreateAgreementInput, response: Created({ agreementNo: z.string() }) } },
    async (req, reply) => {
      reply.status(201);
      return svc.createAgreement(k, A(req), req.body);
    },
  );
  app.get(
    '/api/v1/operation-agreements/:id',
    { schema: { tags, params: Id, response: { 200: m.AgreementDetailView } } },
    async (req) => q.getAgreementDetail(k, A(req), req.params.id),
  );
  app.get(
    '/api/v1/operation-agreements/:id/catalog',
    { schema: { tags, params: Id, response: { 200: m.WizardCatalogView } } },
    async (req) => q.getCatalogForWizard(k, A(req), req.params.id),
  );
  app.post(
    '/api/v1/operation-agreements/:id/selection',
    { schema: { tags, params: Id, body: m.StartSelectionInput, response: Done } },
    async (req) => svc.startSelection(k, A(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/operation-agreements/:id/award',
    { schema: { tags, params: Id, body: m.AwardInput, response: Done } },
    async (req) => svc.awardAgreement(k, A(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/operation-agreements/:id/sign',
    { schema: { tags, params: Id, body: m.SignInput, response: Done } },
    async (req) => svc.signAgreement(k, A(req), req.params.id, req.body),
  );
  app.post('/api/v1/operation-agreements/:id/renew', { schema: { tags, params: Id, response: Done } }, async (req) =>
    svc.renewAgreement(k, A(req), req.params.id),
  );
  app.post(
    '/api/v1/operation-agreements/:id/suspend',
    { schema: { tags, params: Id, body: m.SuspendInput, response: Done } },
    async (req) => svc.suspendAgreement(k, A(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/operation-agreements/:id/resume',
    { schema: { tags, params: Id, body: m.ReasonInput, response: Done } },
    async (req) => svc.resumeAgreement(k, A(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/operation-agreements/:id/terminate',
    {
      schema: {
        tags,
        params: Id,
        body: m.TerminateInput,
        response: {
          200: TransitionView.extend({
            terminationId: z.string(),
            revokedGrantIds: z.array(z.string()),
            terminatedCollaborationIds: z.array(z.string()),
          }),
        },
      },
    },
    async (req) => svc.terminateAgreement(k, A(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/operation-agreements/:id/export.docx',
    { schema: { tags, params: Id, response: Docx } },
    async (req, reply) =>
      sendDocx(reply, 'operation-agreement-draft.docx', await exportAgreementDocx(k, A(req), req.params.id)),
  );
  app.get(
    '/api/v1/scenario-applications/:id/export.docx',
    { schema: { tags, params: Id, response: Docx } },
    async (req, reply) =>
      sendDocx(reply, 'scenario-application.docx', await exportApplicationDocx(k, A(req), req.params.id)),
  );
  app.post(
    '/api/v1/agreement-catalog-entries/:id/decide',
    { schema: { tags, params: Id, body: m.ConsentCatalogInput, response: Done } },
    async (req) => svc.decideCatalogEntry(k, A(req), req.params.id, req.body),
  );

  // ScenarioApplication, reviews and consents
  app.get(
    '/api/v1/scenario-applications',
    { schema: { tags, querystring: m.ListQuery, response: { 200: pageOf(m.ApplicationView) } } },
    async (req) => q.listApplications(k, A(req), req.query),
  );
  app.post(
    '/api/v1/scenario-applications',
    { schema: { tags, body: m.CreateApplicationInput, response: Created({ applicationNo: z.string() }) } },
    async (req, reply) => {
      reply.status(201);
      return svc.createApplication(k, A(req), req.body);
    },
  );
  app.get(
    '/api/v1/scenario-applications/:id',
    { schema: { tags, params: Id, response: { 200: m.ApplicationDetailView } } },
    async (req) => q.getApplicationDetail(k, A(req), req.params.id),
  );
  app.get(
    '/api/v1/scenario-applications/:id/reviews',
    { schema: { tags, params: Id, response: { 200: m.ReviewsView } } },
    async (req) => ({
      items: (await q.getApplicationDetail(k, A(req), req.params.id)).reviews,
    }),
  );
  // The owner resumes and edits a draft or returned application (issue 14).
  app.put(
    '/api/v1/scenario-applications/:id',
    { schema: { tags, params: Id, body: m.EditApplicationInput, response: Done } },
    async (req) => svc.editApplication(k, A(req), req.params.id, req.body),
  );
  app.post('/api/v1/scenario-applications/:id/submit', { schema: { tags, params: Id, response: Done } }, async (req) =>
    svc.submitApplication(k, A(req), req.params.id),
  );
  app.post('/api/v1/scenario-applications/:id/accept', { schema: { tags, params: Id, response: Done } }, async (req) =>
    svc.acceptForReview(k, A(req), req.params.id),
  );
  app.post(
    '/api/v1/scenario-applications/:id/return',
    { schema: { tags, params: Id, body: m.ReasonInput, response: Done } },
    async (req) => svc.returnApplication(k, A(req), req.params.id, req.body.reason),
  );
  app.post(
    '/api/v1/scenario-applications/:id/endorse',
    { schema: { tags, params: Id, body: m.ApproveInput, response: Done } },
    async (req) => svc.endorseApplication(k, A(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/scenario-applications/:id/approve',
    {
      schema: {
        tags,
        params: Id,
        body: m.ApproveInput,
        response: { 200: TransitionView.extend({ grantId: z.string(), grantNo: z.string() }) },
      },
    },
    async (req) => svc.approveApplication(k, A(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/scenario-applications/:id/reject',
    { schema: { tags, params: Id, body: m.RejectInput, response: Done } },
    async (req) => svc.rejectApplication(k, A(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/scenario-applications/:id/withdraw',
    { schema: { tags, params: Id, body: Comment, response: Done } },
    async (req) => svc.withdrawApplication(k, A(req), req.params.id),
  );
  app.get(
    '/api/v1/source-consents',
    { schema: { tags, querystring: m.ListQuery, response: { 200: pageOf(m.ConsentInboxView) } } },
    async (req) => q.listMyConsents(k, A(req), req.query),
  );
  app.post(
    '/api/v1/source-consents/:id/decide',
    { schema: { tags, params: Id, body: m.ConsentInput, response: Done } },
    async (req) => svc.decideConsent(k, A(req), req.params.id, req.body),
  );

  // Grants, emergency plans, collaborations, filings
  app.get(
    '/api/v1/grants',
    { schema: { tags, querystring: m.ListQuery, response: { 200: pageOf(m.GrantView) } } },
    async (req) => q.listGrants(k, A(req), req.query),
  );
  app.get('/api/v1/grants/:id', { schema: { tags, params: Id, response: { 200: m.GrantDetailView } } }, async (req) =>
    q.getGrantDetail(k, A(req), req.params.id),
  );
  app.get(
    '/api/v1/grants/:id/versions',
    { schema: { tags, params: Id, response: { 200: m.GrantVersionsView } } },
    async (req) => q.listGrantVersions(k, A(req), req.params.id),
  );
  app.post('/api/v1/grants/:id/activate', { schema: { tags, params: Id, response: Done } }, async (req) =>
    svc.activateGrant(k, A(req), req.params.id),
  );
  for (const action of ['suspend', 'resume', 'revoke'] as const) {
    app.post(
      `/api/v1/grants/:id/${action}`,
      { schema: { tags, params: Id, body: m.ReasonInput, response: Done } },
      async (req) => svc.changeGrant(k, A(req), req.params.id, action, req.body.reason),
    );
  }
  app.post(
    '/api/v1/grants/:id/narrow',
    {
      schema: {
        tags,
        params: Id,
        body: m.NarrowInput,
        response: { 200: TransitionView.extend({ previousId: z.string(), grantVersion: z.number().int() }) },
      },
    },
    async (req) => svc.narrowGrant(k, A(req), req.params.id, req.body),
  );
  // AUTH-29: publication permissions (patent filing, exclusive publication) on a Grant.
  app.post(
    '/api/v1/grants/:id/publication-permissions',
    { schema: { tags, params: Id, body: m.PublicationRequestInput, response: { 201: TransitionView } } },
    async (req, reply) => {
      reply.status(201);
      return svc.requestPublicationPermission(k, A(req), req.params.id, req.body);
    },
  );
  app.get(
    '/api/v1/publication-permissions/:id',
    { schema: { tags, params: Id, response: { 200: m.PublicationPermissionView } } },
    async (req) => svc.getPublicationPermission(k, A(req), req.params.id),
  );
  app.post(
    '/api/v1/publication-permissions/:id/decide',
    { schema: { tags, params: Id, body: m.PublicationDecisionInput, response: Done } },
    async (req) => svc.decidePublicationPermission(k, A(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/emergency-plans',
    { schema: { tags, body: m.PlanInput, response: { 201: TransitionView } } },
    async (req, reply) => {
      reply.status(201);
      return svc.createPlan(k, A(req), req.body);
    },
  );
  app.get(
    '/api/v1/emergency-plans/:id',
    { schema: { tags, params: Id, response: { 200: m.PlanDetailView } } },
    async (req) => q.getPlanDetail(k, A(req), req.params.id),
  );
  app.post('/api/v1/emergency-plans/:id/submit', { schema: { tags, params: Id, response: Done } }, async (req) =>
    svc.submitPlan(k, A(req), req.params.id),
  );
  app.post('/api/v1/emergency-plans/:id/file', { schema: { tags, params: Id, response: Done } }, async (req) =>
    svc.filePlan(k, A(req), req.params.id),
  );
  app.post(
    '/api/v1/emergency-plans/:id/return',
    { schema: { tags, params: Id, body: m.ReasonInput, response: Done } },
    async (req) => svc.returnPlan(k, A(req), req.params.id, req.body.reason),
  );
  app.post(
    '/api/v1/emergency-plans/:id/drills',
    { schema: { tags, params: Id, body: m.DrillInput, response: Done } },
    async (req) => svc.recordDrill(k, A(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/collaboration-agreements',
    { schema: { tags, querystring: m.ListQuery, response: { 200: pageOf(m.CollaborationListItemView) } } },
    async (req) => q.listCollaborations(k, A(req), req.query),
  );
  app.post(
    '/api/v1/collaboration-agreements',
    { schema: { tags, body: m.CollaborationInput, response: { 201: TransitionView } } },
    async (req, reply) => {
      reply.status(201);
      return svc.createCollaboration(k, A(req), req.body);
    },
  );
  app.post('/api/v1/collaboration-agreements/:id/file', { schema: { tags, params: Id, response: Done } }, async (req) =>
    svc.fileCollaboration(k, A(req), req.params.id),
  );
  app.post(
    '/api/v1/collaboration-agreements/:id/exit',
    { schema: { tags, params: Id, body: m.ExitInput, response: Done } },
    async (req) => svc.exitCollaboration(k, A(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/filings',
    { schema: { tags, querystring: m.ListQuery, response: { 200: pageOf(m.FilingView) } } },
    async (req) => q.listFilings(k, A(req), req.query),
  );
}
