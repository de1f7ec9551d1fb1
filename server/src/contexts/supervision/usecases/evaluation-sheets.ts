import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { evaluationLifecycle } from '../lifecycle.js';
import {
  EvaluationObjection,
  Score,
  type EnterScoresInput,
  type EvaluationSheetView,
  type ScheduleEvaluationInput,
  type ScoredKind,
} from '../model-evaluation.js';
import { scoreSheet } from '../rules-evaluation.js';
import type { OperatorResult } from '../rules.js';
import { presentEvaluation } from '../present.js';
import * as store from '../store.js';
import { asStrings, authorityRole, mustRead } from './common.js';
import { actionsOf, evaluationSubject } from './evaluations.js';
import { autoScores, setByVersion, setInForce } from './indicators.js';

/**
 * Scored evaluations (EVA-02, EVA-05…07; decision 0079): the authority schedules one for a period with the set
 * version in force, a third-party evaluator enters the manual scores, the platform computes the automatic ones and
 * the result; the authority finalizes (evaluations.ts); the evaluated org may object (ENF-09).
 */

type Row = store.EvaluationRow;
// Columns this module wrote from the Score / EvaluationObjection schemas.
const scoresOf = (r: Row) => Score.array().parse(r.scores);
const objectionOf = (r: Row) => (r.objection ? EvaluationObjection.parse(r.objection) : null);
const setVersionOf = (r: Row) => r.indicator_set_version.split(':').pop() ?? '';

export const presentSheet = (r: Row): EvaluationSheetView => ({
  ...presentEvaluation(r),
  scores: scoresOf(r),
  hardFailReasons: asStrings(r.hard_fail_reasons),
  objection: objectionOf(r),
  supersedesId: r.supersedes_id,
  labId: r.lab_id,
});

/** EVA-02/EVA-05/EVA-07: scheduled with the set version in force at the period's start, kept from then on. */
export async function scheduleEvaluation(k: Kernel, actor: Actor, input: ScheduleEvaluationInput, supersedes?: Row) {
  const role = authorityRole(actor);
  const set = supersedes
    ? setByVersion(k, input.subjectKind, setVersionOf(supersedes))
    : setInForce(k, input.subjectKind, input.period.from);
  const id = uuidv7();
  return k.db.transaction().execute(async (trx) => {
    await transition(trx, k.workflow, {
      lifecycle: evaluationLifecycle,
      action: 'schedule',
      actor,
      object: null,
      subject: {
        type: 'Evaluation',
        id,
        ownerOrgId: input.evaluatorOrgId,
        partyOrgIds: [input.subjectOrgId],
        jurisdictionId: role.jurisdictionId,
        jurisdictionPath: role.jurisdictionPath,
      },
      facts: { kind: input.subjectKind, set, from: input.period.from, to: input.period.to },
      input,
      values: {
        id,
        subject_kind: input.subjectKind,
        subject_org_id: input.subjectOrgId,
        agreement_id: input.agreementId ?? null,
        lab_id: input.labId ?? null,
        period_from: input.period.from,
        period_to: input.period.to,
        indicator_set_version: `${k.profile.id}:${input.subjectKind}:${set.version}`,
        evaluator_org_id: input.evaluatorOrgId,
        jurisdiction_id: role.jurisdictionId,
        jurisdiction_path: JSON.stringify(role.jurisdictionPath),
        dimension_scores: '{}',
        total: 0,
        result: 'pending',
        supersedes_id: supersedes?.id ?? null,
      },
    });
    return (await store.getEvaluation(trx, id))!;
  });
}

