import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type {
  DB,
  LabAgreementTable,
  LabApplicationTable,
  LabChangeRequestTable,
  LabGuideTable,
  LabTable,
} from '../../kernel/db/schema.js';
import { ownTables, type Executor, type KernelTables } from '../../kernel/db/tables.js';

/** The tables labs owns; nothing here reads another context's table. */
export type LabsTables = Pick<DB, 'lab_guide' | 'lab_application' | 'lab' | 'lab_agreement' | 'lab_change_request'> &
  KernelTables;

export type GuideRow = Selectable<LabGuideTable>;
export type ApplicationRow = Selectable<LabApplicationTable>;
export type LabRow = Selectable<LabTable>;
export type AgreementRow = Selectable<LabAgreementTable>;
export type ChangeRow = Selectable<LabChangeRequestTable>;

const q = (db: Executor) => ownTables<LabsTables>(db);

// One lock helper: every by-id read goes through it, FOR UPDATE when the caller is about to transition.
const lock = <T extends { forUpdate(): T }>(query: T, forUpdate: boolean) => (forUpdate ? query.forUpdate() : query);

export const getGuide = (db: Executor, id: string, forUpdate = false): Promise<GuideRow | undefined> =>
  lock(q(db).selectFrom('lab_guide').selectAll().where('id', '=', id), forUpdate).executeTakeFirst();
export const getApplication = (db: Executor, id: string, forUpdate = false): Promise<ApplicationRow | undefined> =>
  lock(q(db).selectFrom('lab_application').selectAll().where('id', '=', id), forUpdate).executeTakeFirst();
export const getLab = (db: Executor, id: string, forUpdate = false): Promise<LabRow | undefined> =>
  lock(q(db).selectFrom('lab').selectAll().where('id', '=', id), forUpdate).executeTakeFirst();
export const getAgreement = (db: Executor, id: string, forUpdate = false): Promise<AgreementRow | undefined> =>
  lock(q(db).selectFrom('lab_agreement').selectAll().where('id', '=', id), forUpdate).executeTakeFirst();

/** Published guides first, newest year first (the call list every applicant reads). */
export function listGuides(db: Executor): Promise<GuideRow[]> {
  return q(db)
    .selectFrom('lab_guide')
    .selectAll()
    .orderBy('state', 'desc')
    .orderBy('year', 'desc')
    .limit(200)
    .execute();
}

/** LAB-04: the initiator's live applications (not yet decided), except `exceptId`. */
export function listLiveApplicationsOfInitiator(
  db: Executor,
  initiatorOrgId: string,
  states: readonly string[],
  exceptId: string,
): Promise<ApplicationRow[]> {
  return q(db)
    .selectFrom('lab_application')
    .selectAll()
    .where('initiator_org_id', '=', initiatorOrgId)
    .where('state', 'in', [...states])
    .where('id', '<>', exceptId)
    .execute();
}

/** LAB-04: the initiator's labs in the given (non-terminal) states. */
export function listLabsOfInitiator(
  db: Executor,
  initiatorOrgId: string,
  states: readonly string[],
): Promise<LabRow[]> {
  return q(db)
    .selectFrom('lab')
    .selectAll()
    .where('initiator_org_id', '=', initiatorOrgId)
    .where('state', 'in', [...states])
    .execute();
}

/** The public list: certified labs (the active and rectifying ones still hold their plaque), by number. */
export function listCertifiedLabs(db: Executor, states: readonly string[]): Promise<LabRow[]> {
  return q(db)
    .selectFrom('lab')
    .selectAll()
    .where('state', 'in', [...states])
    .where('certified_at', 'is not', null)
    .orderBy('lab_no')
    .limit(1000)
    .execute();
}

export interface Reader {
  orgId: string | null;
  /** Jurisdictions whose subtree the reader supervises (authority, regulator). */
  reach: string[];
}

/** The rows a reader may see: its org is a party, or the row lies under its supervisory reach (style.md §4). */
const visible = (r: Reader) =>
  sql<boolean>`(initiator_org_id = ${r.orgId} OR partner_org_id = ${r.orgId} OR jurisdiction_path ?| ${sql.val(r.reach)}::text[])`;

