import { sql, type Insertable, type Selectable } from 'kysely';
import type {
  ApiKeyTable,
  AppUserTable,
  DB,
  JurisdictionTable,
  MembershipTable,
  OidcFlowTable,
  OidcIdpTable,
  OrgActorRoleTable,
  OrganizationTable,
  PlatformRoleRequestTable,
  SessionTable,
  UserOidcLinkTable,
} from '../../kernel/db/schema.js';
import { ownTables, type Executor, type KernelTables } from '../../kernel/db/tables.js';
import type { ActorRoleGrant } from '../../kernel/workflow/actor.js';
import type { z } from 'zod';
import type { ScopeItem } from './model.js';
import type { PlatformRole } from './rules.js';

/** SQL for identity tables only (style.md §1: boring SQL, no decisions here). */

/** The tables the identity context owns (migrations 0010, 0011, 0062–0064, 0072). */
export type IdentityTables = Pick<
  DB,
  | 'jurisdiction'
  | 'organization'
  | 'qualification_doc'
  | 'org_actor_role'
  | 'app_user'
  | 'membership'
  | 'session'
  | 'api_key'
  | 'training'
  | 'oidc_idp'
  | 'user_oidc_link'
  | 'oidc_flow'
  | 'platform_role_request'
> &
  KernelTables;

const own = (db: Executor) => ownTables<IdentityTables>(db);

/** The row lock a read takes when the caller will write it (`OF alias` when the read joins). */
const LOCKS = {
  row: sql`FOR UPDATE`,
  o: sql`FOR UPDATE OF o`,
  r: sql`FOR UPDATE OF r`,
  m: sql`FOR UPDATE OF m`,
  i: sql`FOR UPDATE OF i`,
};
function lock(forUpdate: boolean, of: keyof typeof LOCKS = 'row') {
  return forUpdate ? LOCKS[of] : sql``;
}

// jsonb columns read as JsonValue; identity wrote each of them itself, so the rows below name their shapes.

export type JurisdictionRow = Selectable<JurisdictionTable>;

/** An organization with its home jurisdiction's path and name (every read joins them). */
export type OrgRow = Omit<Selectable<OrganizationTable>, 'blacklist_flags'> & {
  blacklist_flags: Record<string, unknown>;
  jurisdiction_path: string[];
  jurisdiction_name_zh: string;
};

const orgColumns = sql`o.*, j.path AS jurisdiction_path, j.name_zh AS jurisdiction_name_zh`;

export async function getOrg(db: Executor, id: string, forUpdate = false): Promise<OrgRow | undefined> {
  const r =
    await sql<OrgRow>`SELECT ${orgColumns} FROM organization o JOIN jurisdiction j ON j.id = o.home_jurisdiction_id WHERE o.id = ${id} ${lock(forUpdate, 'o')}`.execute(
      db,
    );
  return r.rows[0];
}

/** Chinese names of the given organizations (unknown ids are simply absent). */
export async function orgNamesByIds(db: Executor, ids: string[]): Promise<{ id: string; name_zh: string }[]> {
  if (!ids.length) return [];
  return own(db).selectFrom('organization').select(['id', 'name_zh']).where('id', 'in', ids).execute();
}

export async function usccExists(db: Executor, uscc: string): Promise<boolean> {
  const r = await own(db).selectFrom('organization').select('id').where('uscc', '=', uscc).executeTakeFirst();
  return !!r;
}

export interface OrgFilter {
  q?: string;
  state?: string;
  actor?: string;
  orgId?: string;
  jurisdictionIds: string[];
  platform: boolean;
  limit: number;
  offset: number;
}

/** Lists orgs visible to an actor: its own, those in jurisdictions it reads, or all for platform admins. */
export async function listOrgs(db: Executor, f: OrgFilter): Promise<{ rows: OrgRow[]; total: number }> {
  const visible = f.platform
    ? sql`true`
    : sql`(o.id = ${f.orgId ?? null} OR o.home_jurisdiction_id = ANY(${f.jurisdictionIds}::uuid[]))`;
  const q = f.q ? `%${f.q}%` : null;
  const where = sql`${visible}
    AND (${q}::text IS NULL OR o.name_zh ILIKE ${q} OR o.uscc ILIKE ${q})
    AND (${f.state ?? null}::text IS NULL OR o.state = ${f.state ?? null})
    AND (${f.actor ?? null}::text IS NULL OR EXISTS (SELECT 1 FROM org_actor_role r WHERE r.org_id = o.id AND r.actor = ${f.actor ?? null} AND r.state = 'active'))`;
  const rows =
    await sql<OrgRow>`SELECT ${orgColumns} FROM organization o JOIN jurisdiction j ON j.id = o.home_jurisdiction_id
    WHERE ${where} ORDER BY o.created_at, o.name_zh LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM organization o WHERE ${where}`.execute(db);
  return { rows: rows.rows, total: total.rows[0]!.n };
}

