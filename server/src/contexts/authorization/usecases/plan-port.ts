import { sql } from 'kysely';
import type { Executor, Tx } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { planLifecycle } from '../lifecycle.js';
import * as store from '../store.js';
import { planSubject } from '../subjects.js';

/**
 * Supervision's emergency-plan port (supervision.md INC-02, INC-03, INC-07; issue 16). The plan and its drill clock
 * stay authorization's (AUTH-17, AUTH-31); supervision reads the duties for its calendar and activates the plan when
 * an Incident stops a Grant.
 */
export interface PlanDuty {
  id: string;
  grantId: string;
  holderOrgId: string;
  jurisdictionId: string;
  state: string;
  filedAt: string | null;
  lastDrillOn: string | null;
  nextDrillDue: string | null;
  drillOverdue: boolean;
}

const toDuty = (p: store.PlanRow): PlanDuty => ({
  id: p.id,
  grantId: p.grant_id,
  holderOrgId: p.holder_org_id,
  jurisdictionId: p.jurisdiction_id,
  state: p.state,
  filedAt: p.filing?.acceptedAt ?? null,
  lastDrillOn:
    p.drills
      .map((d) => d.date)
      .sort()
      .at(-1) ?? null,
  nextDrillDue: p.next_drill_due,
  drillOverdue: p.drill_overdue,
});

/** Filed or activated plans whose jurisdiction lies under any of `reach` (optionally one holder's). */
export async function emergencyPlanDuties(
  db: Executor,
  reach: readonly string[],
  holderOrgId?: string,
): Promise<PlanDuty[]> {
  if (!reach.length && !holderOrgId) return [];
  const rows = await sql<store.PlanRow>`
    SELECT p.* FROM emergency_plan p JOIN jurisdiction j ON j.id = p.jurisdiction_id
    WHERE p.state IN ('filed', 'activated')
      AND (${holderOrgId ?? null}::uuid IS NULL OR p.holder_org_id = ${holderOrgId ?? null}::uuid)
      AND (${reach.length === 0} OR j.path && ${[...reach]}::uuid[])
    ORDER BY p.next_drill_due NULLS LAST`.execute(db);
  return rows.rows.map(toDuty);
}

/**
 * INC-02: the filed EmergencyPlan of each Grant an Incident stopped is `activated`, in the Incident's transaction,
 * as the system. Returns the ids activated (a Grant without a filed plan — lab, share, open — has none, INC-03).
 */
export async function activatePlansForIncident(
  trx: Tx,
  k: Kernel,
  grantIds: readonly string[],
  cause: { incidentId: string; incidentNo: string },
): Promise<string[]> {
  const actor = systemActor('supervision.incident');
  const out: string[] = [];
  for (const grantId of new Set(grantIds)) {
    const p = await store.getLivePlanOfGrant(trx, grantId);
    const g = await store.getGrant(trx, grantId);
    if (!p || !g || p.state !== 'filed') continue;
    await transition(trx, k.workflow, {
      lifecycle: planLifecycle,
      action: 'activate_for_incident',
      actor,
      object: p,
      subject: planSubject(p, g),
      input: { cause: 'incident', ...cause },
    });
    out.push(p.id);
  }
  return out;
}
