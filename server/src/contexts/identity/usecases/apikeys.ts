import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { recordAuditAlone } from '../../../kernel/audit.js';
import { hmacSm3 } from '../../../kernel/crypto/sm3.js';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { activeActorRoles, systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { fail, pass, rule } from '../../../kernel/workflow/rules.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { loadUserActor } from './actors.js';
import { ipInCidr, isValidCidr } from '../cidr.js';
import { apiKeyLifecycle } from '../lifecycle.js';
import type { CreateApiKeyInput } from '../model.js';
import { assertAllowed, orgSubject } from '../policy.js';
import * as store from '../store.js';

export interface ApiKeyFacts {
  orgActors: string[];
  input: CreateApiKeyInput;
  days: number;
}

// KEY-01: keys for buyer/operator/exchange orgs, specific scopes, an IP allow-list (001:L112).
export const KEY_01 = rule('KEY-01', (f: ApiKeyFacts, profile) => {
  if (!f.orgActors.some((a) => ['buyer', 'operator', 'exchange'].includes(a))) return fail('KEY_NOT_ALLOWED', {}, 403);
  const bad = f.input.ipAllowList.find((c) => !isValidCidr(c));
  if (bad) return fail('CIDR_INVALID', { cidr: bad }, 422);
  if (profile.get<boolean>('apiKey.requireIpAllowList') && f.input.ipAllowList.length === 0)
    return fail('IP_ALLOW_LIST_REQUIRED', {}, 422);
  return pass();
});

// KEY-02: lifetime capped (design).
export const KEY_02 = rule('KEY-02', (f: ApiKeyFacts, profile) => {
  const max = profile.get<number>('apiKey.maxDays');
  return f.days > max ? fail('KEY_LIFETIME_EXCEEDED', { maxDays: max }, 422) : pass();
});

function secretHash(k: Kernel, secret: string): string {
  return hmacSm3(k.secrets.apiKeyPepper, secret).toString('hex');
}

/** Creates a key; the secret is returned once and only its HMAC-SM3 is kept (KEY-02). */
export async function createApiKey(k: Kernel, actor: Actor, orgId: string, input: CreateApiKeyInput) {
  const days = input.days ?? k.profile.get<number>('apiKey.defaultDays');
  const prefix = randomBytes(6).toString('base64url').slice(0, 8);
  const secret = `sy_${prefix}_${randomBytes(24).toString('base64url')}`;
  const expiresAt = new Date(k.clock.now().getTime() + days * 86400_000);
  const res = await k.db.transaction().execute(async (trx) => {
    const o = await store.getOrg(trx, orgId);
    if (!o || o.id !== actor.orgId) throw notFound('Organization', orgId);
    const orgActors = activeActorRoles(actor).map((r) => r.actor);
    return transition(trx, k.workflow, {
      lifecycle: {
        ...apiKeyLifecycle,
        transitions: { create: { ...apiKeyLifecycle.transitions.create, rules: [KEY_01, KEY_02] } },
      },
      action: 'create',
      actor,
      object: null,
      subject: orgSubject(o),
      facts: { orgActors, input, days },
      input: { ...input, prefix },
      values: {
        id: randomUUID(),
        org_id: orgId,
        owner_user_id: actor.userId,
        name: input.name,
        prefix,
        secret_hash: secretHash(k, secret),
        scopes: JSON.stringify(input.scopes),
        ip_allow_list: JSON.stringify(input.ipAllowList),
        rate_limit: JSON.stringify(
          input.rateLimit ?? k.profile.get<{ rps: number; burst: number }>('apiKey.defaultRateLimit'),
        ),
        expires_at: expiresAt,
      },
    });
  });
  return { id: res.id, prefix, secret, expiresAt: expiresAt.toISOString() };
}

export async function listApiKeys(k: Kernel, actor: Actor, orgId: string) {
  const o = await store.getOrg(k.db, orgId);
  if (!o || o.id !== actor.orgId) throw notFound('Organization', orgId);
  assertAllowed(k, actor, 'apikey.read', orgSubject(o));
  return store.listApiKeysOf(k.db, orgId);
}

export async function revokeApiKey(k: Kernel, actor: Actor, orgId: string, keyId: string, auto = false) {
  return k.db.transaction().execute(async (trx) => {
    const key = await store.lockApiKey(trx, keyId, orgId);
    const o = await store.getOrg(trx, orgId);
    if (!key || !o || (!auto && o.id !== actor.orgId)) throw notFound('ApiKey', keyId);
    forgetApiKey(key.prefix);
    return transition(trx, k.workflow, {
      lifecycle: apiKeyLifecycle,
      action: auto ? 'auto_revoke' : 'revoke',
      actor: auto ? systemActor('key-in-url') : actor,
      object: key,
      subject: orgSubject(o),
      input: { keyId },
    });
  });
}

export interface ApiKeyAuth {
  actor: Actor;
  scopes: store.ApiKeyScope[];
  keyId: string;
  rateLimit: { rps: number; burst: number };
}

/**
 * Authenticates `Authorization: Bearer sy_<prefix>_<secret>` (KEY-02), checks the IP
 * allow-list (KEY-01) and that org, role and owner are still in good standing (KEY-03).
 */
export async function authenticateApiKey(k: Kernel, secret: string, ip: string): Promise<ApiKeyAuth> {
  const m = /^sy_([A-Za-z0-9_-]{8})_[A-Za-z0-9_-]{20,64}$/.exec(secret);
  if (!m) throw new AppError(401, 'KEY_INVALID');
  const given = secretHash(k, secret);
  const now = k.clock.now();
  const cached = authCache.get(m[1]!);
  const hit = cached && cached.until > now.getTime() && cached.hash === given ? cached : null;
  const entry = hit ?? (await loadKey(k, m[1]!, given, now));
  if (new Date(entry.key.expires_at) <= now) throw new AppError(401, 'KEY_EXPIRED');
  await checkIp(k, entry.key, ip);
  return {
    actor: { ...entry.actor, ip },
    scopes: entry.key.scopes,
    keyId: entry.key.id,
    rateLimit: entry.key.rate_limit,
  };
}

interface CachedKey {
  hash: string;
  until: number;
  key: store.ApiKeyRow;
  actor: Actor;
}

/**
 * Authenticated keys are remembered for `apiKey.authCacheSeconds`, so a data-service call
 * costs no identity queries (performance.md gateway.verify). KEY-03 still holds: a revoke
 * here forgets the key at once; a suspension elsewhere takes effect within that window.
 */
const authCache = new Map<string, CachedKey>();

export function forgetApiKey(prefix: string) {
  authCache.delete(prefix);
}

async function loadKey(k: Kernel, prefix: string, given: string, now: Date): Promise<CachedKey> {
  const key = await store.getApiKeyByPrefix(k.db, prefix);
  const expected = key ? Buffer.from(key.secret_hash, 'hex') : Buffer.alloc(32);
  if (!key || !timingSafeEqual(expected, Buffer.from(given, 'hex'))) throw new AppError(401, 'KEY_INVALID');
  if (!['active', 'rotating'].includes(key.state)) throw new AppError(401, 'KEY_SUSPENDED');
  const actor = await loadUserActor(k.db, key.owner_user_id, key.org_id, now, { kind: 'api_key', apiKeyId: key.id });
  if (
    !actor ||
    actor.orgStatus !== 'active' ||
    !activeActorRoles(actor).some((r) => ['buyer', 'operator', 'exchange'].includes(r.actor))
  ) {
    throw new AppError(401, 'KEY_SUSPENDED');
  }
  await store.touchApiKey(k.db, key.id, now);
  const entry = {
    hash: given,
    until: now.getTime() + k.profile.get<number>('apiKey.authCacheSeconds') * 1000,
    key,
    actor,
  };
  authCache.set(prefix, entry);
  return entry;
}

// The allow-list verdict per source address of each loaded key row (a reload starts afresh): parsing the CIDRs
// on every call cost ≈ 4 µs (bench gateway.verify, decision 0104). Bounded: cleared past 1,024 addresses.
const ipVerdicts = new WeakMap<store.ApiKeyRow, Map<string, boolean>>();

function ipAllowed(key: store.ApiKeyRow, ip: string): boolean {
  let m = ipVerdicts.get(key);
  if (!m) ipVerdicts.set(key, (m = new Map()));
  let ok = m.get(ip);
  if (ok === undefined) {
    ok = key.ip_allow_list.some((c) => ipInCidr(ip, c));
    if (m.size >= 1024) m.clear();
    m.set(ip, ok);
  }
  return ok;
}

/** KEY-01: the source address must be in the key's allow-list (an empty list is refused while required). */
async function checkIp(k: Kernel, key: store.ApiKeyRow, ip: string) {
  const allow = key.ip_allow_list;
  const requireList = k.profile.get<boolean>('apiKey.requireIpAllowList');
  if ((requireList && allow.length === 0) || (allow.length > 0 && !ipAllowed(key, ip))) {
    await recordAuditAlone(k.db, k.ledger, {
      action: 'apikey.denied',
      actor: { ...systemActor('gateway'), ip, apiKeyId: key.id, orgId: key.org_id },
      targetType: 'ApiKey',
      targetId: key.id,
      result: 'denied',
      reasonCode: 'IP_NOT_ALLOWED',
    });
    throw new AppError(401, 'IP_NOT_ALLOWED');
  }
}

export const scopeDenied = (objectType: string, objectId: string) =>
  new AppError(403, 'SCOPE_DENIED', { objectType, objectId }, { ruleId: 'KEY-01' });

/** KEY-01 scope check: the key must name this object and action; no wildcards. */
export function assertScope(auth: ApiKeyAuth, objectType: string, objectId: string, action: string) {
  const ok = auth.scopes.some(
    (s) => s.objectType === objectType && s.objectId === objectId && s.actions.includes(action),
  );
  if (!ok) throw scopeDenied(objectType, objectId);
}

/**
 * KEY-01 for routes: a key reaches a route only if the route accepts one of the actions its
 * scopes name (route config `keyScope`); every other route, the management API included,
 * answers 403 SCOPE_DENIED (issue 12 finding 1, decision 0058). The object check is the route's.
 */
export function assertKeyReachesRoute(auth: ApiKeyAuth, accepted: readonly string[]) {
  if (!auth.scopes.some((s) => s.actions.some((a) => accepted.includes(a))))
    throw new AppError(403, 'SCOPE_DENIED', {}, { ruleId: 'KEY-01' });
}
