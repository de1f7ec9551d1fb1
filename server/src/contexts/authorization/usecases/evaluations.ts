import type { Executor } from '../../../kernel/db/tables.js';

/**
 * The evaluation port (decision 0062). Evaluations (考核评估) belong to supervision.md, which has not
 * landed; authorization reads what it needs from them only through this seam. Until supervision
 * calls `provideEvaluations`, no Evaluation exists: a direct renewal is refused (AUTH-06) and
 * `evaluation_failed` terminations have nothing to rest on (AUTH-28, AUTH-23).
 */
export type EvaluationAction = 'renewal_eligible' | 'scope_reduce' | 'termination_support';

/** One concluded Evaluation of an operator's agreement, as authorization needs to see it. */
export interface EvaluationSummary {
  id: string;
  agreementId: string;
  /** ISO date-time the Evaluation concluded; the latest one counts. */
  concludedAt: string;
  /** Whether the operator met the requirements (supervision.md scoring). */
  result: 'pass' | 'fail';
  /** The actions the Evaluation carries (AUTH-28). */
  actions: EvaluationAction[];
}

export type EvaluationSource = (
  db: Executor,
  agreement: { id: string; operatorOrgId: string | null },
) => Promise<EvaluationSummary[]>;

const none: EvaluationSource = async () => [];
let source: EvaluationSource = none;

/** Supervision (or a test) supplies the concluded Evaluations; `undefined` restores "none yet". */
export function provideEvaluations(s: EvaluationSource | undefined): void {
  source = s ?? none;
}

/** The agreement's latest concluded Evaluation, or null (the renewal route's input for AUTH-06, AUTH-28). */
export async function latestEvaluation(
  db: Executor,
  agreement: Readonly<Record<string, unknown>>,
): Promise<EvaluationSummary | null> {
  const id = String(agreement.id);
  const all = await source(db, {
    id,
    operatorOrgId: agreement.operator_org_id ? String(agreement.operator_org_id) : null,
  });
  return all.filter((e) => e.agreementId === id).sort((a, b) => b.concludedAt.localeCompare(a.concludedAt))[0] ?? null;
}
