import type { Selectable } from 'kysely';
import type { DB, LabEvaluationTable } from '../../kernel/db/schema.js';
import { ownTables, type Executor, type KernelTables } from '../../kernel/db/tables.js';

/** The tables evaluation and exit use (labs' own; nothing here reads another context's table). */
export type LabsEndingsTables = Pick<DB, 'lab' | 'lab_evaluation'> & KernelTables;
export type LabEvaluationRow = Selectable<LabEvaluationTable>;

const q = (db: Executor) => ownTables<LabsEndingsTables>(db);

export function getEvaluation(db: Executor, id: string, forUpdate = false): Promise<LabEvaluationRow | undefined> {
  const query = q(db).selectFrom('lab_evaluation').selectAll().where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

/** A lab's evaluations, newest year first (declined commissions stay readable). */
export function listEvaluationsOfLab(db: Executor, labId: string): Promise<LabEvaluationRow[]> {
  return q(db)
    .selectFrom('lab_evaluation')
    .selectAll()
    .where('lab_id', '=', labId)
    .orderBy('year', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

/** The evaluator's desk: the evaluations assigned to its organization. */
export function listEvaluationsOfEvaluator(db: Executor, orgId: string): Promise<LabEvaluationRow[]> {
  return q(db)
    .selectFrom('lab_evaluation')
    .selectAll()
    .where('evaluator_org_id', '=', orgId)
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
}

/** The next evaluation number under `prefix`. */
export async function nextEvaluationSeq(db: Executor, prefix: string): Promise<number> {
  const r = await q(db)
    .selectFrom('lab_evaluation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('evaluation_no', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return Number(r.n) + 1;
}

/** The exit columns of a Lab (written after its transition, in the same transaction; jsonb we build from zod). */
export async function setLabColumns(
  db: Executor,
  labId: string,
  v: { rectification?: string; termination?: string; ending?: string },
) {
  await q(db).updateTable('lab').set(v).where('id', '=', labId).execute();
}
