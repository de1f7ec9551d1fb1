import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { recordAuditAlone } from '../../../kernel/audit.js';
import { sm3Hex } from '../../../kernel/crypto/sm3.js';
import { AppError } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { publicActor, type Actor } from '../../../kernel/workflow/actor.js';
import { runRules } from '../../../kernel/workflow/rules.js';
import { createLink, idpCovers, resolveSecret } from './oidc-config.js';
import { LGN_06, type OidcLoginFacts } from '../oidc-rules.js';
import { openSession, type LoginResult } from './sessions.js';
import * as store from '../store.js';
import '../messages.js';

// Discovery documents and JWKS change rarely; an hour keeps a login to one token request.
const DISCOVERY_TTL_MS = 3600_000;
const discovered = new Map<string, { at: number; server: client.ServerMetadata; jwks?: client.ExportedJWKSCache }>();

/** Clears cached discovery (tests start a fresh IdP on a new port; an admin may re-point an issuer). */
export function resetOidcCache() {
  discovered.clear();
}

/**
 * The client configuration for one IdP. Rebuilt per request so that protocol time checks (exp, iat)
 * use the platform clock (tests inject one), with the discovery document cached.
 */
async function configFor(k: Kernel, idp: IdpRow): Promise<client.Configuration> {
  const secret = resolveSecret(idp.client_secret_ref);
  const skew = Math.round((k.clock.now().getTime() - Date.now()) / 1000);
  const meta: Partial<client.ClientMetadata> = { client_secret: secret, [client.clockSkew]: skew };
  const loopback = new URL(idp.issuer).protocol === 'http:'; // only loopback passes secureUrl (oidc-config)
  const hit = discovered.get(idp.issuer);
  let config: client.Configuration;
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) {
    config = new client.Configuration(hit.server, idp.client_id, meta, client.ClientSecretBasic(secret));
    if (loopback) client.allowInsecureRequests(config);
    if (hit.jwks) client.setJwksCache(config, hit.jwks);
  } else {
    config = await guard(() =>
      client.discovery(
        new URL(idp.issuer),
        idp.client_id,
        meta,
        client.ClientSecretBasic(secret),
        loopback ? { execute: [client.allowInsecureRequests] } : {},
      ),
    );
    discovered.set(idp.issuer, { at: Date.now(), server: config.serverMetadata() });
  }
  return config;
}

/** Maps the client library's failures to our codes; an unreachable IdP is the only 5xx (502). */
async function guard<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw toAppError(e);
  }
}

function toAppError(e: unknown): AppError {
  const chain: string[] = [];
  for (let c: unknown = e; c instanceof Error && chain.length < 6; c = c.cause)
    chain.push(`${(c as { code?: string }).code ?? ''} ${c.message}`);
  const text = chain.join(' | ');
  if (/"iss"|issuer/i.test(text)) return new AppError(401, 'OIDC_ISSUER_MISMATCH');
  if (/TIMESTAMP_CHECK/.test(text)) return new AppError(401, 'OIDC_TOKEN_EXPIRED');
  if (e instanceof client.AuthorizationResponseError)
    return new AppError(401, 'OIDC_PROVIDER_ERROR', { error: e.error });
  if (e instanceof TypeError || /ECONNREFUSED|fetch failed|TIMEOUT|ABORT/i.test(text))
    return new AppError(502, 'OIDC_PROVIDER_UNAVAILABLE');
  return new AppError(401, 'OIDC_TOKEN_INVALID');
}

export async function idpForDivision(k: Kernel, divisionCode: string): Promise<IdpRow> {
  const idp = await store.activeIdpByDivision(k.db, divisionCode);
  if (!idp) throw new AppError(404, 'OIDC_NOT_CONFIGURED');
  return idp;
}

export interface StartedFlow {
  authorizationUrl: string;
  binding: string;
}

/**
 * LGN-06: starts Authorization Code + PKCE with a fresh state and nonce. The flow is stored
 * server-side and bound to this browser by a random cookie value (login CSRF), for
 * `auth.oidc.flowMinutes`. `linkUserId` is set when a logged-in user links their IdP account.
 */
