import { randomBytes, randomUUID } from 'node:crypto';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { importObject } from '../../../kernel/workflow/transition.js';
import { jid } from '../../../seed/identity.js';
import { usccCheckChar } from '../codes.js';
import { membershipLifecycle, userLifecycle } from '../lifecycle.js';
import type { CreateApiKeyInput, CreateOrgInput, GrantRoleInput } from '../model.js';
import * as store from '../store.js';
import { loadUserActor } from '../usecases/actors.js';
import { createApiKey, revokeApiKey } from '../usecases/apikeys.js';
import { changeOrgState, createOrganization, grantActorRole } from '../usecases/organizations.js';
import { acceptInvitation, inviteMember } from '../usecases/users.js';

// Test builders (issue 13): each takes overrides and builds its parents through identity's own use cases,
// acting as the demo accounts that would do it in production (so it needs the demo seed's jurisdictions and
// administrators). Nothing here writes another context's tables.

/** An actor as a demo (or built) user acting for one of their orgs. */
export async function actorOf(k: Kernel, loginName: string, orgId?: string): Promise<Actor> {
  const u = await store.getUserByLogin(k.db, loginName);
  const org = orgId ?? (await store.listMembershipsOfUser(k.db, u?.id ?? ''))[0]?.org_id;
  const a = u && org ? await loadUserActor(k.db, u.id, org, k.clock.now()) : null;
  if (!a) throw new Error(`factories: ${loginName} cannot act${orgId ? ` for ${orgId}` : ''}`);
  return a;
}

let serial = 0;
const next = () => `${Date.now().toString(36).slice(-4)}${(serial++).toString(36)}${randomBytes(2).toString('hex')}`;
const USCC_BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A fresh USCC with a valid check character (IAM-01) and an enterprise prefix (IAM-03). */
export function newUscc(prefix = '91440400'): string {
  const body = [...randomBytes(17 - prefix.length)].map((b) => USCC_BODY[b % USCC_BODY.length]).join('');
  const first17 = `${prefix}${body}`;
  return `${first17}${usccCheckChar(first17)}`;
}

/** Platform administrators grant these actor roles; a jurisdiction's authority grants the rest (IAM-04). */
const PLATFORM_GRANTED = ['authority', 'registry', 'regulator', 'exchange', 'buyer'];

export interface OrgOverrides extends Partial<CreateOrgInput> {
  /** Home jurisdiction by division code (default 440400 珠海). */
  division?: string;
  /** Where the org ends up: verified (active) by default. */
  state?: 'pending_verification' | 'active' | 'suspended' | 'deactivated';
  /** An actor role granted once verified (not for a pending org), in the home jurisdiction unless given. */
  actorRole?: Partial<GrantRoleInput> & { actor: GrantRoleInput['actor'] };
  /** Who registers it (default platform.admin, sys_admin). */
  createdBy?: string;
}

export interface BuiltOrg {
  id: string;
  row: store.OrgRow;
}

/** An organization, registered, verified and moved to `state` through the identity use cases. */
export async function buildOrg(k: Kernel, o: OrgOverrides = {}): Promise<BuiltOrg> {
  const { division = '440400', state = 'active', actorRole, createdBy = 'platform.admin', ...input } = o;
  const entityKind = input.entityKind ?? 'enterprise';
  const { id } = await createOrganization(k, await actorOf(k, createdBy), {
    entityKind,
    nameZh: `测试单位${next()}`,
    uscc: entityKind === 'natural_person' ? undefined : newUscc(entityKind === 'gov_organ' ? '11440400' : '91440400'),
    registeredAddress: '珠海市香洲区',
    homeJurisdictionId: jid(division),
    contacts: [],
    usccKindAcknowledged: true,
    ...input,
  });
  if (state !== 'pending_verification') await changeOrgState(k, await actorOf(k, 'platform.security'), id, 'verify');
  if (actorRole && state !== 'pending_verification') await grantRole(k, id, division, actorRole);
  if (state === 'suspended') await changeOrgState(k, await actorOf(k, 'platform.security'), id, 'suspend');
  if (state === 'deactivated')
    await changeOrgState(k, await actorOf(k, 'platform.admin'), id, 'deactivate', '测试注销');
  return { id, row: (await store.getOrg(k.db, id))! };
}

