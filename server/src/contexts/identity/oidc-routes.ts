import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import {
  activeIdpOf,
  bindMember,
  configureIdp,
  disableIdp,
  listActiveIdps,
  listOwnLinks,
  removeLink,
  SECRET_REF,
} from './oidc-config.js';
import { completeFlow, idpForDivision, startFlow } from './oidc.js';
import { setSessionCookie } from './plugin.js';
import { assertAllowed, orgSubject } from './service.js';
import * as store from './store.js';
import { Uuid } from './model.js';

const tags = ['identity'];
const BINDING_COOKIE = '__Host-oidc';
const Division = z.object({ jurisdiction: z.string().regex(/^\d{6}$/) });
const Callback = z.object({
  code: z.string().max(2048).optional(),
  state: z.string().max(512).optional(),
  iss: z.string().max(512).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(1024).optional(),
  session_state: z.string().max(512).optional(),
});
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
const TransitionView = z.object({ id: z.string(), state: z.string(), version: z.number() });

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
  app.get('/api/v1/auth/oidc/providers', { schema: { tags } }, async () => ({
    items: (await listActiveIdps(k.db)).map((i) => ({
      divisionCode: i.division_code,
      jurisdictionNameZh: i.jurisdiction_name_zh,
      displayName: i.display_name,
    })),
  }));

  app.get('/api/v1/auth/oidc/:jurisdiction/start', { schema: { tags, params: Division } }, async (req, reply) => {
    const flow = await startFlow(k, await idpForDivision(k, req.params.jurisdiction));
    setBinding(k, reply, flow.binding);
    return reply.redirect(flow.authorizationUrl, 302);
  });

  app.post('/api/v1/auth/oidc/:jurisdiction/link', { schema: { tags, params: Division } }, async (req, reply) => {
    const a = sessionUser(req);
    const flow = await startFlow(k, await idpForDivision(k, req.params.jurisdiction), a.userId);
    setBinding(k, reply, flow.binding);
    return { authorizationUrl: flow.authorizationUrl };
  });

  app.get(
    '/api/v1/auth/oidc/:jurisdiction/callback',
    { schema: { tags, params: Division, querystring: Callback } },
    async (req, reply) => {
      const idp = await idpForDivision(k, req.params.jurisdiction);
      const session = req.authVia === 'cookie' ? req.actor : undefined;
      const r = await completeFlow(k, idp, req.query, req.cookies[BINDING_COOKIE], {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
        session,
      });
      reply.clearCookie(BINDING_COOKIE, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' });
      if (r.kind === 'linked') return { linked: true, userId: r.userId };
      setSessionCookie(reply, r.login.token);
      const a = r.login.actor;
      return {
        user: { id: a.userId, loginName: a.loginName, orgId: a.orgId },
        csrfToken: r.login.csrfToken,
        mfaRequired: r.login.mfaPending,
      };
    },
  );

  app.get('/api/v1/auth/oidc/links', { schema: { tags } }, async (req) => {
    const a = sessionUser(req);
    const idps = await listActiveIdps(k.db);
    return {
      items: (await listOwnLinks(k.db, a.userId!)).map((l) => ({
        id: l.id,
        issuer: l.issuer,
        subject: l.subject,
        method: l.method,
        createdAt: new Date(l.created_at).toISOString(),
        divisionCodes: idps.filter((i) => i.issuer === l.issuer).map((i) => i.division_code),
      })),
    };
  });

  app.post(
    '/api/v1/auth/oidc/links/:id/remove',
    { schema: { tags, params: z.object({ id: Uuid }), response: { 200: TransitionView } } },
    async (req) => removeLink(k, requireAuthenticated(req), req.params.id),
  );

  app.get('/api/v1/jurisdictions/:id/oidc', { schema: { tags, params: z.object({ id: Uuid }) } }, async (req) => {
    const a = requireAuthenticated(req);
    assertAllowed(k, a, 'oidc.read', { type: 'OidcIdp' });
    const i = await activeIdpOf(k.db, req.params.id);
    if (!i) throw notFound('OidcIdp');
    return {
      id: i.id,
      displayName: i.display_name,
      issuer: i.issuer,
      clientId: i.client_id,
      clientSecretRef: i.client_secret_ref,
      redirectUri: i.redirect_uri,
      scopes: i.scopes,
      orgClaim: i.org_claim,
      state: i.state,
      version: i.version,
    };
  });

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
        body: z.object({ jurisdictionId: Uuid, subject: z.string().min(1).max(255) }),
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
