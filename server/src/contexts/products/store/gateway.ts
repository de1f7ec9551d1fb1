import { sql, type Selectable } from 'kysely';
import type { ContractTable, DataProductTable, ProductOrderTable } from '../../../kernel/db/schema.js';
import type { Executor } from '../../../kernel/db/tables.js';
import { recordLanes } from '../rules/bill.js';

// The gateway's reads and metering writes (sandbox.md SVC-*, products-market.md PM-24); raw SQL, typed by row shape.
type Db = Executor;
export type ProductRow = Selectable<DataProductTable>;
export type OrderRow = Selectable<ProductOrderTable>;
export type ContractRow = Selectable<ContractTable>;

/** One metered call as the buyer's console lists it (input hash only), with its audit-log sequence number. */
export interface UsageLine {
  id: string;
  occurred_at: Date;
  contract_id: string | null;
  order_id: string | null;
  template_id: string | null;
  outcome: string;
  input_hmac: string | null;
  latency_ms: number | null;
  api_key_id: string | null;
  ledger_seq: number | null;
}
export interface UsageSummaryLine {
  contract_id: string | null;
  outcome: string;
  n: number;
  today: number;
}
export type BuyerContractRow = ContractRow & { product_name: string; product_code: string; service_id: string | null };

export const getProduct = async (db: Db, id: string) =>
  (await sql<ProductRow>`SELECT * FROM data_product WHERE id = ${id}`.execute(db)).rows[0];

export const getOrder = async (db: Db, id: string) =>
  (await sql<OrderRow>`SELECT * FROM product_order WHERE id = ${id}`.execute(db)).rows[0];

export const getContractOfOrder = async (db: Db, orderId: string) =>
  (
    await sql<ContractRow>`SELECT * FROM contract WHERE order_id = ${orderId} ORDER BY created_at DESC LIMIT 1`.execute(
      db,
    )
  ).rows[0];

export const countUsage = async (db: Db, contractId: string, fromDay: string, toDay: string) =>
  Number(
    (
      await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM usage_record WHERE contract_id = ${contractId} AND shanghai_day BETWEEN ${fromDay} AND ${toDay} AND outcome IN ('billable', 'free')`.execute(
        db,
      )
    ).rows[0]!.n,
  );

/** Per-subject call counts of one buyer on one day (SVC-06), keyed by subject HMAC. */
export async function countSubjectCalls(db: Db, buyerOrgId: string, day: string): Promise<Map<string, number>> {
  const rows = (
    await sql<{
      s: string;
      n: number;
    }>`SELECT subject_hmac AS s, count(*)::int AS n FROM usage_record WHERE buyer_org_id = ${buyerOrgId} AND shanghai_day = ${day} AND subject_hmac IS NOT NULL AND outcome IN ('billable', 'free') GROUP BY subject_hmac`.execute(
      db,
    )
  ).rows;
  return new Map(rows.map((r) => [r.s, Number(r.n)]));
}

export interface UsageInsert {
  id: string;
  contract_id: string | null;
  order_id: string | null;
  meter: string;
  idempotency_key: string;
  outcome: string;
  buyer_org_id: string | null;
  api_key_id: string | null;
  template_id: string | null;
  template_version: number | null;
  input_hmac: string | null;
  subject_hmac: string | null;
  latency_ms: number;
  shanghai_day: string;
  occurred_at: Date;
}

/**
 * Many UsageRecords as one INSERT statement (not yet run), the rows as one jsonb parameter: the
 * gateway runs it as a CTE of the statement that writes the calls' audit entries (0055).
 */
export function insertUsagesSql(us: UsageInsert[]) {
  // Each record's digest lanes (decision 0074) are written with it; a gateway call is one unit (quantity 1).
  const rows = us.map((u) => {
    const l = recordLanes({ id: u.id, idempotency_key: u.idempotency_key, outcome: u.outcome, quantity: 1 });
    return { ...u, digest_hi: l.hi, digest_lo: l.lo };
  });
  return sql`INSERT INTO usage_record (id, contract_id, order_id, meter, idempotency_key, outcome, buyer_org_id, api_key_id, template_id, template_version, input_hmac, subject_hmac, latency_ms, shanghai_day, occurred_at, digest_hi, digest_lo)
    SELECT id, contract_id, order_id, meter, idempotency_key, outcome, buyer_org_id, api_key_id, template_id, template_version, input_hmac, subject_hmac, latency_ms, shanghai_day, occurred_at, digest_hi, digest_lo
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS u(id uuid, contract_id uuid, order_id uuid, meter text, idempotency_key text, outcome text, buyer_org_id uuid,
      api_key_id uuid, template_id uuid, template_version int, input_hmac text, subject_hmac text, latency_ms real, shanghai_day date, occurred_at timestamptz,
      digest_hi bigint, digest_lo bigint)`;
}

/** A buyer's latest calls, each with the audit-log sequence number of the entry that attests it (null until sequenced). */
export const listUsageOfOrg = async (db: Db, orgId: string, limit: number, auditLogId: string) =>
  (
    await sql<UsageLine>`SELECT u.id, u.occurred_at, u.contract_id, u.order_id, u.template_id, u.outcome, u.input_hmac, u.latency_ms, u.api_key_id, l.seq AS ledger_seq
    FROM usage_record u LEFT JOIN ledger_entry l ON l.log_id = ${auditLogId} AND l.object_type = 'UsageRecord' AND l.object_id = u.id::text AND l.object_version = 1
    WHERE u.buyer_org_id = ${orgId} ORDER BY u.occurred_at DESC LIMIT ${limit}`.execute(db)
  ).rows;

export const usageSummaryOfOrg = async (db: Db, orgId: string, day: string) =>
  (
    await sql<UsageSummaryLine>`SELECT contract_id, outcome, count(*)::int AS n, count(*) FILTER (WHERE shanghai_day = ${day})::int AS today FROM usage_record WHERE buyer_org_id = ${orgId} GROUP BY contract_id, outcome`.execute(
      db,
    )
  ).rows;

export const listContractsOfBuyer = async (db: Db, orgId: string) =>
  (
    await sql<BuyerContractRow>`SELECT c.*, p.name_zh AS product_name, p.code AS product_code, p.service_id FROM contract c JOIN data_product p ON p.id = c.product_id WHERE c.buyer_org_id = ${orgId} ORDER BY c.created_at`.execute(
      db,
    )
  ).rows;
