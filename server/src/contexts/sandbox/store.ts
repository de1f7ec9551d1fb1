import { sql, type Kysely, type Transaction } from 'kysely';

// SQL for the sandbox tables only (style.md §1: boring SQL, no decisions).
type Db = Kysely<any> | Transaction<any>;

export interface WorkspaceRow {
  id: string;
  state: string;
  version: number;
  holder_org_id: string;
  grant_id: string;
  grant_version: number;
  grant_no: string | null;
  jurisdiction_id: string | null;
  jurisdiction_path: string[];
  name_zh: string;
  seats: { userId: string; addedAt: string; ndaSignedAt: string | null }[];
  views: ViewRecord[];
  limits: Record<string, number>;
  key_enc: Buffer | null;
  destruction: unknown;
  created_by: string | null;
  created_at: Date;
  closing_at: Date | null;
}

export interface ViewRecord {
  name: string;
  resourceId: string;
  snapshotVersion: number | null;
  refreshedAt: string;
  file: string;
  columns: string[];
  fields: {
    name: string;
    code: string;
    grade: string;
    personalInfo: boolean;
    directIdentifier: boolean;
    method: string;
  }[];
  ungranted: string[];
}

export interface JobRow {
  id: string;
  state: string;
  version: number;
  workspace_id: string;
  user_id: string | null;
  sql_text: string;
  sql_sm3: string;
  reject_code: string | null;
  failures: unknown;
  started_at: Date | null;
  ended_at: Date | null;
  duration_ms: number | null;
  rows_out: string | number | null;
  result_file: string | null;
  result_sm3: string | null;
  columns: { name: string; type: string }[] | null;
  view_versions: unknown;
  engine_version: string | null;
  created_at: Date;
  mode: string;
  kind: string;
}

export const getWorkspace = async (db: Db, id: string, forUpdate = false): Promise<WorkspaceRow | undefined> =>
  forUpdate
    ? (await sql<WorkspaceRow>`SELECT * FROM sandbox_workspace WHERE id = ${id} FOR UPDATE`.execute(db)).rows[0]
    : (await sql<WorkspaceRow>`SELECT * FROM sandbox_workspace WHERE id = ${id}`.execute(db)).rows[0];

export const findWorkspace = async (db: Db, orgId: string, grantId: string) =>
  (
    await sql<WorkspaceRow>`SELECT * FROM sandbox_workspace WHERE holder_org_id = ${orgId} AND grant_id = ${grantId}`.execute(
      db,
    )
  ).rows[0];

/** Workspaces an org holds, plus those in jurisdictions it reads (authority, regulator). */
export const listWorkspacesVisible = async (db: Db, orgId: string | null, jurisdictionIds: string[]) =>
  (
    await sql<WorkspaceRow>`SELECT * FROM sandbox_workspace WHERE holder_org_id = ${orgId}
    OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(jurisdiction_path) j WHERE j = ANY(${jurisdictionIds}::text[])) ORDER BY created_at`.execute(
      db,
    )
  ).rows;

/** A Grant's Workspaces in the given states, locked: the grant follower changes them in the Grant's transaction. */
export const listWorkspacesOfGrant = async (db: Db, grantId: string, states: string[]) =>
  (
    await sql<WorkspaceRow>`SELECT * FROM sandbox_workspace WHERE grant_id = ${grantId} AND state = ANY(${states}::text[]) ORDER BY created_at FOR UPDATE`.execute(
      db,
    )
  ).rows;

/** A Grant's data-service templates not yet retired, locked (a superseded Grant retires them, AUTH-28). */
export const listLiveServicesOfGrant = async (db: Db, grantId: string) =>
  (
    await sql<any>`SELECT * FROM sandbox_service WHERE grant_id = ${grantId} AND state <> 'retired' FOR UPDATE`.execute(
      db,
    )
  ).rows;

export const listWorkspacesByState = async (db: Db, states: string[]) =>
  (await sql<WorkspaceRow>`SELECT * FROM sandbox_workspace WHERE state = ANY(${states}::text[])`.execute(db)).rows;

export const getJob = async (db: Db, id: string, forUpdate = false): Promise<JobRow | undefined> =>
  forUpdate
    ? (await sql<JobRow>`SELECT * FROM sandbox_job WHERE id = ${id} FOR UPDATE`.execute(db)).rows[0]
    : (await sql<JobRow>`SELECT * FROM sandbox_job WHERE id = ${id}`.execute(db)).rows[0];

export const listJobs = async (db: Db, workspaceId: string, limit: number) =>
  (
    await sql<JobRow>`SELECT * FROM sandbox_job WHERE workspace_id = ${workspaceId} ORDER BY created_at DESC LIMIT ${limit}`.execute(
      db,
    )
  ).rows;

