import { sql, type Selectable } from 'kysely';
import type { DB, PsiSessionTable } from '../../../kernel/db/schema.js';
import { ownTables, type Executor, type KernelTables } from '../../../kernel/db/tables.js';

// The PSI tables (migration 0108): session facts and differencing sketches; never an item (PSI-05).
export type PsiTables = Pick<DB, 'psi_session' | 'psi_list_sketch'> & KernelTables;
export type PsiSessionRow = Selectable<PsiSessionTable>;

const own = (db: Executor) => ownTables<PsiTables>(db);

export async function getSession(db: Executor, id: string, forUpdate = false): Promise<PsiSessionRow | undefined> {
  const q = own(db).selectFrom('psi_session').selectAll().where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export const listSessionsOfOrg = (db: Executor, orgId: string, limit: number) =>
  own(db)
    .selectFrom('psi_session')
    .selectAll()
    .where('buyer_org_id', '=', orgId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();

export const listOpenExpired = (db: Executor, now: Date) =>
  own(db).selectFrom('psi_session').selectAll().where('state', '=', 'open').where('expires_at', '<', now).execute();

/** PSI-04: sessions this buyer opened on this service on this Shanghai day (every state counts). */
export async function countSessionsOfDay(db: Executor, orgId: string, serviceId: string, day: string) {
  const r = await own(db)
    .selectFrom('psi_session')
    .select((e) => e.fn.countAll<string>().as('n'))
    .where('buyer_org_id', '=', orgId)
    .where('service_id', '=', serviceId)
    .where('shanghai_day', '=', sql<Date>`${day}::date`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export const listSketches = (db: Executor, orgId: string, serviceId: string) =>
  own(db)
    .selectFrom('psi_list_sketch')
    .select(['session_id', 'tags'])
    .where('buyer_org_id', '=', orgId)
    .where('service_id', '=', serviceId)
    .execute();

export async function insertSketch(
  db: Executor,
  row: { session_id: string; buyer_org_id: string; service_id: string; tags: Buffer },
) {
  await own(db).insertInto('psi_list_sketch').values(row).execute();
}
