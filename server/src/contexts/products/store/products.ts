import { sql } from 'kysely';
import { ownTables, type Executor } from '../../../kernel/db/tables.js';
import type { ListingRow, ProductRow, ProductsTables, RegistrationRow, ReviewRow } from './tables.js';

const own = (db: Executor) => ownTables<ProductsTables>(db);

/** Locks the selected rows FOR UPDATE when `yes` (how a use case reads a row it will transition). */
export const lock = <Q extends { forUpdate(): Q }>(q: Q, yes: boolean): Q => (yes ? q.forUpdate() : q);

export const getProduct = (db: Executor, id: string, lockRow = false): Promise<ProductRow | undefined> =>
  lock(own(db).selectFrom('data_product').selectAll().where('id', '=', id), lockRow).executeTakeFirst();

/** Products the org makes or operates, or that lie under one of the readable jurisdictions (filtered in SQL). */
export async function listProducts(
  db: Executor,
  who: { orgId: string; jurisdictionIds: string[] },
  state: string | undefined,
  limit: number,
  offset: number,
) {
  let q = own(db)
    .selectFrom('data_product')
    .where((eb) =>
      eb.or([
        eb('producer_org_id', '=', who.orgId),
        eb('operator_org_id', '=', who.orgId),
        sql<boolean>`jurisdiction_path ?| ${who.jurisdictionIds}::text[]`,
      ]),
    );
  if (state) q = q.where('state', '=', state);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('created_at', 'desc').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** The next product code of a jurisdiction and year: DP-<jurisdiction>-<year>-<6 digits> (unique per platform). */
export async function nextProductCode(db: Executor, prefix: string): Promise<string> {
  const r = await own(db)
    .selectFrom('data_product')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('code', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return `${prefix}${String(Number(r.n) + 1).padStart(6, '0')}`;
}

export const getReview = (db: Executor, id: string, lockRow = false): Promise<ReviewRow | undefined> =>
  lock(own(db).selectFrom('compliance_review').selectAll().where('id', '=', id), lockRow).executeTakeFirst();

export const latestReview = (db: Executor, productId: string, lockRow = false): Promise<ReviewRow | undefined> =>
  lock(
    own(db)
      .selectFrom('compliance_review')
      .selectAll()
      .where('product_id', '=', productId)
      .orderBy('created_at', 'desc')
      .limit(1),
    lockRow,
  ).executeTakeFirst();

export const listReviews = (db: Executor, productId: string): Promise<ReviewRow[]> =>
  own(db)
    .selectFrom('compliance_review')
    .selectAll()
    .where('product_id', '=', productId)
    .orderBy('created_at')
    .execute();

export const getRegistration = (db: Executor, id: string, lockRow = false): Promise<RegistrationRow | undefined> =>
  lock(own(db).selectFrom('product_registration').selectAll().where('id', '=', id), lockRow).executeTakeFirst();

export const listRegistrations = (db: Executor, productId: string): Promise<RegistrationRow[]> =>
  own(db)
    .selectFrom('product_registration')
    .selectAll()
    .where('product_id', '=', productId)
    .orderBy('created_at')
    .execute();

/** Registration numbers are issued in order per jurisdiction and year: DPR-<jurisdiction>-<year>-<6 digits>. */
export async function nextRegistrationCode(db: Executor, prefix: string): Promise<string> {
  const r = await own(db)
    .selectFrom('product_registration')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('registration_code', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return `${prefix}${String(Number(r.n) + 1).padStart(6, '0')}`;
}

export const getListing = (db: Executor, id: string, lockRow = false): Promise<ListingRow | undefined> =>
  lock(own(db).selectFrom('listing').selectAll().where('id', '=', id), lockRow).executeTakeFirst();

export const listListings = (db: Executor, productId: string): Promise<ListingRow[]> =>
  own(db).selectFrom('listing').selectAll().where('product_id', '=', productId).orderBy('created_at').execute();

export interface PublicProductRow {
  id: string;
  code: string;
  name_zh: string;
  operator_org_id: string;
  form: string;
  category: string;
}

/** Products with at least one live listing, filtered (the public catalogue; never buyers or amounts). */
export async function listLiveProducts(
  db: Executor,
  f: { form?: string; category?: string; q?: string },
  limit: number,
  offset: number,
) {
  const where = sql`p.state = 'active' AND EXISTS (SELECT 1 FROM listing l WHERE l.product_id = p.id AND l.state = 'live')
    AND (${f.form ?? null}::text IS NULL OR p.form = ${f.form ?? null})
    AND (${f.category ?? null}::text IS NULL OR p.category = ${f.category ?? null})
    AND (${f.q ?? null}::text IS NULL OR p.name_zh LIKE '%' || ${f.q ?? null} || '%' OR p.code = ${f.q ?? null})`;
  const [rows, total] = await Promise.all([
    sql<PublicProductRow>`SELECT p.id, p.code, p.name_zh, p.operator_org_id, p.form, p.category FROM data_product p
      WHERE ${where} ORDER BY p.code LIMIT ${limit} OFFSET ${offset}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM data_product p WHERE ${where}`.execute(db),
  ]);
  return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
}

/** One product if it is active with a live listing (the public product page); otherwise undefined. */
export const getLiveProduct = (db: Executor, id: string): Promise<ProductRow | undefined> =>
  own(db)
    .selectFrom('data_product')
    .selectAll()
    .where('id', '=', id)
    .where('state', '=', 'active')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('listing')
          .select('listing.id')
          .whereRef('listing.product_id', '=', 'data_product.id')
          .where('listing.state', '=', 'live'),
      ),
    )
    .executeTakeFirst();

/** Registrations in publicity whose window has closed (the registration clock job completes them). */
export async function registrationsPastPublicity(db: Executor, now: Date): Promise<string[]> {
  const rows = await own(db)
    .selectFrom('product_registration')
    .select('id')
    .where('state', '=', 'publicity')
    .where('publicity_end', '<', now)
    .execute();
  return rows.map((r) => r.id);
}

/** Passed reviews whose validity ended before `today` (locked: the review clock expires them). */
export const reviewsExpiring = (db: Executor, today: string): Promise<ReviewRow[]> =>
  own(db)
    .selectFrom('compliance_review')
    .selectAll()
    .where('state', '=', 'passed')
    .where('valid_until', '<', sql<Date>`${today}::date`)
    .forUpdate()
    .execute();

export const liveListingsOf = (db: Executor, productId: string): Promise<ListingRow[]> =>
  own(db)
    .selectFrom('listing')
    .selectAll()
    .where('product_id', '=', productId)
    .where('state', '=', 'live')
    .forUpdate()
    .execute();
