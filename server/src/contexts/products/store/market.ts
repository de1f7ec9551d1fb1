import { type Insertable, type Selectable, sql } from 'kysely';
import type {
  ContractTable,
  DeliveryTable,
  ProductOrderTable,
  RevenueShareTable,
  SettlementTable,
  UsageRecordTable,
} from '../../../kernel/db/schema.js';
import { type Executor, ownTables, type Tx } from '../../../kernel/db/tables.js';
import { recordLanes } from '../rules/bill.js';
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

/** The approved split of each product (the latest approved one per product), for a settlement run. */
export async function currentSharesOf(db: Executor, productIds: string[]): Promise<Map<string, RevenueShareRow>> {
  const rows = productIds.length
    ? await q(db)
        .selectFrom('revenue_share')
        .selectAll()
        .where('product_id', 'in', productIds)
        .where('state', '=', 'approved')
        .orderBy('created_at', 'desc')
        .execute()
    : [];
  const out = new Map<string, RevenueShareRow>();
  for (const r of rows) if (!out.has(r.product_id)) out.set(r.product_id, r);
  return out;
}

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

/** Only records that arrived at or before a run's cut-off (none given: every record, as bills before 0091). */
const arrivedBy = (cutoff: number | null) => (cutoff === null ? sql`` : sql`AND arrival <= ${cutoff}`);

/** A contract's records in a period up to a line's arrival cut-off (the bill verification recomputes from them). */
export const usageRecordsOf = (db: Executor, contractId: string, from: string, to: string, cutoff: number | null) => {
  let b = q(db)
    .selectFrom('usage_record')
    .select(['id', 'quantity', 'outcome', 'idempotency_key', 'shanghai_day'])
    .where('contract_id', '=', contractId)
    .where('shanghai_day', '>=', sql<Date>`${from}::date`)
    .where('shanghai_day', '<=', sql<Date>`${to}::date`);
  if (cutoff !== null) b = b.where('arrival', '<=', cutoff);
  return b.orderBy('id').execute();
};

/**
 * A settlement run's arrival cut-off (decision 0074), read in its own short transaction before the run: SHARE
 * mode waits for every in-flight INSERT (which takes its ROW EXCLUSIVE lock before drawing its arrival number),
 * so every record at or below the answer is committed; metering is blocked only for this one SELECT.
 */
export async function arrivalCutoff(trx: Tx): Promise<number> {
  await sql`LOCK TABLE usage_record IN SHARE MODE`.execute(trx);
  // The arrival sequence's last value, not max(arrival): under the lock every number drawn so far belongs to a
  // finished INSERT, so both give the same cut-off (a rolled-back number is a gap no record fills), but max() scans
  // the whole table while metering waits (0.35 s at 1M records; bench market.settle). Never drawn: 0. The sequence
  // is the one `bigserial` made in migration 0091 (no cache, so its last value is every session's).
  const r = await sql<{ m: string }>`SELECT (CASE WHEN is_called THEN last_value ELSE 0 END)::text AS m
    FROM usage_record_arrival_seq`.execute(trx);
  return Number(r.rows[0]?.m ?? 0);
}

/** PM-24: inserts a record unless its idempotency key is known; answers the kept (first) record. */
export async function recordUsage(db: Executor, u: Insertable<UsageRecordTable> & { quantity: number }) {
  // The record's digest lanes (decision 0074) are written with it, so a settlement run only sums them.
  const l = recordLanes(u);
  const ins = await q(db)
    .insertInto('usage_record')
    .values({ ...u, digest_hi: sql<number>`${l.hi}::int8`, digest_lo: sql<number>`${l.lo}::int8` })
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
export const usageSeqs = (
  db: Executor,
  logId: string,
  contractId: string,
  from: string,
  to: string,
  cutoff: number | null,
) =>
  sql<{ id: string; seq: number | null }>`SELECT u.id, l.seq FROM usage_record u
    LEFT JOIN ledger_entry l ON l.log_id = ${logId} AND l.object_type = 'UsageRecord' AND l.object_id = u.id::text AND l.object_version = 1
    WHERE u.contract_id = ${contractId} AND u.shanghai_day BETWEEN ${from}::date AND ${to}::date
      ${cutoff === null ? sql`` : sql`AND u.arrival <= ${cutoff}`} ORDER BY u.id`
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

// Settlement in one pass (decision 0074): the run reads every contract of a period in set-based statements.

/** The operator's priced contracts (no free basis) not yet settled for a period, locked while the run bills them. */
export function contractsToSettle(db: Executor, operatorOrgId: string, period: string, ids: string[] | null) {
  let b = q(db)
    .selectFrom('contract')
    .selectAll()
    .where('operator_org_id', '=', operatorOrgId)
    .where('free_basis', '=', 'none')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('settlement')
            .select('settlement.id')
            .whereRef('settlement.contract_id', '=', 'contract.id')
            .where('settlement.period', '=', period),
        ),
      ),
    );
  if (ids) b = b.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  return b.orderBy('id').forUpdate().execute();
}

