import { type Insertable, type RawBuilder, type Selectable, sql, type Updateable } from 'kysely';
import type {
  CatalogItemTable,
  CatalogObjectionTable,
  CatalogTaskTable,
  ChangeRequestTable,
  ClassificationTable,
  DataFieldTable,
  DataRequestTable,
  DataResourceTable,
  DataSnapshotTable,
  DB,
  DetectionTable,
  ResourceRegistrationTable,
} from '../../kernel/db/schema.js';
import { type Executor, type KernelTables, ownTables } from '../../kernel/db/tables.js';
import { RANK_WEIGHTS, queryText, searchVector, tierVectors } from './search.js';

/** Catalog SQL only (style.md §1: boring; decisions live in rules.ts and the use cases). */

/** The tables the catalog owns (issue 13: a query on another context's table does not compile). */
export type CatalogTables = Pick<
  DB,
  | 'data_resource'
  | 'data_field'
  | 'classification'
  | 'detection'
  | 'data_snapshot'
  | 'resource_registration'
  | 'registration_code_seq'
  | 'catalog_objection'
  | 'catalog_item'
  | 'catalog_task'
  | 'data_request'
  | 'change_request'
> &
  KernelTables;

/**
 * Identity's directory, read (never written) for the names and home jurisdictions a catalog entry
 * shows (OPN-03 source attribution, resource codes). Only the functions that join it say so; a
 * port in identity's model would replace these reads.
 */
type WithDirectory = CatalogTables & Pick<DB, 'organization' | 'jurisdiction'>;

/** A resource with its jurisdiction's path and division code and its source unit's name. */
export type ResourceRow = Selectable<DataResourceTable> & {
  jurisdiction_path: string[];
  division_code: string;
  source_unit_name: string;
};
export type FieldRow = Selectable<DataFieldTable>;
export type DetectionRow = Selectable<DetectionTable>;
export type SnapshotRow = Selectable<DataSnapshotTable>;
export type ClassificationRow = Selectable<ClassificationTable>;
export type RegistrationRow = Selectable<ResourceRegistrationTable>;
export type ObjectionRow = Selectable<CatalogObjectionTable>;
export type TaskRow = Selectable<CatalogTaskTable>;
export type DataRequestRow = Selectable<DataRequestTable>;
export type ChangeRequestRow = Selectable<ChangeRequestTable>;
/** A registration as the registry's queue lists it, with its resource's name. */
export type QueuedRegistrationRow = RegistrationRow & { resource_name: string };

