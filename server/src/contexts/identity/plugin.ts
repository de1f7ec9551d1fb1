import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeDecode } from '../../kernel/http/edge.js';
import { AppError } from '../../kernel/http/errors.js';
import { registerGuards } from '../../kernel/http/guards.js';
import type { App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import { assertKeyReachesRoute, authenticateApiKey, revokeApiKey, type ApiKeyAuth } from './usecases/apikeys.js';
import { resolveSession } from './usecases/sessions.js';
import { usableApiKeyByPrefix } from './store.js';

export const SESSION_COOKIE = '__Host-sid';

declare module 'fastify' {
  interface FastifyRequest {
    sessionIdHash?: string;
    sessionStage?: string;
    apiKey?: ApiKeyAuth;
  }
}

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Endpoints a session that still owes its TOTP may call.
const MFA_PENDING_ALLOWED = [
  '/api/v1/auth/totp/verify',
  '/api/v1/auth/totp/enroll',
  '/api/v1/auth/logout',
  '/api/v1/me',
];
// Endpoints that start a new identity: an old cookie is ignored there, so a tab without the
// CSRF token can always log in again (the new session replaces the cookie).
const SESSIONLESS = ['/api/v1/auth/login', '/api/v1/auth/invitations/accept'];
// LGN-06 SSO start and callback also start an identity: a session still owing its TOTP is treated
// as absent there (the SSO login replaces its cookie), never answered MFA_REQUIRED. A full session
// is still read, since the callback of a self-link needs the logged-in user (oidc.ts linkSelf);
// a pending one cannot complete a link.
const SSO_ENTRY = /^\/api\/v1\/auth\/oidc\/\d{6}\/(start|callback)$/;

/**
 * Sets req.actor from the session cookie or a Bearer API key; enforces CSRF on cookie writes
 * (LGN-05) and a key's route scope (KEY-01). It runs on request, before the body is parsed or
 * validated, so a refused caller learns nothing from the body's errors (issue 12 finding 8).
 */
export function registerAuthHook(app: App, k: Kernel) {
  app.addHook('onRequest', async (req: FastifyRequest) => {
    await rejectKeyInUrl(k, req);
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (bearer) {
      req.apiKey = await authenticateApiKey(k, bearer[1]!, req.ip);
      req.actor = req.apiKey.actor;
      req.authVia = 'bearer';
      // A key is not a login: it reaches only the routes that accept one of its scope actions.
      assertKeyReachesRoute(req.apiKey, req.routeOptions.config?.keyScope ?? []);
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token || SESSIONLESS.includes(req.url.split('?')[0]!)) return;
    const s = await resolveSession(k, token, req.ip, req.headers['user-agent']);
    if (!s) return;
    const path = req.url.split('?')[0]!;
    if (s.stage === 'pending_mfa' && !MFA_PENDING_ALLOWED.includes(path)) {
      if (SSO_ENTRY.test(path)) return;
      throw new AppError(401, 'MFA_REQUIRED');
    }
    if (WRITE.has(req.method) && req.headers['x-csrf-token'] !== s.csrfToken) throw new AppError(403, 'CSRF');
    req.actor = s.actor;
    req.authVia = 'cookie';
    req.sessionIdHash = s.idHash;
    req.sessionStage = s.stage;
  });
  registerGuards(app, k);
}

/** KEY-02: a key sent in a URL is refused and revoked, since URLs end up in logs. */
async function rejectKeyInUrl(k: Kernel, req: FastifyRequest) {
  // Malformed percent-encoding was refused before (URL_MALFORMED); safeDecode never throws.
  const m = /sy_([A-Za-z0-9_-]{8})_[A-Za-z0-9_-]{20,64}/.exec(safeDecode(req.url.split('?')[1] ?? '') ?? '');
  if (!m) return;
  const key = await usableApiKeyByPrefix(k.db, m[1]!);
  if (key) await revokeApiKey(k, req.actor, key.org_id, key.id, true);
  throw new AppError(400, 'KEY_IN_URL');
}

export function setSessionCookie(reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' });
}
