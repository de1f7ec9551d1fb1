/**
 * supervision.draft (issue 16): draft an operator's half-year security report through the real use case
 * (autoDraftReport: sequencer brought current, checkpoint taken, every figure a named query over the event log
 * counted below the checkpoint, the draft written through the workflow) over N events, against the plain SQL
 * counts of the same figures over the same rows (no ledger join, no checkpoint) run beside it. Bar: ≤ 2 × the
 * baseline. Quick: 250k events; --full: 1M. PGlite always; PostgreSQL too when BENCH_DATABASE_URL is set.
 */
import { sql } from 'kysely';
import type { Database } from '../../server/src/kernel/db/connection.js';
import { uuidv7 } from '../../server/src/kernel/ids.js';
import { createKernel, type Kernel } from '../../server/src/kernel/kernel.js';
import { logIdFor } from '../../server/src/kernel/ledger/append.js';
import { systemActor } from '../../server/src/kernel/workflow/actor.js';
import { autoDraftReport } from '../../server/src/contexts/supervision/usecases/report-drafting.js';
import type { BenchContext } from './lib/context.js';
import { seconds } from './lib/context.js';
import { benchPglite, benchPostgres } from './lib/db.js';

const ORGS = 10;
export const JURISDICTION = '00000000-0000-7000-8000-000000000010';

/**
 * N events in H1 2026 spread over 10 orgs (the operator is org 0): 60 % Job submissions, 10 % EgressRequest
 * submissions each decided later (7 % approved, 3 % denied), the rest other objects. Every event has a sequenced
 * ledger entry, and the log's size is N, as after the sequencer ran.
 */
export async function loadEvents(db: Database, k: Kernel, n: number) {
  const logId = logIdFor(k.ledger, 'main');
  await sql`INSERT INTO event (id, log_id, object_type, object_id, object_version, event_type, action, from_state,
      to_state, actor, occurred_at, tx_id)
    SELECT gen_random_uuid(), ${logId},
      CASE WHEN g % 100 < 60 THEN 'Job' WHEN g % 100 < 80 THEN 'EgressRequest' ELSE 'Workspace' END,
      CASE WHEN g % 100 BETWEEN 60 AND 69 THEN 'egr-' || g WHEN g % 100 BETWEEN 70 AND 79 THEN 'egr-' || (g - 10)
        ELSE 'obj-' || g END,
      CASE WHEN g % 100 BETWEEN 70 AND 79 THEN 2 ELSE 1 END, 'bench', 'bench',
      CASE WHEN g % 100 BETWEEN 70 AND 79 THEN 'awaiting_review' WHEN g % 100 < 80 OR g % 100 >= 90 THEN NULL ELSE 'open' END,
      CASE WHEN g % 100 < 60 THEN 'submitted' WHEN g % 100 < 70 THEN 'checking'
        WHEN g % 100 < 77 THEN 'approved' WHEN g % 100 < 80 THEN 'denied' ELSE 'open' END,
      jsonb_build_object('orgId', ('00000000-0000-7000-8000-0000000' || lpad(((g / 100) % ${ORGS})::text, 5, '0'))::text),
      timestamptz '2026-01-01 00:00+08' + (g::double precision / ${n}) * interval '180 days', 'bench'
    FROM generate_series(0, ${n - 1}) AS g`.execute(db.db);
  await sql`INSERT INTO ledger_entry (event_id, log_id, seq, object_type, object_id, object_version, header, header_salt,
      header_commitment, payload_salt, payload_commitment, leaf_data, leaf_hash, retention_class)
    SELECT id, log_id, row_number() OVER (ORDER BY occurred_at, id) - 1, object_type, object_id, object_version, '{}',
      '\\x00', '', '\\x00', '', '\\x00', '', 'permanent' FROM event`.execute(db.db);
  await sql`INSERT INTO ledger_log (log_id, hash, tree_size) VALUES (${logId}, ${k.ledger.hash}, ${n})
    ON CONFLICT (log_id) DO UPDATE SET tree_size = EXCLUDED.tree_size`.execute(db.db);
  await sql`ANALYZE event`.execute(db.db);
  await sql`ANALYZE ledger_entry`.execute(db.db);
}

/** The operator org of the load (org 0 of 10). */
export const opOrg = () => `00000000-0000-7000-8000-0000000${'0'.padStart(5, '0')}`;

async function scheduleReport(db: Database) {
  const id = uuidv7();
  await sql`INSERT INTO supervision_report (id, kind, subject_org_id, to_org_ids, jurisdiction_id, jurisdiction_path,
      period_from, period_to, due_at, state, version)
    VALUES (${id}, 'operator_security_semiannual', ${opOrg()}, '[]', ${JURISDICTION}, ${JSON.stringify([JURISDICTION])}, '2026-01-01',
      '2026-06-30', '2026-07-21T15:59:59Z', 'scheduled', 1)`.execute(db.db);
  return id;
}

/** The same five counts as plain SQL over the event table: what a hand-written report query would run. */
const baselineCounts = (db: Database) =>
  sql`SELECT
      count(*) FILTER (WHERE object_type = 'Job' AND from_state IS NULL) AS jobs,
      count(*) FILTER (WHERE object_type = 'EgressRequest' AND to_state = 'approved') AS approved,
      count(*) FILTER (WHERE object_type = 'EgressRequest' AND to_state = 'denied') AS denied,
      count(*) FILTER (WHERE object_type = 'Incident' AND from_state IS NULL) AS incidents,
      count(*) FILTER (WHERE object_type = 'EmergencyPlan' AND action = 'record_drill') AS drills
    FROM event WHERE occurred_at >= timestamptz '2026-01-01 00:00+08' AND occurred_at < timestamptz '2026-07-01 00:00+08'
      AND actor->>'orgId' = ${opOrg()}`.execute(db.db);

async function one(ctx: BenchContext, db: Database, label: string, n: number) {
  const k = await createKernel(db, { clock: { now: () => new Date('2026-07-02T02:00:00Z') } });
  await loadEvents(db, k, n);
  await baselineCounts(db); // warm both paths once
  const baseline = await seconds(() => baselineCounts(db));
  let jobs = -1;
  const draft = await seconds(async () => {
    const r = await autoDraftReport(k, systemActor('bench'), await scheduleReport(db));
    jobs = (r.draft as { figures: { key: string; value: number }[] }).figures.find((f) => f.key === 'jobs')!.value;
  });
  const expected = await sql<{ n: number }>`SELECT count(*)::int AS n FROM event
    WHERE object_type = 'Job' AND actor->>'orgId' = ${opOrg()}`.execute(db.db);
  ctx.emit({
    metric: 'draft_half_year_seconds',
    value: draft,
    unit: 's',
    baseline: 'plain SQL counts over the same event rows',
    baseline_value: baseline,
    n,
    db: label,
    bar: 2,
    jobs_ok: jobs === expected.rows[0]!.n,
  });
}

export default async function supervisionDraft(ctx: BenchContext) {
  const n = ctx.quick ? 250_000 : 1_000_000;
  const lite = await benchPglite();
  try {
    await one(ctx, lite, 'pglite', n);
  } finally {
    await lite.close();
  }
  const pg = await benchPostgres(ctx.env);
  if (pg)
    try {
      await one(ctx, pg, 'postgres', n);
    } finally {
      await pg.close();
    }
}
