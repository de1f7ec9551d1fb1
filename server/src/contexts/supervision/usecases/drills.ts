import type { Kernel } from '../../../kernel/kernel.js';
import { activeActorRoles, type Actor } from '../../../kernel/workflow/actor.js';
import { emergencyPlanDuties, type PlanDuty } from '../../authorization/service.js';
import type { DrillDutyView } from '../model-enforcement.js';
import { drillDuty } from '../rules-enforcement.js';
import { today } from './common.js';

/**
 * Emergency drills on the duty calendar (supervision.md INC-07, scenario 7). The plan and its drill clock are
 * authorization's (AUTH-31); this reads them through its port and adds the reminders and the assessment finding.
 */
const toView = (p: PlanDuty, day: string, k: Kernel): DrillDutyView => ({
  planId: p.id,
  grantId: p.grantId,
  holderOrgId: p.holderOrgId,
  planState: p.state,
  lastDrillOn: p.lastDrillOn,
  nextDrillDue: p.nextDrillDue,
  ...drillDuty(p.nextDrillDue, day, k.profile),
});

/**
 * The drill duties the actor oversees or owes: the authority and regulator see their jurisdiction's plans, an
 * operator (or lab partner) its own.
 */
export async function listDrillDuties(k: Kernel, actor: Actor): Promise<DrillDutyView[]> {
  const supervisor = activeActorRoles(actor).some((r) => r.actor === 'authority' || r.actor === 'regulator');
  const plans = supervisor
    ? await emergencyPlanDuties(k.db, actor.readableJurisdictionIds)
    : actor.orgId
      ? await emergencyPlanDuties(k.db, [], actor.orgId)
      : [];
  const day = today(k);
  return plans.map((p) => toView(p, day, k));
}

/**
 * INC-07: the overdue-drill findings for one quarter's assessment of an organization (`2027-Q1`), as of today: each
 * plan whose drill is overdue since that quarter or an earlier one (scenario 7: overdue from 2027-01-21 → 2027-Q1).
 * The quarterly evaluation reads it through the port.
 */
export async function drillFindings(k: Kernel, orgId: string, quarter: string) {
  const day = today(k);
  const plans = await emergencyPlanDuties(k.db, [], orgId);
  return plans
    .map((p) => ({ p, d: drillDuty(p.nextDrillDue, day, k.profile) }))
    .filter(({ d }) => d.findingQuarter !== null && d.findingQuarter <= quarter)
    .map(({ p, d }) => ({ planId: p.id, grantId: p.grantId, nextDrillDue: p.nextDrillDue, since: d.findingQuarter! }));
}
