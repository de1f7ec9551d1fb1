import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { PageQuery } from '../../../kernel/http/pagination.js';
import { fileResponse, TransitionView } from '../../../kernel/http/responses.js';
import { requireAuthenticated, type App } from '../../../kernel/http/server.js';
import type { Kernel } from '../../../kernel/kernel.js';
import * as m from '../model.js';
import { presentRegistration, presentRegistrationDetail } from '../present.js';
import { MATERIAL_LIMITS, openMaterial, storeMaterial, verifyMaterials } from '../usecases/materials.js';
import * as reg from '../usecases/registration.js';

const tags = ['catalog'];
const RegAction = z.object({
  id: z.uuid(),
  action: z.enum([
    'accept',
    'not_accept',
    'return',
    'resubmit',
    'start_review',
    'post_publicity',
    'reject',
    'withdraw',
  ]),
});
const ObjAction = z.object({ id: z.uuid(), action: z.enum(['accept', 'dismiss', 'uphold']) });
const IdOrCode = z.object({ id: z.string().min(1).max(64) });

/** ResourceRegistration: the registrant's filings, the registry's desk, publicity objections, materials. */
export function registrationRoutes(app: App, k: Kernel) {
  app.get(
    '/api/v1/registrations',
    {
      schema: {
        tags,
        querystring: PageQuery.extend({ state: z.string().max(200).optional() }),
        response: { 200: m.RegistrationPageView },
      },
    },
    async (req) => {
      const { rows, total } = await reg.listRegistrations(k, requireAuthenticated(req), req.query);
      return { items: rows.map(presentRegistration), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
  app.post(
    '/api/v1/registrations',
    { schema: { tags, body: m.RegistrationInput, response: { 201: TransitionView } } },
    async (req, reply) => {
      verifyMaterials(req.body.materials);
      reply.status(201);
      return reg.fileRegistration(k, requireAuthenticated(req), req.body);
    },
  );
  app.get(
    '/api/v1/registrations/:id',
    { schema: { tags, params: m.IdParams, response: { 200: m.RegistrationDetailView } } },
    async (req) => {
      const a = requireAuthenticated(req);
      return presentRegistrationDetail(a, await reg.getRegistration(k, a, req.params.id));
    },
  );
  app.post(
    '/api/v1/registrations/:id/:action',
    {
      schema: {
        tags,
        params: RegAction,
        body: m.RegistrationDecisionInput.optional(),
        response: { 200: TransitionView },
      },
    },
    async (req) =>
      reg.decideRegistration(k, requireAuthenticated(req), req.params.id, req.params.action, req.body ?? {}),
  );
  app.post(
    '/api/v1/objections/:id/:action',
    {
      schema: { tags, params: ObjAction, body: m.OptionalReasonInput.optional(), response: { 200: TransitionView } },
    },
    async (req) =>
      reg.handlePublicityObjection(k, requireAuthenticated(req), req.params.id, req.params.action, req.body?.reason),
  );
  app.post(
    '/api/v1/registration-materials',
    { schema: { tags, response: { 201: m.MaterialUploadView } } },
    async (req, reply) => {
      const a = requireAuthenticated(req);
      const stored = await storeMaterial(a, () => req.file({ limits: MATERIAL_LIMITS }));
      reply.status(201);
      return stored;
    },
  );
  // The registrant and the registry read a filing's materials (REG-08 keeps them with the record).
  app.get(
    '/api/v1/registrations/:id/materials/:index',
    {
      schema: {
        tags,
        params: z.object({ id: z.uuid(), index: z.coerce.number().int().min(0).max(50) }),
        response: { 200: fileResponse('application/pdf, image/png or image/jpeg') },
      },
    },
    async (req, reply) => {
      const f = await openMaterial(k, requireAuthenticated(req), req.params.id, req.params.index);
      reply.header('content-type', f.contentType);
      reply.header('content-disposition', `attachment; filename="${f.filename}"`);
      // A stream is sent as-is, never through the view (fileResponse only documents it): the untyped reply sends it.
      const raw: FastifyReply = reply;
      return raw.send(f.stream);
    },
  );
}

/** No-login pages: publicity notices, code verification, objections (catalog.md "Public pages"). */
export function publicRoutes(app: App, k: Kernel) {
  app.get(
    '/api/v1/public/registrations',
    {
      schema: {
        tags,
        querystring: PageQuery.extend({ state: z.string().max(30).optional() }),
        response: { 200: m.PublicRegistrationPageView },
      },
    },
    async (req) => reg.listPublic(k, req.query),
  );
  app.get(
    '/api/v1/public/registrations/:id',
    { schema: { tags, params: IdOrCode, response: { 200: m.PublicRegistrationView } } },
    async (req) => reg.getPublic(k, req.params.id),
  );
  app.post(
    '/api/v1/public/registrations/:id/objections',
    { schema: { tags, params: m.IdParams, body: m.ObjectionInput, response: { 201: m.ObjectionFiledView } } },
    async (req, reply) => {
      reply.status(201);
      return reg.fileObjection(k, req.params.id, null, req.body, req.ip);
    },
  );
  app.post(
    '/api/v1/public/resources/:id/objections',
    { schema: { tags, params: m.IdParams, body: m.ObjectionInput, response: { 201: m.ObjectionFiledView } } },
    async (req, reply) => {
      reply.status(201);
      return reg.fileObjection(k, null, req.params.id, req.body, req.ip);
    },
  );
}
