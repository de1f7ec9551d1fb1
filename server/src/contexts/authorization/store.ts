import { sql, type Insertable, type Selectable } from 'kysely';
import type {
  AgreementCatalogEntryTable,
  CollaborationAgreementTable,
  DataGrantTable,
  DB,
  DemandItemTable,
  EmergencyPlanTable,
  OperationAgreementTable,
  ScenarioApplicationTable,
  SourceConsentTable,
  TerminationTable,
} from '../../kernel/db/schema.js';
import { ownTables, type Executor, type KernelTables } from '../../kernel/db/tables.js';
import type { Actor } from '../../kernel/workflow/actor.js';
import type { z } from 'zod';
import type { EgressPolicy, FieldGrant } from './egress-policy.js';
import type {
  AgreementSelection,
  ApplicationJson,
  CollaborationFiling,
  CollaborationInput,
  DrillInput,
  Grade,
  GrantPurpose,
  Obligation,
  PlanFiling,
  PlanInput,
  SignedDocument,
  Suspension,
} from './model.js';

// SQL of the authorization context only (style.md §1: boring SQL, no decisions).

/** The tables the authorization context owns (publication_permission: publication-store.ts). */
export type AuthorizationTables = Pick<
  DB,
  | 'operation_agreement'
  | 'agreement_catalog_entry'
  | 'scenario_application'
  | 'demand_item'
  | 'source_consent'
  | 'data_grant'
  | 'emergency_plan'
  | 'collaboration_agreement'
  | 'termination'
  | 'publication_permission'
> &
  KernelTables;
export type Db = Executor;

/**
 * Objects read with their jurisdiction's path (ancestors first), which canRead needs. The path is
 * identity's reference data, joined in SQL: identity has no port for it yet (issue 13 report).
 */
type WithPath = { jurisdiction_path: string[] };
/** A row with its jsonb columns read as the domain shapes we wrote (model.ts "jsonb columns"). */
type Typed<R, J> = Omit<R, keyof J> & J;
type AgreementJson = {
  selection: AgreementSelection;
  suspension: Suspension | null;
  obligations: Obligation[];
  documents: SignedDocument[];
};
type GrantJson = {
  purpose: GrantPurpose;
  fields: FieldGrant[];
  egress_policy: EgressPolicy;
  row_filters: unknown[];
  suspension: Suspension | null;
};
type PlanJson = {
  incident_types: string[];
  roles: PlanInput['roles'];
  reporting_chain: string[];
  filing: PlanFiling;
  drills: z.infer<typeof DrillInput>[];
};
type CollaborationJson = {
  data_scope: string[];
  terms: CollaborationInput['terms'];
  entry_filing: CollaborationFiling | null;
  exit_filing: CollaborationFiling | null;
};
export type AgreementRecord = Typed<Selectable<OperationAgreementTable>, AgreementJson>;
export type AgreementRow = AgreementRecord & WithPath;
export type CatalogEntryRow = Typed<
  Selectable<AgreementCatalogEntryTable>,
  { field_codes: string[]; consent: Record<string, unknown> | null }
>;
export type ApplicationRecord = Typed<Selectable<ScenarioApplicationTable>, ApplicationJson>;
export type ApplicationRow = ApplicationRecord & WithPath;
export type DemandItemRow = Typed<
  Selectable<DemandItemTable>,
  {
    requested_masking: { method: string; params?: Record<string, unknown> };
    legal_basis: { kind: string; evidenceFileId: string } | null;
    /** Written from the catalog's grade (general | important | core). */
    grade_snapshot: Grade | null;
  }
>;
export type NewDemandItem = Insertable<DemandItemTable>;
export type ConsentRow = Selectable<SourceConsentTable>;
export type GrantRecord = Typed<Selectable<DataGrantTable>, GrantJson>;
export type GrantRow = GrantRecord & WithPath;
export type PlanRow = Typed<Selectable<EmergencyPlanTable>, PlanJson>;
export type CollaborationRow = Typed<Selectable<CollaborationAgreementTable>, CollaborationJson>;
export type NewTermination = Insertable<TerminationTable>;

const one = async <T>(q: Promise<{ rows: T[] }>) => (await q).rows[0];
// Queries on our own tables go through `own(db)` (a typo'd or foreign table does not compile); their
// `$castTo<…Row>()` reads the jsonb columns as the shapes our use cases wrote. Reads joined with identity's
// jurisdiction path, lists and clock claims stay in SQL, typed by their row shape.
const own = (db: Db) => ownTables<AuthorizationTables>(db);

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

/** The one row-lock clause of this store: `FOR UPDATE`, or `FOR UPDATE OF <alias>` in a join. */
export const lock = (forUpdate: boolean, of?: string) =>
  forUpdate ? (of ? sql`FOR UPDATE OF ${sql.ref(of)}` : sql`FOR UPDATE`) : sql``;

