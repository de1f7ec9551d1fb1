import { ownTables, type Executor } from '../../../kernel/db/tables.js';
import type { SandboxTables } from '../store.js';

/** Jobs and EgressRequests under one Grant in a period (labs.md LAB-17 pre-fills its quarterly report with them). */
export interface GrantUsage {
  grantId: string;
  jobs: number;
  egress: number;
}

/** Counts per Grant of jobs submitted and EgressRequests created in [from, to); zero when none. */
export async function grantUsageCounts(
  db: Executor,
  grantIds: readonly string[],
  from: Date,
  to: Date,
): Promise<GrantUsage[]> {
  if (!grantIds.length) return [];
  const own = ownTables<SandboxTables>(db);
  const jobs = await own
    .selectFrom('sandbox_job as j')
    .innerJoin('sandbox_workspace as w', 'w.id', 'j.workspace_id')
    .select(['w.grant_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('w.grant_id', 'in', [...grantIds])
    .where('j.created_at', '>=', from)
    .where('j.created_at', '<', to)
    .groupBy('w.grant_id')
    .execute();
  const egress = await own
    .selectFrom('sandbox_egress_request')
    .select(['grant_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('grant_id', 'in', [...grantIds])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy('grant_id')
    .execute();
  const count = (rows: { grant_id: string; n: number }[], id: string) =>
    Number(rows.find((r) => r.grant_id === id)?.n ?? 0);
  return grantIds.map((grantId) => ({ grantId, jobs: count(jobs, grantId), egress: count(egress, grantId) }));
}