export async function listApplicationsFor(
  db: Executor,
  r: Reader,
  f: { state?: string; limit: number; offset: number },
): Promise<{ rows: ApplicationRow[]; total: number }> {
  let base = q(db).selectFrom('lab_application').where(visible(r));
  if (f.state) base = base.where('state', '=', f.state);
  const rows = await base.selectAll().orderBy('created_at', 'desc').limit(f.limit).offset(f.offset).execute();
  const n = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(n.n) };
}

export async function listLabsFor(
  db: Executor,
  r: Reader,
  f: { state?: string; limit: number; offset: number },
): Promise<{ rows: LabRow[]; total: number }> {
  let base = q(db).selectFrom('lab').where(visible(r));
  if (f.state) base = base.where('state', '=', f.state);
  const rows = await base.selectAll().orderBy('lab_no').limit(f.limit).offset(f.offset).execute();
  const n = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(n.n) };
}

/** Agreements of one lab, newest version first (superseded ones stay readable). */
export function listAgreementsOfLab(db: Executor, labId: string): Promise<AgreementRow[]> {
  return q(db)
    .selectFrom('lab_agreement')
    .selectAll()
    .where('lab_id', '=', labId)
    .orderBy('agreement_version', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

/** The lab whose organization is `orgId` (initiator or partner), in the given states (the products port). */
export function listLabsOfOrg(db: Executor, orgId: string, states: readonly string[]): Promise<LabRow[]> {
  return q(db)
    .selectFrom('lab')
    .selectAll()
    .where((eb) => eb.or([eb('partner_org_id', '=', orgId), eb('initiator_org_id', '=', orgId)]))
    .where('state', 'in', [...states])
    .execute();
}

const COUNTERS = {
  lab_guide: (db: Executor, like: string) =>
    q(db)
      .selectFrom('lab_guide')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('guide_no', 'like', like),
  lab_application: (db: Executor, like: string) =>
    q(db)
      .selectFrom('lab_application')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('application_no', 'like', like),
  lab: (db: Executor, like: string) =>
    q(db)
      .selectFrom('lab')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('lab_no', 'like', like),
  lab_agreement: (db: Executor, like: string) =>
    q(db)
      .selectFrom('lab_agreement')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('agreement_no', 'like', like),
};

/** The next `<prefix><seq>` of a numbered table (the unique index refuses a racing duplicate). */
export async function nextSeq(db: Executor, table: keyof typeof COUNTERS, prefix: string): Promise<number> {
  const r = await COUNTERS[table](db, `${prefix}%`).executeTakeFirstOrThrow();
  return Number(r.n) + 1;
}

/** The next filing number of the authority's agreements (`filing_no` is unique). */
export async function nextFilingSeq(db: Executor, prefix: string): Promise<number> {
  const r = await q(db)
    .selectFrom('lab_agreement')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('filing_no', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return Number(r.n) + 1;
}

/** The plaque issued at certification (a pointer to the rights Certificate; its own events are in the ledger). */
export async function setPlaque(
  db: Executor,
  labId: string,
  plaque: { certificateId: string; certNo: string; status: string },
) {
  await q(db)
    .updateTable('lab')
    .set({ plaque: JSON.stringify(plaque) })
    .where('id', '=', labId)
    .execute();
}

export const getChange = (db: Executor, id: string, forUpdate = false): Promise<ChangeRow | undefined> =>
  lock(q(db).selectFrom('lab_change_request').selectAll().where('id', '=', id), forUpdate).executeTakeFirst();

export function listChangesOfLab(db: Executor, labId: string): Promise<ChangeRow[]> {
  return q(db)
    .selectFrom('lab_change_request')
    .selectAll()
    .where('lab_id', '=', labId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function countChangesOfLab(db: Executor, labId: string): Promise<number> {
  const r = await q(db)
    .selectFrom('lab_change_request')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('lab_id', '=', labId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