async function grantRole(k: Kernel, orgId: string, division: string, r: OrgOverrides['actorRole'] & {}) {
  const grantor = PLATFORM_GRANTED.includes(r.actor) ? 'platform.admin' : 'authority.admin';
  await grantActorRole(k, await actorOf(k, grantor), orgId, {
    jurisdictionId: jid(division),
    basisType: 'designation',
    basisRef: `测试授权${next()}`,
    ...r,
  });
}

export interface MemberOverrides {
  loginName?: string;
  realName?: string;
  roles?: string[];
  /** `invited` leaves the invitation open; `active` (default) accepts it. */
  state?: 'invited' | 'active';
  password?: string;
}

export interface BuiltMember {
  userId: string;
  membershipId: string;
  loginName: string;
  password: string;
}

const PASSWORD = 'Factory-Pass-2026!';

/**
 * The org's first administrator. identity has no use case that seats the first member of a new org
 * (the demo seed imports them the same way), so it is imported: an active, demo, vetted org_admin.
 */
async function firstAdmin(k: Kernel, orgId: string): Promise<Actor> {
  const existing = (await store.listMembers(k.db, orgId)).find(
    (m) => m.state === 'active' && m.roles.includes('org_admin'),
  );
  if (existing?.login_name) return actorOf(k, existing.login_name, orgId);
  const loginName = `admin.${next()}`;
  const userId = randomUUID();
  await k.db.transaction().execute(async (trx) => {
    const by = systemActor('test-factory');
    await importObject(
      trx,
      k.workflow,
      userLifecycle,
      'active',
      {
        id: userId,
        login_name: loginName,
        real_name: '测试管理员',
        mobile: '13800000000',
        demo: true,
        mobile_verified_at: k.clock.now(),
        id_verified_at: k.clock.now(),
      },
      by,
    );
    await importObject(
      trx,
      k.workflow,
      membershipLifecycle,
      'active',
      {
        id: randomUUID(),
        user_id: userId,
        org_id: orgId,
        roles: JSON.stringify(['org_admin']),
        background_check: JSON.stringify({ status: 'passed', checkedAt: '2026-01-05', expiresAt: '2029-01-05' }),
        nda: JSON.stringify({ docRef: 'factory-nda', signedAt: '2026-01-05' }),
      },
      by,
    );
  });
  return actorOf(k, loginName, orgId);
}

/** A user and their membership of `orgId` (default: a new org), invited by the org's admin and accepted. */
export async function buildMembership(k: Kernel, orgId: string, o: MemberOverrides = {}): Promise<BuiltMember> {
  const admin = await firstAdmin(k, orgId);
  const loginName = o.loginName ?? `user.${next()}`;
  const password = o.password ?? PASSWORD;
  const inv = await inviteMember(k, admin, orgId, {
    loginName,
    realName: o.realName ?? '测试成员',
    roles: o.roles ?? ['member'],
  });
  if ((o.state ?? 'active') === 'active') await acceptInvitation(k, inv.invitationToken, password, '127.0.0.1');
  const m = (await store.getMembershipOf(k.db, inv.userId, orgId))!;
  return { userId: inv.userId, membershipId: m.id, loginName, password };
}

/** A user with one membership; the org is built unless `orgId` is given. */
export async function buildUser(k: Kernel, o: MemberOverrides & { orgId?: string } = {}): Promise<BuiltMember> {
  return buildMembership(k, o.orgId ?? (await buildOrg(k)).id, o);
}

export interface ApiKeyOverrides extends Partial<CreateApiKeyInput> {
  /** The key's org (default: a new buyer org); it must hold buyer, operator or exchange (KEY-01). */
  orgId?: string;
  state?: 'active' | 'revoked';
}

/** An API key created by the org's admin (KEY-01, KEY-02), revoked when asked. */
export async function buildApiKey(k: Kernel, o: ApiKeyOverrides = {}) {
  const { orgId = (await buildOrg(k, { actorRole: { actor: 'buyer' } })).id, state = 'active', ...input } = o;
  const admin = await firstAdmin(k, orgId);
  const key = await createApiKey(k, admin, orgId, {
    name: `测试密钥${next()}`,
    scopes: [{ objectType: 'data_service', objectId: randomUUID(), actions: ['service.call'] }],
    ipAllowList: ['127.0.0.1/32'],
    ...input,
  });
  if (state === 'revoked') await revokeApiKey(k, admin, orgId, key.id);
  return { ...key, orgId };
}
