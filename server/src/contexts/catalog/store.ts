import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { RANK_WEIGHTS, queryText, searchVector, tierVectors } from './search.js';

/** Catalog SQL only (style.md §1: boring; decisions live in rules.ts and service.ts). */
type Db = Kysely<any> | Transaction<any>;

export interface ResourceRow {
  id: string;
  resource_code: string;
  name_zh: string;
  summary: string;
  keywords: string[];
  source_unit_org_id: string;
  source_unit_name: string;
  jurisdiction_id: string;
  jurisdiction_path: string[];
  division_code: string;
  collecting_unit_org_id: string | null;
  providing_unit_org_id: string | null;
  domain: string;
  data_type: string;
  open_mode: string | null;
  format: string;
  update_frequency: string;
  last_updated_at: Date | null;
  quality: any;
  volume: any;
  spatial_coverage: string[];
  temporal_coverage: any;
  standard_identifiers: any[];
  share_class: string;
  share_conditions: string | null;
  share_basis: string | null;
  open_class: string;
  open_conditions: string | null;
  open_basis: string | null;
  grade: string | null;
  category: string | null;
  personal_info: boolean;
  sensitive_personal_info: boolean;
  classification: any;
  registration_status: string;
  registration_code: string | null;
  catalog_types: string[];
  published_version: number | null;
  created_by: string | null;
  last_edited_by: string | null;
  state: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  providing_consent: any;
  open_class_evidence: any;
  class_reviewed_at: Date | null;
}

export interface FieldRow {
  id: string;
  resource_id: string;
  seq: number;
  code: string;
  name_zh: string;
  description: string | null;
  value_type: string;
  code_table_ref: string | null;
  length: number | null;
  nullable: boolean;
  is_key: boolean;
  identifier_kind: string | null;
  authoritative_unit_org_id: string | null;
  data_element_ref: string | null;
  field_share_class: string | null;
  field_open_class: string | null;
  grade: string | null;
  category: string | null;
  personal_info: boolean;
  sensitive_personal_info: boolean;
  sensitive_category: string | null;
  direct_identifier: boolean;
  classification_status: string;
  masked_examples: string[];
  registered_version: number | null;
  removed: boolean;
  open_suspended: boolean;
}

