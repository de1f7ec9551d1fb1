import { sql } from 'kysely';
import { ownTables, type Executor } from '../../../kernel/db/tables.js';
import { lock } from './products.js';
import type { DisclosureRow, ProductRow, ProductsTables } from './tables.js';

const own = (db: Executor) => ownTables<ProductsTables>(db);

export const getDisclosure = (db: Executor, id: string, lockRow = false): Promise<DisclosureRow | undefined> =>
  lock(own(db).selectFrom('disclosure').selectAll().where('id', '=', id), lockRow).executeTakeFirst();

/** Every version of one org's disclosure for a year, oldest first. */
export const versionsOf = (db: Executor, orgId: string, year: number): Promise<DisclosureRow[]> =>
  own(db)
    .selectFrom('disclosure')
    .selectAll()
    .where('subject_org_id', '=', orgId)
    .where('year', '=', year)
    .orderBy('report_version')
    .execute();

export const listOfOrg = (db: Executor, orgId: string): Promise<DisclosureRow[]> =>
  own(db).selectFrom('disclosure').selectAll().where('subject_org_id', '=', orgId).orderBy('year', 'desc').execute();

/** Drafts past their due time (the disclosure clock marks them overdue). */
export const draftsPastDue = (db: Executor, now: Date): Promise<DisclosureRow[]> =>
  own(db)
    .selectFrom('disclosure')
    .selectAll()
    .where('state', '=', 'draft')
    .where('due_at', '<', now)
    .forUpdate()
    .execute();

/** The operator's products as disclosed (PM-30 product and service list). */
export const productsOfOperator = (db: Executor, orgId: string): Promise<ProductRow[]> =>
  own(db).selectFrom('data_product').selectAll().where('operator_org_id', '=', orgId).orderBy('code').execute();

export interface FeeStandardRow {
  code: string;
  name_zh: string;
  charging_unit: string;
  unit_definition: string;
  price_fen: number;
  cap_fen: number | null;
  filing_no: string;
}

/** Effective prices of an operator's products (actual fee standards, PM-30). */
export const feeStandardsOf = async (db: Executor, orgId: string): Promise<FeeStandardRow[]> =>
  (
    await sql<FeeStandardRow>`SELECT p.code, p.name_zh, f.charging_unit, f.unit_definition, f.price_fen, c.cap_fen, f.filing_no
      FROM price_filing f JOIN data_product p ON p.id = f.product_id LEFT JOIN fee_cap c ON c.id = f.fee_cap_id
      WHERE f.operator_org_id = ${orgId} AND f.state = 'effective' ORDER BY p.code`.execute(db)
  ).rows.map((r) => ({ ...r, price_fen: Number(r.price_fen), cap_fen: r.cap_fen === null ? null : Number(r.cap_fen) }));

/** Caps an authority set that were in force at some point of the year (PM-30 authority fee caps). */
export const capsOfAuthority = (db: Executor, orgId: string, year: number) =>
  own(db)
    .selectFrom('fee_cap')
    .select([
      'id',
      'product_id',
      'product_class',
      'charging_unit',
      'unit_definition',
      'cap_fen',
      'is_trial',
      'effective_from',
      'effective_to',
    ])
    .where('authority_org_id', '=', orgId)
    .where('state', 'in', ['in_force', 'superseded', 'expired'])
    .where('effective_from', '<=', sql<Date>`${`${year}-12-31`}::date`)
    .where('effective_to', '>=', sql<Date>`${`${year}-01-01`}::date`)
    .execute();

/** PM-29: an operator's year in figures — contracts filed, and its bills of the year's periods (integer fen). */
export async function operatingYearOf(db: Executor, orgId: string, year: number) {
  const contracts = await sql<{ n: number; buyers: number }>`SELECT count(*)::int AS n,
      count(DISTINCT buyer_org_id)::int AS buyers FROM contract
    WHERE operator_org_id = ${orgId} AND filed_at >= ${`${year}-01-01`}::date AND filed_at < ${`${year + 1}-01-01`}::date`.execute(
    db,
  );
  const bills = await sql<{
    n: number;
    billed: string;
    received: string;
    distributed: string;
  }>`SELECT count(*)::int AS n,
      coalesce(sum(total_fen), 0)::text AS billed, coalesce(sum(amount_received_fen), 0)::text AS received,
      coalesce(sum(total_fen) FILTER (WHERE state IN ('distributed', 'closed')), 0)::text AS distributed
    FROM settlement WHERE operator_org_id = ${orgId} AND period LIKE ${`${year}-%`}`.execute(db);
  const c = contracts.rows[0];
  const b = bills.rows[0];
  return {
    contracts: c?.n ?? 0,
    buyers: c?.buyers ?? 0,
    bills: b?.n ?? 0,
    billedFen: Number(b?.billed ?? 0),
    receivedFen: Number(b?.received ?? 0),
    distributedFen: Number(b?.distributed ?? 0),
  };
}
