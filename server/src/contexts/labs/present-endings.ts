import { activeActorRoles, type Actor } from '../../kernel/workflow/actor.js';
import {
  ConflictDeclaration,
  type LabEndingsView,
  type LabEvaluationView,
  type LabRectification,
  Serious,
} from './model-endings.js';
import type { LabRow } from './store.js';
import type { LabEvaluationRow } from './store-endings.js';
import { endingOf, terminationOf } from './usecases/endings.js';
import { indicatorsOf, misconductOf, scoresOf } from './usecases/evaluation.js';

/** Presenters of evaluation and exit (views in model-endings.ts). */

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const supervises = (a: Actor, jurisdictionId: string) =>
  activeActorRoles(a, 'authority').some((r) => r.jurisdictionId === jurisdictionId);
const Stamp = ConflictDeclaration.pick({ by: true, at: true });

/** What the reader may do next: the buttons of the evaluator's workspace, the initiator's desk and the authority. */
function evaluationAbilities(e: LabEvaluationRow, lab: LabRow, actor: Actor): string[] {
  const evaluator = actor.orgId === e.evaluator_org_id;
  const authority = supervises(actor, e.jurisdiction_id);
  const byState: Record<string, [boolean, string[]][]> = {
    commissioned: [
      [actor.orgId === lab.initiator_org_id, ['concur']],
      [evaluator, ['declare']],
    ],
    concurred: [[evaluator, ['declare']]],
    evaluating: [[evaluator, ['submit']]],
    submitted: [[authority, ['return', 'conclude']]],
    concluded: [[authority && !e.serious && misconductOf(e).length > 0, ['mark_serious']]],
  };
  return (byState[e.state] ?? []).flatMap(([ok, names]) => (ok ? names : []));
}

export function presentEvaluation(e: LabEvaluationRow, lab: LabRow, actor: Actor, names: Map<string, string>) {
  const view: LabEvaluationView = {
    id: e.id,
    evaluationNo: e.evaluation_no,
    labId: lab.id,
    labNo: lab.lab_no,
    labName: lab.name,
    year: e.year,
    evaluatorOrgId: e.evaluator_org_id,
    evaluator: names.get(e.evaluator_org_id) ?? '',
    indicators: indicatorsOf(e),
    initiatorConcurrence: e.initiator_concurrence ? Stamp.parse(e.initiator_concurrence) : null,
    conflictDeclaration: e.conflict_declaration ? ConflictDeclaration.parse(e.conflict_declaration) : null,
    scores: scoresOf(e),
    misconduct: misconductOf(e),
    total: e.total,
    result: e.result === 'pass' || e.result === 'fail' ? e.result : null,
    serious: e.serious ? Serious.parse(e.serious) : null,
    concludedAt: iso(e.concluded_at),
    state: e.state,
    version: e.version,
    abilities: evaluationAbilities(e, lab, actor),
  };
  return view;
}

function endingAbilities(l: LabRow, actor: Actor, evaluations: LabEvaluationRow[]): string[] {
  const initiator = actor.orgId === l.initiator_org_id;
  const authority = supervises(actor, l.jurisdiction_id);
  const failed = evaluations.some((e) => e.state === 'concluded' && e.result === 'fail');
  const out: string[] = [];
  if (authority && ['active', 'rectifying'].includes(l.state)) out.push('commission_evaluation', 'delist');
  if (authority && l.state === 'active') out.push('merge');
  if (initiator && l.state === 'active' && failed) out.push('order_rectification');
  if (initiator && l.state === 'rectifying') out.push('close_rectification', 'terminate');
  return out;
}

/** The lab's exit record: rectification (with supervision's live state), termination, ending and evaluations. */
export function presentEndings(
  l: LabRow,
  actor: Actor,
  rectification: LabRectification | null,
  evaluations: LabEvaluationView[],
  rows: LabEvaluationRow[],
): LabEndingsView {
  return {
    labId: l.id,
    labNo: l.lab_no,
    state: l.state,
    supplyMode: l.supply_mode,
    partnerOrgId: l.partner_org_id,
    successorLabId: l.successor_lab_id,
    rectification,
    termination: terminationOf(l),
    ending: endingOf(l),
    evaluations,
    abilities: endingAbilities(l, actor, rows),
  };
}
