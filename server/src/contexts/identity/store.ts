import { sql, type Kysely, type Transaction } from 'kysely';
import type { ActorRoleGrant } from '../../kernel/workflow/actor.js';

/** SQL for identity tables only (style.md §1: boring SQL, no decisions here). */
type Exec = Kysely<any> | Transaction<any>;

export interface OrgRow {
  id: string;
  entity_kind: string;
  name_zh: string;
  short_name: string | null;
  uscc: string | null;
  person_id_masked: string | null;
  registered_address: string;
  division_code: string;
  home_jurisdiction_id: string;
  supervising_authority_org_id: string | null;
  blacklist_flags: Record<string, unknown>;
  incidents_last_3_years: number;
  in_rectification: boolean;
  state: string;
  version: number;
  created_by: string | null;
  created_at: Date;
  jurisdiction_path?: string[];
  jurisdiction_name_zh?: string;
}

const orgColumns = sql`o.*, j.path AS jurisdiction_path, j.name_zh AS jurisdiction_name_zh`;

export async function getOrg(db: Exec, id: string, forUpdate = false): Promise<OrgRow | undefined> {
  const lock = forUpdate ? sql`FOR UPDATE OF o` : sql``;
  const r =
    await sql<OrgRow>`SELECT ${orgColumns} FROM organization o JOIN jurisdiction j ON j.id = o.home_jurisdiction_id WHERE o.id = ${id} ${lock}`.execute(
      db,
    );
  return r.rows[0];
}

