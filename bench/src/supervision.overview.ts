/**
 * supervision.overview (issue 16): p50/p95/p99 of the regulator's overview (getOverview: the grouped counts of
 * incidents, reports and evaluations within the actor's jurisdiction reach) with N events in the log beside
 * 20k reports, 2k incidents and 2k evaluations, half of them in another jurisdiction. Reported, no bar.
 * Quick: 250k events; --full: 1M. PGlite always; PostgreSQL too when BENCH_DATABASE_URL is set.
 */
import { sql } from 'kysely';
import type { Database } from '../../server/src/kernel/db/connection.js';
import { createKernel } from '../../server/src/kernel/kernel.js';
import type { Actor } from '../../server/src/kernel/workflow/actor.js';
import { getOverview } from '../../server/src/contexts/supervision/usecases/overview.js';
import type { BenchContext } from './lib/context.js';
import { benchPglite, benchPostgres } from './lib/db.js';
import { JURISDICTION, loadEvents, opOrg } from './supervision.draft.js';

const OTHER = '00000000-0000-7000-8000-000000000020';
const path = (g: string) => sql`CASE WHEN ${sql.raw(g)} % 2 = 0 THEN ${JSON.stringify([JURISDICTION])}
  ELSE ${JSON.stringify([OTHER])} END::jsonb`;

async function loadSupervision(db: Database) {
  await sql`INSERT INTO supervision_report (id, kind, subject_org_id, jurisdiction_id, jurisdiction_path, period_from,
      period_to, due_at, state, version, escalated_at)
    SELECT gen_random_uuid(), 'operator_operating_periodic', ${opOrg()}, ${JURISDICTION}, ${path('g')}, '2026-01-01',
      '2026-03-31', now(), (ARRAY['scheduled','drafted','submitted','accepted','overdue'])[g % 5 + 1], 1,
      CASE WHEN g % 10 = 4 THEN now() END
    FROM generate_series(0, 19999) AS g`.execute(db.db);
  await sql`INSERT INTO supervision_incident (id, incident_no, type, severity, cii, discovered_at, reported_at,
      reporter_org_id, jurisdiction_id, jurisdiction_path, affected, description, state, version)
    SELECT gen_random_uuid(), 'INC-2026-' || g, 'leak', (ARRAY['general','relatively_major','major'])[g % 3 + 1], false,
      now(), now(), ${opOrg()}, ${JURISDICTION}, ${path('g')}, '{}', 'bench',
      (ARRAY['reported','contained','resolved','closed'])[g % 4 + 1], 1
    FROM generate_series(0, 1999) AS g`.execute(db.db);
  await sql`INSERT INTO supervision_evaluation (id, subject_kind, subject_org_id, period_from, period_to,
      indicator_set_version, evaluator_org_id, jurisdiction_id, jurisdiction_path, dimension_scores, total, result, state, version)
    SELECT gen_random_uuid(), 'operator_quarterly', ${opOrg()}, '2026-01-01', '2026-03-31', 'bench', ${opOrg()},
      ${JURISDICTION}, ${path('g')}, '{}', 70, (ARRAY['pass','fail','good'])[g % 3 + 1], 'final', 1
    FROM generate_series(0, 1999) AS g`.execute(db.db);
  await sql`ANALYZE`.execute(db.db);
}

const regulator: Actor = {
  kind: 'user',
  userId: '00000000-0000-7000-8000-000000000099',
  orgId: '00000000-0000-7000-8000-000000000098',
  roles: ['auditor'],
  actorRoles: [
    { actor: 'regulator', jurisdictionId: JURISDICTION, jurisdictionPath: [JURISDICTION], status: 'active' },
  ],
  readableJurisdictionIds: [JURISDICTION],
};

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function one(ctx: BenchContext, db: Database, label: string, n: number, calls: number) {
  const k = await createKernel(db);
  await loadEvents(db, k, n);
  await loadSupervision(db);
  const first = await getOverview(k, regulator);
  const ms: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t = process.hrtime.bigint();
    await getOverview(k, regulator);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  ctx.emit({
    metric: 'overview_p95_ms',
    value: pct(ms, 95),
    unit: 'ms',
    p50: pct(ms, 50),
    p99: pct(ms, 99),
    calls,
    n,
    db: label,
    // Only the regulator's half: 10k reports, 1k incidents, 1k evaluations.
    counts_ok: first.evaluations.final === 1000,
  });
}

export default async function supervisionOverview(ctx: BenchContext) {
  const n = ctx.quick ? 250_000 : 1_000_000;
  const calls = ctx.quick ? 100 : 300;
  const lite = await benchPglite();
  try {
    await one(ctx, lite, 'pglite', n, calls);
  } finally {
    await lite.close();
  }
  const pg = await benchPostgres(ctx.env);
  if (pg)
    try {
      await one(ctx, pg, 'postgres', n, calls);
    } finally {
      await pg.close();
    }
}
