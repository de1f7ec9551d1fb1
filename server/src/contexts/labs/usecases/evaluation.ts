import { notFound } from '../../../kernel/http/errors.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Tx } from '../../../kernel/db/tables.js';
import { forbidden } from '../../../kernel/http/errors.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import type { Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { labEvaluationLifecycle } from '../lifecycle-endings.js';
import {
  IndicatorScore,
  Misconduct,
  type CommissionEvaluationInput,
  type ConflictDeclarationInput,
  type SubmitEvaluationInput,
} from '../model-endings.js';
import { Indicator } from '../model.js';
import { evaluationResult } from '../rules-endings.js';
import * as store from '../store.js';
import * as ends from '../store-endings.js';
import { asStrings, json, mustRead, today } from './common.js';
import { lockLab } from './labs.js';
import { orgInfo } from './ports.js';

/**
 * The annual evaluation (LAB-22, LAB-25, LAB-26; decision 0087). The authority commissions a third-party evaluator
 * with the initiator's concurrence; the evaluator declares its conflicts before it sees anything of the lab's, then
 * scores every indicator of the guide's set and records any refusal, obstruction, evasion or fraud (which fails the
 * evaluation whatever the scores); the authority concludes it, and may mark its misconduct serious (LAB-26).
 */

type Row = ends.LabEvaluationRow;

/** The initiator owns the evaluation of its lab; the partner and the evaluator are parties; the authority decides. */
export const evaluationSubject = (e: Row, lab: { initiator_org_id: string; partner_org_id: string }): Subject => ({
  type: 'LabEvaluation',
  id: e.id,
  jurisdictionId: e.jurisdiction_id,
  jurisdictionPath: asStrings(e.jurisdiction_path),
  ownerOrgId: lab.initiator_org_id,
  partyOrgIds: [lab.partner_org_id, e.evaluator_org_id],
});

// Columns written from these schemas.
export const indicatorsOf = (e: Row) => Indicator.array().parse(e.indicators);
export const scoresOf = (e: Row) => IndicatorScore.array().parse(e.scores);
export const misconductOf = (e: Row) => Misconduct.array().parse(e.misconduct);

/** The authority commissions the year's evaluation of a lab from an evaluator organization. */
export async function commissionEvaluation(k: Kernel, actor: Actor, labId: string, input: CommissionEvaluationInput) {
  const evaluator = await orgInfo(k, input.evaluatorOrgId);
  return k.db.transaction().execute(async (trx) => {
    const lab = await lockLab(trx, actor, labId);
    const application = await store.getApplication(trx, lab.application_id);
    const guide = application ? await store.getGuide(trx, application.guide_id) : undefined;
    const earlier = await ends.listEvaluationsOfLab(trx, lab.id);
    const id = uuidv7();
    const prefix = `${lab.lab_no}-PG${input.year}-`;
    await transition(trx, k.workflow, {
      lifecycle: labEvaluationLifecycle,
      action: 'commission',
      actor,
      object: null,
      subject: { ...labSubjectOf(lab, id), partyOrgIds: [lab.partner_org_id, evaluator.id] },
      facts: {
        labState: lab.state,
        evaluatorOrgId: evaluator.id,
        initiatorOrgId: lab.initiator_org_id,
        partnerOrgId: lab.partner_org_id,
        evaluatorIsEvaluator: evaluator.actors.includes('evaluator'),
        declaredConflictBefore: earlier.some(
          (e) => e.evaluator_org_id === evaluator.id && e.state === 'conflict_declared',
        ),
      },
      input,
      values: {
        id,
        evaluation_no: `${prefix}${String(await ends.nextEvaluationSeq(trx, prefix)).padStart(2, '0')}`,
        lab_id: lab.id,
        year: input.year,
        evaluator_org_id: evaluator.id,
        // The indicator set of the guide the lab answered (labs.md: the authority publishes both together).
        indicators: json(guide ? Indicator.array().parse(guide.indicators) : []),
        jurisdiction_id: lab.jurisdiction_id,
        jurisdiction_path: json(lab.jurisdiction_path),
        created_by: actor.userId ?? null,
      },
    });
    return (await ends.getEvaluation(trx, id))!;
  });
}

const labSubjectOf = (lab: store.LabRow, id: string): Subject => ({
  type: 'LabEvaluation',
  id,
  jurisdictionId: lab.jurisdiction_id,
  jurisdictionPath: asStrings(lab.jurisdiction_path),
  ownerOrgId: lab.initiator_org_id,
  partyOrgIds: [lab.partner_org_id],
});

