import { sql } from 'kysely';
import type { Kernel } from '../kernel/kernel.js';
import { lastVerifiedBackup } from './store.js';

/**
 * What an operator pages on (issue 21; ops/alerts/shuyun.rules.yml). Read-only counts over many
 * contexts' tables: monitoring reads the system of record as a whole, like the ledger audit, so it
 * uses plain SQL rather than each context's ports (nothing here decides anything).
 */
type Gauge = { name: string; help: string; samples: Array<[labels: string, value: number]> };

/**
 * Clocks that run while an object waits in these states (each table's lifecycle): a row past its
 * due time in one of them is an overdue clock.
 */
/** An egress request waits for a reviewer in both review states (a lab's second review, LAB-35, decision 0100). */
export const EGRESS_WAITING = ['awaiting_review', 'awaiting_second_review'];

export const CLOCKS: ReadonlyArray<{ table: string; due: string; waiting: string[] }> = [
  { table: 'catalog_objection', due: 'due_at', waiting: ['received', 'verifying'] },
  { table: 'catalog_task', due: 'due_at', waiting: ['open'] },
  { table: 'source_consent', due: 'due_at', waiting: ['requested'] },
  { table: 'sandbox_egress_request', due: 'review_due_at', waiting: EGRESS_WAITING },
  { table: 'rights_objection', due: 'resolve_due_at', waiting: ['filed', 'accepted', 'referred'] },
  { table: 'supervision_report', due: 'due_at', waiting: ['scheduled', 'drafted', 'returned', 'overdue'] },
  { table: 'supervision_objection', due: 'due_at', waiting: ['filed', 'under_review'] },
];

const seconds = (ms: number) => Math.max(0, Math.round(ms / 1000));

async function ledgerGauges(k: Kernel, now: number): Promise<Gauge[]> {
  const cps = await sql<{ log_id: string; t: number }>`
    SELECT log_id, max(time_ms)::float8 AS t FROM ledger_checkpoint GROUP BY log_id`.execute(k.db);
  // Every log gets a sample (0 when nothing waits), so an alert sees the series before it is needed.
  const lag = await sql<{ log_id: string; n: number; oldest: Date | null }>`
    SELECT log_id, count(*) FILTER (WHERE seq IS NULL)::int AS n, min(created_at) FILTER (WHERE seq IS NULL) AS oldest
    FROM ledger_entry GROUP BY log_id`.execute(k.db);
  return [
    {
      name: 'shuyun_ledger_checkpoint_age_seconds',
      help: 'Seconds since the latest signed checkpoint of each log',
      samples: cps.rows.map((r) => [`log="${r.log_id}"`, seconds(now - Number(r.t))]),
    },
    {
      name: 'shuyun_ledger_sequencer_lag_seconds',
      help: 'Age of the oldest ledger entry not yet sequenced, per log (0 when none waits)',
      samples: lag.rows.map((r) => [`log="${r.log_id}"`, r.oldest ? seconds(now - new Date(r.oldest).getTime()) : 0]),
    },
    {
      name: 'shuyun_ledger_sequencer_pending',
      help: 'Ledger entries waiting for the sequencer, per log',
      samples: lag.rows.map((r) => [`log="${r.log_id}"`, r.n]),
    },
  ];
}

/** pg-boss's queue; a deployment whose queue was never started (jobs off) reports an empty one. */
async function jobGauges(k: Kernel, now: number): Promise<Gauge[]> {
  const r = await sql<{ queued: number; failed: number; oldest: Date | null }>`
    SELECT count(*) FILTER (WHERE state IN ('created', 'retry'))::int AS queued,
           count(*) FILTER (WHERE state = 'failed')::int AS failed,
           min(created_on) FILTER (WHERE state IN ('created', 'retry')) AS oldest
    FROM pgboss.job`
    .execute(k.db)
    .catch(() => undefined);
  const row = r?.rows[0] ?? { queued: 0, failed: 0, oldest: null };
  return [
    { name: 'shuyun_jobs_queued', help: 'Background jobs waiting to run', samples: [['', row.queued]] },
    {
      name: 'shuyun_jobs_oldest_queued_age_seconds',
      help: 'Age of the oldest waiting background job',
      samples: [['', row.oldest ? seconds(now - new Date(row.oldest).getTime()) : 0]],
    },
    {
      name: 'shuyun_jobs_failed',
      help: 'Background jobs that failed for good (retries used up)',
      samples: [['', row.failed]],
    },
  ];
}

async function workGauges(k: Kernel, now: number): Promise<Gauge[]> {
  const egress = await sql<{ n: number; oldest: Date | null }>`
    SELECT count(*)::int AS n, min(updated_at) AS oldest FROM sandbox_egress_request WHERE state = ANY(${EGRESS_WAITING})`.execute(
    k.db,
  );
  const overdue: Gauge = {
    name: 'shuyun_clocks_overdue',
    help: 'Objects past their due time while still waiting',
    samples: [],
  };
  const at = new Date(now);
  for (const c of CLOCKS) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(c.table)}
      WHERE ${sql.ref(c.due)} < ${at} AND state IN (${sql.join(c.waiting)})`.execute(k.db);
    overdue.samples.push([`clock="${c.table}.${c.due}"`, r.rows[0]!.n]);
  }
  const e = egress.rows[0]!;
  return [
    { name: 'shuyun_egress_review_backlog', help: 'Egress requests awaiting human review', samples: [['', e.n]] },
    {
      name: 'shuyun_egress_review_oldest_age_seconds',
      help: 'Seconds the oldest egress request has waited for review',
      samples: [['', e.oldest ? seconds(now - new Date(e.oldest).getTime()) : 0]],
    },
    overdue,
  ];
}

async function backupGauges(k: Kernel, now: number): Promise<Gauge[]> {
  const last = await lastVerifiedBackup(k.db);
  return [
    {
      name: 'shuyun_backup_last_verified_age_seconds',
      help: 'Seconds since the last backup that was taken and verified (+Inf when none ever was)',
      samples: [['', last ? seconds(now - new Date(last.verified_at).getTime()) : Number.POSITIVE_INFINITY]],
    },
  ];
}

function render(g: Gauge): string[] {
  const lines = [`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`];
  for (const [labels, v] of g.samples)
    lines.push(`${g.name}${labels ? `{${labels}}` : ''} ${Number.isFinite(v) ? v : '+Inf'}`);
  return lines;
}

/** The operations gauges, appended to /metrics. */
export async function opsMetricsLines(k: Kernel): Promise<string[]> {
  const now = k.clock.now().getTime();
  const groups = await Promise.all([ledgerGauges(k, now), jobGauges(k, now), workGauges(k, now), backupGauges(k, now)]);
  return groups.flat().flatMap(render);
}
