import { ownTables, type Executor } from '../../kernel/db/tables.js';
import type { LabRow, LabsTables } from './store.js';

/** Labs' own reads for the duty clock (decision 0085): nothing here reads another context's table. */
const q = (db: Executor) => ownTables<LabsTables>(db);

/** Labs the duty clock looks at: running ones (duties, expiry) and shortlisted ones (lapse). */
export function listLabsForClock(db: Executor, states: readonly string[]): Promise<LabRow[]> {
  return q(db)
    .selectFrom('lab')
    .selectAll()
    .where('state', 'in', [...states])
    .orderBy('lab_no')
    .limit(5000)
    .execute();
}