async function lockEvaluation(trx: Tx, actor: Actor, id: string) {
  const e = await ends.getEvaluation(trx, id, true);
  const lab = e ? await store.getLab(trx, e.lab_id, true) : undefined;
  if (!e || !lab) throw notFound('LabEvaluation', id);
  mustRead(e, actor, (r) => evaluationSubject(r, lab), 'LabEvaluation', id);
  return { e, lab };
}

/** Only the evaluator named on the commission works on it (a partner holding an evaluator role never does). */
function assertEvaluator(actor: Actor, e: Row) {
  if (actor.orgId !== e.evaluator_org_id) throw forbidden('FORBIDDEN', { reason: 'NOT_THE_EVALUATOR' });
}

type Plan = { action: string; facts?: unknown; input?: unknown; values?: Record<string, unknown> };
async function step(k: Kernel, actor: Actor, id: string, plan: (e: Row, lab: store.LabRow) => Plan) {
  return k.db.transaction().execute(async (trx) => {
    const { e, lab } = await lockEvaluation(trx, actor, id);
    const p = plan(e, lab);
    await transition(trx, k.workflow, {
      lifecycle: labEvaluationLifecycle,
      action: p.action,
      actor,
      object: e,
      subject: evaluationSubject(e, lab),
      facts: p.facts,
      input: p.input,
      values: p.values ?? {},
    });
    return (await ends.getEvaluation(trx, id))!;
  });
}

const stamp = (k: Kernel, actor: Actor) => ({ by: actor.userId ?? null, at: k.clock.now().toISOString() });

/** LAB-22: the initiator concurs in the commission ("commissioned by the authority with the initiator"). */
export const concurEvaluation = (k: Kernel, actor: Actor, id: string) =>
  step(k, actor, id, () => ({ action: 'concur', values: { initiator_concurrence: json(stamp(k, actor)) } }));

/**
 * The evaluator declares whether it has a conflict with the lab. With none it starts work (LAB-22: only once the
 * initiator concurred); with one the commission ends and the authority names another evaluator.
 */
export const declareConflict = (k: Kernel, actor: Actor, id: string, input: ConflictDeclarationInput) =>
  step(k, actor, id, (e) => {
    assertEvaluator(actor, e);
    return {
      action: input.hasConflict ? 'declare_conflict' : 'accept',
      facts: { initiatorConcurred: !!e.initiator_concurrence },
      input,
      values: { conflict_declaration: json({ ...input, ...stamp(k, actor) }) },
    };
  });

/** The evaluator submits every indicator's score and its findings; total and result are computed (LAB-22, LAB-25). */
export const submitEvaluation = (k: Kernel, actor: Actor, id: string, input: SubmitEvaluationInput) =>
  step(k, actor, id, (e) => {
    assertEvaluator(actor, e);
    const indicators = indicatorsOf(e);
    const { total, result } = evaluationResult(indicators, input.scores, input.misconduct, k.profile);
    return {
      action: 'submit',
      facts: { indicators, scores: input.scores },
      input,
      values: {
        scores: json(input.scores),
        misconduct: json(input.misconduct),
        total,
        result,
      },
    };
  });

/** The authority returns a sheet for another look, or concludes it (the result is frozen from then on). */
export const returnEvaluation = (k: Kernel, actor: Actor, id: string) =>
  step(k, actor, id, () => ({ action: 'return' }));
export const concludeEvaluation = (k: Kernel, actor: Actor, id: string) =>
  step(k, actor, id, () => ({ action: 'conclude', values: { concluded_at: k.clock.now() } }));

/** LAB-26: the authority marks the misconduct found in a concluded evaluation serious, with its reason. */
export const markSerious = (k: Kernel, actor: Actor, id: string, reason: string) =>
  step(k, actor, id, (e) => ({
    action: 'mark_serious',
    facts: { misconduct: misconductOf(e) },
    input: { reason },
    values: { serious: json({ reason, ...stamp(k, actor), on: today(k) }) },
  }));

export async function getEvaluation(k: Kernel, actor: Actor, id: string) {
  const e = await ends.getEvaluation(k.db, id);
  const lab = e ? await store.getLab(k.db, e.lab_id) : undefined;
  if (!e || !lab) throw notFound('LabEvaluation', id);
  mustRead(e, actor, (r) => evaluationSubject(r, lab), 'LabEvaluation', id);
  return { e, lab };
}

/** The evaluator's desk: the evaluations assigned to its organization, with their labs. */
export async function listAssigned(k: Kernel, actor: Actor) {
  if (!actor.orgId) return [];
  const rows = await ends.listEvaluationsOfEvaluator(k.db, actor.orgId);
  const out: { e: Row; lab: store.LabRow }[] = [];
  for (const e of rows) {
    const lab = await store.getLab(k.db, e.lab_id);
    if (lab) out.push({ e, lab });
  }
  return out;
}