export async function usccExists(db: Exec, uscc: string): Promise<boolean> {
  const r = await sql`SELECT 1 FROM organization WHERE uscc = ${uscc}`.execute(db);
  return r.rows.length > 0;
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
export async function listOrgs(db: Exec, f: OrgFilter): Promise<{ rows: OrgRow[]; total: number }> {
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

export interface JurisdictionRow {
  id: string;
  level: string;
  division_code: string;
  name_zh: string;
  parent_id: string | null;
  path: string[];
  profile_id: string | null;
  authority_org_id: string | null;
}

export async function getJurisdiction(db: Exec, id: string): Promise<JurisdictionRow | undefined> {
  const r = await sql<JurisdictionRow>`SELECT * FROM jurisdiction WHERE id = ${id}`.execute(db);
  return r.rows[0];
}

export async function listJurisdictions(db: Exec): Promise<JurisdictionRow[]> {
  return (
    await sql<JurisdictionRow>`SELECT * FROM jurisdiction ORDER BY array_length(path, 1), division_code`.execute(db)
  ).rows;
}

export async function descendantJurisdictionIds(db: Exec, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const r = await sql<{ id: string }>`SELECT id FROM jurisdiction WHERE path && ${ids}::uuid[]`.execute(db);
  return r.rows.map((x) => x.id);
}

export interface ActorRoleRow {
  id: string;
  org_id: string;
  actor: string;
  jurisdiction_id: string;
  basis_type: string;
  basis_ref: string | null;
  valid_from: string;
  valid_to: string | null;
  state: string;
  version: number;
  jurisdiction_path: string[];
  end_cause?: string | null;
  ended_on?: string | null;
}

export async function listActorRoles(db: Exec, orgId: string): Promise<ActorRoleRow[]> {
  const r =
    await sql<ActorRoleRow>`SELECT r.*, to_char(r.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(r.valid_to, 'YYYY-MM-DD') AS valid_to,
      to_char(r.ended_on, 'YYYY-MM-DD') AS ended_on, j.path AS jurisdiction_path FROM org_actor_role r JOIN jurisdiction j ON j.id = r.jurisdiction_id
    WHERE r.org_id = ${orgId} ORDER BY r.granted_at`.execute(db);
  return r.rows;
}

export async function getActorRole(db: Exec, id: string, forUpdate = false): Promise<ActorRoleRow | undefined> {
  const lock = forUpdate ? sql`FOR UPDATE OF r` : sql``;
  const r =
    await sql<ActorRoleRow>`SELECT r.*, to_char(r.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(r.valid_to, 'YYYY-MM-DD') AS valid_to,
      to_char(r.ended_on, 'YYYY-MM-DD') AS ended_on, j.path AS jurisdiction_path FROM org_actor_role r JOIN jurisdiction j ON j.id = r.jurisdiction_id WHERE r.id = ${id} ${lock}`.execute(
      db,
    );
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

export interface UserRow {
  id: string;
  login_name: string;
  real_name: string;
  mobile: string | null;
  email: string | null;
  password_hash: string | null;
  password_history: string[];
  totp_secret_enc: Buffer | null;
  totp_last_step: number | null;
  failed_login_count: number;
  locked_until: Date | null;
  password_changed_at: Date | null;
  last_login_at: Date | null;
  demo: boolean;
  state: string;
  version: number;
  mobile_verified_at?: Date | null;
  id_verified_at?: Date | null;
}

export async function getUserByLogin(db: Exec, loginName: string, forUpdate = false): Promise<UserRow | undefined> {
  const lock = forUpdate ? sql`FOR UPDATE` : sql``;
  return (await sql<UserRow>`SELECT * FROM app_user WHERE login_name = ${loginName} ${lock}`.execute(db)).rows[0];
}

export async function getUser(db: Exec, id: string, forUpdate = false): Promise<UserRow | undefined> {
  const lock = forUpdate ? sql`FOR UPDATE` : sql``;
  return (await sql<UserRow>`SELECT * FROM app_user WHERE id = ${id} ${lock}`.execute(db)).rows[0];
}

export async function updateUserCounters(
  db: Exec,
  id: string,
  patch: {
    failed_login_count?: number;
    locked_until?: Date | null;
    last_login_at?: Date;
    totp_last_step?: number;
    totp_secret_enc?: Buffer;
  },
) {
  await db.updateTable('app_user').set(patch).where('id', '=', id).execute();
}

export interface MembershipRow {
  id: string;
  user_id: string;
  org_id: string;
  roles: string[];
  state: string;
  version: number;
  background_check: Record<string, unknown>;
  nda: Record<string, unknown> | null;
  primary_security_officer: boolean;
  disabled_cause?: string | null;
  position?: Record<string, unknown> | null;
  login_name?: string;
  real_name?: string;
  org_name_zh?: string;
  totp_enrolled?: boolean;
}

export async function listMembershipsOfUser(db: Exec, userId: string): Promise<MembershipRow[]> {
  return (
    await sql<MembershipRow>`SELECT m.*, o.name_zh AS org_name_zh FROM membership m JOIN organization o ON o.id = m.org_id
    WHERE m.user_id = ${userId} AND m.state = 'active' ORDER BY m.created_at`.execute(db)
  ).rows;
}

export async function listMembers(db: Exec, orgId: string): Promise<MembershipRow[]> {
  return (
    await sql<MembershipRow>`SELECT m.*, u.login_name, u.real_name, (u.totp_secret_enc IS NOT NULL) AS totp_enrolled
    FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.org_id = ${orgId} ORDER BY u.login_name`.execute(db)
  ).rows;
}

export async function getMembership(db: Exec, id: string, forUpdate = false): Promise<MembershipRow | undefined> {
  const lock = forUpdate ? sql`FOR UPDATE OF m` : sql``;
  return (
    await sql<MembershipRow>`SELECT m.*, u.login_name, u.real_name, (u.totp_secret_enc IS NOT NULL) AS totp_enrolled
    FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.id = ${id} ${lock}`.execute(db)
  ).rows[0];
}

export async function getMembershipOf(db: Exec, userId: string, orgId: string): Promise<MembershipRow | undefined> {
  return (
    await sql<MembershipRow>`SELECT * FROM membership WHERE user_id = ${userId} AND org_id = ${orgId}`.execute(db)
  ).rows[0];
}

export async function hasPrimarySecurityOfficer(db: Exec, orgId: string): Promise<boolean> {
  const r = await sql`SELECT 1 FROM membership WHERE org_id = ${orgId} AND state = 'active' AND primary_security_officer
    AND roles ? 'security_officer'`.execute(db);
  return r.rows.length === 1;
}

/**
 * PER-04 (pointer to labs.md LAB-15): identity keeps the Training records; this is the count LAB-15
 * compares with `lab.minTrainingsPerYear` — trainings of the org (optionally one lab) held in a calendar year.
 */
export async function countTrainings(db: Exec, f: { orgId: string; labId?: string; year: number }): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM training WHERE org_id = ${f.orgId}
    AND (${f.labId ?? null}::uuid IS NULL OR lab_id = ${f.labId ?? null}::uuid)
    AND held_on >= ${`${f.year}-01-01`}::date AND held_on < ${`${f.year + 1}-01-01`}::date`.execute(db);
  return r.rows[0]!.n;
}
