import { randomUUID } from 'node:crypto';
import type { Tx } from '../../../kernel/db/tables.js';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { definePermissions } from '../../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../../kernel/workflow/lifecycle.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { ORG_ROLES } from '../model.js';
import { orgSubject } from '../policy.js';
import * as store from '../store.js';
import '../messages.js';

// LGN-06 (decision 0060). Configuring an IdP is platform configuration: sys_admin only (IAM-14, 三员分立:
// security_admin and audit_admin do not configure). Pre-binding a member is org_admin's; a self link
// needs the user's own session and a completed IdP login.
definePermissions({
  'oidc.configure': { kind: 'approve', roles: ['sys_admin'], actors: ['platform_admin'], relationships: ['platform'] },
  'oidc.read': {
    kind: 'read',
    roles: ['sys_admin', 'security_admin'],
    actors: ['platform_admin'],
    relationships: ['platform'],
  },
  'oidc.bind': { kind: 'write', roles: ['org_admin'], actors: ['any'], relationships: ['owner'] },
  'oidc.link_self': { kind: 'write', roles: [...ORG_ROLES], actors: ['any'], relationships: ['self'] },
});

export const oidcIdpLifecycle = defineLifecycle({
  objectType: 'OidcIdp',
  table: 'oidc_idp',
  states: ['active', 'disabled'],
  retentionClass: 'authorization_document',
  transitions: {
    configure: { from: [NEW], to: 'active', permission: 'oidc.configure', eventType: 'oidc.idp_configured' },
    disable: { from: ['active'], to: 'disabled', permission: 'oidc.configure', eventType: 'oidc.idp_disabled' },
  },
});

export const oidcLinkLifecycle = defineLifecycle({
  objectType: 'OidcLink',
  table: 'user_oidc_link',
  log: 'audit',
  states: ['active', 'removed'],
  retentionClass: 'access_log',
  transitions: {
    bind: { from: [NEW], to: 'active', permission: 'oidc.bind', eventType: 'auth.oidc_linked' },
    link_self: { from: [NEW], to: 'active', permission: 'oidc.link_self', eventType: 'auth.oidc_linked' },
    unbind: { from: ['active'], to: 'removed', permission: 'oidc.bind', eventType: 'auth.oidc_unlinked' },
    unlink_self: { from: ['active'], to: 'removed', permission: 'oidc.link_self', eventType: 'auth.oidc_unlinked' },
  },
});

export interface IdpInput {
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecretRef: string;
  redirectUri: string;
  scopes?: string;
  orgClaim?: string;
}

// Only env vars named for this purpose may be referenced: an admin must not be able to point the
// reference at the master key and have it sent to an IdP of their choosing.
export const SECRET_REF = /^env:SHUYUN_OIDC_[A-Z0-9_]{1,64}$/;

/** The client secret behind a reference; never logged, never stored (decision 0060). */
export function resolveSecret(ref: string): string {
  const name = SECRET_REF.test(ref) ? ref.slice(4) : '';
  const v = name ? process.env[name] : undefined;
  if (!v) throw new AppError(409, 'OIDC_SECRET_MISSING', { ref });
  return v;
}

