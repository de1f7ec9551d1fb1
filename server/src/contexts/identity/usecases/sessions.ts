import { randomBytes } from 'node:crypto';
import { recordAudit, recordAuditAlone } from '../../../kernel/audit.js';
import { sm3Hex } from '../../../kernel/crypto/sm3.js';
import { AppError } from '../../../kernel/http/errors.js';
import type { Executor } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { publicActor, systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { loadUserActor, mfaMandatory } from './actors.js';
import { userLifecycle } from '../lifecycle.js';
import { decoyHash, verifyPassword } from '../passwords.js';
import * as store from '../store.js';
import { matchTotp, newTotpSecret, totpUri } from '../totp.js';

export interface LoginResult {
  token: string;
  csrfToken: string;
  actor: Actor;
  mfaPending: boolean;
}

const throttle = new Map<string, number[]>();

/** Per-IP throttle of login attempts (identity.md "Brute force"). */
function checkThrottle(k: Kernel, ip: string) {
  const now = k.clock.now().getTime();
  const recent = (throttle.get(ip) ?? []).filter((t) => now - t < 60_000);
  recent.push(now);
  throttle.set(ip, recent);
  if (recent.length > k.profile.get<number>('auth.loginThrottlePerMinute')) throw new AppError(429, 'LOGIN_THROTTLED');
}

export function resetLoginThrottle() {
  throttle.clear();
}

/**
 * Password login (LGN-01, LGN-03, LGN-05). The same error for every cause; failures and
 * the lock are audited even though the request fails.
 */
export async function login(
  k: Kernel,
  input: { username: string; password: string; orgId?: string },
  ip: string,
  userAgent?: string,
): Promise<LoginResult> {
  checkThrottle(k, ip);
  const now = k.clock.now();
  let user = await store.getUserByLogin(k.db, input.username);
  const ok = user
    ? await verifyPassword(user.password_hash, input.password)
    : (await verifyPassword(await decoyHash(), input.password), false);
  if (!user || user.state === 'disabled') throw new AppError(401, 'LOGIN_FAILED');
  if (user.state === 'locked') {
    if (!user.locked_until || new Date(user.locked_until) > now) {
      // Refused while locked; recorded, but not as one more failure (identity.md scenario 10).
      await recordAuditAlone(k.db, k.ledger, {
        action: 'auth.login_refused',
        actor: anonymous(ip, userAgent),
        targetType: 'User',
        targetId: user.id,
        result: 'denied',
        reasonCode: 'LOCKED',
      });
      throw new AppError(401, 'LOGIN_FAILED');
    }
    await unlockUser(k, user.id);
    user = (await store.getUser(k.db, user.id))!;
  }
  if (!ok) {
    await recordFailure(k, user, ip, userAgent);
    throw new AppError(401, 'LOGIN_FAILED');
  }
  return openSession(k, user, input.orgId, ip, userAgent);
}

function anonymous(ip: string, userAgent?: string): Actor {
  return { ...publicActor(ip), userAgent };
}

async function recordFailure(k: Kernel, user: store.UserRow, ip: string, userAgent?: string) {
  const threshold = k.profile.get<number>('auth.lockoutThreshold');
  await k.db.transaction().execute(async (trx) => {
    const u = (await store.getUser(trx, user.id, true))!;
    const count = u.failed_login_count + 1;
    await recordAudit(trx, k.ledger, {
      action: 'auth.login_failed',
      actor: anonymous(ip, userAgent),
      targetType: 'User',
      targetId: u.id,
      result: 'denied',
      reasonCode: 'BAD_PASSWORD',
    });
    // LGN-03: lock only an active user. Concurrent wrong passwords each read the user unlocked;
    // under the row lock taken above the later ones see the lock already set, count, and answer 401.
    if (count < threshold || u.state !== 'active')
      return store.updateUserCounters(trx, u.id, { failed_login_count: count });
    const until = new Date(k.clock.now().getTime() + k.profile.get<number>('auth.lockoutMinutes') * 60_000);
    await transition(trx, k.workflow, {
      lifecycle: userLifecycle,
      action: 'lock',
      actor: systemActor('lockout'),
      object: u,
      subject: { type: 'User', id: u.id },
      values: { failed_login_count: count, locked_until: until },
      input: { failures: count },
    });
  });
}

async function unlockUser(k: Kernel, userId: string) {
  await k.db.transaction().execute(async (trx) => {
    const u = (await store.getUser(trx, userId, true))!;
    if (u.state !== 'locked') return;
    await transition(trx, k.workflow, {
      lifecycle: userLifecycle,
      action: 'unlock',
      actor: systemActor('lockout'),
      object: u,
      subject: { type: 'User', id: u.id },
      values: { failed_login_count: 0, locked_until: null },
      input: { reason: 'timer' },
    });
  });
}

/** Opens a session after a successful login; `how` is recorded on the audit event (LGN-06: 'oidc' via oidc.ts). */
export async function openSession(
  k: Kernel,
  user: store.UserRow,
  orgId: string | undefined,
  ip: string,
  userAgent?: string,
  how: { method: string; issuer?: string } = { method: 'password' },
): Promise<LoginResult> {
  const now = k.clock.now();
  const memberships = await store.listMembershipsOfUser(k.db, user.id);
  const chosen = orgId ? memberships.find((m) => m.org_id === orgId) : memberships[0];
  if (!chosen) throw new AppError(401, 'LOGIN_FAILED');
  const actor = (await loadUserActor(k.db, user.id, chosen.org_id, now, { ip, userAgent }))!;
  // LGN-04: mandatory for some roles; a user who opted in (a confirmed enrolment) is asked too.
  const mfaPending =
    mfaMandatory(actor, k.profile.get<boolean>('auth.mfaRequiredForAll')) ||
    (!user.demo && !!user.totp_secret_enc && user.totp_last_step !== null);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await k.db.transaction().execute(async (trx) => {
    await store.updateUserCounters(trx, user.id, { failed_login_count: 0, locked_until: null, last_login_at: now });
    await store.insertSession(trx, {
      idHash: sm3Hex(token),
      userId: user.id,
      orgId: chosen.org_id,
      csrfToken,
      stage: mfaPending ? 'pending_mfa' : 'active',
      ip,
      userAgent: userAgent ?? null,
      now,
    });
    await evictOldSessions(k, trx, user.id);
    await recordAudit(trx, k.ledger, {
      action: 'auth.login',
      actor: { ...actor, sessionId: undefined },
      targetType: 'User',
      targetId: user.id,
      result: 'success',
      after: how,
    });
  });
  return { token, csrfToken, actor, mfaPending };
}

/** LGN-05: at most N concurrent sessions; the oldest are revoked. */
async function evictOldSessions(k: Kernel, trx: Executor, userId: string) {
  await store.revokeSessionsBeyond(trx, userId, k.profile.get<number>('auth.maxConcurrentSessions'));
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  stage: string;
  idHash: string;
}

/** Resolves a session cookie into an actor, enforcing idle and absolute timeouts (LGN-05). */
export async function resolveSession(
  k: Kernel,
  token: string,
  ip: string,
  userAgent?: string,
): Promise<ResolvedSession | null> {
  const idHash = sm3Hex(token);
  const row = await store.getOpenSession(k.db, idHash);
  if (!row) return null;
  const now = k.clock.now().getTime();
  const idle = k.profile.get<number>('auth.idleMinutes') * 60_000;
  const absolute = k.profile.get<number>('auth.absoluteHours') * 3600_000;
  if (now - new Date(row.last_seen_at).getTime() > idle || now - new Date(row.created_at).getTime() > absolute) {
    await store.revokeSession(k.db, idHash);
    return null;
  }
  const actor = await loadUserActor(k.db, row.user_id, row.org_id, new Date(now), {
    ip,
    userAgent,
    sessionId: idHash,
    mfaAt: row.mfa_at,
  });
  if (!actor) return null;
  await store.touchSession(k.db, idHash, new Date(now));
  return { actor, csrfToken: row.csrf_token, stage: row.stage, idHash };
}

export async function logout(k: Kernel, idHash: string, actor: Actor) {
  await k.db.transaction().execute(async (trx) => {
    await store.revokeSession(trx, idHash);
    await recordAudit(trx, k.ledger, {
      action: 'auth.logout',
      actor,
      targetType: 'User',
      targetId: actor.userId!,
      result: 'success',
    });
  });
}

/** Starts TOTP enrolment: the secret is stored SM4-encrypted, confirmed by the first verify. */
export async function enrollTotp(k: Kernel, actor: Actor, stage?: string): Promise<{ secret: string; uri: string }> {
  // LGN-04: a session that still owes its code may enrol only a first secret, never replace a confirmed one
  // (otherwise a password alone would get past TOTP).
  if (stage === 'pending_mfa') {
    const u = await store.getUser(k.db, actor.userId!);
    if (u?.totp_secret_enc && u.totp_last_step !== null) throw new AppError(409, 'TOTP_ALREADY_ENROLLED');
  }
  const secret = newTotpSecret();
  await store.updateUserCounters(k.db, actor.userId!, { totp_secret_enc: k.secrets.masterKeys.encrypt(secret) });
  return { secret, uri: totpUri(secret, actor.loginName ?? 'user') };
}

/** LGN-04: verifies a code, refuses replays, marks the session MFA-fresh (step-up clock). */
export async function verifyTotp(k: Kernel, sess: ResolvedSession, code: string): Promise<void> {
  const now = k.clock.now();
  await k.db.transaction().execute(async (trx) => {
    const u = (await store.getUser(trx, sess.actor.userId!, true))!;
    if (!u.totp_secret_enc) throw new AppError(409, 'TOTP_NOT_ENROLLED');
    const step = matchTotp(k.secrets.masterKeys.decrypt(u.totp_secret_enc).toString('utf8'), code, now);
    if (step === null) throw new AppError(401, 'TOTP_INVALID');
    if (u.totp_last_step !== null && step <= Number(u.totp_last_step)) throw new AppError(401, 'TOTP_REPLAY');
    await store.updateUserCounters(trx, u.id, { totp_last_step: step });
    await store.markSessionMfa(trx, sess.idHash, now);
    await recordAudit(trx, k.ledger, {
      action: 'auth.mfa_verified',
      actor: sess.actor,
      targetType: 'User',
      targetId: u.id,
      result: 'success',
    });
  });
}

export async function revokeUserSessions(db: Executor, userId: string) {
  await store.revokeSessionsOfUser(db, userId);
}