export const getAgreement = (db: Db, id: string, forUpdate = false) =>
  one(
    sql<AgreementRow>`SELECT a.*, j.path AS jurisdiction_path FROM operation_agreement a JOIN jurisdiction j ON j.id = a.jurisdiction_id WHERE a.id = ${id} ${lock(forUpdate, 'a')}`.execute(
      db,
    ),
  );

export const listCatalogEntries = (db: Db, agreementId: string) =>
  own(db)
    .selectFrom('agreement_catalog_entry')
    .selectAll()
    .where('agreement_id', '=', agreementId)
    .orderBy('created_at')
    .orderBy('resource_name_zh')
    .$castTo<CatalogEntryRow>()
    .execute();

export const getCatalogEntry = (db: Db, id: string, forUpdate = false) =>
  own(db)
    .selectFrom('agreement_catalog_entry')
    .selectAll()
    .where('id', '=', id)
    .$if(forUpdate, (q) => q.forUpdate())
    .$castTo<CatalogEntryRow>()
    .executeTakeFirst();

/** Agreements whose operator is orgId and that are in force (IAM-05 meaning). */
export const listAgreementsInForceForOperator = async (db: Db, orgId: string) =>
  (
    await sql<AgreementRecord>`SELECT * FROM operation_agreement WHERE operator_org_id = ${orgId} AND state IN ('active', 'expiring', 'suspended') ORDER BY valid_to DESC`.execute(
      db,
    )
  ).rows;

export interface OpenAgreement {
  type: 'OperationAgreement' | 'CollaborationAgreement';
  id: string;
  no: string;
  state: string;
}
/** Agreements orgId is a party to that have not ended (identity.md: no deactivation while one is open). */
export const listOpenAgreementsOfParty = async (db: Db, orgId: string) =>
  (
    await sql<OpenAgreement>`SELECT 'OperationAgreement' AS type, id, agreement_no AS no, state FROM operation_agreement
      WHERE (operator_org_id = ${orgId} OR authority_org_id = ${orgId}) AND state NOT IN ('expired', 'terminated')
    UNION ALL SELECT 'CollaborationAgreement', id, scenario_title, state FROM collaboration_agreement
      WHERE (operator_org_id = ${orgId} OR collaborator_org_id = ${orgId}) AND state NOT IN ('ended', 'terminated')`.execute(
      db,
    )
  ).rows;

export const getApplication = (db: Db, id: string, forUpdate = false) =>
  one(
    sql<ApplicationRow>`SELECT s.*, j.path AS jurisdiction_path FROM scenario_application s JOIN jurisdiction j ON j.id = s.jurisdiction_id WHERE s.id = ${id} ${lock(forUpdate, 's')}`.execute(
      db,
    ),
  );

export const listDemandItems = (db: Db, applicationId: string) =>
  own(db)
    .selectFrom('demand_item')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('seq')
    .$castTo<DemandItemRow>()
    .execute();

export async function replaceDemandItems(db: Db, applicationId: string, items: NewDemandItem[]) {
  const q = own(db);
  await q.deleteFrom('demand_item').where('application_id', '=', applicationId).execute();
  if (items.length) await q.insertInto('demand_item').values(items).execute();
}

export async function setItemConsent(
  db: Db,
  itemId: string,
  v: { consent: string; conditions?: string | null; reason?: string | null; by: string | null; at: Date },
) {
  await own(db)
    .updateTable('demand_item')
    .set({
      consent: v.consent,
      consent_conditions: v.conditions ?? null,
      consent_reason: v.reason ?? null,
      consent_by: v.by,
      consent_at: v.at,
    })
    .where('id', '=', itemId)
    .execute();
}

/** The reviewer's decision on one item; a masking given with it replaces the requested one. */
export async function setItemDecision(db: Db, itemId: string, decision: string, reason: string, masking?: unknown) {
  await own(db)
    .updateTable('demand_item')
    .set({
      decision,
      decision_reason: reason,
      ...(masking ? { requested_masking: JSON.stringify(masking) } : {}),
    })
    .where('id', '=', itemId)
    .execute();
}

export const listConsents = (db: Db, applicationId: string) =>
  own(db)
    .selectFrom('source_consent')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .execute();

export const getConsent = (db: Db, id: string, forUpdate = false) =>
  own(db)
    .selectFrom('source_consent')
    .selectAll()
    .where('id', '=', id)
    .$if(forUpdate, (q) => q.forUpdate())
    .executeTakeFirst();

export const getGrant = (db: Db, id: string, forUpdate = false) =>
  one(
    sql<GrantRow>`SELECT g.*, j.path AS jurisdiction_path FROM data_grant g JOIN jurisdiction j ON j.id = g.jurisdiction_id WHERE g.id = ${id} ${lock(forUpdate, 'g')}`.execute(
      db,
    ),
  );

