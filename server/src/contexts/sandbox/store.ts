import { type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type {
  JsonValue,
  SandboxDpBudgetTable,
  SandboxEgressRequestTable,
  SandboxJobTable,
  SandboxKeyBlockTable,
  SandboxReleaseSketchTable,
  SandboxServiceTable,
  SandboxWorkspaceTable,
  DB,
} from '../../kernel/db/schema.js';
import { type Executor, type KernelTables, ownTables } from '../../kernel/db/tables.js';
import type { ServiceSpec } from './model.js';
import type { EgressReviewPlan } from './usecases/lab-seam.js';

// SQL for the sandbox tables only (style.md §1: boring SQL, no decisions).

/** The tables the sandbox owns: a query on another context's table does not compile here. */
export type SandboxTables = Pick<
  DB,
  | 'sandbox_workspace'
  | 'sandbox_job'
  | 'sandbox_egress_request'
  | 'sandbox_service'
  | 'sandbox_dp_budget'
  | 'sandbox_release_sketch'
  | 'sandbox_key_block'
> &
  KernelTables;

const own = (db: Executor) => ownTables<SandboxTables>(db);

/** The one place a read takes the row lock: callers that change the row in their transaction ask for it. */
function lock<QB extends SelectQueryBuilder<SandboxTables, keyof SandboxTables, object>>(qb: QB, forUpdate: boolean) {
  return qb.$if(forUpdate, (q) => q.forUpdate()) as QB;
}

// jsonb columns read as JsonValue; the sandbox wrote every one of them itself (the use cases' transition
// values), so each row type below names their domain shape and `rowAs` is the one cast from the table row.
const rowAs = <T>(row: unknown) => row as T;

export interface Seat {
  userId: string;
  addedAt: string;
  ndaSignedAt: string | null;
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
    /** AUTH-15 / SBX-08; views built before it was recorded read as `masked_rows`. */
    visibility?: 'masked_rows' | 'aggregate_only';
  }[];
  ungranted: string[];
}

export type WorkspaceRow = Omit<
  Selectable<SandboxWorkspaceTable>,
  'jurisdiction_path' | 'seats' | 'views' | 'limits'
> & {
  jurisdiction_path: string[];
  seats: Seat[];
  views: ViewRecord[];
  limits: Record<string, number>;
};

/** A rule failure as stored on a Job or an EgressRequest. */
export interface StoredFailure {
  ruleId: string;
  code: string;
  params: Record<string, unknown>;
}

export type JobRow = Omit<Selectable<SandboxJobTable>, 'columns' | 'failures'> & {
  columns: { name: string; type: string }[] | null;
  failures: StoredFailure[] | null;
};

export interface EgressArtifact {
  format: string;
  sizeBytes: number;
  sm3: string;
  rows: number;
  file: string;
  columns: JsonValue;
  /** EGR-08 artifacts: the name it was sent under and what the identifier scan found. */
  fileName?: string;
  findings?: { where: string; kind: string; count: number }[];
}

/** EGR-12: a resource the output was computed from, the fields read and its source unit. */
export interface EgressContribution {
  resourceId: string;
  nameZh: string;
  sourceUnitOrgId: string | null;
  fields: string[];
}

export interface EgressReview {
  reviewerId?: string | null;
  reviewerOrgId?: string | null;
  decision: string;
  reason: string;
  at: string;
  /** LAB-35: the reviewer's roles and its org's actor types when it reviewed a lab request (decision 0100). */
  roles?: string[];
  actors?: string[];
}

export interface EgressRelease {
  fingerprintSm3: string;
  xlsxSm3?: string;
  watermarkCode: string;
  linkExpiresAt: string;
  downloads: JsonValue[];
  file: string;
  xlsxFile?: string;
}

export type EgressRow = Omit<
  Selectable<SandboxEgressRequestTable>,
  | 'source_job_ids'
  | 'jurisdiction_path'
  | 'failures'
  | 'artifact'
  | 'reviews'
  | 'release'
  | 'contributions'
  | 'review_plan'
> & {
  contributions: EgressContribution[];
  source_job_ids: string[];
  jurisdiction_path: string[];
  failures: StoredFailure[] | null;
  artifact: EgressArtifact | null;
  reviews: EgressReview[];
  release: EgressRelease | null;
  /** LAB-35 (decision 0100): the lab's review plan, written at filing from the lab seam's answer. */
  review_plan: EgressReviewPlan | null;
};

export type ServiceRow = Omit<Selectable<SandboxServiceTable>, 'jurisdiction_path' | 'spec'> & {
  jurisdiction_path: string[];
  spec: ServiceSpec & { sql: string };
};

export type KeyBlockRow = Selectable<SandboxKeyBlockTable>;
export type BudgetRow = Selectable<SandboxDpBudgetTable>;
export type SketchRow = Selectable<SandboxReleaseSketchTable>;

/** `jurisdiction_path` names one of the reader's jurisdictions (authority, regulator). */
const inJurisdictions = (ids: string[]) =>
  sql<boolean>`EXISTS (SELECT 1 FROM jsonb_array_elements_text(jurisdiction_path) j WHERE j = ANY(${ids}::text[]))`;

