import { sql } from 'kysely';
import { type Executor, ownTables } from '../../../kernel/db/tables.js';
import type { ContractRow, OrderRow, SettlementRow } from './market.js';
import type { ProductsTables } from './tables.js';

// The market's read side (issue 15 web pages): lists of orders, contracts and bills, and a contract's daily usage.
// Every list is narrowed in SQL to the caller's own org (buyer or operator) or the jurisdictions it may read; the
// use case then applies canRead per row, so a row reaches no one the policy would not show it to.

const q = (db: Executor) => ownTables<ProductsTables>(db);
const LIST_LIMIT = 1000;

/** Who is asking, as the lists filter it: the org, and the jurisdictions it reads (authority, regulator). */
export interface Reader {
  orgId: string;
  jurisdictionIds: string[];
}

export interface OrderFilter {
  state?: string;
  productId?: string;
}

export type ProductNameRow = { id: string; code: string; name_zh: string };

export function ordersFor(db: Executor, r: Reader, f: OrderFilter): Promise<OrderRow[]> {
  let s = q(db)
    .selectFrom('product_order')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('buyer_org_id', '=', r.orgId),
        eb('operator_org_id', '=', r.orgId),
        ...(r.jurisdictionIds.length ? [eb('jurisdiction_id', 'in', r.jurisdictionIds)] : []),
      ]),
    );
  if (f.state) s = s.where('state', '=', f.state);
  if (f.productId) s = s.where('product_id', '=', f.productId);
  return s.orderBy('created_at', 'desc').limit(LIST_LIMIT).execute();
}

export function contractsFor(db: Executor, r: Reader, f: OrderFilter & { orderId?: string }): Promise<ContractRow[]> {
  let s = q(db)
    .selectFrom('contract')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('buyer_org_id', '=', r.orgId),
        eb('operator_org_id', '=', r.orgId),
        ...(r.jurisdictionIds.length ? [eb('jurisdiction_id', 'in', r.jurisdictionIds)] : []),
      ]),
    );
  if (f.state) s = s.where('state', '=', f.state);
  if (f.productId) s = s.where('product_id', '=', f.productId);
  if (f.orderId) s = s.where('order_id', '=', f.orderId);
  return s.orderBy('created_at', 'desc').limit(LIST_LIMIT).execute();
}

/** Settlements where the org is operator, buyer or a share party, or in a jurisdiction it reads. */
export function settlementsFor(db: Executor, r: Reader, period?: string): Promise<SettlementRow[]> {
  let s = q(db)
    .selectFrom('settlement')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('operator_org_id', '=', r.orgId),
        eb('buyer_org_id', '=', r.orgId),
        sql<boolean>`share_org_ids @> ${JSON.stringify([r.orgId])}::jsonb`,
        ...(r.jurisdictionIds.length ? [eb('jurisdiction_id', 'in', r.jurisdictionIds)] : []),
      ]),
    );
  if (period) s = s.where('period', '=', period);
  return s.orderBy('period', 'desc').orderBy('created_at', 'desc').limit(LIST_LIMIT).execute();
}

/** Names and codes of the products the rows mention (the caller already may read the rows). */
export async function productNames(db: Executor, ids: string[]): Promise<Map<string, ProductNameRow>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Map();
  const rows = await q(db)
    .selectFrom('data_product')
    .select(['id', 'code', 'name_zh'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((p) => [p.id, p]));
}

/** The latest contract of each order (an order has one contract on the platform; a redraw replaces it). */
export async function contractsOfOrders(db: Executor, orderIds: string[]): Promise<Map<string, ContractRow>> {
  if (!orderIds.length) return new Map();
  const rows = await q(db)
    .selectFrom('contract')
    .selectAll()
    .where('order_id', 'in', [...new Set(orderIds)])
    .orderBy('created_at')
    .execute();
  return new Map(rows.map((c) => [c.order_id, c]));
}

export async function deliveryCounts(db: Executor, contractIds: string[]): Promise<Map<string, number>> {
  if (!contractIds.length) return new Map();
  const rows = await q(db)
    .selectFrom('delivery')
    .select(['contract_id', sql<number>`count(*)::int`.as('n')])
    .where('contract_id', 'in', contractIds)
    .groupBy('contract_id')
    .execute();
  return new Map(rows.map((r) => [r.contract_id, Number(r.n)]));
}

export interface DayOutcome {
  day: string;
  outcome: string;
  n: number;
}

/** A contract's metered quantity per Shanghai day and outcome between two days (inclusive). */
export const usageByDay = (db: Executor, contractId: string, from: string, to: string) =>
  sql<DayOutcome>`SELECT to_char(shanghai_day, 'YYYY-MM-DD') AS day, outcome, coalesce(sum(quantity), 0)::int AS n
    FROM usage_record WHERE contract_id = ${contractId} AND shanghai_day BETWEEN ${from}::date AND ${to}::date
    GROUP BY shanghai_day, outcome ORDER BY shanghai_day`
    .execute(db)
    .then((r) => r.rows.map((x) => ({ ...x, n: Number(x.n) })));