export const listGrantsOfAgreement = async (db: Db, agreementId: string, states: string[]) =>
  (
    await sql<GrantRecord>`SELECT * FROM data_grant WHERE agreement_id = ${agreementId} AND state = ANY(${states}::text[]) ORDER BY created_at FOR UPDATE`.execute(
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
  own(db)
    .selectFrom('emergency_plan')
    .selectAll()
    .where('id', '=', id)
    .$if(forUpdate, (q) => q.forUpdate())
    .$castTo<PlanRow>()
    .executeTakeFirst();

export const getLivePlanOfGrant = (db: Db, grantId: string) =>
  one(
    sql<PlanRow>`SELECT * FROM emergency_plan WHERE grant_id = ${grantId} AND state <> 'superseded' ORDER BY plan_version DESC LIMIT 1`.execute(
      db,
    ),
  );

export const getCollaboration = (db: Db, id: string, forUpdate = false) =>
  own(db)
    .selectFrom('collaboration_agreement')
    .selectAll()
    .where('id', '=', id)
    .$if(forUpdate, (q) => q.forUpdate())
    .$castTo<CollaborationRow>()
    .executeTakeFirst();

export const listCollaborationsOfGrant = async (db: Db, grantId: string, states?: string[]) =>
  (
    await sql<CollaborationRow>`SELECT * FROM collaboration_agreement WHERE grant_id = ${grantId} ${states ? sql`AND state = ANY(${states}::text[])` : sql``} ORDER BY created_at`.execute(
      db,
    )
  ).rows;

export const listCollaborationsOfAgreement = async (db: Db, agreementId: string, states: string[]) =>
  (
    await sql<CollaborationRow>`SELECT * FROM collaboration_agreement WHERE agreement_id = ${agreementId} AND state = ANY(${states}::text[]) FOR UPDATE`.execute(
      db,
    )
  ).rows;

export const listCollaborationsOfCollaborator = async (db: Db, orgId: string, states: string[]) =>
  (
    await sql<CollaborationRow>`SELECT * FROM collaboration_agreement WHERE collaborator_org_id = ${orgId} AND state = ANY(${states}::text[]) FOR UPDATE`.execute(
      db,
    )
  ).rows;

export async function insertTermination(db: Db, row: NewTermination) {
  await own(db).insertInto('termination').values(row).execute();
}

/** Other live Grants of a holder (the review page's overlap guard). */
export const listLiveGrantsOfHolder = async (db: Db, holderOrgId: string, exceptApplicationId: string) =>
  (
    await sql<
      Pick<GrantRecord, 'id' | 'grant_no' | 'state' | 'fields'>
    >`SELECT id, grant_no, state, fields FROM data_grant WHERE holder_org_id = ${holderOrgId}
    AND state IN ('pending_plan', 'active', 'suspended') AND (scenario_application_id IS NULL OR scenario_application_id <> ${exceptApplicationId})`.execute(
      db,
    )
  ).rows;

/** Items rejected before in the applicant's other applications (the review page's earlier-rejection guard). */
export const listRejectedItemsOfApplicant = async (db: Db, applicantOrgId: string, exceptApplicationId: string) =>
  (
    await sql<
      Pick<DemandItemRow, 'resource_id' | 'field_code' | 'field_name_zh' | 'decision_reason'> & {
        application_no: string;
      }
    >`SELECT d.resource_id, d.field_code, d.field_name_zh, d.decision_reason, a.application_no FROM demand_item d
    JOIN scenario_application a ON a.id = d.application_id WHERE a.applicant_org_id = ${applicantOrgId} AND a.id <> ${exceptApplicationId} AND d.decision = 'rejected'`.execute(
      db,
    )
  ).rows;

/** A source unit's consent inbox, newest first, with its application's number and scenario. */
export const listConsentsOfUnit = async (
  db: Db,
  unitOrgId: string | null,
  q: { state?: string; limit: number; offset: number },
) =>
  (
    await sql<
      ConsentRow & Pick<ApplicationRecord, 'application_no' | 'scenario'>
    >`SELECT c.*, a.application_no, a.scenario FROM source_consent c JOIN scenario_application a ON a.id = c.application_id
    WHERE c.source_unit_org_id = ${unitOrgId} ${q.state ? sql`AND c.state = ${q.state}` : sql``} ORDER BY c.created_at DESC LIMIT ${q.limit} OFFSET ${q.offset}`.execute(
      db,
    )
  ).rows;

/** Every version of a Grant number, oldest first. */
export const listGrantVersions = async (db: Db, grantNo: string) =>
  (
    await sql<GrantRow>`SELECT g.*, j.path AS jurisdiction_path FROM data_grant g JOIN jurisdiction j ON j.id = g.jurisdiction_id WHERE grant_no = ${grantNo} ORDER BY grant_version`.execute(
      db,
    )
  ).rows;

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
  // A plan is read as its Grant is (subjects.ts planSubject): the holder and the Grant's source units
  // (issue 13: the visibility matrix found the list showed the holder only while the detail opened for both).
  emergency_plan: (o) =>
    sql`x.holder_org_id = ${o} OR x.grant_id IN (SELECT id FROM data_grant WHERE ${o}::uuid = ANY(source_unit_org_ids))`,
};

/** What each list returns: the row with its jurisdiction's path. */
export interface ListRows {
  operation_agreement: AgreementRow;
  scenario_application: ApplicationRow;
  data_grant: GrantRow;
  collaboration_agreement: CollaborationRow & WithPath;
  emergency_plan: PlanRow & WithPath;
}

/** Rows the actor may see, filtered in SQL (style.md §4): org relationship or a readable jurisdiction. */
export async function listVisible<T extends ListTable>(
  db: Db,
  table: T,
  actor: Actor,
  q: { state?: string; limit: number; offset: number },
): Promise<{ rows: ListRows[T][]; total: number }> {
  const t = sql.table(table);
  const where = sql`(${ORG_VISIBLE[table](actor.orgId ?? NO_ORG)} OR j.path && ${actor.readableJurisdictionIds}::uuid[]) ${q.state ? sql`AND x.state = ${q.state}` : sql``}`;
  const rows = await sql<
    ListRows[T]
  >`SELECT x.*, j.path AS jurisdiction_path FROM ${t} x JOIN jurisdiction j ON j.id = x.jurisdiction_id WHERE ${where}
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
    sql<GrantRecord>`SELECT * FROM data_grant WHERE state IN ('active', 'suspended') AND valid_to < ${today} FOR UPDATE SKIP LOCKED`,
  grantsPastPlanDue: (
    now: Date,
  ) => sql<GrantRecord>`SELECT g.* FROM data_grant g WHERE g.state = 'pending_plan' AND g.plan_due_at < ${now}
    AND NOT EXISTS (SELECT 1 FROM emergency_plan p WHERE p.grant_id = g.id AND p.state IN ('submitted', 'filed')) FOR UPDATE OF g SKIP LOCKED`,
  agreementsPastValidTo: (today: string) =>
    sql<AgreementRecord>`SELECT * FROM operation_agreement WHERE state IN ('active', 'expiring', 'suspended', 'termination_pending') AND valid_to < ${today} FOR UPDATE SKIP LOCKED`,
  agreementsToExpiring: (cutoff: string) =>
    sql<AgreementRecord>`SELECT * FROM operation_agreement WHERE state = 'active' AND valid_to <= ${cutoff} FOR UPDATE SKIP LOCKED`,
  agreementsPastRectification: (today: string) =>
    sql<AgreementRecord>`SELECT * FROM operation_agreement WHERE state = 'suspended' AND suspension->>'rectificationDeadline' < ${today} FOR UPDATE SKIP LOCKED`,
  applicationsOverdue: (
    now: Date,
  ) => sql<ApplicationRecord>`SELECT * FROM scenario_application WHERE state IN ('submitted', 'under_review')
    AND ((review_due_at < ${now} AND NOT escalations @> '[{"clock":"review"}]') OR (consent_due_at < ${now} AND NOT escalations @> '[{"clock":"consent"}]')
      AND EXISTS (SELECT 1 FROM demand_item d WHERE d.application_id = scenario_application.id AND d.consent = 'pending')) FOR UPDATE SKIP LOCKED`,
  collaborationsToActivate: (today: string) =>
    sql<CollaborationRow>`SELECT * FROM collaboration_agreement WHERE state = 'filed' AND valid_from <= ${today} FOR UPDATE SKIP LOCKED`,
  collaborationsPastValidTo: (today: string) =>
    sql<CollaborationRow>`SELECT * FROM collaboration_agreement WHERE state IN ('filed', 'active') AND valid_to < ${today} FOR UPDATE SKIP LOCKED`,
  plansDrillOverdue: (today: string) =>
    sql<PlanRow>`SELECT * FROM emergency_plan WHERE state = 'filed' AND NOT drill_overdue AND next_drill_due < ${today} FOR UPDATE SKIP LOCKED`,
};

/** Organization names for presenters: identity's table, read in SQL until identity offers a port (issue 13 report). */
export const orgNames = async (db: Db, ids: string[]) => {
  if (!ids.length) return new Map<string, string>();
  const r = await sql<{
    id: string;
    name_zh: string;
  }>`SELECT id, name_zh FROM organization WHERE id = ANY(${ids}::uuid[])`.execute(db);
  return new Map(r.rows.map((x) => [x.id, x.name_zh]));
};
