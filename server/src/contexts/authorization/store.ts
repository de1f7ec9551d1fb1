import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../../kernel/workflow/actor.js';

// SQL of the authorization context only (style.md §1: boring SQL, no decisions).
export type Db = Kysely<any> | Transaction<any>;
type Row = Record<string, any>;

const one = async <T = Row>(q: Promise<{ rows: T[] }>) => (await q).rows[0];

export async function jurisdictionPath(db: Db, jurisdictionId: string): Promise<string[]> {
  const r = await one<{ path: string[] }>(
    sql<{ path: string[] }>`SELECT path FROM jurisdiction WHERE id = ${jurisdictionId}`.execute(db),
  );
  return r?.path ?? [jurisdictionId];
}

/** Next human-readable number, e.g. OA-zhuhai-2026-0001 (spec OperationAgreement.id format). */
const NUMBER_QUERIES = {
  operation_agreement: (like: string) =>
    sql<{ n: number }>`SELECT count(*)::int + 1 AS n FROM operation_agreement WHERE agreement_no LIKE ${like}`,
  scenario_application: (like: string) =>
    sql<{ n: number }>`SELECT count(*)::int + 1 AS n FROM scenario_application WHERE application_no LIKE ${like}`,
  data_grant: (like: string) =>
    sql<{ n: number }>`SELECT count(DISTINCT grant_no)::int + 1 AS n FROM data_grant WHERE grant_no LIKE ${like}`,
};
export async function nextNumber(db: Db, table: keyof typeof NUMBER_QUERIES, prefix: string): Promise<string> {
  const r = await one<{ n: number }>(NUMBER_QUERIES[table](`${prefix}%`).execute(db));
  return `${prefix}${String(r?.n ?? 1).padStart(4, '0')}`;
}

const lock = (forUpdate: boolean) => (forUpdate ? sql`FOR UPDATE` : sql``);

export const getAgreement = (db: Db, id: string, forUpdate = false) =>
  one(
    sql<Row>`SELECT a.*, j.path AS jurisdiction_path FROM operation_agreement a JOIN jurisdiction j ON j.id = a.jurisdiction_id WHERE a.id = ${id} ${forUpdate ? sql`FOR UPDATE OF a` : sql``}`.execute(
      db,
    ),
  );

export const listCatalogEntries = async (db: Db, agreementId: string) =>
  (
    await sql<Row>`SELECT * FROM agreement_catalog_entry WHERE agreement_id = ${agreementId} ORDER BY created_at, resource_name_zh`.execute(
      db,
    )
  ).rows;

export const getCatalogEntry = (db: Db, id: string, forUpdate = false) =>
  one(sql<Row>`SELECT * FROM agreement_catalog_entry WHERE id = ${id} ${lock(forUpdate)}`.execute(db));

/** Agreements whose operator is orgId and that are in force (IAM-05 meaning). */
export const listAgreementsInForceForOperator = async (db: Db, orgId: string) =>
  (
    await sql<Row>`SELECT * FROM operation_agreement WHERE operator_org_id = ${orgId} AND state IN ('active', 'expiring', 'suspended') ORDER BY valid_to DESC`.execute(
      db,
    )
  ).rows;

/** Agreements orgId is a party to that have not ended (identity.md: no deactivation while one is open). */
export const listOpenAgreementsOfParty = async (db: Db, orgId: string) =>
  (
    await sql<Row>`SELECT 'OperationAgreement' AS type, id, agreement_no AS no, state FROM operation_agreement
      WHERE (operator_org_id = ${orgId} OR authority_org_id = ${orgId}) AND state NOT IN ('expired', 'terminated')
    UNION ALL SELECT 'CollaborationAgreement', id, scenario_title, state FROM collaboration_agreement
      WHERE (operator_org_id = ${orgId} OR collaborator_org_id = ${orgId}) AND state NOT IN ('ended', 'terminated')`.execute(
      db,
    )
  ).rows;

export const getApplication = (db: Db, id: string, forUpdate = false) =>
  one(
    sql<Row>`SELECT s.*, j.path AS jurisdiction_path FROM scenario_application s JOIN jurisdiction j ON j.id = s.jurisdiction_id WHERE s.id = ${id} ${forUpdate ? sql`FOR UPDATE OF s` : sql``}`.execute(
      db,
    ),
  );

export const listDemandItems = async (db: Db, applicationId: string) =>
  (await sql<Row>`SELECT * FROM demand_item WHERE application_id = ${applicationId} ORDER BY seq`.execute(db)).rows;

export async function replaceDemandItems(db: Db, applicationId: string, items: Row[]) {
  await sql`DELETE FROM demand_item WHERE application_id = ${applicationId}`.execute(db);
  if (items.length) await db.insertInto('demand_item').values(items).execute();
}

