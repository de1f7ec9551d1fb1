import { sql, type Insertable, type Selectable } from 'kysely';
import type {
  DB,
  RightsCertificateTable,
  RightsDataAssetTable,
  RightsLogCheckpointTable,
  RightsLogLeafTable,
  RightsLogTable,
  RightsObjectionTable,
  RightsRegistrationTable,
  RightsRegistryKeyTable,
  RightsValuationTable,
} from '../../kernel/db/schema.js';
import { ownTables, type Executor, type KernelTables, type Tx } from '../../kernel/db/tables.js';

/** Rights SQL only (style.md §1: boring; decisions live in rules.ts and usecases/). */
export type RightsTables = Pick<
  DB,
  | 'rights_registration'
  | 'rights_objection'
  | 'rights_certificate'
  | 'rights_counter'
  | 'rights_registry_key'
  | 'rights_log'
  | 'rights_log_node'
  | 'rights_log_leaf'
  | 'rights_log_checkpoint'
  | 'rights_valuation'
  | 'rights_data_asset'
> &
  KernelTables;

export type RegistrationRow = Selectable<RightsRegistrationTable>;
export type ObjectionRow = Selectable<RightsObjectionTable>;
export type CertificateRow = Selectable<RightsCertificateTable>;
export type RegistryKeyRow = Selectable<RightsRegistryKeyTable>;
export type LogRow = Selectable<RightsLogTable>;
export type LeafRow = Selectable<RightsLogLeafTable>;
export type CheckpointRow = Selectable<RightsLogCheckpointTable>;
export type ValuationRow = Selectable<RightsValuationTable>;
export type DataAssetRow = Selectable<RightsDataAssetTable>;

const q = (db: Executor) => ownTables<RightsTables>(db);

/** One lock helper: a row read FOR UPDATE inside a transaction, plain otherwise. */
function lock<T extends { forUpdate(): T }>(query: T, forUpdate: boolean): T {
  return forUpdate ? query.forUpdate() : query;
}

export async function getRegistration(db: Executor, id: string, forUpdate = false) {
  return lock(q(db).selectFrom('rights_registration').selectAll().where('id', '=', id), forUpdate).executeTakeFirst();
}

/** RA-08: the registration a traded contract already opened (`exchange_trade_ref` = the contract number). */
export async function registrationOfTradeRef(db: Executor, ref: string, regType: string) {
  return q(db)
    .selectFrom('rights_registration')
    .selectAll()
    .where('exchange_trade_ref', '=', ref)
    .where('reg_type', '=', regType)
    .executeTakeFirst();
}