export const getWorkspace = async (db: Executor, id: string, forUpdate = false) =>
  rowAs<WorkspaceRow | undefined>(
    await lock(own(db).selectFrom('sandbox_workspace').selectAll().where('id', '=', id), forUpdate).executeTakeFirst(),
  );

export const findWorkspace = async (db: Executor, orgId: string, grantId: string) =>
  rowAs<WorkspaceRow | undefined>(
    await own(db)
      .selectFrom('sandbox_workspace')
      .selectAll()
      .where('holder_org_id', '=', orgId)
      .where('grant_id', '=', grantId)
      .executeTakeFirst(),
  );

/** Workspaces an org holds, plus those in jurisdictions it reads (authority, regulator). */
export const listWorkspacesVisible = async (db: Executor, orgId: string | null, jurisdictionIds: string[]) =>
  rowAs<WorkspaceRow[]>(
    await own(db)
      .selectFrom('sandbox_workspace')
      .selectAll()
      .where(sql<boolean>`holder_org_id = ${orgId} OR ${inJurisdictions(jurisdictionIds)}`)
      .orderBy('created_at')
      .execute(),
  );

/** A Grant's Workspaces in the given states, locked: the grant follower changes them in the Grant's transaction. */
export const listWorkspacesOfGrant = async (db: Executor, grantId: string, states: string[]) =>
  rowAs<WorkspaceRow[]>(
    await own(db)
      .selectFrom('sandbox_workspace')
      .selectAll()
      .where('grant_id', '=', grantId)
      .where(sql<boolean>`state = ANY(${states}::text[])`)
      .orderBy('created_at')
      .forUpdate()
      .execute(),
  );

/** A Grant's data-service templates not yet retired, locked (a superseded Grant retires them, AUTH-28). */
export const listLiveServicesOfGrant = async (db: Executor, grantId: string) =>
  rowAs<ServiceRow[]>(
    await own(db)
      .selectFrom('sandbox_service')
      .selectAll()
      .where('grant_id', '=', grantId)
      .where('state', '<>', 'retired')
      .forUpdate()
      .execute(),
  );

export const listWorkspacesByState = async (db: Executor, states: string[]) =>
  rowAs<WorkspaceRow[]>(
    await own(db)
      .selectFrom('sandbox_workspace')
      .selectAll()
      .where(sql<boolean>`state = ANY(${states}::text[])`)
      .execute(),
  );

export const getJob = async (db: Executor, id: string, forUpdate = false) =>
  rowAs<JobRow | undefined>(
    await lock(own(db).selectFrom('sandbox_job').selectAll().where('id', '=', id), forUpdate).executeTakeFirst(),
  );

export const listJobs = async (db: Executor, workspaceId: string, limit: number) =>
  rowAs<JobRow[]>(
    await own(db)
      .selectFrom('sandbox_job')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute(),
  );

export const countRunning = async (db: Executor, workspaceId: string) =>
  Number(
    (
      await own(db)
        .selectFrom('sandbox_job')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('workspace_id', '=', workspaceId)
        .where('state', 'in', ['queued', 'running'])
        .executeTakeFirstOrThrow()
    ).n,
  );

export const getEgress = async (db: Executor, id: string, forUpdate = false) =>
  rowAs<EgressRow | undefined>(
    await lock(
      own(db).selectFrom('sandbox_egress_request').selectAll().where('id', '=', id),
      forUpdate,
    ).executeTakeFirst(),
  );

/** Requests visible to an org: its own, those addressed to it, and those in jurisdictions it reads. */
export const listEgressVisible = async (
  db: Executor,
  orgId: string | null,
  jurisdictionIds: string[],
  state: string | null,
  limit: number,
  offset: number,
) => {
  const rows = await own(db)
    .selectFrom('sandbox_egress_request')
    .selectAll()
    .select(sql<string>`count(*) OVER ()`.as('total'))
    .where(
      // LAB-35: the orgs named on a lab request's review plan (the initiator) see it too.
      sql<boolean>`(requester_org_id = ${orgId} OR recipient_org_id = ${orgId} OR ${inJurisdictions(jurisdictionIds)}
        OR coalesce(review_plan->'reviewerOrgIds', '[]'::jsonb) @> jsonb_build_array(${orgId}::text))`,
    )
    .where(sql<boolean>`(${state}::text IS NULL OR state = ${state})`)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return { rows: rowAs<EgressRow[]>(rows), total: rows.length ? Number(rows[0]!.total) : 0 };
};

export const listEgressOpen = async (db: Executor, workspaceId: string) =>
  rowAs<EgressRow[]>(
    await own(db)
      .selectFrom('sandbox_egress_request')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('state', 'in', ['draft', 'checking', 'awaiting_review', 'awaiting_second_review', 'returned', 'held'])
      .execute(),
  );

export const listEgressByState = async (db: Executor, state: string) =>
  rowAs<EgressRow[]>(
    await own(db).selectFrom('sandbox_egress_request').selectAll().where('state', '=', state).execute(),
  );

