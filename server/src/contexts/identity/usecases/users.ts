import { randomBytes, randomUUID } from 'node:crypto';
import { sm3Hex } from '../../../kernel/crypto/sm3.js';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { publicActor, type Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { membershipLifecycle, userLifecycle } from '../lifecycle.js';
import { ROLE_ACTORS } from '../model.js';
import { hashPassword, verifyPassword } from '../passwords.js';
import { orgSubject } from '../policy.js';
import { revokeUserSessions } from './sessions.js';
import * as store from '../store.js';

export interface InviteInput {
  loginName: string;
  realName: string;
  mobile?: string;
  email?: string;
  roles: string[];
}

/** org_admin invites a person: a user in `invited` and a membership, with a 72-hour one-time link. */
export async function inviteMember(k: Kernel, actor: Actor, orgId: string, input: InviteInput) {
  const token = randomBytes(24).toString('base64url');
  const expires = new Date(k.clock.now().getTime() + k.profile.get<number>('auth.invitationHours') * 3600_000);
  const userId = randomUUID();
  await k.db.transaction().execute(async (trx) => {
    const o = await store.getOrg(trx, orgId);
    if (!o || o.id !== actor.orgId) throw notFound('Organization', orgId);
    if (await store.getUserByLogin(trx, input.loginName)) throw new AppError(409, 'LOGIN_NAME_TAKEN');
    const actorTypes = (await store.listActorRoles(trx, orgId)).filter((r) => r.state === 'active').map((r) => r.actor);
    const allowedRoles = Object.entries(ROLE_ACTORS)
      .filter(([, a]) => a === 'all' || a.some((x) => actorTypes.includes(x)))
      .map(([r]) => r);
    const subject = { ...orgSubject(o), createdBy: null };
    await transition(trx, k.workflow, {
      lifecycle: userLifecycle,
      action: 'invite',
      actor,
      object: null,
      subject,
      input: { loginName: input.loginName, roles: input.roles },
      values: {
        id: userId,
        login_name: input.loginName,
        real_name: input.realName,
        mobile: input.mobile ?? null,
        email: input.email ?? null,
        invitation_token_hash: sm3Hex(token),
        invitation_expires_at: expires,
      },
    });
    await transition(trx, k.workflow, {
      lifecycle: membershipLifecycle,
      action: 'invite',
      actor,
      object: null,
      subject,
      input: { roles: input.roles },
      facts: {
        actorUserId: actor.userId,
        targetUserId: userId,
        addedRoles: input.roles,
        allowedRoles,
        personnel: { backgroundPassed: false, ndaOnFile: false, mfaEnrolled: false },
      },
      values: { id: randomUUID(), user_id: userId, org_id: orgId, roles: JSON.stringify(input.roles) },
    });
  });
  return { userId, invitationToken: token, expiresAt: expires.toISOString() };
}

/** The invitee sets a password (LGN-02) through the link; the link works once and for 72 hours. */
export async function acceptInvitation(k: Kernel, token: string, password: string, ip: string) {
  await k.db.transaction().execute(async (trx) => {
    const u = await store.getUserByInvitation(trx, sm3Hex(token));
    if (!u || u.state !== 'invited' || !u.invitation_expires_at || u.invitation_expires_at <= k.clock.now())
      throw new AppError(410, 'INVITATION_INVALID');
    const hash = await hashPassword(password);
    const actor = publicActor(ip);
    await transition(trx, k.workflow, {
      lifecycle: userLifecycle,
      action: 'accept_invitation',
      actor,
      object: u,
      subject: { type: 'User', id: u.id },
      facts: { password, loginName: u.login_name, mobile: u.mobile, historyMatches: false },
      values: {
        password_hash: hash,
        password_history: JSON.stringify([hash]),
        password_changed_at: k.clock.now(),
        invitation_token_hash: null,
      },
    });
    for (const row of await store.lockInvitedMemberships(trx, u.id))
      await transition(trx, k.workflow, {
        lifecycle: membershipLifecycle,
        action: 'accept',
        actor,
        object: row,
        subject: { type: 'Membership', id: row.id },
      });
  });
}

/** A user changes their own password: the old one must match; none of the last N may be reused (LGN-02). */
export async function changePassword(k: Kernel, actor: Actor, oldPassword: string, newPassword: string) {
  const user = await store.getUser(k.db, actor.userId!);
  if (!user || !(await verifyPassword(user.password_hash, oldPassword))) throw new AppError(401, 'LOGIN_FAILED');
  const keep = k.profile.get<number>('auth.passwordHistory');
  const history = (user.password_history ?? []).slice(-keep);
  let reused = false;
  for (const h of history) if (await verifyPassword(h, newPassword)) reused = true;
  const hash = await hashPassword(newPassword);
  await k.db.transaction().execute(async (trx) => {
    const u = (await store.getUser(trx, actor.userId!, true))!;
    await transition(trx, k.workflow, {
      lifecycle: userLifecycle,
      action: 'change_password',
      actor,
      object: u,
      subject: { type: 'User', id: u.id, subjectUserId: u.id },
      facts: { password: newPassword, loginName: u.login_name, mobile: u.mobile, historyMatches: reused },
      values: {
        password_hash: hash,
        password_history: JSON.stringify([...history, hash].slice(-keep)),
        password_changed_at: k.clock.now(),
      },
    });
  });
  await revokeUserSessions(k.db, actor.userId!);
}