/** The evaluator enters manual scores; automatic ones are computed now; total and result are never entered. */
export async function enterScores(k: Kernel, actor: Actor, id: string, input: EnterScoresInput) {
  const listed = mustRead(await store.getEvaluation(k.db, id), actor, evaluationSubject, 'Evaluation', id);
  const kind = listed.subject_kind as ScoredKind;
  const set = setByVersion(k, kind, setVersionOf(listed));
  const auto = await autoScores(k, set, listed.subject_org_id, { from: listed.period_from, to: listed.period_to });
  const entered = input.scores.map((s) => ({ ...s, auto: false, metric: null }));
  const sheet = scoreSheet(kind, set, [...entered, ...auto], k.profile);
  return k.db.transaction().execute(async (trx) => {
    const row = mustRead(await store.getEvaluation(trx, id, true), actor, evaluationSubject, 'Evaluation', id);
    await transition(trx, k.workflow, {
      lifecycle: evaluationLifecycle,
      action: 'score',
      actor,
      object: row,
      subject: evaluationSubject(row),
      facts: { set, entered: input.scores, result: sheet.result as OperatorResult, actions: input.actions },
      input,
      values: {
        scores: JSON.stringify([...entered, ...auto]),
        dimension_scores: JSON.stringify(sheet.dimensionScores),
        total: sheet.total,
        result: sheet.result,
        hard_fail_reasons: JSON.stringify(sheet.hardFailReasons),
        actions: JSON.stringify(input.actions),
      },
    });
    return (await store.getEvaluation(trx, id))!;
  });
}

/** ENF-09: the evaluated org objects to a final result; the answer is due in `supervision.objectionWorkingDays`. */
export async function objectToEvaluation(
  k: Kernel,
  actor: Actor,
  id: string,
  input: { grounds: string; evidenceFileIds: string[] },
) {
  const now = k.clock.now();
  const objection: EvaluationObjection = {
    grounds: input.grounds,
    evidenceFileIds: input.evidenceFileIds,
    filedAt: now.toISOString(),
    dueAt: k.calendar.dueAt(now, k.profile.get<number>('supervision.objectionWorkingDays')).toISOString(),
    decision: null,
    reason: null,
    decidedAt: null,
  };
  return step(k, actor, id, 'object', { grounds: input.grounds }, { objection: JSON.stringify(objection) });
}

/**
 * The authority decides: dismissed → final again; upheld or partly upheld → this version is superseded and a new
 * one is scheduled with the same set version for the evaluator to score again (the old one stays readable).
 */
export async function decideEvaluationObjection(
  k: Kernel,
  actor: Actor,
  id: string,
  input: { decision: 'upheld' | 'partly_upheld' | 'dismissed'; reason: string },
) {
  const r = mustRead(await store.getEvaluation(k.db, id), actor, evaluationSubject, 'Evaluation', id);
  const o = objectionOf(r);
  const decided = { ...o!, decision: input.decision, reason: input.reason, decidedAt: k.clock.now().toISOString() };
  const dismissed = input.decision === 'dismissed';
  const row = await step(
    k,
    actor,
    id,
    dismissed ? 'dismiss_objection' : 'supersede',
    {},
    { objection: JSON.stringify(decided) },
  );
  if (dismissed) return { evaluation: row, successor: null };
  const successor = await scheduleEvaluation(
    k,
    actor,
    {
      subjectKind: r.subject_kind as ScoredKind,
      subjectOrgId: r.subject_org_id,
      agreementId: r.agreement_id ?? undefined,
      labId: r.lab_id ?? undefined,
      evaluatorOrgId: r.evaluator_org_id,
      period: { from: r.period_from, to: r.period_to },
    },
    r,
  );
  return { evaluation: row, successor };
}

async function step(
  k: Kernel,
  actor: Actor,
  id: string,
  action: string,
  facts: unknown,
  values: Record<string, unknown>,
) {
  return k.db.transaction().execute(async (trx) => {
    const row = mustRead(await store.getEvaluation(trx, id, true), actor, evaluationSubject, 'Evaluation', id);
    await transition(trx, k.workflow, {
      lifecycle: evaluationLifecycle,
      action,
      actor,
      object: row,
      subject: evaluationSubject(row),
      facts: { ...(facts as object), result: row.result as OperatorResult, actions: actionsOf(row) },
      values,
    });
    return (await store.getEvaluation(trx, id))!;
  });
}
