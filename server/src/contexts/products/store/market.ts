import { type Insertable, type Selectable, sql } from 'kysely';
import type {
  ContractTable,
  DeliveryTable,
  ProductOrderTable,
  RevenueShareTable,
  SettlementTable,
  UsageRecordTable,
} from '../../../kernel/db/schema.js';
import { type Executor, ownTables } from '../../../kernel/db/tables.js';
import type { ProductsTables } from './tables.js';

// Orders, contracts, deliveries, usage, revenue shares and settlements (products-market.md part 2).
export type OrderRow = Selectable<ProductOrderTable>;
export type ContractRow = Selectable<ContractTable>;
export type DeliveryRow = Selectable<DeliveryTable>;
export type RevenueShareRow = Selectable<RevenueShareTable>;
export type SettlementRow = Selectable<SettlementTable>;
export type UsageRow = Selectable<UsageRecordTable>;

const q = (db: Executor) => ownTables<ProductsTables>(db);

// One row by id, locked FOR UPDATE when it is about to move (one helper per table keeps the row type exact).
export const getOrder = (db: Executor, id: string, lockRow = false): Promise<OrderRow | undefined> => {
  const b = q(db).selectFrom('product_order').selectAll().where('id', '=', id);
  return (lockRow ? b.forUpdate() : b).executeTakeFirst();
};
export const getContract = (db: Executor, id: string, lockRow = false): Promise<ContractRow | undefined> => {
  const b = q(db).selectFrom('contract').selectAll().where('id', '=', id);
  return (lockRow ? b.forUpdate() : b).executeTakeFirst();
};
export const getDelivery = (db: Executor, id: string): Promise<DeliveryRow | undefined> =>
  q(db).selectFrom('delivery').selectAll().where('id', '=', id).executeTakeFirst();
export const getSettlement = (db: Executor, id: string, lockRow = false): Promise<SettlementRow | undefined> => {
  const b = q(db).selectFrom('settlement').selectAll().where('id', '=', id);
  return (lockRow ? b.forUpdate() : b).executeTakeFirst();
};

export const deliveriesOf = (db: Executor, contractId: string) =>
  q(db).selectFrom('delivery').selectAll().where('contract_id', '=', contractId).orderBy('created_at').execute();

export const currentShareOf = (db: Executor, productId: string) =>
  q(db)
    .selectFrom('revenue_share')
    .selectAll()
    .where('product_id', '=', productId)
    .where('state', '=', 'approved')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();

/** Settlements an org is the operator, buyer or a share party of (all of them for null: regulators, system). */
export function listSettlements(db: Executor, orgId: string | null) {
  let s = q(db).selectFrom('settlement').selectAll();
  if (orgId)
    s = s.where((eb) =>
      eb.or([
        eb('operator_org_id', '=', orgId),
        eb('buyer_org_id', '=', orgId),
        sql<boolean>`share_org_ids @> ${JSON.stringify([orgId])}::jsonb`,
      ]),
    );
  return s.orderBy('created_at', 'desc').limit(500).execute();
}

/** A contract's records in a period (the bill verification recomputes from them). */
export const usageRecordsOf = (db: Executor, contractId: string, from: string, to: string) =>
  q(db)
    .selectFrom('usage_record')
    .select(['id', 'quantity', 'outcome', 'idempotency_key', 'shanghai_day'])
    .where('contract_id', '=', contractId)
    .where('shanghai_day', '>=', sql<Date>`${from}::date`)
    .where('shanghai_day', '<=', sql<Date>`${to}::date`)
    .orderBy('id')
    .execute();

/** PM-24: inserts a record unless its idempotency key is known; answers the kept (first) record. */
export async function recordUsage(db: Executor, u: Insertable<UsageRecordTable>) {
  const ins = await q(db)
    .insertInto('usage_record')
    .values(u)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (ins) return { row: ins, duplicate: false };
  const kept = await q(db)
    .selectFrom('usage_record')
    .selectAll()
    .where('idempotency_key', '=', u.idempotency_key)
    .executeTakeFirstOrThrow();
  return { row: kept, duplicate: true };
}

/** Quantity counted against a contract's monthly quota so far (billable and free uses; rejections do not count). */
export const usedInMonth = (db: Executor, contractId: string, from: string, to: string) =>
  sql<{ n: number }>`SELECT coalesce(sum(quantity), 0)::int AS n FROM usage_record
    WHERE contract_id = ${contractId} AND shanghai_day BETWEEN ${from}::date AND ${to}::date AND outcome IN ('billable', 'free')`
    .execute(db)
    .then((r) => Number(r.rows[0]?.n ?? 0));

/** The audit-log sequence numbers of a contract's UsageRecords in a period (null until the sequencer ran). */
export const usageSeqs = (db: Executor, logId: string, contractId: string, from: string, to: string) =>
  sql<{ id: string; seq: number | null }>`SELECT u.id, l.seq FROM usage_record u
    LEFT JOIN ledger_entry l ON l.log_id = ${logId} AND l.object_type = 'UsageRecord' AND l.object_id = u.id::text AND l.object_version = 1
    WHERE u.contract_id = ${contractId} AND u.shanghai_day BETWEEN ${from}::date AND ${to}::date ORDER BY u.id`
    .execute(db)
    .then((r) => r.rows);

/** The first signed checkpoint of a log whose tree holds every seq up to maxSeq. */
export const checkpointCovering = (db: Executor, logId: string, maxSeq: number) =>
  q(db)
    .selectFrom('ledger_checkpoint')
    .select(['tree_size', 'root_hash'])
    .where('log_id', '=', logId)
    .where('tree_size', '>', maxSeq)
    .orderBy('tree_size')
    .executeTakeFirst();

export const settlementOf = (db: Executor, contractId: string, period: string) =>
  q(db)
    .selectFrom('settlement')
    .selectAll()
    .where('contract_id', '=', contractId)
    .where('period', '=', period)
    .executeTakeFirst();

/** The billed settlement waiting on a customer sub-account (bank statement reconciliation, PM-25). */
export const openSettlementsOfSubAccount = (db: Executor, subAccountNo: string) =>
  q(db)
    .selectFrom('settlement')
    .selectAll()
    .where('customer_sub_account_no', '=', subAccountNo)
    .where('state', 'in', ['billed', 'paid_partial'])
    .orderBy('period')
    .forUpdate()
    .execute();

/** A period's records of one contract with their audit-log seq, in one pass (the settlement run's only scan). */
export const usageWithSeqs = (db: Executor, logId: string, contractId: string, from: string, to: string) =>
  sql<{ id: string; idempotency_key: string; outcome: string; quantity: number; seq: number | null }>`SELECT u.id,
      u.idempotency_key, u.outcome, u.quantity, l.seq FROM usage_record u
    LEFT JOIN ledger_entry l ON l.log_id = ${logId} AND l.object_type = 'UsageRecord' AND l.object_id = u.id::text AND l.object_version = 1
    WHERE u.contract_id = ${contractId} AND u.shanghai_day BETWEEN ${from}::date AND ${to}::date`
    .execute(db)
    .then((r) => r.rows);
