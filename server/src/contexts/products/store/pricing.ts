import { sql } from 'kysely';
import { ownTables, type Executor } from '../../../kernel/db/tables.js';
import { lock } from './products.js';
import type { FeeCapRow, PriceFilingRow, ProductsTables, RevenueCycleRow } from './tables.js';

const own = (db: Executor) => ownTables<ProductsTables>(db);

export async function getFeeCap(db: Executor, id: string, lockRow = false): Promise<FeeCapRow | undefined> {
  const q = own(db).selectFrom('fee_cap').selectAll().where('id', '=', id);
  return lock(q, lockRow).executeTakeFirst();
}

/** Caps the org set or is bound by, or that lie in a jurisdiction it reads (filtered in SQL). */
export const listFeeCaps = (db: Executor, orgId: string, jurisdictionIds: string[]): Promise<FeeCapRow[]> =>
  own(db)
    .selectFrom('fee_cap')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('authority_org_id', '=', orgId),
        eb('operator_org_id', '=', orgId),
        ...(jurisdictionIds.length ? [eb('jurisdiction_id', 'in', jurisdictionIds)] : []),
      ]),
    )
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();

/** Caps whose clock may move today: reported ones starting, in-force ones ending. */
export const capsDue = (db: Executor, today: string): Promise<FeeCapRow[]> =>
  own(db)
    .selectFrom('fee_cap')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'reported'), eb('effective_from', '<=', sql<Date>`${today}::date`)]),
        eb.and([eb('state', '=', 'in_force'), eb('effective_to', '<', sql<Date>`${today}::date`)]),
      ]),
    )
    .forUpdate()
    .execute();

export async function getFiling(db: Executor, id: string, lockRow = false): Promise<PriceFilingRow | undefined> {
  const q = own(db).selectFrom('price_filing').selectAll().where('id', '=', id);
  return lock(q, lockRow).executeTakeFirst();
}

/** The org's own filings, or those in a jurisdiction it reads (the authority's filing desk). */
export const listFilings = (db: Executor, orgId: string, jurisdictionIds: string[]): Promise<PriceFilingRow[]> =>
  own(db)
    .selectFrom('price_filing')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('operator_org_id', '=', orgId),
        ...(jurisdictionIds.length ? [eb('jurisdiction_id', 'in', jurisdictionIds)] : []),
      ]),
    )
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();

/** Filed prices whose return window and start day have both passed (PM-18: they take effect). */
export const filingsDue = (db: Executor, today: string): Promise<PriceFilingRow[]> =>
  own(db)
    .selectFrom('price_filing')
    .selectAll()
    .where('state', '=', 'filed')
    .where('effective_from', '<=', sql<Date>`${today}::date`)
    .forUpdate()
    .execute();

/** The effective filings of a product, by charging unit (a new effective one supersedes them). */
export const effectiveFilingsOf = (db: Executor, productId: string, unit: string): Promise<PriceFilingRow[]> =>
  own(db)
    .selectFrom('price_filing')
    .selectAll()
    .where('product_id', '=', productId)
    .where('charging_unit', '=', unit)
    .where('state', '=', 'effective')
    .forUpdate()
    .execute();

export async function nextFilingNo(db: Executor, prefix: string): Promise<string> {
  const r = await own(db)
    .selectFrom('price_filing')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('filing_no', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return `${prefix}${String(Number(r.n) + 1).padStart(6, '0')}`;
}

export interface PublicPriceRow {
  product_id: string;
  charging_unit: string;
  price_fen: number;
  cap_fen: number | null;
  filing_no: string;
}

/** Effective prices beside their caps (收费公示, PM-18), for the given products or all. */
export const publicPrices = async (db: Executor, productIds: string[] | null): Promise<PublicPriceRow[]> =>
  (
    await sql<PublicPriceRow>`SELECT f.product_id, f.charging_unit, f.price_fen::int8 AS price_fen, c.cap_fen, f.filing_no
      FROM price_filing f LEFT JOIN fee_cap c ON c.id = f.fee_cap_id
      JOIN data_product p ON p.id = f.product_id
      WHERE f.state = 'effective' AND p.state IN ('active', 'registered', 'suspended')
        AND (${productIds === null} OR f.product_id = ANY(${productIds ?? []}::uuid[]))
      ORDER BY f.filing_no`.execute(db)
  ).rows.map((r) => ({ ...r, price_fen: Number(r.price_fen), cap_fen: r.cap_fen === null ? null : Number(r.cap_fen) }));

export const getCycle = async (db: Executor, id: string, lockRow = false): Promise<RevenueCycleRow | undefined> => {
  const q = own(db).selectFrom('revenue_cycle').selectAll().where('id', '=', id);
  return lock(q, lockRow).executeTakeFirst();
};

export const cycleOf = (db: Executor, agreementId: string, cycleNo: number, lockRow = false) => {
  const q = own(db)
    .selectFrom('revenue_cycle')
    .selectAll()
    .where('operation_agreement_id', '=', agreementId)
    .where('cycle_no', '=', cycleNo);
  return lock(q, lockRow).executeTakeFirst();
};

export async function hasClosedCycle(db: Executor, agreementId: string): Promise<boolean> {
  const r = await own(db)
    .selectFrom('revenue_cycle')
    .select('id')
    .where('operation_agreement_id', '=', agreementId)
    .where('state', '=', 'closed')
    .executeTakeFirst();
  return !!r;
}

export const listCycles = (db: Executor, orgId: string, jurisdictionIds: string[]): Promise<RevenueCycleRow[]> =>
  own(db)
    .selectFrom('revenue_cycle')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('authority_org_id', '=', orgId),
        eb('operator_org_id', '=', orgId),
        ...(jurisdictionIds.length ? [eb('jurisdiction_id', 'in', jurisdictionIds)] : []),
      ]),
    )
    .orderBy('cycle_no')
    .execute();

/** The filings and caps a settlement run names on its lines, in two reads whatever the number of contracts. */
export async function filingsWithCaps(db: Executor, filingIds: string[]) {
  const filings = filingIds.length
    ? await own(db).selectFrom('price_filing').selectAll().where('id', 'in', filingIds).execute()
    : [];
  const capIds = [...new Set(filings.map((f) => f.fee_cap_id).filter((x): x is string => !!x))];
  const caps = capIds.length ? await own(db).selectFrom('fee_cap').selectAll().where('id', 'in', capIds).execute() : [];
  return { filings, caps };
}
