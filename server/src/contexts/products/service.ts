import { sql } from 'kysely';
import { ownTables, type Executor } from '../../kernel/db/tables.js';
import type { ProductsTables } from './store/tables.js';
import './lifecycle.js';
import './messages.js';
import * as store from './store/gateway.js';

// The products context's minimal published API: what the data-service gateway checks and meters.
export { productLifecycle, orderLifecycle, contractLifecycle } from './lifecycle.js';
export type { UsageInsert } from './store/gateway.js';
export {
  followContracts,
  type ContractFiled,
  type ContractFollower,
} from './usecases/contract-followers.js';
export { labProductIpOwner, labProductReviews, type LabProductReview } from './usecases/lab-port.js';
type Db = Executor;

export interface CallBasis {
  product: { id: string; state: string; scenarioApplicationId: string | null; grantIds: string[] } | null;
  order: { id: string; state: string; buyerOrgId: string; productId: string } | null;
  contract: {
    id: string;
    state: string;
    productId: string;
    buyerOrgId: string;
    termFrom: string;
    termTo: string;
    quotaPerDay: number;
    quotaPerMonth: number;
    purpose: string;
    scenario: string;
  } | null;
}

const day = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/**
 * The order/contract a buyer's key names and its product, when that product is bound to this service (SVC-02,
 * PM-02): several products may answer through one service, so the product is found from the order, never the service.
 */
export async function getCallBasis(db: Db, serviceId: string, orderId: string): Promise<CallBasis> {
  const [o, c] = await Promise.all([store.getOrder(db, orderId), store.getContractOfOrder(db, orderId)]);
  const ordered = o ? await store.getProduct(db, o.product_id) : undefined;
  const p = ordered?.service_id === serviceId ? ordered : undefined;
  return {
    product: p
      ? {
          id: p.id,
          state: p.state,
          scenarioApplicationId: p.scenario_application_id, // grant_ids is written by this context only (a JSON array of grant ids).
          grantIds: p.grant_ids as string[],
        }
      : null,
    order: o ? { id: o.id, state: o.state, buyerOrgId: o.buyer_org_id, productId: o.product_id } : null,
    contract: c
      ? {
          id: c.id,
          state: c.state,
          productId: c.product_id,
          buyerOrgId: c.buyer_org_id,
          termFrom: day(c.term_from),
          termTo: day(c.term_to),
          quotaPerDay: c.quota_per_day,
          quotaPerMonth: c.quota_per_month,
          purpose: c.purpose,
          scenario: c.scenario,
        }
      : null,
  };
}

export const countContractUsage = store.countUsage;
export const countSubjectCalls = store.countSubjectCalls;
export const insertUsagesSql = store.insertUsagesSql;
export const listUsageOfOrg = store.listUsageOfOrg;
export const usageSummaryOfOrg = store.usageSummaryOfOrg;
export const listContractsOfBuyer = store.listContractsOfBuyer;

/** One edge of the supervision desk's flow map (issue 16): an operator's products ordered by a buyer. */
export interface OrderFlow {
  operatorOrgId: string;
  buyerOrgId: string;
  orderIds: string[];
}

/**
 * Supervision's flow port: Orders past draft and not cancelled or rejected, whose product's jurisdiction path meets
 * `reach`, one edge per operator and buyer. An empty reach reads nothing.
 */
export async function orderFlows(db: Db, reach: readonly string[]): Promise<OrderFlow[]> {
  if (!reach.length) return [];
  const rows = await ownTables<ProductsTables>(db)
    .selectFrom('product_order as o')
    .innerJoin('data_product as p', 'p.id', 'o.product_id')
    .select(['p.operator_org_id', 'o.buyer_org_id', sql<string[]>`array_agg(o.id ORDER BY o.created_at)`.as('ids')])
    .where('o.state', 'not in', ['draft', 'cancelled', 'rejected'])
    .where(sql<boolean>`p.jurisdiction_path ?| ${sql.val([...reach])}::text[]`)
    .groupBy(['p.operator_org_id', 'o.buyer_org_id'])
    .execute();
  return rows.map((r) => ({ operatorOrgId: r.operator_org_id, buyerOrgId: r.buyer_org_id, orderIds: r.ids }));
}