/** One contract's records of a period with one outcome: count, quantity, and the exact sums of the sealed lanes. */
export interface UsageTally {
  contract_id: string;
  outcome: string;
  n: number;
  qty: string;
  hi: string;
  lo: string;
}

/** Up to this many contracts are read through the (contract_id, shanghai_day) index; more, by one scan. */
export const INDEXED_CONTRACTS = 50;

/**
 * THE scan of a settlement run: one GROUP BY over the period's records. A few contracts are read through their
 * index; a large batch scans the period once, unfiltered (a 1,000-element `= ANY` test on every row cost twice
 * the scan itself), and the groups of other contracts are dropped here. Lanes of rows written before 0090 are
 * NULL and left out of the sums (unsealedUses brings those few to the application).
 */
export async function tallyPeriod(
  db: Executor,
  contractIds: string[] | null,
  from: string,
  to: string,
  cutoff: number,
) {
  // null: every contract of the period (a batch run's scan, started before it knows which contracts it bills).
  const few = contractIds !== null && contractIds.length <= INDEXED_CONTRACTS;
  const rows = await sql<UsageTally>`SELECT contract_id, outcome, count(*)::int AS n, sum(quantity)::text AS qty,
      coalesce(sum(digest_hi), 0)::text AS hi, coalesce(sum(digest_lo), 0)::text AS lo
    FROM usage_record
    WHERE shanghai_day BETWEEN ${from}::date AND ${to}::date ${arrivedBy(cutoff)}
      ${few ? sql`AND contract_id = ANY(${contractIds}::uuid[])` : sql``}
    GROUP BY contract_id, outcome`.execute(db);
  if (few || contractIds === null) return rows.rows;
  const wanted = new Set(contractIds);
  return rows.rows.filter((r) => wanted.has(r.contract_id));
}

/** Records of a period still without digest lanes (written before 0090), through the partial index. */
export const unsealedUses = (db: Executor, contractIds: string[], from: string, to: string, cutoff: number) =>
  sql<{ contract_id: string; id: string; idempotency_key: string; outcome: string; quantity: number }>`SELECT
      contract_id, id, idempotency_key, outcome, quantity FROM usage_record
    WHERE digest_hi IS NULL AND shanghai_day BETWEEN ${from}::date AND ${to}::date ${arrivedBy(cutoff)}
      AND contract_id = ANY(${contractIds}::uuid[])`
    .execute(db)
    .then((r) => r.rows);

/** How many records each contract has in a period now (a late record raises it above what its bill counted). */
export const countPeriod = (db: Executor, contractIds: string[], from: string, to: string, cutoff: number) =>
  sql<{ contract_id: string; n: number }>`SELECT contract_id, count(*)::int AS n FROM usage_record
    WHERE shanghai_day BETWEEN ${from}::date AND ${to}::date ${arrivedBy(cutoff)} AND contract_id = ANY(${contractIds}::uuid[])
    GROUP BY contract_id`
    .execute(db)
    .then((r) => r.rows);

/** Which of these contracts have a billable record in a period (the settlement page's "left to bill"). */
export const withBillableUse = (db: Executor, contractIds: string[], from: string, to: string) =>
  contractIds.length
    ? sql<{ contract_id: string }>`SELECT DISTINCT contract_id FROM usage_record
    WHERE contract_id = ANY(${contractIds}::uuid[]) AND shanghai_day BETWEEN ${from}::date AND ${to}::date
      AND outcome = 'billable'`
        .execute(db)
        .then((r) => new Set(r.rows.map((x) => x.contract_id)))
    : Promise.resolve(new Set<string>());

/** The settlements of a period for these contracts (the previous period's closed bills, for adjustments). */
export const settlementsOf = (db: Executor, contractIds: string[], period: string) =>
  contractIds.length
    ? q(db)
        .selectFrom('settlement')
        .selectAll()
        .where('contract_id', 'in', contractIds)
        .where('period', '=', period)
        .execute()
    : Promise.resolve([]);

/**
 * The first signed checkpoint of the audit log whose tree holds every UsageRecord entry written so far, or null
 * while one is still waiting for the sequencer (then no line can name a tree holding its records yet).
 */
export async function usageCheckpoint(db: Executor, logId: string) {
  const pending = await sql<{ one: number }>`SELECT 1 AS one FROM ledger_entry
    WHERE log_id = ${logId} AND seq IS NULL AND object_type = 'UsageRecord' LIMIT 1`.execute(db);
  if (pending.rows.length) return null;
  const top = await sql<{ seq: number }>`SELECT seq FROM ledger_entry
    WHERE log_id = ${logId} AND object_type = 'UsageRecord' AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1`.execute(db);
  const maxSeq = top.rows[0]?.seq;
  return maxSeq === undefined ? null : ((await checkpointCovering(db, logId, Number(maxSeq))) ?? null);
}