export async function startFlow(k: Kernel, idp: IdpRow, linkUserId?: string): Promise<StartedFlow> {
  const config = await configFor(k, idp);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const verifier = client.randomPKCECodeVerifier();
  const binding = randomBytes(24).toString('base64url');
  const now = k.clock.now();
  const expires = new Date(now.getTime() + k.profile.get<number>('auth.oidc.flowMinutes') * 60_000);
  // Finished or expired flows are kept for a day (to tell a replay from a forgery in logs), then dropped,
  // so an anonymous start cannot grow the table without bound.
  await store.dropOldFlows(k.db, new Date(now.getTime() - 86_400_000));
  await store.insertFlow(k.db, {
    state_hash: sm3Hex(state),
    idp_id: idp.id,
    binding_hash: sm3Hex(binding),
    nonce,
    code_verifier: verifier,
    link_user_id: linkUserId ?? null,
    created_at: now,
    expires_at: expires,
  });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: idp.redirect_uri,
    scope: idp.scopes,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  return { authorizationUrl: url.href, binding };
}

type FlowRow = store.FlowRow;
type IdpRow = store.IdpRow;

/**
 * Takes the flow for a callback, once: unknown, used, another jurisdiction's, another browser's
 * (binding cookie) → OIDC_STATE_INVALID; past its time → OIDC_STATE_EXPIRED. Marked used first, so a
 * replayed callback fails whatever happens next.
 */
async function takeFlow(k: Kernel, idp: IdpRow, state: string, binding: string | undefined): Promise<FlowRow> {
  const row = await k.db.transaction().execute(async (trx) => {
    const f = await store.lockFlow(trx, sm3Hex(state));
    if (!f || f.used_at || f.idp_id !== idp.id || !binding || f.binding_hash !== sm3Hex(binding)) return null;
    await store.markFlowUsed(trx, f.state_hash, k.clock.now());
    return f;
  });
  if (!row) throw new AppError(401, 'OIDC_STATE_INVALID');
  if (new Date(row.expires_at) <= k.clock.now()) throw new AppError(401, 'OIDC_STATE_EXPIRED');
  return row;
}

export interface CallbackInput {
  code?: string;
  state?: string;
  iss?: string;
  error?: string;
}

interface VerifiedClaims {
  sub: string;
  orgCode: string | null;
}

/** Exchanges the code and validates the ID token: signature (JWKS), iss, aud, nonce, exp (LGN-06). */
async function exchange(k: Kernel, idp: IdpRow, flow: FlowRow, q: CallbackInput): Promise<VerifiedClaims> {
  const config = await configFor(k, idp);
  const current = new URL(idp.redirect_uri);
  for (const [key, v] of Object.entries(q)) if (v !== undefined) current.searchParams.set(key, v);
  const tokens = await guard(() =>
    client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: flow.code_verifier,
      expectedNonce: flow.nonce,
      expectedState: q.state,
      idTokenExpected: true,
    }),
  );
  const jwks = client.getJwksCache(config);
  const cached = discovered.get(idp.issuer);
  if (cached && jwks) cached.jwks = jwks;
  const claims = tokens.claims();
  if (!claims) throw new AppError(401, 'OIDC_TOKEN_INVALID');
  let orgCode = idp.org_claim ? claims[idp.org_claim] : undefined;
  if (idp.org_claim && orgCode === undefined && tokens.access_token) {
    // Some IdPs put the org code in userinfo only; userinfo is checked against the token's sub.
    const info = await guard(() => client.fetchUserInfo(config, tokens.access_token, claims.sub));
    orgCode = info[idp.org_claim];
  }
  return { sub: claims.sub, orgCode: typeof orgCode === 'string' ? orgCode : null };
}

export type CallbackResult = { kind: 'login'; login: LoginResult } | { kind: 'linked'; userId: string };

/**
 * The callback (LGN-06): one-time state, code exchange with PKCE, ID token checks, then the
 * linked user only. Nothing is auto-created; refusals are audited like password failures.
 */
