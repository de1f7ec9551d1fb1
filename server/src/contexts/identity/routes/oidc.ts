import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import { Redirect, TransitionView } from '../../../kernel/http/responses.js';
import { requireAuthenticated, type App } from '../../../kernel/http/server.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { bindMember, configureIdp, disableIdp, removeLink, SECRET_REF } from '../usecases/oidc-config.js';
import { completeFlow, idpForDivision, startFlow } from '../usecases/oidc.js';
import { setSessionCookie } from '../plugin.js';
import { assertAllowed, orgSubject } from '../policy.js';
import * as store from '../store.js';
import {
  DivisionParams,
  OidcBindInput,
  OidcCallbackQuery,
  OidcCallbackView,
  OidcIdpView,
  OidcLinkStartView,
  OidcLinkView,
  OidcProviderView,
  Uuid,
} from '../model.js';
import { presentIdp, presentLogin, presentOidcLink, presentOidcProvider } from '../present.js';

const tags = ['identity'];
const BINDING_COOKIE = '__Host-oidc';
const IdpInput = z.object({
  displayName: z.string().min(2).max(60),
  issuer: z.string().url().max(300),
  clientId: z.string().min(1).max(200),
  clientSecretRef: z.string().regex(SECRET_REF),
  redirectUri: z.string().url().max(300),
  scopes: z.string().max(200).optional(),
  orgClaim: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_.]{0,63}$/)
    .optional(),
});

function setBinding(k: Kernel, reply: FastifyReply, value: string) {
  const maxAge = k.profile.get<number>('auth.oidc.flowMinutes') * 60;
  reply.setCookie(BINDING_COOKIE, value, { path: '/', httpOnly: true, secure: true, sameSite: 'lax', maxAge });
}

/** The logged-in user of this browser (a session, not an API key): links need the person, not a key. */
function sessionUser(req: FastifyRequest) {
  const a = requireAuthenticated(req);
  if (req.authVia !== 'cookie') throw new AppError(403, 'FORBIDDEN', { reason: 'SESSION_REQUIRED' });
  return a;
}

/** Identity, CSRF and permission before the body is validated (issue 12 finding 8); the auth hook runs on request. */
function allowedFirst(k: Kernel, permission: string) {
  return async (req: FastifyRequest) => assertAllowed(k, requireAuthenticated(req), permission, { type: 'OidcIdp' });
}

/** org_admin of the org in the path, before the body is validated; others get the org's 404. */
function orgAdminFirst(k: Kernel) {
  return async (req: FastifyRequest) => {
    const a = requireAuthenticated(req);
    const { id } = req.params as { id?: string };
    const o = id ? await store.getOrg(k.db, id) : undefined;
    if (!o || o.id !== a.orgId) throw notFound('Organization', id);
    assertAllowed(k, a, 'oidc.bind', orgSubject(o));
  };
}

/** LGN-06 endpoints: SSO login and linking, IdP configuration (platform), member pre-binding (org_admin). */
export function oidcRoutes(app: App, k: Kernel) {
  app.get(
    '/api/v1/auth/oidc/providers',
    { schema: { tags, response: { 200: z.object({ items: z.array(OidcProviderView) }) } } },
    async () => ({
      items: (await store.listActiveIdps(k.db)).map(presentOidcProvider),
    }),
  );

  app.get(
    '/api/v1/auth/oidc/:jurisdiction/start',
    { schema: { tags, params: DivisionParams, response: { 302: Redirect } } },
    async (req, reply) => {
      const flow = await startFlow(k, await idpForDivision(k, req.params.jurisdiction));
      setBinding(k, reply, flow.binding);
      return reply.redirect(flow.authorizationUrl, 302);
    },
  );

  app.post(
    '/api/v1/auth/oidc/:jurisdiction/link',
    { schema: { tags, params: DivisionParams, response: { 200: OidcLinkStartView } } },
    async (req, reply) => {
      const a = sessionUser(req);
      const flow = await startFlow(k, await idpForDivision(k, req.params.jurisdiction), a.userId);
      setBinding(k, reply, flow.binding);
      return { authorizationUrl: flow.authorizationUrl };
    },
  );

  app.get(
    '/api/v1/auth/oidc/:jurisdiction/callback',
    { schema: { tags, params: DivisionParams, querystring: OidcCallbackQuery, response: { 200: OidcCallbackView } } },
    async (req, reply) => {
      const idp = await idpForDivision(k, req.params.jurisdiction);
      const session = req.authVia === 'cookie' ? req.actor : undefined;
      const r = await completeFlow(k, idp, req.query, req.cookies[BINDING_COOKIE], {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
        session,
      });
      reply.clearCookie(BINDING_COOKIE, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' });
      if (r.kind === 'linked') return { linked: true as const, userId: r.userId };
      setSessionCookie(reply, r.login.token);
      return presentLogin(r.login);
    },
  );

  app.get(
    '/api/v1/auth/oidc/links',
    { schema: { tags, response: { 200: z.object({ items: z.array(OidcLinkView) }) } } },
    async (req) => {
      const a = sessionUser(req);
      const idps = await store.listActiveIdps(k.db);
      return {
        items: (await store.listOwnLinks(k.db, a.userId!)).map((l) =>
          presentOidcLink(
            l,
            idps.filter((i) => i.issuer === l.issuer).map((i) => i.division_code),
          ),
        ),
      };
    },
  );

  app.post(
    '/api/v1/auth/oidc/links/:id/remove',
    { schema: { tags, params: z.object({ id: Uuid }), response: { 200: TransitionView } } },
    async (req) => removeLink(k, requireAuthenticated(req), req.params.id),
  );

  app.get(
    '/api/v1/jurisdictions/:id/oidc',
    { schema: { tags, params: z.object({ id: Uuid }), response: { 200: OidcIdpView } } },
    async (req) => {
      const a = requireAuthenticated(req);
      assertAllowed(k, a, 'oidc.read', { type: 'OidcIdp' });
      const i = await store.activeIdpOf(k.db, req.params.id);
      if (!i) throw notFound('OidcIdp');
      return presentIdp(i);
    },
  );

  app.put(
    '/api/v1/jurisdictions/:id/oidc',
    {
      preValidation: allowedFirst(k, 'oidc.configure'),
      schema: { tags, params: z.object({ id: Uuid }), body: IdpInput, response: { 201: TransitionView } },
    },
    async (req, reply) => {
      const r = await configureIdp(k, requireAuthenticated(req), req.params.id, req.body);
      reply.status(201);
      return r;
    },
  );

  app.post(
    '/api/v1/jurisdictions/:id/oidc/disable',
    {
      preValidation: allowedFirst(k, 'oidc.configure'),
      schema: { tags, params: z.object({ id: Uuid }), response: { 200: TransitionView } },
    },
    async (req) => disableIdp(k, requireAuthenticated(req), req.params.id),
  );

  app.post(
    '/api/v1/orgs/:id/members/:memberId/oidc-links',
    {
      preValidation: orgAdminFirst(k),
      schema: {
        tags,
        params: z.object({ id: Uuid, memberId: Uuid }),
        body: OidcBindInput,
        response: { 201: TransitionView },
      },
    },
    async (req, reply) => {
      const r = await bindMember(k, requireAuthenticated(req), req.params.id, req.params.memberId, req.body);
      reply.status(201);
      return r;
    },
  );
}