export async function setItemConsent(
  db: Db,
  itemId: string,
  v: { consent: string; conditions?: string | null; reason?: string | null; by: string | null; at: Date },
) {
  await sql`UPDATE demand_item SET consent = ${v.consent}, consent_conditions = ${v.conditions ?? null}, consent_reason = ${v.reason ?? null}, consent_by = ${v.by}, consent_at = ${v.at} WHERE id = ${itemId}`.execute(
    db,
  );
}

export async function setItemDecision(db: Db, itemId: string, decision: string, reason: string, masking?: unknown) {
  await sql`UPDATE demand_item SET decision = ${decision}, decision_reason = ${reason},
    requested_masking = COALESCE(${masking ? JSON.stringify(masking) : null}::jsonb, requested_masking) WHERE id = ${itemId}`.execute(
    db,
  );
}

export const listConsents = async (db: Db, applicationId: string) =>
  (await sql<Row>`SELECT * FROM source_consent WHERE application_id = ${applicationId} ORDER BY created_at`.execute(db))
    .rows;

export const getConsent = (db: Db, id: string, forUpdate = false) =>
  one(sql<Row>`SELECT * FROM source_consent WHERE id = ${id} ${lock(forUpdate)}`.execute(db));

export const getGrant = (db: Db, id: string, forUpdate = false) =>
  one(
    sql<Row>`SELECT g.*, j.path AS jurisdiction_path FROM data_grant g JOIN jurisdiction j ON j.id = g.jurisdiction_id WHERE g.id = ${id} ${forUpdate ? sql`FOR UPDATE OF g` : sql``}`.execute(
      db,
    ),
  );

export const listGrantsOfAgreement = async (db: Db, agreementId: string, states: string[]) =>
  (
    await sql<Row>`SELECT * FROM data_grant WHERE agreement_id = ${agreementId} AND state = ANY(${states}::text[]) ORDER BY created_at FOR UPDATE`.execute(
      db,
    )
  ).rows;

/** Grants held by orgId or reachable through a filed or active collaboration of orgId. */
export async function listGrantIdsForOrg(db: Db, orgId: string): Promise<string[]> {
  const r = await sql<{ id: string }>`SELECT id FROM data_grant WHERE holder_org_id = ${orgId}
    UNION SELECT grant_id FROM collaboration_agreement WHERE collaborator_org_id = ${orgId} AND state IN ('filed', 'active')`.execute(
    db,
  );
  return r.rows.map((x) => x.id);
}

export const getPlan = (db: Db, id: string, forUpdate = false) =>
  one(sql<Row>`SELECT * FROM emergency_plan WHERE id = ${id} ${lock(forUpdate)}`.execute(db));

export const getLivePlanOfGrant = (db: Db, grantId: string) =>
  one(
    sql<Row>`SELECT * FROM emergency_plan WHERE grant_id = ${grantId} AND state <> 'superseded' ORDER BY plan_version DESC LIMIT 1`.execute(
      db,
    ),
  );

export const getCollaboration = (db: Db, id: string, forUpdate = false) =>
  one(sql<Row>`SELECT * FROM collaboration_agreement WHERE id = ${id} ${lock(forUpdate)}`.execute(db));

export const listCollaborationsOfGrant = async (db: Db, grantId: string, states?: string[]) =>
  (
    await sql<Row>`SELECT * FROM collaboration_agreement WHERE grant_id = ${grantId} ${states ? sql`AND state = ANY(${states}::text[])` : sql``} ORDER BY created_at`.execute(
      db,
    )
  ).rows;

export const listCollaborationsOfAgreement = async (db: Db, agreementId: string, states: string[]) =>
  (
    await sql<Row>`SELECT * FROM collaboration_agreement WHERE agreement_id = ${agreementId} AND state = ANY(${states}::text[]) FOR UPDATE`.execute(
      db,
    )
  ).rows;

export const listCollaborationsOfCollaborator = async (db: Db, orgId: string, states: string[]) =>
  (
    await sql<Row>`SELECT * FROM collaboration_agreement WHERE collaborator_org_id = ${orgId} AND state = ANY(${states}::text[]) FOR UPDATE`.execute(
      db,
    )
  ).rows;

export async function insertTermination(db: Db, row: Row) {
  await db.insertInto('termination').values(row).execute();
}

type ListTable =
  | 'operation_agreement'
  | 'scenario_application'
  | 'data_grant'
  | 'collaboration_agreement'
  | 'emergency_plan';