export async function completeFlow(
  k: Kernel,
  idp: IdpRow,
  q: CallbackInput,
  binding: string | undefined,
  ctx: { ip: string; userAgent?: string; session?: Actor },
): Promise<CallbackResult> {
  try {
    if (!q.state) throw new AppError(401, 'OIDC_STATE_INVALID');
    const flow = await takeFlow(k, idp, q.state, binding);
    if (q.error) throw new AppError(401, 'OIDC_PROVIDER_ERROR', { error: q.error.slice(0, 64) });
    if (!q.code) throw new AppError(401, 'OIDC_TOKEN_INVALID');
    const claims = await exchange(k, idp, flow, q);
    if (flow.link_user_id) return await linkSelf(k, idp, flow.link_user_id, claims, ctx.session);
    return { kind: 'login', login: await loginLinked(k, idp, claims, ctx) };
  } catch (e) {
    if (e instanceof AppError) await auditRefusal(k, idp, e, ctx);
    throw e;
  }
}

/** A refusal that knows which user it concerns, for the audit only (never in the response body). */
class Refusal extends AppError {
  constructor(
    status: number,
    code: string,
    params: Record<string, unknown>,
    readonly userId?: string,
  ) {
    super(status, code, params);
  }
}

async function loginLinked(
  k: Kernel,
  idp: IdpRow,
  claims: VerifiedClaims,
  ctx: { ip: string; userAgent?: string },
): Promise<LoginResult> {
  const link = await store.activeLink(k.db, idp.issuer, claims.sub);
  const user = link ? await store.getUser(k.db, link.user_id) : undefined;
  const org = link ? await store.getOrg(k.db, link.org_id) : undefined;
  const membership = link && (await store.getMembershipOf(k.db, link.user_id, link.org_id));
  const facts: OidcLoginFacts = {
    linked: !!link && !!user && !!org,
    userActive: user?.state === 'active',
    memberActive: membership?.state === 'active',
    orgInJurisdiction: !!org && idpCovers(idp, org),
    orgClaimRequired: !!idp.org_claim,
    orgClaim: claims.orgCode,
    orgUscc: org?.uscc ?? null,
  };
  const { failures } = runRules([LGN_06], facts, k.profile);
  const f = failures[0];
  if (f)
    throw new Refusal(
      f.status ?? 403,
      f.code,
      { ...f.params, ...(f.code === 'OIDC_NOT_LINKED' ? { linkable: true } : {}) },
      link?.user_id,
    );
  return openSession(k, user!, org!.id, ctx.ip, ctx.userAgent, { method: 'oidc', issuer: idp.issuer });
}

/** A logged-in user links the IdP account they just proved they control (LGN-06 "link made while logged in"). */
async function linkSelf(
  k: Kernel,
  idp: IdpRow,
  userId: string,
  claims: VerifiedClaims,
  session?: Actor,
): Promise<CallbackResult> {
  // The same user must still be logged in in this browser: a link started by one account never lands on another.
  if (!session || session.userId !== userId || !session.orgId) throw new AppError(401, 'OIDC_STATE_INVALID');
  const org = await store.getOrg(k.db, session.orgId);
  if (!org || !idpCovers(idp, org)) throw new AppError(403, 'OIDC_JURISDICTION_MISMATCH');
  await k.db
    .transaction()
    .execute((trx) =>
      createLink(
        k,
        trx,
        session,
        'link_self',
        { type: 'OidcLink', ownerOrgId: org.id, jurisdictionId: org.home_jurisdiction_id, subjectUserId: userId },
        { user_id: userId, org_id: org.id, issuer: idp.issuer, subject: claims.sub, method: 'self' },
      ),
    );
  return { kind: 'linked', userId };
}

/** AUD-01: a refused SSO login is audited like a failed password login (the subject is not recorded). */
async function auditRefusal(k: Kernel, idp: IdpRow, e: AppError, ctx: { ip: string; userAgent?: string }) {
  const userId = e instanceof Refusal ? e.userId : undefined;
  await recordAuditAlone(k.db, k.ledger, {
    action: 'auth.login_failed',
    actor: { ...publicActor(ctx.ip), userAgent: ctx.userAgent },
    targetType: userId ? 'User' : 'OidcIdp',
    targetId: userId ?? idp.id,
    result: 'denied',
    reasonCode: e.code,
    jurisdictionId: idp.jurisdiction_id,
    after: { method: 'oidc' },
  });
}