export const countRunning = async (db: Db, workspaceId: string) =>
  Number(
    (
      await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM sandbox_job WHERE workspace_id = ${workspaceId} AND state IN ('queued', 'running')`.execute(
        db,
      )
    ).rows[0]!.n,
  );

export const getEgress = async (db: Db, id: string, forUpdate = false) =>
  forUpdate
    ? (await sql<any>`SELECT * FROM sandbox_egress_request WHERE id = ${id} FOR UPDATE`.execute(db)).rows[0]
    : (await sql<any>`SELECT * FROM sandbox_egress_request WHERE id = ${id}`.execute(db)).rows[0];

/** Requests visible to an org: its own, those addressed to it, and those in jurisdictions it reads. */
export const listEgressVisible = async (
  db: Db,
  orgId: string | null,
  jurisdictionIds: string[],
  state: string | null,
  limit: number,
  offset: number,
) => {
  const rows = (
    await sql<any>`SELECT *, count(*) OVER () AS total FROM sandbox_egress_request WHERE (requester_org_id = ${orgId} OR recipient_org_id = ${orgId}
    OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(jurisdiction_path) j WHERE j = ANY(${jurisdictionIds}::text[])))
    AND (${state}::text IS NULL OR state = ${state}) ORDER BY created_at DESC LIMIT ${limit} OFFSET ${offset}`.execute(
      db,
    )
  ).rows;
  return { rows, total: rows.length ? Number(rows[0].total) : 0 };
};

export const listEgressOpen = async (db: Db, workspaceId: string) =>
  (
    await sql<any>`SELECT * FROM sandbox_egress_request WHERE workspace_id = ${workspaceId} AND state IN ('draft', 'checking', 'awaiting_review', 'returned', 'held')`.execute(
      db,
    )
  ).rows;

export const listEgressByState = async (db: Db, state: string) =>
  (await sql<any>`SELECT * FROM sandbox_egress_request WHERE state = ${state}`.execute(db)).rows;

export async function loadSketches(db: Db, grantId: string, dimsSig: string): Promise<Map<string, BigUint64Array[]>> {
  const rows = (
    await sql<{
      row_key: string;
      sketch: Uint8Array;
    }>`SELECT row_key, sketch FROM sandbox_release_sketch WHERE grant_id = ${grantId} AND dims_sig = ${dimsSig}`.execute(
      db,
    )
  ).rows;
  const out = new Map<string, BigUint64Array[]>();
  for (const r of rows) {
    const b = Buffer.from(r.sketch);
    const arr = new BigUint64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    out.set(r.row_key, [...(out.get(r.row_key) ?? []), arr]);
  }
  return out;
}

export async function insertSketches(
  trx: Transaction<any>,
  grantId: string,
  dimsSig: string,
  requestId: string,
  rows: { key: string; sketch: BigUint64Array }[],
) {
  for (const r of rows) {
    const bytes = Buffer.from(r.sketch.buffer, r.sketch.byteOffset, r.sketch.byteLength);
    await sql`INSERT INTO sandbox_release_sketch (grant_id, dims_sig, row_key, sketch, egress_request_id) VALUES (${grantId}, ${dimsSig}, ${r.key}, ${bytes}, ${requestId})`.execute(
      trx,
    );
  }
}

export async function deleteSketches(trx: Transaction<any>, grantId: string) {
  await sql`DELETE FROM sandbox_release_sketch WHERE grant_id = ${grantId}`.execute(trx);
}

export async function getBudget(db: Db, grantId: string, grantVersion: number, totalMicro: number, forUpdate = false) {
  await sql`INSERT INTO sandbox_dp_budget (grant_id, grant_version, total_micro) VALUES (${grantId}, ${grantVersion}, ${totalMicro}) ON CONFLICT DO NOTHING`.execute(
    db,
  );
  const r = forUpdate
    ? (
        await sql<any>`SELECT * FROM sandbox_dp_budget WHERE grant_id = ${grantId} AND grant_version = ${grantVersion} FOR UPDATE`.execute(
          db,
        )
      ).rows[0]
    : (
        await sql<any>`SELECT * FROM sandbox_dp_budget WHERE grant_id = ${grantId} AND grant_version = ${grantVersion}`.execute(
          db,
        )
      ).rows[0];
  return { totalMicro: Number(r.total_micro), spentMicro: Number(r.spent_micro) };
}

export async function chargeBudget(trx: Transaction<any>, grantId: string, grantVersion: number, micro: number) {
  await sql`UPDATE sandbox_dp_budget SET spent_micro = spent_micro + ${micro} WHERE grant_id = ${grantId} AND grant_version = ${grantVersion}`.execute(
    trx,
  );
}

export const getService = async (db: Db, id: string, forUpdate = false) =>
  forUpdate
    ? (await sql<any>`SELECT * FROM sandbox_service WHERE id = ${id} FOR UPDATE`.execute(db)).rows[0]
    : (await sql<any>`SELECT * FROM sandbox_service WHERE id = ${id}`.execute(db)).rows[0];

export const listServicesVisible = async (db: Db, orgId: string | null, jurisdictionIds: string[]) =>
  (
    await sql<any>`SELECT * FROM sandbox_service WHERE operator_org_id = ${orgId}
    OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(jurisdiction_path) j WHERE j = ANY(${jurisdictionIds}::text[])) ORDER BY created_at`.execute(
      db,
    )
  ).rows;

export const listServicesByState = async (db: Db, states: string[]) =>
  (await sql<any>`SELECT * FROM sandbox_service WHERE state = ANY(${states}::text[])`.execute(db)).rows;

export async function countSketches(db: Db, grantId: string): Promise<number> {
  return (
    await sql<{ n: number }>`SELECT count(*)::int AS n FROM sandbox_release_sketch WHERE grant_id = ${grantId}`.execute(
      db,
    )
  ).rows[0]!.n;
}