/** HTTPS only, except loopback (a test or a local IdP); plain HTTP would expose codes and tokens. */
export function secureUrl(u: string): boolean {
  try {
    const url = new URL(u);
    return (
      url.protocol === 'https:' ||
      (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
    );
  } catch {
    return false;
  }
}

function checkInput(input: IdpInput) {
  if (!secureUrl(input.issuer)) throw new AppError(422, 'OIDC_CONFIG_INVALID', { field: 'issuer' });
  if (!secureUrl(input.redirectUri)) throw new AppError(422, 'OIDC_CONFIG_INVALID', { field: 'redirectUri' });
  if (!SECRET_REF.test(input.clientSecretRef))
    throw new AppError(422, 'OIDC_CONFIG_INVALID', { field: 'clientSecretRef' });
  if (!(input.scopes ?? 'openid').split(' ').includes('openid'))
    throw new AppError(422, 'OIDC_CONFIG_INVALID', { field: 'scopes' });
}

const platformSubject = (j: store.JurisdictionRow) => ({
  type: 'OidcIdp',
  jurisdictionId: j.id,
  jurisdictionPath: j.path,
});

/** Sets a jurisdiction's IdP (LGN-06); a previous one is disabled in the same transaction. */
export async function configureIdp(k: Kernel, actor: Actor, jurisdictionId: string, input: IdpInput) {
  return k.db.transaction().execute(async (trx) => {
    const j = await store.getJurisdiction(trx, jurisdictionId);
    if (!j) throw notFound('Jurisdiction', jurisdictionId);
    checkInput(input);
    const prev = await store.activeIdpOf(trx, j.id, true);
    if (prev)
      await transition(trx, k.workflow, {
        lifecycle: oidcIdpLifecycle,
        action: 'disable',
        actor,
        object: prev,
        subject: platformSubject(j),
        input: { replaced: true },
      });
    return transition(trx, k.workflow, {
      lifecycle: oidcIdpLifecycle,
      action: 'configure',
      actor,
      object: null,
      subject: platformSubject(j),
      input,
      values: {
        id: randomUUID(),
        jurisdiction_id: j.id,
        display_name: input.displayName,
        issuer: input.issuer,
        client_id: input.clientId,
        client_secret_ref: input.clientSecretRef,
        redirect_uri: input.redirectUri,
        scopes: input.scopes ?? 'openid',
        org_claim: input.orgClaim ?? null,
        configured_by: actor.userId ?? null,
      },
    });
  });
}

/** Turns SSO off for a jurisdiction (back to the default, `auth.oidc.<jurisdiction>` = off). */
export async function disableIdp(k: Kernel, actor: Actor, jurisdictionId: string) {
  return k.db.transaction().execute(async (trx) => {
    const j = await store.getJurisdiction(trx, jurisdictionId);
    const idp = j && (await store.activeIdpOf(trx, j.id, true));
    if (!j || !idp) throw new AppError(404, 'OIDC_NOT_CONFIGURED');
    return transition(trx, k.workflow, {
      lifecycle: oidcIdpLifecycle,
      action: 'disable',
      actor,
      object: idp,
      subject: platformSubject(j),
    });
  });
}

/** Is the org inside the IdP's jurisdiction subtree? An IdP never logs anyone into another region's org. */
export function idpCovers(idp: store.IdpRow, org: store.OrgRow): boolean {
  return (org.jurisdiction_path ?? []).includes(idp.jurisdiction_id);
}

/** org_admin pre-binds a member's IdP subject (LGN-06); nothing is created on the IdP's word alone. */
export async function bindMember(
  k: Kernel,
  actor: Actor,
  orgId: string,
  membershipId: string,
  input: { jurisdictionId: string; subject: string },
) {
  return k.db.transaction().execute(async (trx) => {
    const o = await store.getOrg(trx, orgId);
    const m = await store.getMembership(trx, membershipId);
    if (!o || !m || m.org_id !== orgId || o.id !== actor.orgId) throw notFound('Membership', membershipId);
    const idp = await store.activeIdpOf(trx, input.jurisdictionId);
    if (!idp) throw new AppError(404, 'OIDC_NOT_CONFIGURED');
    if (!idpCovers(idp, o)) throw new AppError(422, 'OIDC_JURISDICTION_MISMATCH');
    return createLink(
      k,
      trx,
      actor,
      'bind',
      { ...orgSubject(o), type: 'OidcLink', createdBy: null, subjectUserId: m.user_id },
      {
        user_id: m.user_id,
        org_id: o.id,
        issuer: idp.issuer,
        subject: input.subject,
        method: 'org_admin',
      },
    );
  });
}

/** Writes a link; one active link per (issuer, subject), so one IdP account reaches one user. */
export async function createLink(
  k: Kernel,
  trx: Tx,
  actor: Actor,
  action: 'bind' | 'link_self',
  subject: Parameters<typeof transition>[2]['subject'],
  v: { user_id: string; org_id: string; issuer: string; subject: string; method: string },
) {
  if (await store.activeLink(trx, v.issuer, v.subject)) throw new AppError(409, 'OIDC_LINK_EXISTS');
  return transition(trx, k.workflow, {
    lifecycle: oidcLinkLifecycle,
    action,
    actor,
    object: null,
    subject,
    // The IdP subject is a personal identifier: the event says who was linked, not to which account.
    input: { userId: v.user_id, issuer: v.issuer, method: v.method },
    payload: { input: { userId: v.user_id, issuer: v.issuer, method: v.method } },
    values: { id: randomUUID(), ...v, bound_by: actor.userId ?? null },
  });
}

/** Removes a link: the user their own, or org_admin a member's of their org; anyone else gets 404. */
export async function removeLink(k: Kernel, actor: Actor, linkId: string) {
  return k.db.transaction().execute(async (trx) => {
    const l = await store.lockOidcLink(trx, linkId);
    const o = l && (await store.getOrg(trx, l.org_id));
    const own = !!l && l.user_id === actor.userId;
    if (!l || !o || (!own && l.org_id !== actor.orgId)) throw notFound('OidcLink', linkId);
    const subject = { ...orgSubject(o), type: 'OidcLink', id: l.id, createdBy: null, subjectUserId: l.user_id };
    return transition(trx, k.workflow, {
      lifecycle: oidcLinkLifecycle,
      action: own ? 'unlink_self' : 'unbind',
      actor,
      object: l,
      subject,
      input: { userId: l.user_id, issuer: l.issuer },
    });
  });
}