export async function getResource(db: Executor, id: string, forUpdate = false): Promise<ResourceRow | undefined> {
  if (forUpdate) await sql`SELECT id FROM data_resource WHERE id = ${id} FOR UPDATE`.execute(db);
  return ownTables<WithDirectory>(db)
    .selectFrom('data_resource as r')
    .innerJoin('jurisdiction as j', 'j.id', 'r.jurisdiction_id')
    .innerJoin('organization as o', 'o.id', 'r.source_unit_org_id')
    .selectAll('r')
    .select(['j.path as jurisdiction_path', 'j.division_code', 'o.name_zh as source_unit_name'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export async function listFields(db: Executor, resourceId: string, includeRemoved = false): Promise<FieldRow[]> {
  let q = ownTables<CatalogTables>(db).selectFrom('data_field').selectAll().where('resource_id', '=', resourceId);
  if (!includeRemoved) q = q.where('removed', '=', false);
  return q.orderBy('seq').execute();
}

export async function getField(db: Executor, id: string): Promise<FieldRow | undefined> {
  return ownTables<CatalogTables>(db).selectFrom('data_field').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertField(db: Executor, values: Insertable<DataFieldTable>) {
  await ownTables<CatalogTables>(db).insertInto('data_field').values(values).execute();
}

export async function updateField(db: Executor, id: string, values: Updateable<DataFieldTable>) {
  await ownTables<CatalogTables>(db).updateTable('data_field').set(values).where('id', '=', id).execute();
}

export async function nextResourceSeq(db: Executor, orgId: string): Promise<number> {
  const r = await sql<{
    n: number;
  }>`SELECT count(*)::int + 1 AS n FROM data_resource WHERE source_unit_org_id = ${orgId}`.execute(db);
  return r.rows[0]!.n;
}

export async function getOrgName(db: Executor, orgId: string): Promise<string | undefined> {
  const r = await ownTables<WithDirectory>(db)
    .selectFrom('organization')
    .select('name_zh')
    .where('id', '=', orgId)
    .executeTakeFirst();
  return r?.name_zh;
}

export async function getOrgHome(db: Executor, orgId: string) {
  return ownTables<WithDirectory>(db)
    .selectFrom('organization as o')
    .innerJoin('jurisdiction as j', 'j.id', 'o.home_jurisdiction_id')
    .select(['o.id', 'o.name_zh', 'j.id as jurisdiction_id', 'j.path', 'j.division_code'])
    .where('o.id', '=', orgId)
    .executeTakeFirst();
}

/** Rebuilds the CAT-09 search vector of one resource from its current name, fields and unit. */
export async function reindexResource(db: Executor, id: string) {
  const r = await getResource(db, id);
  if (!r) return;
  const fields = await listFields(db, id);
  const doc = {
    name: r.name_zh,
    summary: r.summary,
    keywords: r.keywords,
    fieldNames: fields.map((f) => f.name_zh),
    unit: r.source_unit_name,
  };
  const tiers = tierVectors(doc);
  await ownTables<CatalogTables>(db)
    .updateTable('data_resource')
    .set({ search_vector: searchVector(doc), name_vector: tiers.name, field_vector: tiers.fields })
    .where('id', '=', id)
    .execute();
}

export interface Visibility {
  orgId: string | null;
  jurisdictionIds: string[];
  platform: boolean;
}

/**
 * The SQL form of canReadResource (style.md §4 visibleTo): own unit's resources in any
 * state; published ones for every signed-in org; non-drafts in a readable jurisdiction.
 */
export function visibleTo(v: Visibility) {
  if (v.platform) return sql<boolean>`true`;
  return sql<boolean>`(r.source_unit_org_id = ${v.orgId ?? '00000000-0000-0000-0000-000000000000'}
    OR r.state = 'published'
    OR (r.state <> 'draft' AND r.jurisdiction_id = ANY(${v.jurisdictionIds}::uuid[])))`;
}

export interface ResourceQuery {
  q?: string;
  sourceUnitId?: string;
  grade?: string;
  openClass?: string;
  registrationStatus?: string;
  state?: string;
  limit: number;
  offset: number;
}

/** Candidates taken per tier; a page beyond it widens the window. */
const TIER_WINDOW = 200;
/** Counts stop here and report `totalCapped` (a "1,000+" answer, as web search engines do). */
const COUNT_CAP = 1_000;

/** One search hit: the listed columns of a resource, its rank, and (after the lookup) its source unit's name. */
export type SearchRow = Pick<
  Selectable<DataResourceTable>,
  | 'id'
  | 'resource_code'
  | 'name_zh'
  | 'summary'
  | 'keywords'
  | 'source_unit_org_id'
  | 'domain'
  | 'grade'
  | 'personal_info'
  | 'sensitive_personal_info'
  | 'open_class'
  | 'share_class'
  | 'registration_status'
  | 'registration_code'
  | 'catalog_types'
  | 'state'
  | 'version'
  | 'updated_at'
> & { rank: number | string; source_unit_name?: string | null };

/**
 * CAT-09: the permission filter applies before ranking and counting. With a query, candidates
 * come from three tiers (name, fields/keywords, everything), each permission-filtered and taken
 * through its own GIN index up to a window, so a broad query never ranks every match; the
 * union is ranked by ts_rank with the CAT-09 weights (decision 0031).
 */
export async function searchResources(db: Executor, v: Visibility, q: ResourceQuery) {
  const tsq = q.q ? queryText(q.q) : null;
  const filters = [visibleTo(v)];
  if (q.sourceUnitId) filters.push(sql<boolean>`r.source_unit_org_id = ${q.sourceUnitId}`);
  if (q.grade) filters.push(sql<boolean>`r.grade = ${q.grade}`);
  if (q.openClass) filters.push(sql<boolean>`r.open_class = ${q.openClass}`);
  if (q.registrationStatus) filters.push(sql<boolean>`r.registration_status = ${q.registrationStatus}`);
  if (q.state) filters.push(sql<boolean>`r.state = ${q.state}`);
  const base = sql.join(filters, sql` AND `);
  const cols = sql`r.id, r.resource_code, r.name_zh, r.summary, r.keywords, r.source_unit_org_id, r.domain, r.grade, r.personal_info,
    r.sensitive_personal_info, r.open_class, r.share_class, r.registration_status, r.registration_code, r.catalog_types, r.state, r.version, r.updated_at`;
  let rows: SearchRow[];
  let total: number;
  let capped = false;
  if (tsq) {
    const query = sql`to_tsquery('simple', ${tsq})`;
    const probe = sql`to_tsquery('simple', ${queryText(q.q!, true)})`;
    // The index answers the probe; ts_match_vq (a function, so not an index condition) keeps exactness.
    const matches = (col: RawBuilder<unknown>) => sql<boolean>`${col} @@ ${probe} AND ts_match_vq(${col}, ${query})`;
    const win = Math.max(TIER_WINDOW, q.offset + q.limit);
    const any = (
      await sql<{
        id: string;
      }>`SELECT r.id FROM data_resource r WHERE ${matches(sql`r.search_vector`)} AND ${base} LIMIT ${win + 1}`.execute(
        db,
      )
    ).rows.map((x) => x.id);
    let ids = any;
    if (any.length > win) {
      // Broad query: add the best-weighted tiers so name and field matches are never cut off.
      const tier = (match: RawBuilder<boolean>) =>
        sql`(SELECT r.id FROM data_resource r WHERE ${match} AND ${base} LIMIT ${win})`;
      const more = await sql<{
        id: string;
      }>`${tier(matches(sql`r.name_vector`))} UNION ${tier(matches(sql`r.field_vector`))}`.execute(db);
      ids = [...new Set([...more.rows.map((x) => x.id), ...any])];
      const n = (
        await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM data_resource r WHERE ${matches(sql`r.search_vector`)} AND ${base} LIMIT ${COUNT_CAP + 1}) x`.execute(
          db,
        )
      ).rows[0]!.n;
      total = Math.min(n, COUNT_CAP);
      capped = n > COUNT_CAP;
    } else total = any.length;
    rows = ids.length
      ? (
          await sql<SearchRow>`SELECT ${cols}, ts_rank(${RANK_WEIGHTS}::float4[], r.search_vector, ${query}) AS rank
      FROM data_resource r WHERE r.id = ANY(${ids}::uuid[])
      ORDER BY rank DESC, r.updated_at DESC, r.id LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db)
        ).rows
      : [];
  } else {
    rows = (
      await sql<SearchRow>`SELECT ${cols}, 0 AS rank FROM data_resource r WHERE ${base}
      ORDER BY r.updated_at DESC, r.id LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db)
    ).rows;
    const n = (
      await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM data_resource r WHERE ${base} LIMIT ${COUNT_CAP + 1}) x`.execute(
        db,
      )
    ).rows[0]!.n;
    total = Math.min(n, COUNT_CAP);
    capped = n > COUNT_CAP;
  }
  const orgIds = [...new Set(rows.map((x) => x.source_unit_org_id))];
  const names = orgIds.length
    ? await ownTables<WithDirectory>(db)
        .selectFrom('organization')
        .select(['id', 'name_zh'])
        .where('id', 'in', orgIds)
        .execute()
    : [];
  // OPN-03: every listed entry names its source unit (数据来源).
  for (const x of rows) x.source_unit_name = names.find((n) => n.id === x.source_unit_org_id)?.name_zh ?? null;
  return { rows, total, totalCapped: capped };
}

export async function listDetections(db: Executor, resourceId: string) {
  return ownTables<CatalogTables>(db)
    .selectFrom('detection')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .orderBy('created_at')
    .orderBy('column_name')
    .execute();
}

export async function getDetection(db: Executor, id: string, forUpdate = false) {
  let q = ownTables<CatalogTables>(db).selectFrom('detection').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function countPendingDetections(db: Executor, resourceId: string): Promise<number> {
  const r = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM detection WHERE resource_id = ${resourceId} AND state = 'pending'`.execute(db);
  return r.rows[0]!.n;
}

export async function listSnapshots(db: Executor, resourceId: string) {
  return ownTables<CatalogTables>(db)
    .selectFrom('data_snapshot')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .orderBy('snapshot_version', 'desc')
    .execute();
}

export async function latestStoredSnapshot(db: Executor, resourceId: string) {
  return ownTables<CatalogTables>(db)
    .selectFrom('data_snapshot')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .where('state', '=', 'stored')
    .orderBy('snapshot_version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function nextSnapshotVersion(db: Executor, resourceId: string): Promise<number> {
  const r = await sql<{
    n: number;
  }>`SELECT coalesce(max(snapshot_version), 0)::int + 1 AS n FROM data_snapshot WHERE resource_id = ${resourceId}`.execute(
    db,
  );
  return r.rows[0]!.n;
}

export async function getSnapshot(db: Executor, id: string, forUpdate = false) {
  let q = ownTables<CatalogTables>(db).selectFrom('data_snapshot').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function activeClassifications(db: Executor, targetType: string, targetId: string) {
  return ownTables<CatalogTables>(db)
    .selectFrom('classification')
    .selectAll()
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .where('state', 'in', ['confirmed', 'proposed'])
    .forUpdate()
    .execute();
}

export async function classificationHistory(db: Executor, resourceId: string) {
  return ownTables<CatalogTables>(db)
    .selectFrom('classification')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .orderBy('decided_at')
    .execute();
}

export async function listRegistrations(db: Executor, resourceId: string) {
  return ownTables<CatalogTables>(db)
    .selectFrom('resource_registration')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function getRegistration(db: Executor, id: string, forUpdate = false) {
  let q = ownTables<CatalogTables>(db).selectFrom('resource_registration').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function activeRegistrationExists(db: Executor, resourceId: string, exceptId?: string): Promise<boolean> {
  const r = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM resource_registration WHERE resource_id = ${resourceId}
    AND state IN ('draft','submitted','accepted','formal_review','publicity','objection_hold','code_assigned','returned')
    AND id <> ${exceptId ?? '00000000-0000-0000-0000-000000000000'}`.execute(db);
  return r.rows[0]!.n > 0;
}

export async function registeredRegistration(db: Executor, resourceId: string) {
  return ownTables<CatalogTables>(db)
    .selectFrom('resource_registration')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .where('state', '=', 'registered')
    .executeTakeFirst();
}

export async function listRegistrationQueue(
  db: Executor,
  v: Visibility,
  states: string[] | null,
  limit: number,
  offset: number,
) {
  const cond = sql.join(
    [
      v.platform
        ? sql`true`
        : sql`(g.registrant_org_id = ${v.orgId ?? '00000000-0000-0000-0000-000000000000'} OR g.jurisdiction_id = ANY(${v.jurisdictionIds}::uuid[]))`,
      states ? sql`g.state = ANY(${states}::text[])` : sql`true`,
    ],
    sql` AND `,
  );
  const rows =
    await sql<QueuedRegistrationRow>`SELECT g.*, r.name_zh AS resource_name FROM resource_registration g JOIN data_resource r ON r.id = g.resource_id
    WHERE ${cond} ORDER BY g.updated_at DESC LIMIT ${limit} OFFSET ${offset}`.execute(db);
  const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM resource_registration g WHERE ${cond}`.execute(
    db,
  );
  return { rows: rows.rows, total: total.rows[0]!.n };
}

/** Publicity notices and registered records: the only registration data the public sees (REG-05). */
export async function listPublicRegistrations(db: Executor, states: string[], limit: number, offset: number) {
  const rows = await ownTables<CatalogTables>(db)
    .selectFrom('resource_registration')
    .select(['id', 'type', 'state', 'registration_code', 'public_summary', 'clocks', 'updated_at'])
    .where('state', 'in', states)
    .orderBy('updated_at', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  const total = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM resource_registration WHERE state = ANY(${states}::text[])`.execute(db);
  return { rows, total: total.rows[0]!.n };
}

export async function dueRegistrations(db: Executor, now: Date) {
  const r = await sql<{ id: string }>`SELECT id FROM resource_registration WHERE state = 'code_assigned'
    OR (state = 'publicity' AND (clocks->>'publicityEnd')::timestamptz < ${now})`.execute(db);
  return r.rows.map((x) => x.id);
}

/** Next number of a code prefix, under a row lock so two registrations never share a code. */
export async function nextCodeNumber(db: Executor, prefix: string): Promise<number> {
  const r = await sql<{ last: number }>`INSERT INTO registration_code_seq (prefix, last) VALUES (${prefix}, 1)
    ON CONFLICT (prefix) DO UPDATE SET last = registration_code_seq.last + 1 RETURNING last`.execute(db);
  return r.rows[0]!.last;
}

export async function openObjectionsOf(db: Executor, registrationId: string): Promise<number> {
  const r = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM catalog_objection WHERE registration_id = ${registrationId} AND state IN ('received','verifying')`.execute(
    db,
  );
  return r.rows[0]!.n;
}

export async function getObjection(db: Executor, id: string, forUpdate = false) {
  let q = ownTables<CatalogTables>(db).selectFrom('catalog_objection').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listObjections(db: Executor, filter: { registrationId?: string; resourceId?: string }) {
  let q = ownTables<CatalogTables>(db).selectFrom('catalog_objection').selectAll().orderBy('created_at', 'desc');
  if (filter.registrationId) q = q.where('registration_id', '=', filter.registrationId);
  if (filter.resourceId) q = q.where('resource_id', '=', filter.resourceId);
  return q.execute();
}

export async function objectionsByMobileSince(db: Executor, mobile: string, since: Date): Promise<number> {
  const r = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM catalog_objection WHERE filer->>'mobile' = ${mobile} AND created_at >= ${since}`.execute(
    db,
  );
  return r.rows[0]!.n;
}

export async function listEvents(db: Executor, objectIds: string[]) {
  if (!objectIds.length) return [];
  return ownTables<CatalogTables>(db)
    .selectFrom('event')
    .select([
      'id',
      'object_type',
      'object_id',
      'object_version',
      'event_type',
      'action',
      'from_state',
      'to_state',
      'actor',
      'occurred_at',
      'rule_results',
    ])
    .where('object_id', 'in', objectIds)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}

export async function addCatalogItem(db: Executor, v: Insertable<CatalogItemTable>) {
  await sql`INSERT INTO catalog_item (id, catalog_type, jurisdiction_id, resource_id, resource_version, conditions, consent_ref, added_at)
    VALUES (${v.id}, ${v.catalog_type}, ${v.jurisdiction_id}, ${v.resource_id}, ${v.resource_version}, ${v.conditions ?? null}, ${v.consent_ref ?? null}, ${v.added_at})
    ON CONFLICT (catalog_type, resource_id) WHERE removed_at IS NULL DO UPDATE SET resource_version = EXCLUDED.resource_version`.execute(
    db,
  );
}

export async function removeCatalogItems(db: Executor, resourceId: string, at: Date) {
  await ownTables<CatalogTables>(db)
    .updateTable('catalog_item')
    .set({ removed_at: at })
    .where('resource_id', '=', resourceId)
    .where('removed_at', 'is', null)
    .execute();
}

export async function getDataRequest(db: Executor, id: string, forUpdate = false) {
  let q = ownTables<CatalogTables>(db).selectFrom('data_request').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function getChangeRequest(db: Executor, id: string, forUpdate = false) {
  let q = ownTables<CatalogTables>(db).selectFrom('change_request').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** One catalog entry as listCatalog reads it (catalog_item joined with its resource and source unit). */
export interface CatalogEntryRow {
  jurisdiction_id: string;
  resource_version: number;
  conditions: string | null;
  added_at: Date;
  id: string;
  resource_code: string;
  name_zh: string;
  summary: string;
  open_class: string;
  share_class: string;
  registration_code: string | null;
  source_unit_name: string;
  field_names: string[];
}

/** CAT-01: one page of a catalog's current entries that `v` may read (OPN-05: suspended fields left out of the open one). */
export async function listCatalog(
  db: Executor,
  type: string,
  v: Visibility,
  q: { jurisdictionId?: string; q?: string; page: number; pageSize: number },
) {
  const filters = [sql<boolean>`i.catalog_type = ${type}`, sql<boolean>`i.removed_at IS NULL`, visibleTo(v)];
  if (q.jurisdictionId) filters.push(sql<boolean>`i.jurisdiction_id = ${q.jurisdictionId}`);
  if (q.q) filters.push(sql<boolean>`r.name_zh LIKE ${'%' + q.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
  const where = sql.join(filters, sql` AND `);
  const rows = (
    await sql<CatalogEntryRow>`SELECT i.jurisdiction_id, i.resource_version, i.conditions, i.added_at, r.id, r.resource_code, r.name_zh, r.summary,
      r.open_class, r.share_class, r.registration_code, o.name_zh AS source_unit_name,
      (SELECT coalesce(json_agg(f.name_zh ORDER BY f.seq), '[]'::json) FROM data_field f WHERE f.resource_id = r.id AND NOT f.removed
        AND (${type} <> 'open' OR NOT f.open_suspended)) AS field_names
    FROM catalog_item i JOIN data_resource r ON r.id = i.resource_id JOIN organization o ON o.id = r.source_unit_org_id
    WHERE ${where} ORDER BY i.added_at DESC, r.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(db)
  ).rows;
  const total = (
    await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM catalog_item i JOIN data_resource r ON r.id = i.resource_id WHERE ${where}`.execute(
      db,
    )
  ).rows[0]!.n;
  return { rows, total };
}

export type EventRow = Awaited<ReturnType<typeof listEvents>>[number];
/** The columns of a registration the public pages may read (REG-05). */
export type PublicRegistrationRow = Pick<
  RegistrationRow,
  'id' | 'type' | 'state' | 'registration_code' | 'public_summary' | 'clocks' | 'updated_at'
>;

/** Who asks for a list: the org's own rows and the jurisdictions it supervises. */
export interface Reader {
  orgId?: string | null;
  readableJurisdictionIds: string[];
}

/** A change request with its resource's name, owner and jurisdiction (for the list's abilities). */
export type ChangeRequestListRow = Awaited<ReturnType<typeof listChangeRequests>>[number];

/** Change requests the reader's org asked for, owns the resource of, or supervises; newest first. */
export async function listChangeRequests(db: Executor, who: Reader, limit: number, offset: number) {
  return ownTables<CatalogTables>(db)
    .selectFrom('change_request as c')
    .innerJoin('data_resource as r', 'r.id', 'c.target_resource_id')
    .select([
      'c.id',
      'c.type',
      'c.state',
      'c.catalog_type',
      'c.reason',
      'c.diff',
      'c.created_at',
      'r.name_zh as resource_name',
      'c.target_resource_id',
      'r.source_unit_org_id',
      'r.jurisdiction_id',
    ])
    .where((eb) =>
      eb.or([
        eb('c.requested_by_org_id', '=', who.orgId ?? null),
        eb('r.source_unit_org_id', '=', who.orgId ?? null),
        ...(who.readableJurisdictionIds.length ? [eb('r.jurisdiction_id', 'in', who.readableJurisdictionIds)] : []),
      ]),
    )
    .orderBy('c.created_at', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** A share or open request with its resource's name, owner and jurisdiction, and the requester's name. */
export type DataRequestListRow = DataRequestRow & {
  resource_name: string;
  source_unit_org_id: string;
  resource_jurisdiction_id: string;
  requester_name: string | null;
};

/** Requests the reader's org filed, provides, or supervises (optionally of one kind); newest first. */
export async function listDataRequests(db: Executor, who: Reader, kind: string | null, limit: number, offset: number) {
  const org = who.orgId ?? '00000000-0000-0000-0000-000000000000';
  const cond = sql`(q.requester_org_id = ${org} OR r.source_unit_org_id = ${org} OR r.jurisdiction_id = ANY(${who.readableJurisdictionIds}::uuid[]))
    AND (${kind}::text IS NULL OR q.kind = ${kind})`;
  const rows =
    await sql<DataRequestListRow>`SELECT q.*, r.name_zh AS resource_name, r.source_unit_org_id, r.jurisdiction_id AS resource_jurisdiction_id, o.name_zh AS requester_name FROM data_request q LEFT JOIN organization o ON o.id = q.requester_org_id JOIN data_resource r ON r.id = q.resource_id WHERE ${cond}
    ORDER BY q.created_at DESC LIMIT ${limit} OFFSET ${offset}`.execute(db);
  const total = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM data_request q JOIN data_resource r ON r.id = q.resource_id WHERE ${cond}`.execute(
    db,
  );
  return { rows: rows.rows, total: total.rows[0]!.n };
}