export async function getResource(db: Db, id: string, forUpdate = false): Promise<ResourceRow | undefined> {
  if (forUpdate) await sql`SELECT id FROM data_resource WHERE id = ${id} FOR UPDATE`.execute(db);
  const row = await db
    .selectFrom('data_resource as r')
    .innerJoin('jurisdiction as j', 'j.id', 'r.jurisdiction_id')
    .innerJoin('organization as o', 'o.id', 'r.source_unit_org_id')
    .selectAll('r')
    .select(['j.path as jurisdiction_path', 'j.division_code', 'o.name_zh as source_unit_name'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  return row as ResourceRow | undefined;
}

export async function listFields(db: Db, resourceId: string, includeRemoved = false): Promise<FieldRow[]> {
  let q = db.selectFrom('data_field').selectAll().where('resource_id', '=', resourceId);
  if (!includeRemoved) q = q.where('removed', '=', false);
  return (await q.orderBy('seq').execute()) as FieldRow[];
}

export async function getField(db: Db, id: string): Promise<FieldRow | undefined> {
  return (await db.selectFrom('data_field').selectAll().where('id', '=', id).executeTakeFirst()) as
    | FieldRow
    | undefined;
}

export async function insertField(db: Db, values: Record<string, unknown>) {
  await db.insertInto('data_field').values(values).execute();
}

export async function updateField(db: Db, id: string, values: Record<string, unknown>) {
  await db.updateTable('data_field').set(values).where('id', '=', id).execute();
}

export async function nextResourceSeq(db: Db, orgId: string): Promise<number> {
  const r = await sql<{
    n: number;
  }>`SELECT count(*)::int + 1 AS n FROM data_resource WHERE source_unit_org_id = ${orgId}`.execute(db);
  return r.rows[0]!.n;
}

export async function getOrgName(db: Db, orgId: string): Promise<string | undefined> {
  const r = await db.selectFrom('organization').select('name_zh').where('id', '=', orgId).executeTakeFirst();
  return r?.name_zh as string | undefined;
}

export async function getOrgHome(db: Db, orgId: string) {
  return db
    .selectFrom('organization as o')
    .innerJoin('jurisdiction as j', 'j.id', 'o.home_jurisdiction_id')
    .select(['o.id', 'o.name_zh', 'j.id as jurisdiction_id', 'j.path', 'j.division_code'])
    .where('o.id', '=', orgId)
    .executeTakeFirst();
}

/** Rebuilds the CAT-09 search vector of one resource from its current name, fields and unit. */
export async function reindexResource(db: Db, id: string) {
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
  await db
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

/**
 * CAT-09: the permission filter applies before ranking and counting. With a query, candidates
 * come from three tiers (name, fields/keywords, everything), each permission-filtered and taken
 * through its own GIN index up to a window, so a broad query never ranks every match; the
 * union is ranked by ts_rank with the CAT-09 weights (decision 0031).
 */
export async function searchResources(db: Db, v: Visibility, q: ResourceQuery) {
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
  let rows: any[];
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
          await sql<any>`SELECT ${cols}, ts_rank(${RANK_WEIGHTS}::float4[], r.search_vector, ${query}) AS rank
      FROM data_resource r WHERE r.id = ANY(${ids}::uuid[])
      ORDER BY rank DESC, r.updated_at DESC, r.id LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db)
        ).rows
      : [];
  } else {
    rows = (
      await sql<any>`SELECT ${cols}, 0 AS rank FROM data_resource r WHERE ${base}
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
  const orgIds = [...new Set(rows.map((x) => x.source_unit_org_id as string))];
  const names = orgIds.length
    ? await db.selectFrom('organization').select(['id', 'name_zh']).where('id', 'in', orgIds).execute()
    : [];
  // OPN-03: every listed entry names its source unit (数据来源).
  for (const x of rows) x.source_unit_name = names.find((n) => n.id === x.source_unit_org_id)?.name_zh ?? null;
  return { rows, total, totalCapped: capped };
}

export async function listDetections(db: Db, resourceId: string) {
  return db
    .selectFrom('detection')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .orderBy('created_at')
    .orderBy('column_name')
    .execute();
}

export async function getDetection(db: Db, id: string, forUpdate = false) {
  let q = db.selectFrom('detection').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function countPendingDetections(db: Db, resourceId: string): Promise<number> {
  const r = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM detection WHERE resource_id = ${resourceId} AND state = 'pending'`.execute(db);
  return r.rows[0]!.n;
}

export async function listSnapshots(db: Db, resourceId: string) {
  return db
    .selectFrom('data_snapshot')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .orderBy('snapshot_version', 'desc')
    .execute();
}

export async function latestStoredSnapshot(db: Db, resourceId: string) {
  return db
    .selectFrom('data_snapshot')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .where('state', '=', 'stored')
    .orderBy('snapshot_version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function nextSnapshotVersion(db: Db, resourceId: string): Promise<number> {
  const r = await sql<{
    n: number;
  }>`SELECT coalesce(max(snapshot_version), 0)::int + 1 AS n FROM data_snapshot WHERE resource_id = ${resourceId}`.execute(
    db,
  );
  return r.rows[0]!.n;
}

export async function getSnapshot(db: Db, id: string, forUpdate = false) {
  let q = db.selectFrom('data_snapshot').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function activeClassifications(db: Db, targetType: string, targetId: string) {
  return db
    .selectFrom('classification')
    .selectAll()
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .where('state', 'in', ['confirmed', 'proposed'])
    .forUpdate()
    .execute();
}

export async function classificationHistory(db: Db, resourceId: string) {
  return db
    .selectFrom('classification')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .orderBy('decided_at')
    .execute();
}

export async function listRegistrations(db: Db, resourceId: string) {
  return db
    .selectFrom('resource_registration')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function getRegistration(db: Db, id: string, forUpdate = false) {
  let q = db.selectFrom('resource_registration').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function activeRegistrationExists(db: Db, resourceId: string, exceptId?: string): Promise<boolean> {
  const r = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM resource_registration WHERE resource_id = ${resourceId}
    AND state IN ('draft','submitted','accepted','formal_review','publicity','objection_hold','code_assigned','returned')
    AND id <> ${exceptId ?? '00000000-0000-0000-0000-000000000000'}`.execute(db);
  return r.rows[0]!.n > 0;
}

export async function registeredRegistration(db: Db, resourceId: string) {
  return db
    .selectFrom('resource_registration')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .where('state', '=', 'registered')
    .executeTakeFirst();
}

export async function listRegistrationQueue(
  db: Db,
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
    await sql<any>`SELECT g.*, r.name_zh AS resource_name FROM resource_registration g JOIN data_resource r ON r.id = g.resource_id
    WHERE ${cond} ORDER BY g.updated_at DESC LIMIT ${limit} OFFSET ${offset}`.execute(db);
  const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM resource_registration g WHERE ${cond}`.execute(
    db,
  );
  return { rows: rows.rows, total: total.rows[0]!.n };
}

/** Publicity notices and registered records: the only registration data the public sees (REG-05). */
export async function listPublicRegistrations(db: Db, states: string[], limit: number, offset: number) {
  const rows = await db
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

export async function dueRegistrations(db: Db, now: Date) {
  const r = await sql<any>`SELECT id FROM resource_registration WHERE state = 'code_assigned'
    OR (state = 'publicity' AND (clocks->>'publicityEnd')::timestamptz < ${now})`.execute(db);
  return r.rows.map((x) => x.id as string);
}

/** Next number of a code prefix, under a row lock so two registrations never share a code. */
export async function nextCodeNumber(db: Db, prefix: string): Promise<number> {
  const r = await sql<{ last: number }>`INSERT INTO registration_code_seq (prefix, last) VALUES (${prefix}, 1)
    ON CONFLICT (prefix) DO UPDATE SET last = registration_code_seq.last + 1 RETURNING last`.execute(db);
  return r.rows[0]!.last;
}

export async function openObjectionsOf(db: Db, registrationId: string): Promise<number> {
  const r = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM catalog_objection WHERE registration_id = ${registrationId} AND state IN ('received','verifying')`.execute(
    db,
  );
  return r.rows[0]!.n;
}

export async function getObjection(db: Db, id: string, forUpdate = false) {
  let q = db.selectFrom('catalog_objection').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listObjections(db: Db, filter: { registrationId?: string; resourceId?: string }) {
  let q = db.selectFrom('catalog_objection').selectAll().orderBy('created_at', 'desc');
  if (filter.registrationId) q = q.where('registration_id', '=', filter.registrationId);
  if (filter.resourceId) q = q.where('resource_id', '=', filter.resourceId);
  return q.execute();
}

export async function objectionsByMobileSince(db: Db, mobile: string, since: Date): Promise<number> {
  const r = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM catalog_objection WHERE filer->>'mobile' = ${mobile} AND created_at >= ${since}`.execute(
    db,
  );
  return r.rows[0]!.n;
}

export async function listEvents(db: Db, objectIds: string[]) {
  if (!objectIds.length) return [];
  return db
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

export async function addCatalogItem(db: Db, v: Record<string, unknown>) {
  await sql`INSERT INTO catalog_item (id, catalog_type, jurisdiction_id, resource_id, resource_version, conditions, consent_ref, added_at)
    VALUES (${v.id}, ${v.catalog_type}, ${v.jurisdiction_id}, ${v.resource_id}, ${v.resource_version}, ${v.conditions ?? null}, ${v.consent_ref ?? null}, ${v.added_at})
    ON CONFLICT (catalog_type, resource_id) WHERE removed_at IS NULL DO UPDATE SET resource_version = EXCLUDED.resource_version`.execute(
    db,
  );
}

export async function removeCatalogItems(db: Db, resourceId: string, at: Date) {
  await db
    .updateTable('catalog_item')
    .set({ removed_at: at })
    .where('resource_id', '=', resourceId)
    .where('removed_at', 'is', null)
    .execute();
}

export async function getDataRequest(db: Db, id: string, forUpdate = false) {
  let q = db.selectFrom('data_request').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function getChangeRequest(db: Db, id: string, forUpdate = false) {
  let q = db.selectFrom('change_request').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}
