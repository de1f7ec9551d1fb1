import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import type { Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import {
  provideEvaluations,
  type EvaluationAction as AuthAction,
  type EvaluationSummary,
} from '../../authorization/service.js';
import { evaluationLifecycle } from '../lifecycle.js';
import { EvaluationAction, type ScoreEvaluationInput } from '../model.js';
import { resultOf, weightedTotal, type OperatorResult } from '../rules.js';
import * as store from '../store.js';
import { asStrings, authorityRole, mustRead } from './common.js';

/** Evaluations (supervision.md EVA-01…EVA-04): four weighted dimensions, bands, actions; final ones feed authorization. */

export const evaluationSubject = (r: store.EvaluationRow): Subject => ({
  type: 'Evaluation',
  id: r.id,
  ownerOrgId: r.evaluator_org_id,
  partyOrgIds: [r.subject_org_id],
  jurisdictionId: r.jurisdiction_id,
  jurisdictionPath: asStrings(r.jurisdiction_path),
});
// The actions column holds values we wrote from the EvaluationAction enum.
export const actionsOf = (r: store.EvaluationRow) => EvaluationAction.array().parse(r.actions);

/** The indicator set this slice scores with: the profile's weights (EVA-07 keeps it on the row). */
const indicatorSetVersion = (k: Kernel) => `${k.profile.id}:weights-v1`;

/** EVA-01/03/04: the authority records the four dimension scores; total and band are computed, never entered. */
export async function proposeEvaluation(k: Kernel, actor: Actor, input: ScoreEvaluationInput) {
  const role = authorityRole(actor);
  const total = weightedTotal(input.dimensionScores, k.profile);
  const result = resultOf(total, k.profile);
  const id = uuidv7();
  return k.db.transaction().execute(async (trx) => {
    await transition(trx, k.workflow, {
      lifecycle: evaluationLifecycle,
      action: 'propose',
      actor,
      object: null,
      subject: {
        type: 'Evaluation',
        id,
        ownerOrgId: actor.orgId,
        jurisdictionId: role.jurisdictionId,
        jurisdictionPath: role.jurisdictionPath,
      },
      facts: { result, actions: input.actions },
      input,
      values: {
        id,
        subject_kind: input.subjectKind,
        subject_org_id: input.subjectOrgId,
        agreement_id: input.agreementId ?? null,
        period_from: input.period.from,
        period_to: input.period.to,
        indicator_set_version: indicatorSetVersion(k),
        evaluator_org_id: actor.orgId,
        jurisdiction_id: role.jurisdictionId,
        jurisdiction_path: JSON.stringify(role.jurisdictionPath),
        dimension_scores: JSON.stringify(input.dimensionScores),
        total,
        result,
        actions: JSON.stringify(input.actions),
      },
    });
    return (await store.getEvaluation(trx, id))!;
  });
}

/** proposed → final: the result is frozen; the agreement's later renewal or termination reads it (decision 0062). */
export async function finalizeEvaluation(k: Kernel, actor: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const row = mustRead(await store.getEvaluation(trx, id, true), actor, evaluationSubject, 'Evaluation', id);
    await transition(trx, k.workflow, {
      lifecycle: evaluationLifecycle,
      action: 'finalize',
      actor,
      object: row,
      subject: evaluationSubject(row),
      facts: { result: row.result as OperatorResult, actions: actionsOf(row) },
      values: { concluded_at: k.clock.now() },
    });
    return (await store.getEvaluation(trx, id))!;
  });
}

export async function getEvaluation(k: Kernel, actor: Actor, id: string) {
  return mustRead(await store.getEvaluation(k.db, id), actor, evaluationSubject, 'Evaluation', id);
}

// AUTH-06 / AUTH-28 speak of three actions; supervision's propose_termination is authorization's termination_support.
const TO_AUTH: Partial<Record<EvaluationAction, AuthAction>> = {
  renewal_eligible: 'renewal_eligible',
  scope_reduce: 'scope_reduce',
  propose_termination: 'termination_support',
};

/** The evaluation port (decision 0062): final Evaluations of the agreement, as authorization reads them. */
provideEvaluations(async (db, agreement): Promise<EvaluationSummary[]> => {
  if (!agreement.operatorOrgId) return [];
  const rows = await store.listFinalEvaluationsOfOrg(db, agreement.operatorOrgId);
  return rows
    .filter((r) => r.agreement_id === agreement.id && r.concluded_at)
    .map((r) => ({
      id: r.id,
      agreementId: agreement.id,
      concludedAt: r.concluded_at!.toISOString(),
      result: r.result === 'fail' ? 'fail' : 'pass',
      actions: actionsOf(r).flatMap((a) => (TO_AUTH[a] ? [TO_AUTH[a]] : [])),
    }));
});
