import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import type { Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { revenueCycleLifecycle } from '../lifecycle.js';
import { presentCycle } from '../present.js';
import { mprPosition } from '../rules/revenue.js';
import * as pstore from '../store/pricing.js';
import type { RevenueCycleRow } from '../store/tables.js';

const cycleSubject = (
  c: Pick<RevenueCycleRow, 'id' | 'jurisdiction_id' | 'authority_org_id' | 'operator_org_id'>,
): Subject => ({
  type: 'RevenueCycle',
  id: c.id,
  jurisdictionId: c.jurisdiction_id,
  jurisdictionPath: [c.jurisdiction_id],
  ownerOrgId: c.authority_org_id,
  partyOrgIds: [c.operator_org_id],
});

/**
 * The authority records a revenue cycle of an operation agreement with its approved maximum permitted
 * revenue (最高准许收入 = allowed cost + allowed profit + taxes, NDRC-65) and the approval document number.
 */
export async function recordCycle(
  k: Kernel,
  actor: Actor,
  input: {
    operationAgreementId: string;
    operatorOrgId: string;
    cycleNo: number;
    start: string;
    end: string;
    mprFen: number;
    approvalDocNo: string;
  },
) {
  return k.db.transaction().execute(async (trx) => {
    if (await pstore.cycleOf(trx, input.operationAgreementId, input.cycleNo))
      throw new AppError(409, 'CYCLE_EXISTS', {});
    const prior =
      input.cycleNo > 1 ? await pstore.cycleOf(trx, input.operationAgreementId, input.cycleNo - 1) : undefined;
    const role = actor.actorRoles.find((r) => r.actor === 'authority' && r.status === 'active');
    const id = randomUUID();
    const values = {
      id,
      operation_agreement_id: input.operationAgreementId,
      operator_org_id: input.operatorOrgId,
      authority_org_id: actor.orgId ?? '',
      jurisdiction_id: role?.jurisdictionId ?? '',
      cycle_no: input.cycleNo,
      start_date: input.start,
      end_date: input.end,
      mpr_fen: input.mprFen,
      approval_doc_no: input.approvalDocNo,
      // PM-28: a closed prior cycle's excess is deducted from this one.
      deduction_from_prior_fen: prior?.excess_fen ?? 0,
    };
    await transition(trx, k.workflow, {
      lifecycle: revenueCycleLifecycle,
      action: 'record',
      actor,
      object: null,
      subject: cycleSubject(values),
      input,
      values,
    });
    return presentCycle((await pstore.getCycle(trx, id))!);
  });
}

/**
 * PM-28: at cycle end the actual industry revenue is compared with the MPR (less the prior deduction); the
 * excess is stored and carried as the next cycle's deductionFromPrior. Sales are never blocked by the MPR.
 * (Part 2 computes the actual revenue from settled bills; until then the authority records it.)
 */
export async function closeCycle(k: Kernel, actor: Actor, id: string, actualIndustryRevenueFen: number) {
  return k.db.transaction().execute(async (trx) => {
    const c = await pstore.getCycle(trx, id, true);
    if (!c) throw notFound('RevenueCycle', id);
    const pos = mprPosition(
      {
        mprFen: Number(c.mpr_fen),
        deductionFromPriorFen: Number(c.deduction_from_prior_fen),
        actualIndustryRevenueFen,
      },
      k.profile.get<number>('pricing.mprWarnPct'),
    );
    const res = await transition(trx, k.workflow, {
      lifecycle: revenueCycleLifecycle,
      action: 'close',
      actor,
      object: c,
      subject: cycleSubject(c),
      input: { actualIndustryRevenueFen },
      values: { actual_industry_revenue_fen: actualIndustryRevenueFen, excess_fen: pos.excessFen },
    });
    const next = await pstore.cycleOf(trx, c.operation_agreement_id, c.cycle_no + 1, true);
    if (next)
      await transition(trx, k.workflow, {
        lifecycle: revenueCycleLifecycle,
        action: 'carry',
        actor,
        object: next,
        subject: cycleSubject(next),
        values: { deduction_from_prior_fen: pos.excessFen },
      });
    return { ...res, cycle: presentCycle((await pstore.getCycle(trx, id))!) };
  });
}

export async function listCycles(k: Kernel, actor: Actor) {
  const rows = await pstore.listCycles(k.db, actor.orgId ?? '', actor.readableJurisdictionIds);
  return { items: rows.map(presentCycle) };
}

export async function getCycle(k: Kernel, actor: Actor, id: string) {
  const c = await pstore.getCycle(k.db, id);
  if (
    !c ||
    (c.authority_org_id !== actor.orgId &&
      c.operator_org_id !== actor.orgId &&
      !actor.readableJurisdictionIds.includes(c.jurisdiction_id))
  )
    throw notFound('RevenueCycle', id);
  return presentCycle(c);
}