const NO_ORG = '00000000-0000-0000-0000-000000000000';
/** The org relationships that make a row visible (owner, party, source unit, collaborator). */
const ORG_VISIBLE: Record<ListTable, (org: string) => ReturnType<typeof sql>> = {
  operation_agreement: (o) => sql`x.authority_org_id = ${o} OR x.operator_org_id = ${o}
    OR x.id IN (SELECT agreement_id FROM agreement_catalog_entry WHERE source_unit_org_id = ${o})`,
  // Source units see the objects about their data (authorization.md actors table).
  scenario_application: (o) => sql`x.applicant_org_id = ${o} OR ${o}::uuid = ANY(x.source_unit_org_ids)`,
  data_grant: (o) => sql`x.holder_org_id = ${o} OR ${o}::uuid = ANY(x.source_unit_org_ids)
    OR x.id IN (SELECT grant_id FROM collaboration_agreement WHERE collaborator_org_id = ${o} AND state IN ('filed', 'active', 'suspended'))`,
  collaboration_agreement: (o) => sql`x.operator_org_id = ${o} OR x.collaborator_org_id = ${o}`,
  emergency_plan: (o) => sql`x.holder_org_id = ${o}`,
};

/** Rows the actor may see, filtered in SQL (style.md §4): org relationship or a readable jurisdiction. */
export async function listVisible(
  db: Db,
  table: ListTable,
  actor: Actor,
  q: { state?: string; limit: number; offset: number },
) {
  const t = sql.table(table);
  const where = sql`(${ORG_VISIBLE[table](actor.orgId ?? NO_ORG)} OR j.path && ${actor.readableJurisdictionIds}::uuid[]) ${q.state ? sql`AND x.state = ${q.state}` : sql``}`;
  const rows =
    await sql<Row>`SELECT x.*, j.path AS jurisdiction_path FROM ${t} x JOIN jurisdiction j ON j.id = x.jurisdiction_id WHERE ${where}
    ORDER BY x.created_at DESC LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  const total = await one<{ n: number }>(
    sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM ${t} x JOIN jurisdiction j ON j.id = x.jurisdiction_id WHERE ${where}`.execute(
      db,
    ),
  );
  return { rows: rows.rows, total: total?.n ?? 0 };
}

/** Rows a clock job must act on now (authorization.md "Deadlines and clocks"). */
export const DUE = {
  grantsPastValidTo: (today: string) =>
    sql<Row>`SELECT * FROM data_grant WHERE state IN ('active', 'suspended') AND valid_to < ${today} FOR UPDATE SKIP LOCKED`,
  grantsPastPlanDue: (
    now: Date,
  ) => sql<Row>`SELECT g.* FROM data_grant g WHERE g.state = 'pending_plan' AND g.plan_due_at < ${now}
    AND NOT EXISTS (SELECT 1 FROM emergency_plan p WHERE p.grant_id = g.id AND p.state IN ('submitted', 'filed')) FOR UPDATE OF g SKIP LOCKED`,
  agreementsPastValidTo: (today: string) =>
    sql<Row>`SELECT * FROM operation_agreement WHERE state IN ('active', 'expiring', 'suspended', 'termination_pending') AND valid_to < ${today} FOR UPDATE SKIP LOCKED`,
  agreementsToExpiring: (cutoff: string) =>
    sql<Row>`SELECT * FROM operation_agreement WHERE state = 'active' AND valid_to <= ${cutoff} FOR UPDATE SKIP LOCKED`,
  agreementsPastRectification: (today: string) =>
    sql<Row>`SELECT * FROM operation_agreement WHERE state = 'suspended' AND suspension->>'rectificationDeadline' < ${today} FOR UPDATE SKIP LOCKED`,
  applicationsOverdue: (
    now: Date,
  ) => sql<Row>`SELECT * FROM scenario_application WHERE state IN ('submitted', 'under_review')
    AND ((review_due_at < ${now} AND NOT escalations @> '[{"clock":"review"}]') OR (consent_due_at < ${now} AND NOT escalations @> '[{"clock":"consent"}]')
      AND EXISTS (SELECT 1 FROM demand_item d WHERE d.application_id = scenario_application.id AND d.consent = 'pending')) FOR UPDATE SKIP LOCKED`,
  collaborationsToActivate: (today: string) =>
    sql<Row>`SELECT * FROM collaboration_agreement WHERE state = 'filed' AND valid_from <= ${today} FOR UPDATE SKIP LOCKED`,
  collaborationsPastValidTo: (today: string) =>
    sql<Row>`SELECT * FROM collaboration_agreement WHERE state IN ('filed', 'active') AND valid_to < ${today} FOR UPDATE SKIP LOCKED`,
  plansDrillOverdue: (today: string) =>
    sql<Row>`SELECT * FROM emergency_plan WHERE state = 'filed' AND NOT drill_overdue AND next_drill_due < ${today} FOR UPDATE SKIP LOCKED`,
};

export const orgNames = async (db: Db, ids: string[]) => {
  if (!ids.length) return new Map<string, string>();
  const r = await sql<{
    id: string;
    name_zh: string;
  }>`SELECT id, name_zh FROM organization WHERE id = ANY(${ids}::uuid[])`.execute(db);
  return new Map(r.rows.map((x) => [x.id, x.name_zh]));
};