/** An org's suspension marks its active actor roles as suspended by an administrator. */
export async function suspendActiveRoles(db: Executor, orgId: string) {
  await own(db)
    .updateTable('org_actor_role')
    .set({ suspension_reason: 'admin' })
    .where('org_id', '=', orgId)
    .where('state', '=', 'active')
    .execute();
}

export async function getJurisdiction(db: Executor, id: string): Promise<JurisdictionRow | undefined> {
  return own(db).selectFrom('jurisdiction').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listJurisdictions(db: Executor): Promise<JurisdictionRow[]> {
  return (
    await sql<JurisdictionRow>`SELECT * FROM jurisdiction ORDER BY array_length(path, 1), division_code`.execute(db)
  ).rows;
}

export async function descendantJurisdictionIds(db: Executor, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const r = await sql<{ id: string }>`SELECT id FROM jurisdiction WHERE path && ${ids}::uuid[]`.execute(db);
  return r.rows.map((x) => x.id);
}

/** An actor role with its dates as Shanghai calendar days (YYYY-MM-DD) and its jurisdiction's path. */
export type ActorRoleRow = Omit<Selectable<OrgActorRoleTable>, 'valid_from' | 'valid_to' | 'ended_on'> & {
  valid_from: string;
  valid_to: string | null;
  ended_on: string | null;
  jurisdiction_path: string[];
};

const actorRoleColumns = sql`r.*, to_char(r.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(r.valid_to, 'YYYY-MM-DD') AS valid_to,
  to_char(r.ended_on, 'YYYY-MM-DD') AS ended_on, j.path AS jurisdiction_path`;

export async function listActorRoles(db: Executor, orgId: string): Promise<ActorRoleRow[]> {
  const r =
    await sql<ActorRoleRow>`SELECT ${actorRoleColumns} FROM org_actor_role r JOIN jurisdiction j ON j.id = r.jurisdiction_id
    WHERE r.org_id = ${orgId} ORDER BY r.granted_at`.execute(db);
  return r.rows;
}

export async function getActorRole(db: Executor, id: string, forUpdate = false): Promise<ActorRoleRow | undefined> {
  const r =
    await sql<ActorRoleRow>`SELECT ${actorRoleColumns} FROM org_actor_role r JOIN jurisdiction j ON j.id = r.jurisdiction_id
    WHERE r.id = ${id} ${lock(forUpdate, 'r')}`.execute(db);
  return r.rows[0];
}

export function toGrants(rows: ActorRoleRow[], today: string): ActorRoleGrant[] {
  return rows.map((r) => ({
    actor: r.actor,
    jurisdictionId: r.jurisdiction_id,
    jurisdictionPath: r.jurisdiction_path,
    // A role past its validTo is no longer active, whatever its stored state (IAM-05).
    status: r.state === 'active' && r.valid_to && r.valid_to < today ? 'ended' : r.state,
  }));
}

/** A user; `password_history` and `recovery_code_hashes` are the hash lists identity writes. */
export type UserRow = Omit<Selectable<AppUserTable>, 'password_history' | 'recovery_code_hashes'> & {
  password_history: string[];
  recovery_code_hashes: string[];
};

export async function getUserByLogin(db: Executor, loginName: string, forUpdate = false): Promise<UserRow | undefined> {
  return (await sql<UserRow>`SELECT * FROM app_user WHERE login_name = ${loginName} ${lock(forUpdate)}`.execute(db))
    .rows[0];
}

export async function getUser(db: Executor, id: string, forUpdate = false): Promise<UserRow | undefined> {
  return (await sql<UserRow>`SELECT * FROM app_user WHERE id = ${id} ${lock(forUpdate)}`.execute(db)).rows[0];
}

/** The invited user a one-time link names (locked: accepting it is a transition). */
export async function getUserByInvitation(db: Executor, tokenHash: string): Promise<UserRow | undefined> {
  return (await sql<UserRow>`SELECT * FROM app_user WHERE invitation_token_hash = ${tokenHash} FOR UPDATE`.execute(db))
    .rows[0];
}

export async function updateUserCounters(
  db: Executor,
  id: string,
  patch: {
    failed_login_count?: number;
    locked_until?: Date | null;
    last_login_at?: Date;
    totp_last_step?: number;
    totp_secret_enc?: Buffer;
  },
) {
  await own(db).updateTable('app_user').set(patch).where('id', '=', id).execute();
}

/** A membership; its jsonb columns hold what identity wrote (role list, check and NDA records, position). */
export type MembershipRow = Omit<Selectable<MembershipTable>, 'roles' | 'background_check' | 'nda' | 'position'> & {
  roles: string[];
  background_check: Record<string, unknown>;
  nda: Record<string, unknown> | null;
  position: Record<string, unknown> | null;
  login_name?: string;
  real_name?: string;
  org_name_zh?: string;
  totp_enrolled?: boolean;
};

export async function listMembershipsOfUser(db: Executor, userId: string): Promise<MembershipRow[]> {
  return (
    await sql<MembershipRow>`SELECT m.*, o.name_zh AS org_name_zh FROM membership m JOIN organization o ON o.id = m.org_id
    WHERE m.user_id = ${userId} AND m.state = 'active' ORDER BY m.created_at`.execute(db)
  ).rows;
}

export async function listMembers(db: Executor, orgId: string): Promise<MembershipRow[]> {
  return (
    await sql<MembershipRow>`SELECT m.*, u.login_name, u.real_name, (u.totp_secret_enc IS NOT NULL) AS totp_enrolled
    FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.org_id = ${orgId} ORDER BY u.login_name`.execute(db)
  ).rows;
}

export async function getMembership(db: Executor, id: string, forUpdate = false): Promise<MembershipRow | undefined> {
  return (
    await sql<MembershipRow>`SELECT m.*, u.login_name, u.real_name, (u.totp_secret_enc IS NOT NULL) AS totp_enrolled
    FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.id = ${id} ${lock(forUpdate, 'm')}`.execute(db)
  ).rows[0];
}

export async function getMembershipOf(db: Executor, userId: string, orgId: string): Promise<MembershipRow | undefined> {
  return (
    await sql<MembershipRow>`SELECT * FROM membership WHERE user_id = ${userId} AND org_id = ${orgId}`.execute(db)
  ).rows[0];
}

/** A user's memberships still waiting for the invitation to be accepted (locked). */
export async function lockInvitedMemberships(db: Executor, userId: string): Promise<MembershipRow[]> {
  return (
    await sql<MembershipRow>`SELECT * FROM membership WHERE user_id = ${userId} AND state = 'invited' FOR UPDATE`.execute(
      db,
    )
  ).rows;
}

export async function hasPrimarySecurityOfficer(db: Executor, orgId: string): Promise<boolean> {
  const r = await sql`SELECT 1 FROM membership WHERE org_id = ${orgId} AND state = 'active' AND primary_security_officer
    AND roles ? 'security_officer'`.execute(db);
  return r.rows.length === 1;
}

/** Active members of an org other than `exceptId` who hold `role` (IAM-14: the last holder stays). */
export async function countOtherRoleHolders(db: Executor, orgId: string, exceptId: string, role: string) {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM membership
    WHERE org_id = ${orgId} AND id <> ${exceptId} AND state = 'active' AND roles @> ${JSON.stringify([role])}::jsonb`.execute(
    db,
  );
  return r.rows[0]!.n;
}

/** A member's personnel facts for the dashboard (identity.md "What users see"); disabled members are left out. */
export interface PersonnelRow {
  id: string;
  user_id: string;
  roles: string[];
  state: string;
  background_check: Record<string, unknown>;
  nda: Record<string, unknown> | null;
  primary_security_officer: boolean;
  login_name: string;
  real_name: string;
  demo: boolean;
  totp_confirmed: boolean;
}

export async function listPersonnel(db: Executor, orgId: string): Promise<PersonnelRow[]> {
  return (
    await sql<PersonnelRow>`SELECT m.id, m.user_id, m.roles, m.state, m.background_check, m.nda, m.primary_security_officer,
      u.login_name, u.real_name, u.demo, (u.totp_secret_enc IS NOT NULL AND u.totp_last_step IS NOT NULL) AS totp_confirmed
    FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.org_id = ${orgId} AND m.state <> 'disabled' ORDER BY u.login_name`.execute(
      db,
    )
  ).rows;
}

// Sessions (LGN-05).

export type SessionRow = Selectable<SessionTable>;

export async function insertSession(
  db: Executor,
  s: {
    idHash: string;
    userId: string;
    orgId: string;
    csrfToken: string;
    stage: string;
    ip: string;
    userAgent: string | null;
    now: Date;
  },
) {
  await own(db)
    .insertInto('session')
    .values({
      id_hash: s.idHash,
      user_id: s.userId,
      org_id: s.orgId,
      csrf_token: s.csrfToken,
      stage: s.stage,
      ip: s.ip,
      user_agent: s.userAgent,
      created_at: s.now,
      last_seen_at: s.now,
    })
    .execute();
}

/** LGN-05: revokes all but the `keep` newest open sessions of a user. */
export async function revokeSessionsBeyond(db: Executor, userId: string, keep: number) {
  await sql`UPDATE session SET revoked_at = now() WHERE id_hash IN (
    SELECT id_hash FROM session WHERE user_id = ${userId} AND revoked_at IS NULL ORDER BY seq DESC OFFSET ${keep})`.execute(
    db,
  );
}

export async function getOpenSession(db: Executor, idHash: string): Promise<SessionRow | undefined> {
  return own(db)
    .selectFrom('session')
    .selectAll()
    .where('id_hash', '=', idHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function revokeSession(db: Executor, idHash: string) {
  await sql`UPDATE session SET revoked_at = now() WHERE id_hash = ${idHash}`.execute(db);
}

export async function revokeSessionsOfUser(db: Executor, userId: string) {
  await sql`UPDATE session SET revoked_at = now() WHERE user_id = ${userId} AND revoked_at IS NULL`.execute(db);
}

export async function touchSession(db: Executor, idHash: string, at: Date) {
  await own(db).updateTable('session').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function markSessionMfa(db: Executor, idHash: string, at: Date) {
  await own(db).updateTable('session').set({ mfa_at: at, stage: 'active' }).where('id_hash', '=', idHash).execute();
}

// API keys (KEY-01 … KEY-03).

/** One scope of an API key, as model.ts validated it before identity wrote the list. */
export type ApiKeyScope = z.infer<typeof ScopeItem>;

export type ApiKeyRow = Omit<Selectable<ApiKeyTable>, 'scopes' | 'ip_allow_list' | 'rate_limit'> & {
  scopes: ApiKeyScope[];
  ip_allow_list: string[];
  rate_limit: { rps: number; burst: number };
};

export async function listApiKeysOf(db: Executor, orgId: string): Promise<ApiKeyRow[]> {
  return (await sql<ApiKeyRow>`SELECT * FROM api_key WHERE org_id = ${orgId} ORDER BY created_at DESC`.execute(db))
    .rows;
}

export async function lockApiKey(db: Executor, id: string, orgId: string): Promise<ApiKeyRow | undefined> {
  return (await sql<ApiKeyRow>`SELECT * FROM api_key WHERE id = ${id} AND org_id = ${orgId} FOR UPDATE`.execute(db))
    .rows[0];
}

export async function getApiKeyByPrefix(db: Executor, prefix: string): Promise<ApiKeyRow | undefined> {
  return (await sql<ApiKeyRow>`SELECT * FROM api_key WHERE prefix = ${prefix}`.execute(db)).rows[0];
}

/** A usable (active or rotating) key by its public prefix: just its id and org. */
export async function usableApiKeyByPrefix(db: Executor, prefix: string) {
  return own(db)
    .selectFrom('api_key')
    .select(['id', 'org_id'])
    .where('prefix', '=', prefix)
    .where('state', 'in', ['active', 'rotating'])
    .executeTakeFirst();
}

export async function touchApiKey(db: Executor, id: string, at: Date) {
  await own(db).updateTable('api_key').set({ last_used_at: at }).where('id', '=', id).execute();
}

// Platform role requests (IAM-14).

/** A request with the names of its target, asker and decider. */
export type PlatformRoleRequestRow = Omit<Selectable<PlatformRoleRequestTable>, 'change' | 'role'> & {
  change: 'grant' | 'revoke';
  role: PlatformRole;
  target_login_name: string | null;
  target_real_name: string | null;
  requested_by_name: string | null;
  decided_by_name: string | null;
};

const requestSelect = sql`SELECT r.*, tu.login_name AS target_login_name, tu.real_name AS target_real_name,
    ru.real_name AS requested_by_name, du.real_name AS decided_by_name
  FROM platform_role_request r JOIN app_user tu ON tu.id = r.target_user_id JOIN app_user ru ON ru.id = r.requested_by
  LEFT JOIN app_user du ON du.id = r.decided_by`;

export async function getPlatformRoleRequest(
  db: Executor,
  id: string,
  forUpdate = false,
): Promise<PlatformRoleRequestRow | undefined> {
  if (forUpdate)
    await own(db).selectFrom('platform_role_request').select('id').where('id', '=', id).forUpdate().execute();
  return (await sql<PlatformRoleRequestRow>`${requestSelect} WHERE r.id = ${id}`.execute(db)).rows[0];
}

export async function listPlatformRoleRequests(
  db: Executor,
  f: { orgId: string; state?: string; limit: number; offset: number },
): Promise<{ rows: PlatformRoleRequestRow[]; total: number }> {
  const state = f.state ? sql`AND r.state = ${f.state}` : sql``;
  const rows = await sql<PlatformRoleRequestRow>`${requestSelect} WHERE r.org_id = ${f.orgId} ${state}
    ORDER BY r.created_at DESC, r.id LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  const total = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM platform_role_request r WHERE r.org_id = ${f.orgId} ${state}`.execute(db);
  return { rows: rows.rows, total: total.rows[0]!.n };
}

/** Is another request for this membership still open? */
export async function hasOpenRequestFor(db: Executor, membershipId: string, exceptId: string | undefined) {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM platform_role_request
    WHERE membership_id = ${membershipId} AND state = 'requested' AND id <> ${exceptId ?? '00000000-0000-0000-0000-000000000000'}`.execute(
    db,
  );
  return r.rows[0]!.n > 0;
}

// Single sign-on (LGN-06): IdPs, links and flows.

/** An IdP with its jurisdiction's division code, name and path (every read joins them). */
export type IdpRow = Selectable<OidcIdpTable> & {
  division_code: string;
  jurisdiction_name_zh: string;
  jurisdiction_path: string[];
};

const idpColumns = sql`i.*, j.division_code, j.name_zh AS jurisdiction_name_zh, j.path AS jurisdiction_path`;

export async function activeIdpByDivision(db: Executor, divisionCode: string): Promise<IdpRow | undefined> {
  return (
    await sql<IdpRow>`SELECT ${idpColumns} FROM oidc_idp i JOIN jurisdiction j ON j.id = i.jurisdiction_id
    WHERE j.division_code = ${divisionCode} AND i.state = 'active'`.execute(db)
  ).rows[0];
}

export async function activeIdpOf(
  db: Executor,
  jurisdictionId: string,
  forUpdate = false,
): Promise<IdpRow | undefined> {
  return (
    await sql<IdpRow>`SELECT ${idpColumns} FROM oidc_idp i JOIN jurisdiction j ON j.id = i.jurisdiction_id
    WHERE i.jurisdiction_id = ${jurisdictionId} AND i.state = 'active' ${lock(forUpdate, 'i')}`.execute(db)
  ).rows[0];
}

export async function getIdp(db: Executor, id: string): Promise<IdpRow | undefined> {
  return (
    await sql<IdpRow>`SELECT ${idpColumns} FROM oidc_idp i JOIN jurisdiction j ON j.id = i.jurisdiction_id WHERE i.id = ${id}`.execute(
      db,
    )
  ).rows[0];
}

export async function listActiveIdps(db: Executor): Promise<IdpRow[]> {
  return (
    await sql<IdpRow>`SELECT ${idpColumns} FROM oidc_idp i JOIN jurisdiction j ON j.id = i.jurisdiction_id
    WHERE i.state = 'active' ORDER BY j.division_code`.execute(db)
  ).rows;
}

export type LinkRow = Selectable<UserOidcLinkTable>;

export async function activeLink(db: Executor, issuer: string, subject: string): Promise<LinkRow | undefined> {
  return (
    await sql<LinkRow>`SELECT * FROM user_oidc_link WHERE issuer = ${issuer} AND subject = ${subject} AND state = 'active'`.execute(
      db,
    )
  ).rows[0];
}

/** A user's own active links (My account). */
export async function listOwnLinks(db: Executor, userId: string): Promise<LinkRow[]> {
  return (
    await sql<LinkRow>`SELECT * FROM user_oidc_link WHERE user_id = ${userId} AND state = 'active' ORDER BY created_at`.execute(
      db,
    )
  ).rows;
}

export async function lockOidcLink(db: Executor, id: string): Promise<LinkRow | undefined> {
  return (await sql<LinkRow>`SELECT * FROM user_oidc_link WHERE id = ${id} FOR UPDATE`.execute(db)).rows[0];
}

export type FlowRow = Selectable<OidcFlowTable>;

/** Finished or expired flows older than `before` are dropped (an anonymous start cannot grow the table). */
export async function dropOldFlows(db: Executor, before: Date) {
  await own(db).deleteFrom('oidc_flow').where('expires_at', '<', before).execute();
}

export async function insertFlow(db: Executor, f: Insertable<OidcFlowTable>) {
  await own(db).insertInto('oidc_flow').values(f).execute();
}

export async function lockFlow(db: Executor, stateHash: string): Promise<FlowRow | undefined> {
  return own(db).selectFrom('oidc_flow').selectAll().where('state_hash', '=', stateHash).forUpdate().executeTakeFirst();
}

export async function markFlowUsed(db: Executor, stateHash: string, at: Date) {
  await own(db).updateTable('oidc_flow').set({ used_at: at }).where('state_hash', '=', stateHash).execute();
}

// Audit events (AUD-01, IAM-16): events are the kernel's; identity names the actor from its own tables.

export interface AuditEventRow {
  id: string;
  log_id: string;
  object_type: string;
  object_id: string;
  event_type: string;
  from_state: string | null;
  to_state: string | null;
  actor: { orgId?: string; userId?: string; kind?: string } & Record<string, unknown>;
  result: string;
  reason_code: string | null;
  occurred_at: Date;
  actor_name: string | null;
  actor_org_name: string | null;
}

/** Events in scope (the org's own, those of readable jurisdictions, or all), newest first, with the actor named. */
export async function listAuditEvents(
  db: Executor,
  f: { all: boolean; orgId: string; jurisdictionIds: string[]; action?: string; limit: number; offset: number },
): Promise<{ rows: AuditEventRow[]; total: number }> {
  const scope = f.all
    ? sql`true`
    : sql`(e.actor->>'orgId' = ${f.orgId} OR e.jurisdiction_id = ANY(${f.jurisdictionIds}::uuid[]))`;
  const filter = f.action ? sql`AND e.event_type = ${f.action}` : sql``;
  const rows =
    await sql<AuditEventRow>`SELECT e.id, e.log_id, e.object_type, e.object_id, e.event_type, e.from_state, e.to_state, e.actor, e.result, e.reason_code, e.occurred_at,
      u.real_name AS actor_name, o.name_zh AS actor_org_name
    FROM event e LEFT JOIN app_user u ON u.id::text = e.actor->>'userId' LEFT JOIN organization o ON o.id::text = e.actor->>'orgId'
    WHERE ${scope} ${filter} ORDER BY e.occurred_at DESC LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db);
  const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM event e WHERE ${scope} ${filter}`.execute(db);
  return { rows: rows.rows, total: total.rows[0]!.n };
}

/**
 * PER-04 (pointer to labs.md LAB-15): identity keeps the Training records; this is the count LAB-15
 * compares with `lab.minTrainingsPerYear` — trainings of the org (optionally one lab) held in a calendar year.
 */
export async function countTrainings(
  db: Executor,
  f: { orgId: string; labId?: string; year: number },
): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM training WHERE org_id = ${f.orgId}
    AND (${f.labId ?? null}::uuid IS NULL OR lab_id = ${f.labId ?? null}::uuid)
    AND held_on >= ${`${f.year}-01-01`}::date AND held_on < ${`${f.year + 1}-01-01`}::date`.execute(db);
  return r.rows[0]!.n;
}
