import type { Selectable } from 'kysely';
import type { DB, SupervisionObjectionTable, SupervisionTerminationTable } from '../../kernel/db/schema.js';
import { ownTables, type Executor, type KernelTables } from '../../kernel/db/tables.js';

/** The enforcement tables supervision owns (issue 16 part A): terminations and supervisory objections. */
export type EnforcementTables = Pick<DB, 'supervision_termination' | 'supervision_objection'> & KernelTables;
export type TerminationRow = Selectable<SupervisionTerminationTable>;
export type ObjectionRow = Selectable<SupervisionObjectionTable>;

const q = (db: Executor) => ownTables<EnforcementTables>(db);
// One lock helper: FOR UPDATE when the caller is about to transition.
const lock = <T extends { forUpdate(): T }>(query: T, forUpdate: boolean) => (forUpdate ? query.forUpdate() : query);

export const getTermination = (db: Executor, id: string, forUpdate = false): Promise<TerminationRow | undefined> =>
  lock(q(db).selectFrom('supervision_termination').selectAll().where('id', '=', id), forUpdate).executeTakeFirst();

/** The terminations of one target, newest first (the port other contexts read, e.g. labs). */
export function listTerminationsOf(db: Executor, targetType: string, targetId: string): Promise<TerminationRow[]> {
  return q(db)
    .selectFrom('supervision_termination')
    .selectAll()
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** An open case on the target already (proposed, decided or effective): a second one is refused. */
export function openTerminationOf(db: Executor, targetId: string): Promise<TerminationRow | undefined> {
  return q(db)
    .selectFrom('supervision_termination')
    .selectAll()
    .where('target_id', '=', targetId)
    .where('state', 'in', ['proposed', 'decided', 'effective'])
    .executeTakeFirst();
}

export const getObjection = (db: Executor, id: string, forUpdate = false): Promise<ObjectionRow | undefined> =>
  lock(q(db).selectFrom('supervision_objection').selectAll().where('id', '=', id), forUpdate).executeTakeFirst();

/** Objections on one target (`/supervisory-objections?target=`), oldest first. */
export function listObjectionsOf(db: Executor, targetId: string): Promise<ObjectionRow[]> {
  return q(db)
    .selectFrom('supervision_objection')
    .selectAll()
    .where('target_id', '=', targetId)
    .orderBy('filed_at')
    .execute();
}
