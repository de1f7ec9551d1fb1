/**
 * market.settle (issue 15, decision 0074): settle one period of N UsageRecords into bills and revenue shares
 * through the real settlement run (runSettlementBatch: every contract tallied by one GROUP BY with its digest
 * lanes, late records checked, the filed price, cap and covering checkpoint named, the split by largest
 * remainder, every bill and its receivable written by one transitionMany), against a plain SQL `GROUP BY
 * contract` over the same rows run beside it (before and after; their mean is the floor). Bar: ≤ 1.5 × the
 * floor. Quick: 200k records over 100 contracts; --full: 10M over 1,000 (MARKET_SETTLE_N / _CONTRACTS override
 * either). The records are loaded through the gateway's own writer (insertUsagesSql), so each carries the
 * digest lanes a meter writes. PGlite always; PostgreSQL too when BENCH_DATABASE_URL is set.
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../../server/src/kernel/db/connection.js';
import { uuidv7 } from '../../server/src/kernel/ids.js';
import { createKernel } from '../../server/src/kernel/kernel.js';
import { systemActor } from '../../server/src/kernel/workflow/actor.js';
import { insertUsagesSql, type UsageInsert } from '../../server/src/contexts/products/store/gateway.js';
import { runSettlementBatch } from '../../server/src/contexts/products/usecases/settlement.js';
import type { BenchContext } from './lib/context.js';
import { seconds } from './lib/context.js';
import { benchPglite, benchPostgres, keptPglite, keptPostgres } from './lib/db.js';
import { profileIf } from './lib/profile.js';

const PERIOD = '2026-05';
const ORG = '00000000-0000-7000-8000-00000000b0b0';
const OP = '00000000-0000-7000-8000-00000000a0a0';
const BATCH = 20_000;
const T0 = Date.parse(`${PERIOD}-01T00:00:00Z`);

async function contractsOf(db: Database, contracts: number) {
  const productId = randomUUID();
  await sql`INSERT INTO data_product (id, state, code, name_zh, form, category, grant_ids, producer_org_id, operator_org_id)
    VALUES (${productId}, 'active', ${`DP-BENCH-${productId.slice(0, 8)}`}, '结算基准产品', 'data_service_api', 'industry', '[]', ${OP}, ${OP})`.execute(
    db.db,
  );
  const ids: { id: string; orderId: string }[] = [];
  for (let c = 0; c < contracts; c++) {
    const orderId = randomUUID();
    const id = randomUUID();
    ids.push({ id, orderId });
    await sql`INSERT INTO product_order (id, state, buyer_org_id, product_id, use_category, purpose, scenario, quantity, unit, unit_price_fen)
      VALUES (${orderId}, 'delivering', ${ORG}, ${productId}, 'industry', 'bench', 'bench', 1000000, 'call', 60)`.execute(
      db.db,
    );
    await sql`INSERT INTO contract (id, state, order_id, product_id, buyer_org_id, operator_org_id, purpose, scenario, delivery_mode,
      term_from, term_to, quota_per_day, quota_per_month, unit_price_fen, filed_with, sm3)
      VALUES (${id}, 'active', ${orderId}, ${productId}, ${ORG}, ${OP}, 'bench', 'bench', 'api_key', '2026-01-01', '2026-12-31',
        1000000, 100000000, 60, 'platform', 'bench')`.execute(db.db);
  }
  return ids;
}

/** N records spread over the contracts and the month's days, 1 in 20 rejected for quota, via the gateway writer. */
async function load(db: Database, n: number, contracts: number): Promise<void> {
  const ids = await contractsOf(db, contracts);
  for (let start = 0; start < n; start += BATCH) {
    const rows: UsageInsert[] = [];
    for (let g = start; g < Math.min(n, start + BATCH); g++) {
      const c = ids[g % contracts]!;
      const day = `${PERIOD}-${String((g % 31) + 1).padStart(2, '0')}`;
      rows.push({
        // The gateway's writer names records by time-ordered ids (uuidv7), as here.
        id: uuidv7(T0 + g),
        contract_id: c.id,
        order_id: c.orderId,
        meter: 'gateway',
        idempotency_key: `bench-${g}`,
        outcome: g % 20 === 0 ? 'rejected_quota' : 'billable',
        buyer_org_id: ORG,
        api_key_id: null,
        template_id: null,
        template_version: null,
        input_hmac: null,
        subject_hmac: null,
        latency_ms: 5,
        shanghai_day: day,
        occurred_at: new Date(`${day}T03:00:00Z`),
      });
    }
    await insertUsagesSql(rows).execute(db.db);
  }
  await sql`VACUUM ANALYZE usage_record`.execute(db.db);
}

