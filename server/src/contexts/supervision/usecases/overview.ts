import { forbidden } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { activeActorRoles, type Actor } from '../../../kernel/workflow/actor.js';
import type { OverviewView } from '../model.js';
import * as store from '../store.js';

const OPEN_INCIDENT = ['reported', 'contained', 'resolved', 'reopened'];

/** The regulator's desk counts (supervision.md "What users see"), limited to the actor's jurisdiction reach. */
export async function getOverview(k: Kernel, actor: Actor): Promise<OverviewView> {
  if (!activeActorRoles(actor).some((r) => r.actor === 'authority' || r.actor === 'regulator'))
    throw forbidden('FORBIDDEN', { reason: 'NOT_SUPERVISOR' });
  const reach = actor.readableJurisdictionIds;
  const [inc, rep, eva] = await Promise.all([
    store.countIncidents(k.db, reach),
    store.countReports(k.db, reach),
    store.countEvaluations(k.db, reach),
  ]);
  const sum = (rows: store.StateCount[], f: (r: store.StateCount) => boolean) =>
    rows.filter(f).reduce((a, r) => a + r.n, 0);
  const bySeverity: Record<string, number> = {};
  for (const r of inc.filter((x) => OPEN_INCIDENT.includes(x.state)))
    bySeverity[r.key] = (bySeverity[r.key] ?? 0) + r.n;
  return {
    incidents: { open: sum(inc, (r) => OPEN_INCIDENT.includes(r.state)), bySeverity },
    reports: {
      scheduled: sum(rep, (r) => r.state === 'scheduled' || r.state === 'drafted'),
      submitted: sum(rep, (r) => r.state === 'submitted'),
      overdue: sum(rep, (r) => r.state === 'overdue'),
      escalated: sum(rep, (r) => r.key === 'escalated'),
    },
    evaluations: {
      final: sum(eva, (r) => r.state === 'final'),
      failed: sum(eva, (r) => r.state === 'final' && r.key === 'fail'),
    },
  };
}
