import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { PageQuery, pageOf } from '../../kernel/http/pagination.js';
import { fileResponse, Ok, TransitionView } from '../../kernel/http/responses.js';
import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import './messages.js';
import './service.js'; // registers the RA-08 contract follower wherever rights is served
import * as m from './model.js';
import { presentDataAsset, presentObjection, presentRegistration, presentValuation } from './present.js';
import { revokeCertificate } from './usecases/revoke.js';
import * as obj from './usecases/objections.js';
import { registrationOrgNames } from './usecases/orgs.js';
import { certificatePdfRoutes } from './routes-pdf.js';
import { registrationWizardRoutes } from './routes-wizard.js';
import * as pub from './usecases/public.js';
import { certificateQrPng } from './usecases/qr.js';
import * as reg from './usecases/registrations.js';
import * as rev from './usecases/review.js';
import * as val from './usecases/valuations.js';
import * as assets from './usecases/data-assets.js';
import { verifyBundle } from './verify.js';
import { assetRegisterRoutes } from './routes-assets.js';
import { rulebookRoutes } from './routes-rulebooks.js';

const tags = ['rights'];
const Id = m.IdParams;
const transitionOf = (r: { id: string; state: string; version: number }) => ({
  id: r.id,
  state: r.state,
  version: r.version,
});

/** rights-assets.md API: registrations, objections, certificates; the public verification endpoints need no login. */
export function rightsRoutes(app: App, k: Kernel) {
  registrationRoutes(app, k);
  reviewRoutes(app, k);
  objectionRoutes(app, k);
  publicRoutes(app, k);
  valuationRoutes(app, k);
  dataAssetRoutes(app, k);
  assetRegisterRoutes(app, k);
  certificatePdfRoutes(app, k);
  registrationWizardRoutes(app, k);
  rulebookRoutes(app, k);
}

