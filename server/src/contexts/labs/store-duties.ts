import { sql } from 'kysely';
import { ownTables, type Executor } from '../../kernel/db/tables.js';
import type { AgreementRow, LabRow, LabsTables } from './store.js';

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

/** The lab whose agreement opened Grant `grantId` (LAB-13: one Grant per filed scope line), with that agreement. */
export async function labOfGrant(
  db: Executor,
  grantId: string,
): Promise<{ lab: LabRow; agreement: AgreementRow } | undefined> {
  const agreement = await q(db)
    .selectFrom('lab_agreement')
    .selectAll()
    .where(sql<boolean>`grant_ids ? ${grantId}`)
    .orderBy('agreement_version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!agreement) return undefined;
  const lab = await q(db).selectFrom('lab').selectAll().where('id', '=', agreement.lab_id).executeTakeFirst();
  return lab && { lab, agreement };
}