export async function loadSketches(
  db: Executor,
  grantId: string,
  dimsSig: string,
): Promise<Map<string, BigUint64Array[]>> {
  const rows = await own(db)
    .selectFrom('sandbox_release_sketch')
    .select(['row_key', 'sketch'])
    .where('grant_id', '=', grantId)
    .where('dims_sig', '=', dimsSig)
    .execute();
  const out = new Map<string, BigUint64Array[]>();
  for (const r of rows) {
    const b = Buffer.from(r.sketch);
    const arr = new BigUint64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    out.set(r.row_key, [...(out.get(r.row_key) ?? []), arr]);
  }
  return out;
}

export async function insertSketches(
  trx: Executor,
  grantId: string,
  dimsSig: string,
  requestId: string,
  rows: { key: string; sketch: BigUint64Array }[],
) {
  for (const r of rows) {
    const bytes = Buffer.from(r.sketch.buffer, r.sketch.byteOffset, r.sketch.byteLength);
    await own(trx)
      .insertInto('sandbox_release_sketch')
      .values({ grant_id: grantId, dims_sig: dimsSig, row_key: r.key, sketch: bytes, egress_request_id: requestId })
      .execute();
  }
}

export async function deleteSketches(trx: Executor, grantId: string) {
  await own(trx).deleteFrom('sandbox_release_sketch').where('grant_id', '=', grantId).execute();
}

export async function getBudget(
  db: Executor,
  grantId: string,
  grantVersion: number,
  totalMicro: number,
  forUpdate = false,
) {
  const q = own(db);
  await q
    .insertInto('sandbox_dp_budget')
    .values({ grant_id: grantId, grant_version: grantVersion, total_micro: totalMicro })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const r = await lock(
    q
      .selectFrom('sandbox_dp_budget')
      .selectAll()
      .where('grant_id', '=', grantId)
      .where('grant_version', '=', grantVersion),
    forUpdate,
  ).executeTakeFirstOrThrow();
  return { totalMicro: Number(r.total_micro), spentMicro: Number(r.spent_micro) };
}

export async function chargeBudget(trx: Executor, grantId: string, grantVersion: number, micro: number) {
  await own(trx)
    .updateTable('sandbox_dp_budget')
    .set((eb) => ({ spent_micro: eb('spent_micro', '+', micro) }))
    .where('grant_id', '=', grantId)
    .where('grant_version', '=', grantVersion)
    .execute();
}

export const getService = async (db: Executor, id: string, forUpdate = false) =>
  rowAs<ServiceRow | undefined>(
    await lock(own(db).selectFrom('sandbox_service').selectAll().where('id', '=', id), forUpdate).executeTakeFirst(),
  );

export const listServicesVisible = async (db: Executor, orgId: string | null, jurisdictionIds: string[]) =>
  rowAs<ServiceRow[]>(
    await own(db)
      .selectFrom('sandbox_service')
      .selectAll()
      .where(sql<boolean>`operator_org_id = ${orgId} OR ${inJurisdictions(jurisdictionIds)}`)
      .orderBy('created_at')
      .execute(),
  );

export const listServicesByState = async (db: Executor, states: string[]) =>
  rowAs<ServiceRow[]>(
    await own(db)
      .selectFrom('sandbox_service')
      .selectAll()
      .where(sql<boolean>`state = ANY(${states}::text[])`)
      .execute(),
  );

export async function countSketches(db: Executor, grantId: string): Promise<number> {
  return (
    await own(db)
      .selectFrom('sandbox_release_sketch')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('grant_id', '=', grantId)
      .executeTakeFirstOrThrow()
  ).n;
}

/** SVC-06: the credential's open block, if any. */
export const getOpenKeyBlock = async (db: Executor, keyId: string) =>
  own(db)
    .selectFrom('sandbox_key_block')
    .selectAll()
    .where('api_key_id', '=', keyId)
    .where('released_at', 'is', null)
    .executeTakeFirst();

/** SVC-06: how many open blocks the credential has (0 or 1). */
export const countOpenKeyBlocks = async (db: Executor, keyId: string) =>
  (
    await own(db)
      .selectFrom('sandbox_key_block')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('api_key_id', '=', keyId)
      .where('released_at', 'is', null)
      .executeTakeFirstOrThrow()
  ).n;

/** SVC-06: blocks a credential after the enumeration alarm (a re-alarm re-opens its block). */
export async function upsertKeyBlock(trx: Executor, keyId: string, buyerOrgId: string | null, serviceId: string) {
  await sql`INSERT INTO sandbox_key_block (api_key_id, buyer_org_id, service_id, reason) VALUES (${keyId}, ${buyerOrgId}, ${serviceId}, 'sequential_subject_keys')
      ON CONFLICT (api_key_id) DO UPDATE SET blocked_at = now(), released_at = NULL, released_by = NULL, service_id = EXCLUDED.service_id`.execute(
    trx,
  );
}

/** SVC-06: the authority released the credential. */
export async function releaseKeyBlock(trx: Executor, keyId: string, releasedBy: string | null) {
  await sql`UPDATE sandbox_key_block SET released_at = now(), released_by = ${releasedBy} WHERE api_key_id = ${keyId}`.execute(
    trx,
  );
}