/** DataAsset cards and 入表 classification (RA-25, RA-34, RA-35, RA-37). */
function dataAssetRoutes(app: App, k: Kernel) {
  const asset = (a: Parameters<typeof presentDataAsset>[0]) => presentDataAsset(a, k.clock.now(), k.profile);
  app.post(
    '/api/v1/data-assets',
    { schema: { tags, body: m.DataAssetInput, response: { 201: m.DataAssetView } } },
    async (req, reply) => {
      const a = await assets.createDataAsset(k, requireAuthenticated(req), req.body);
      reply.code(201);
      return presentDataAsset(a, k.clock.now(), k.profile);
    },
  );
  app.get(
    '/api/v1/data-assets/:id',
    { schema: { tags, params: Id, response: { 200: m.DataAssetView } } },
    async (req) => asset(await assets.getDataAsset(k, requireAuthenticated(req), req.params.id)),
  );
  app.post(
    '/api/v1/data-assets/:id/memo-book',
    { schema: { tags, params: Id, response: { 200: m.DataAssetView } } },
    async (req) => asset(await assets.toMemoBook(k, requireAuthenticated(req), req.params.id)),
  );
  app.post(
    '/api/v1/data-assets/:id/card',
    { schema: { tags, params: Id, body: m.Recognition, response: { 200: m.DataAssetView } } },
    async (req) => asset(await assets.cardDataAsset(k, requireAuthenticated(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/data-assets/:id/classify',
    { schema: { tags, params: Id, body: m.ClassifyInput, response: { 200: m.DataAssetView } } },
    async (req) => asset(await assets.classifyDataAsset(k, requireAuthenticated(req), req.params.id, req.body)),
  );
}

/** Valuations (RA-29, RA-31) and the SOE price check (RA-33). */
function valuationRoutes(app: App, k: Kernel) {
  app.post(
    '/api/v1/valuations',
    { schema: { tags, body: m.ValuationInput, response: { 201: m.ValuationView } } },
    async (req, reply) => {
      const v = await val.engageValuation(k, requireAuthenticated(req), req.body);
      reply.code(201);
      return presentValuation(v);
    },
  );
  app.post(
    '/api/v1/valuations/:id/advance',
    { schema: { tags, params: Id, response: { 200: m.ValuationView } } },
    async (req) => presentValuation(await val.advanceValuation(k, requireAuthenticated(req), req.params.id)),
  );
  app.post(
    '/api/v1/valuations/:id/sign',
    { schema: { tags, params: Id, body: m.SignInput, response: { 200: m.ValuationView } } },
    async (req) =>
      presentValuation(await val.signValuation(k, requireAuthenticated(req), req.params.id, req.body.name)),
  );
  app.post(
    '/api/v1/valuations/:id/report',
    { schema: { tags, params: Id, body: m.ValuationReportInput, response: { 200: m.ValuationView } } },
    async (req) => presentValuation(await val.reportValuation(k, requireAuthenticated(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/valuations/:id/price-check',
    { schema: { tags, params: Id, body: m.PriceCheckInput, response: { 200: Ok } } },
    async (req) => val.checkSoePrice(k, requireAuthenticated(req), req.params.id, req.body),
  );
}

function registrationRoutes(app: App, k: Kernel) {
  app.post(
    '/api/v1/rights-registrations',
    { schema: { tags, body: m.ApplyInput, response: { 201: m.RegistrationView } } },
    async (req, reply) => {
      const row = await reg.applyForRegistration(k, requireAuthenticated(req), req.body);
      reply.code(201);
      return presentRegistration(row, k.clock.now(), await registrationOrgNames(k, [row]));
    },
  );
  app.get(
    '/api/v1/rights-registrations',
    { schema: { tags, querystring: m.RegistrationListQuery, response: { 200: pageOf(m.RegistrationView) } } },
    async (req) => {
      const { items, total } = await reg.listRegistrations(k, requireAuthenticated(req), req.query);
      const now = k.clock.now();
      const names = await registrationOrgNames(k, items);
      return {
        items: items.map((r) => presentRegistration(r, now, names)),
        total,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );
  app.get(
    '/api/v1/rights-registrations/:id',
    { schema: { tags, params: Id, response: { 200: m.RegistrationView } } },
    async (req) => {
      const { row, certificateNo } = await reg.getRegistration(k, requireAuthenticated(req), req.params.id);
      return { ...presentRegistration(row, k.clock.now(), await registrationOrgNames(k, [row])), certificateNo };
    },
  );
  app.post(
    '/api/v1/rights-registrations/:id/submit',
    { schema: { tags, params: Id, body: m.SubmitInput, response: { 200: TransitionView } } },
    async (req) => transitionOf(await reg.submitRegistration(k, requireAuthenticated(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/rights-registrations/:id/withdraw',
    { schema: { tags, params: Id, body: m.ReasonInput, response: { 200: TransitionView } } },
    async (req) =>
      transitionOf(await reg.withdrawRegistration(k, requireAuthenticated(req), req.params.id, req.body.reason)),
  );
  app.post(
    '/api/v1/rights-registrations/:id/resubmit',
    { schema: { tags, params: Id, body: m.ResubmitInput, response: { 200: TransitionView } } },
    async (req) =>
      transitionOf(await rev.resubmitRegistration(k, requireAuthenticated(req), req.params.id, req.body.evidence)),
  );
}

/** The registry's desk and the evaluator's report. */
function reviewRoutes(app: App, k: Kernel) {
  const post = <B extends z.ZodType>(
    path: string,
    body: B,
    run: (
      actorId: ReturnType<typeof requireAuthenticated>,
      id: string,
      b: z.infer<B>,
    ) => Promise<{ id: string; state: string; version: number }>,
  ) =>
    app.post(
      `/api/v1/rights-registrations/:id/${path}`,
      { schema: { tags, params: Id, body, response: { 200: TransitionView } } },
      async (req) => transitionOf(await run(requireAuthenticated(req), req.params.id, req.body as z.infer<B>)),
    );
  const Empty = z.object({}).default({});
  post('accept', Empty, (a, id) => rev.acceptRegistration(k, a, id));
  post('reject', m.RejectInput, (a, id, b) => rev.rejectRegistration(k, a, id, b));
  post('formal-review', Empty, (a, id) => rev.startFormalReview(k, a, id));
  post('request-correction', m.CorrectionInput, (a, id, b) => rev.requestCorrection(k, a, id, b.defects));
  post('commission', m.CommissionInput.partial(), (a, id, b) => rev.commissionReview(k, a, id, b.evaluatorOrgId));
  post('report', m.ReportInput, (a, id, b) => rev.submitReport(k, a, id, b));
  post('decide', m.DecideInput, (a, id, b) => rev.decideRegistration(k, a, id, b));
}

function objectionRoutes(app: App, k: Kernel) {
  app.get(
    '/api/v1/rights-registrations/:id/objections',
    { schema: { tags, params: Id, response: { 200: z.object({ items: z.array(m.ObjectionView) }) } } },
    async (req) => ({
      items: (await obj.listObjections(k, requireAuthenticated(req), req.params.id)).map(presentObjection),
    }),
  );
  app.post(
    '/api/v1/rights-registrations/:id/objections',
    { schema: { tags, params: Id, body: m.ObjectionInput, response: { 201: m.ObjectionView } } },
    async (req, reply) => {
      const row = await obj.fileObjection(k, requireAuthenticated(req), req.params.id, req.body);
      reply.code(201);
      return presentObjection(row);
    },
  );
  const Empty = z.object({}).default({});
  app.post(
    '/api/v1/rights-objections/:id/accept',
    { schema: { tags, params: Id, body: Empty, response: { 200: TransitionView } } },
    async (req) => transitionOf(await obj.acceptObjection(k, requireAuthenticated(req), req.params.id)),
  );
  app.post(
    '/api/v1/rights-objections/:id/refer',
    { schema: { tags, params: Id, body: m.ReferInput, response: { 200: TransitionView } } },
    async (req) =>
      transitionOf(await obj.referObjection(k, requireAuthenticated(req), req.params.id, req.body.courtFilingRef)),
  );
  app.post(
    '/api/v1/rights-objections/:id/uphold',
    { schema: { tags, params: Id, body: m.ReasonInput, response: { 200: TransitionView } } },
    async (req) =>
      transitionOf(await obj.upholdObjection(k, requireAuthenticated(req), req.params.id, req.body.reason)),
  );
  app.post(
    '/api/v1/rights-objections/:id/dismiss',
    { schema: { tags, params: Id, body: m.ReasonInput, response: { 200: TransitionView } } },
    async (req) =>
      transitionOf(await obj.dismissObjection(k, requireAuthenticated(req), req.params.id, req.body.reason)),
  );
}

/** RA-23: public verification. Fixed shapes (issue 17): the list and the offline bundle. */
function publicRoutes(app: App, k: Kernel) {
  app.get(
    '/api/v1/public/certificates',
    { schema: { tags, querystring: PageQuery, response: { 200: pageOf(m.PublicCertificateItem) } } },
    async (req) => pub.listPublicCertificates(k, req.query),
  );
  app.get(
    '/api/v1/public/certificates/:number',
    { schema: { tags, params: m.NumberParams, response: { 200: m.CertificateBundle } } },
    async (req) => pub.certificateBundle(k, req.params.number),
  );
  app.get(
    '/api/v1/public/certificates/:number/qr.png',
    { schema: { tags, params: m.NumberParams, response: { 200: fileResponse('image/png') } } },
    async (req, reply) => {
      const png = await certificateQrPng(k, req.params.number, `${req.protocol}://${req.host}`);
      // A Buffer is sent as-is, never through the view (fileResponse only documents it): the untyped reply sends it.
      const raw: FastifyReply = reply;
      return raw.type('image/png').send(png);
    },
  );
  app.post(
    '/api/v1/public/certificates/verify',
    { schema: { tags, body: m.VerifyInput, response: { 200: m.VerifyView } } },
    async (req) => verifyBundle(req.body.bundle),
  );
  app.get(
    '/api/v1/public/registry-keys',
    { schema: { tags, response: { 200: z.object({ items: z.array(m.RegistryKeyView) }) } } },
    async () => ({ items: await pub.registryKeys(k) }),
  );
  app.get(
    '/api/v1/public/registry-logs/:id/checkpoint',
    { schema: { tags, params: Id, response: { 200: m.CheckpointView } } },
    async (req) => pub.registryCheckpoint(k, req.params.id),
  );
  app.post(
    '/api/v1/certificates/:number/revoke',
    { schema: { tags, params: m.NumberParams, body: m.RevokeInput, response: { 200: TransitionView } } },
    async (req) => transitionOf(await revokeCertificate(k, requireAuthenticated(req), req.params.number, req.body)),
  );
}