const groupBy = (db: Database) =>
  sql`SELECT contract_id, sum(quantity) FILTER (WHERE outcome = 'billable') * 60 AS fen, count(*) AS n
    FROM usage_record WHERE shanghai_day BETWEEN ${`${PERIOD}-01`}::date AND ${`${PERIOD}-31`}::date GROUP BY contract_id`.execute(
    db.db,
  );

/** What the period holds, counted apart from the run: contracts with billable use (only those get a bill, decision 0084) and the billable records. */
async function expected(db: Database) {
  const r = await sql<{ contracts: number; billable: number; n: number }>`SELECT
      count(DISTINCT contract_id) FILTER (WHERE outcome = 'billable')::int AS contracts,
      count(*) FILTER (WHERE outcome = 'billable')::int AS billable, count(*)::int AS n
    FROM usage_record WHERE shanghai_day BETWEEN ${`${PERIOD}-01`}::date AND ${`${PERIOD}-31`}::date`.execute(db.db);
  return r.rows[0]!;
}

/** One measured run: the floor before, the settlement, the floor after. */
async function measure(ctx: BenchContext, db: Database, label: string, contracts: number, loadS: number | null) {
  const want = await expected(db);
  const k = await createKernel(db);
  await groupBy(db); // warm-up: the first scan after a bulk load sets hint bits
  const before = await seconds(() => groupBy(db));
  let run = { billed: 0, totalFen: 0 };
  const stopProfile = await profileIf(ctx.env.BENCH_PROFILE);
  const settle = await seconds(async () => {
    run = await runSettlementBatch(k, systemActor('bench'), { period: PERIOD, operatorOrgId: OP });
  });
  await stopProfile();
  const after = await seconds(() => groupBy(db));
  const floor = (before + after) / 2;
  ctx.emit({
    metric: 'settle_period_seconds',
    value: settle,
    unit: 's',
    baseline: 'SQL GROUP BY contract (mean of one run before and one after)',
    baseline_value: floor,
    baseline_runs: [Math.round(before * 1000) / 1000, Math.round(after * 1000) / 1000],
    n: want.n,
    contracts,
    db: label,
    bar: 1.5,
    load_seconds: loadS === null ? 'kept' : Math.round(loadS),
    bills: run.billed,
    billed_fen_ok: run.billed === want.contracts && run.totalFen === want.billable * 60,
  });
  return settle / floor;
}

/**
 * MARKET_SETTLE_RUNS=k measures k runs on the same rows: between runs the period's bills are deleted (their ledger
 * entries stay: the bench is not audited), so each run bills the same contracts again.
 */
async function one(ctx: BenchContext, db: Database, label: string, n: number, contracts: number, fresh = true) {
  let loadS: number | null = null;
  if (fresh) loadS = await seconds(() => load(db, n, contracts));
  const ratios: number[] = [];
  for (let i = 0; i < Number(ctx.env.MARKET_SETTLE_RUNS ?? 1); i++) {
    await sql`DELETE FROM settlement WHERE period = ${PERIOD}`.execute(db.db);
    ratios.push(await measure(ctx, db, label, contracts, i === 0 ? loadS : null));
  }
  if (ratios.length > 1) {
    const sorted = [...ratios].sort((a, b) => a - b);
    ctx.emit({
      metric: 'settle_ratio_median',
      value: sorted[Math.floor(sorted.length / 2)]!,
      unit: 'x',
      runs: ratios,
      db: label,
      bar: 1.5,
    });
  }
}

/**
 * MARKET_SETTLE_KEEP=<name> keeps the loaded rows for later runs (the 10M load takes minutes, the run seconds): a
 * PGlite data directory `<name>.pglite` under the OS temp dir and a PostgreSQL database `<name>`; a second run with
 * the same name skips the load.
 */
export default async function marketSettle(ctx: BenchContext) {
  const n = Number(ctx.env.MARKET_SETTLE_N ?? (ctx.quick ? 200_000 : 10_000_000));
  const contracts = Number(ctx.env.MARKET_SETTLE_CONTRACTS ?? (ctx.quick ? 100 : 1000));
  const keep = ctx.env.MARKET_SETTLE_KEEP;
  if (ctx.env.MARKET_SETTLE_DB !== 'postgres') {
    const lite = keep ? await keptPglite(join(tmpdir(), `${keep}.pglite`)) : { db: await benchPglite(), fresh: true };
    try {
      await one(ctx, lite.db, 'pglite', n, contracts, lite.fresh);
    } finally {
      await lite.db.close();
    }
  }
  if (ctx.env.MARKET_SETTLE_DB === 'pglite') return;
  const pg = keep
    ? await keptPostgres(ctx.env, keep)
    : await benchPostgres(ctx.env).then((db) => db && { db, fresh: true });
  if (pg)
    try {
      await one(ctx, pg.db, 'postgres', n, contracts, pg.fresh);
    } finally {
      await pg.db.close();
    }
}
