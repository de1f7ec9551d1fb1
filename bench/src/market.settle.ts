/**
 * market.settle (issue 15): settle one period of N UsageRecords into bills and revenue shares through the real
 * settlement use case (runSettlement: per contract, the records tallied at the filed price with their SM3 digest
 * and covering checkpoint, the split by largest remainder, the receivable in the ledger), against a plain SQL
 * `GROUP BY contract` over the same rows run beside it. Bar: ≤ 1.5 × the baseline. Quick: 200k records over
 * 100 contracts; --full: 10M over 1,000. PGlite always; PostgreSQL too when BENCH_DATABASE_URL is set.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../server/src/kernel/db/connection.js';
import { createKernel } from '../../server/src/kernel/kernel.js';
import { systemActor } from '../../server/src/kernel/workflow/actor.js';
import { runSettlement } from '../../server/src/contexts/products/usecases/settlement.js';
import type { BenchContext } from './lib/context.js';
import { seconds } from './lib/context.js';
import { benchPglite, benchPostgres } from './lib/db.js';

const PERIOD = '2026-05';
const ORG = '00000000-0000-7000-8000-00000000b0b0';
const OP = '00000000-0000-7000-8000-00000000a0a0';

async function load(db: Database, n: number, contracts: number) {
  const productId = randomUUID();
  await sql`INSERT INTO data_product (id, state, code, name_zh, form, category, grant_ids, producer_org_id, operator_org_id)
    VALUES (${productId}, 'active', ${`DP-BENCH-${productId.slice(0, 8)}`}, '结算基准产品', 'data_service_api', 'industry', '[]', ${OP}, ${OP})`.execute(
    db.db,
  );
  const ids: string[] = [];
  for (let c = 0; c < contracts; c++) {
    const orderId = randomUUID();
    const id = randomUUID();
    ids.push(id);
    await sql`INSERT INTO product_order (id, state, buyer_org_id, product_id, use_category, purpose, scenario, quantity, unit, unit_price_fen)
      VALUES (${orderId}, 'delivering', ${ORG}, ${productId}, 'industry', 'bench', 'bench', 1000000, 'call', 60)`.execute(
      db.db,
    );
    await sql`INSERT INTO contract (id, state, order_id, product_id, buyer_org_id, operator_org_id, purpose, scenario, delivery_mode,
      term_from, term_to, quota_per_day, quota_per_month, unit_price_fen, filed_with, sm3)
      VALUES (${id}, 'active', ${orderId}, ${productId}, ${ORG}, ${OP}, 'bench', 'bench', 'api_key', '2026-01-01', '2026-12-31',
        1000000, 100000000, 60, 'platform', 'bench')`.execute(db.db);
  }
  // N records spread over the contracts and the month's days; 1 in 20 rejected for quota.
  await sql`INSERT INTO usage_record (id, contract_id, meter, idempotency_key, outcome, buyer_org_id, shanghai_day, occurred_at)
    SELECT gen_random_uuid(), (${JSON.stringify(ids)}::jsonb ->> (g % ${contracts}))::uuid, 'gateway', 'bench-' || g,
      CASE WHEN g % 20 = 0 THEN 'rejected_quota' ELSE 'billable' END, ${ORG}::uuid,
      (${`${PERIOD}-01`}::date + (g % 31)), now()
    FROM generate_series(0, ${n - 1}) AS g`.execute(db.db);
  await sql`ANALYZE usage_record`.execute(db.db);
  return ids;
}

async function one(ctx: BenchContext, db: Database, label: string, n: number, contracts: number) {
  const ids = await load(db, n, contracts);
  const k = await createKernel(db);
  const baseline = await seconds(() =>
    sql`SELECT contract_id, sum(quantity) FILTER (WHERE outcome = 'billable') * 60 AS fen, count(*) AS n
      FROM usage_record WHERE shanghai_day BETWEEN ${`${PERIOD}-01`}::date AND ${`${PERIOD}-31`}::date GROUP BY contract_id`.execute(
      db.db,
    ),
  );
  let total = 0;
  const settle = await seconds(async () => {
    for (const id of ids)
      total += (await runSettlement(k, systemActor('bench'), { contractId: id, period: PERIOD })).totalFen;
  });
  const expected = Math.round(n - Math.ceil(n / 20)) * 60;
  ctx.emit({
    metric: 'settle_period_seconds',
    value: settle,
    unit: 's',
    baseline: 'SQL GROUP BY contract',
    baseline_value: baseline,
    n,
    contracts,
    db: label,
    bar: 1.5,
    billed_fen_ok: total === expected,
  });
}

export default async function marketSettle(ctx: BenchContext) {
  const n = ctx.quick ? 200_000 : 10_000_000;
  const contracts = ctx.quick ? 100 : 1000;
  const lite = await benchPglite();
  try {
    await one(ctx, lite, 'pglite', n, contracts);
  } finally {
    await lite.close();
  }
  const pg = await benchPostgres(ctx.env);
  if (pg)
    try {
      await one(ctx, pg, 'postgres', n, contracts);
    } finally {
      await pg.close();
    }
}