/** RA-08: the holder's registered first registration of a platform product (the base of its licences). */
export async function registeredFirstOfProduct(db: Executor, holderOrgId: string, productId: string) {
  return q(db)
    .selectFrom('rights_registration')
    .selectAll()
    .where('reg_type', '=', 'first')
    .where('state', '=', 'registered')
    .where('holder_org_id', '=', holderOrgId)
    .where(sql<boolean>`object_info->>'productId' = ${productId}`)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function listRegistrations(
  db: Executor,
  f: { orgId: string; role: 'mine' | 'registry' | 'evaluator'; state?: string; limit: number; offset: number },
) {
  let query = q(db).selectFrom('rights_registration');
  if (f.role === 'registry') query = query.where('registry_org_id', '=', f.orgId);
  else if (f.role === 'evaluator') query = query.where('evaluator_org_id', '=', f.orgId);
  else
    query = query.where((eb) =>
      eb.or([
        eb('applicant_org_id', '=', f.orgId),
        eb('holder_org_id', '=', f.orgId),
        eb('counterparty_org_id', '=', f.orgId),
      ]),
    );
  if (f.state) query = query.where('state', '=', f.state);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await query.selectAll().orderBy('created_at', 'desc').limit(f.limit).offset(f.offset).execute();
  return { items, total: Number(total.n) };
}

/** Registrations in a state whose clock field (a `clocks` key) ran out before `now`. */
export async function listWithClockBefore(db: Executor, state: string, clock: string, now: Date) {
  return q(db)
    .selectFrom('rights_registration')
    .selectAll()
    .where('state', '=', state)
    .where(sql<boolean>`(clocks ->> ${clock})::timestamptz < ${now.toISOString()}::timestamptz`)
    .execute();
}

export async function setClocks(db: Executor, id: string, clocks: Record<string, string>) {
  await q(db)
    .updateTable('rights_registration')
    .set({ clocks: sql`clocks || ${JSON.stringify(clocks)}::jsonb` })
    .where('id', '=', id)
    .execute();
}

export async function getObjection(db: Executor, id: string, forUpdate = false) {
  return lock(q(db).selectFrom('rights_objection').selectAll().where('id', '=', id), forUpdate).executeTakeFirst();
}

export async function listObjections(db: Executor, registrationId: string) {
  return q(db)
    .selectFrom('rights_objection')
    .selectAll()
    .where('registration_id', '=', registrationId)
    .orderBy('created_at')
    .execute();
}

export async function listObjectionsDue(db: Executor, now: Date) {
  return q(db)
    .selectFrom('rights_objection')
    .selectAll()
    .where('state', '=', 'accepted')
    .where('resolve_due_at', '<', now)
    .execute();
}

export async function getCertificate(db: Executor, id: string, forUpdate = false) {
  return lock(q(db).selectFrom('rights_certificate').selectAll().where('id', '=', id), forUpdate).executeTakeFirst();
}

export async function getCertificateByNo(db: Executor, certNo: string) {
  return q(db).selectFrom('rights_certificate').selectAll().where('cert_no', '=', certNo).executeTakeFirst();
}

/** The current (not superseded) registration certificate of a unit (its first registration's id). */
export async function currentCertificateOf(db: Executor, unitId: string, forUpdate = false) {
  return lock(
    q(db)
      .selectFrom('rights_certificate')
      .selectAll()
      .where('unit_id', '=', unitId)
      .where('kind', '=', 'registration')
      .where('superseded_by', 'is', null)
      .orderBy('created_at', 'desc')
      .limit(1),
    forUpdate,
  ).executeTakeFirst();
}

/** The latest certificate of a kind issued for a subject (a lab plaque: `Lab:<id>`). */
export async function latestCertificateOfSubject(db: Executor, subjectRef: string, kind: string) {
  return q(db)
    .selectFrom('rights_certificate')
    .selectAll()
    .where('subject_ref', '=', subjectRef)
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function certificateOfRegistration(db: Executor, registrationId: string) {
  return q(db)
    .selectFrom('rights_certificate')
    .select('cert_no')
    .where('registration_id', '=', registrationId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function listCertificates(db: Executor, f: { limit: number; offset: number }) {
  const base = q(db).selectFrom('rights_certificate');
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await base.selectAll().orderBy('created_at', 'desc').limit(f.limit).offset(f.offset).execute();
  return { items, total: Number(total.n) };
}

export async function listCertificatesValidBefore(db: Executor, day: string) {
  return q(db)
    .selectFrom('rights_certificate')
    .selectAll()
    .where('state', '=', 'valid')
    .where('valid_to', '<', day)
    .execute();
}

export async function setSupersededBy(db: Executor, id: string, by: string) {
  await q(db).updateTable('rights_certificate').set({ superseded_by: by }).where('id', '=', id).execute();
}

/** Next number of a counter (certificate and registration numbers), gapless per (scope, year). */
export async function nextNumber(trx: Tx, scope: string, year: number): Promise<number> {
  const row = await q(trx)
    .insertInto('rights_counter')
    .values({ scope, year, next: 2 })
    .onConflict((oc) => oc.columns(['scope', 'year']).doUpdateSet({ next: sql`rights_counter.next + 1` }))
    .returning('next')
    .executeTakeFirstOrThrow();
  return row.next - 1;
}

// ---------- registry keys and logs ----------

export async function getRegistryKey(db: Executor, registryOrgId: string) {
  return q(db)
    .selectFrom('rights_registry_key')
    .selectAll()
    .where('registry_org_id', '=', registryOrgId)
    .executeTakeFirst();
}

export async function insertRegistryKey(db: Executor, row: Insertable<RightsRegistryKeyTable>) {
  await q(db)
    .insertInto('rights_registry_key')
    .values(row)
    .onConflict((oc) => oc.column('registry_org_id').doNothing())
    .execute();
}

export async function listRegistryKeys(db: Executor) {
  return q(db).selectFrom('rights_registry_key').selectAll().orderBy('created_at').execute();
}

/** Creates the registry's log on first use and locks it for its single appender (LED-06). */
export async function lockLog(trx: Tx, logId: string, registryOrgId: string, hash: 'sm3' | 'sha256') {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`rights-log:${logId}`}, 0))`.execute(trx);
  await q(trx)
    .insertInto('rights_log')
    .values({ log_id: logId, registry_org_id: registryOrgId, hash })
    .onConflict((oc) => oc.column('log_id').doNothing())
    .execute();
  return q(trx).selectFrom('rights_log').selectAll().where('log_id', '=', logId).executeTakeFirstOrThrow();
}

export async function getLog(db: Executor, logId: string) {
  return q(db).selectFrom('rights_log').selectAll().where('log_id', '=', logId).executeTakeFirst();
}

export async function fetchNodes(db: Executor, logId: string, keys: Array<[number, number]>) {
  const out = new Map<string, Buffer>();
  if (!keys.length) return out;
  const rows = await q(db)
    .selectFrom('rights_log_node')
    .select(['level', 'idx', 'hash'])
    .where('log_id', '=', logId)
    .where((eb) => eb.or(keys.map(([l, i]) => eb.and([eb('level', '=', l), eb('idx', '=', i)]))))
    .execute();
  for (const r of rows) out.set(`${r.level}:${Number(r.idx)}`, Buffer.from(r.hash));
  return out;
}

export async function appendLeaf(
  trx: Tx,
  log: LogRow,
  leaf: Insertable<RightsLogLeafTable>,
  nodes: Array<[number, number, Buffer]>,
) {
  await q(trx).insertInto('rights_log_leaf').values(leaf).execute();
  if (nodes.length)
    await q(trx)
      .insertInto('rights_log_node')
      .values(nodes.map(([level, idx, hash]) => ({ log_id: log.log_id, level, idx, hash })))
      .execute();
  await q(trx)
    .updateTable('rights_log')
    .set({ tree_size: Number(log.tree_size) + 1 })
    .where('log_id', '=', log.log_id)
    .execute();
}

export async function leavesOf(db: Executor, certificateId: string) {
  return q(db)
    .selectFrom('rights_log_leaf')
    .selectAll()
    .where('certificate_id', '=', certificateId)
    .orderBy('leaf_index')
    .execute();
}

export async function latestCheckpoint(db: Executor, logId: string) {
  return q(db)
    .selectFrom('rights_log_checkpoint')
    .selectAll()
    .where('log_id', '=', logId)
    .orderBy('tree_size', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertCheckpoint(trx: Tx, row: Insertable<RightsLogCheckpointTable>) {
  return q(trx).insertInto('rights_log_checkpoint').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function getValuation(db: Executor, id: string, forUpdate = false) {
  return lock(q(db).selectFrom('rights_valuation').selectAll().where('id', '=', id), forUpdate).executeTakeFirst();
}

export async function getDataAsset(db: Executor, id: string, forUpdate = false) {
  return lock(q(db).selectFrom('rights_data_asset').selectAll().where('id', '=', id), forUpdate).executeTakeFirst();
}

/** Asset cards of one holder (the asset register), filtered and paged. */
export async function listDataAssets(
  db: Executor,
  f: {
    holderOrgId: string;
    bookStatus?: string;
    accountingClass?: string;
    isPublicDataAsset?: boolean;
    q?: string;
    limit: number;
    offset: number;
  },
) {
  let query = q(db).selectFrom('rights_data_asset').where('holder_org_id', '=', f.holderOrgId);
  if (f.bookStatus) query = query.where('state', '=', f.bookStatus);
  if (f.accountingClass) query = query.where(sql<string>`accounting ->> 'class'`, '=', f.accountingClass);
  if (f.isPublicDataAsset !== undefined) query = query.where('is_public_data_asset', '=', f.isPublicDataAsset);
  if (f.q) query = query.where('name', 'ilike', `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await query.selectAll().orderBy('created_at', 'desc').limit(f.limit).offset(f.offset).execute();
  return { items, total: Number(total.n) };
}

/** Every asset card of a holder (disclosure tables). */
export async function allDataAssetsOf(db: Executor, holderOrgId: string) {
  return q(db)
    .selectFrom('rights_data_asset')
    .selectAll()
    .where('holder_org_id', '=', holderOrgId)
    .orderBy('created_at')
    .execute();
}

/** Valuations an organization may see (as evaluator or client), optionally of one asset card, oldest base date first. */
export async function listValuations(
  db: Executor,
  f: { orgId: string; dataAssetId?: string; limit: number; offset: number },
) {
  let query = q(db)
    .selectFrom('rights_valuation')
    .where((eb) => eb.or([eb('evaluator_org_id', '=', f.orgId), eb('client_org_id', '=', f.orgId)]));
  if (f.dataAssetId) query = query.where('data_asset_id', '=', f.dataAssetId);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await query
    .selectAll()
    .orderBy('base_date')
    .orderBy('created_at')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { items, total: Number(total.n) };
}
