import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { DB, SupervisionComplaintTable } from '../../kernel/db/schema.js';
import { ownTables, type Executor, type KernelTables } from '../../kernel/db/tables.js';

/** Complaint cases (投诉举报) filed through the public channel. */
export type ComplaintTables = Pick<DB, 'supervision_complaint'> & KernelTables;
export type ComplaintRow = Selectable<SupervisionComplaintTable>;

const q = (db: Executor) => ownTables<ComplaintTables>(db);

export function getComplaint(db: Executor, id: string, forUpdate = false): Promise<ComplaintRow | undefined> {
  const base = q(db).selectFrom('supervision_complaint').selectAll().where('id', '=', id);
  return (forUpdate ? base.forUpdate() : base).executeTakeFirst();
}

/** How many cases one source filed since `since` (the channel's rate limit). */
export async function countFromSource(db: Executor, digest: string, since: Date): Promise<number> {
  const r = await q(db)
    .selectFrom('supervision_complaint')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('source_digest', '=', digest)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The next case number of a year (the unique index refuses a racing duplicate). */
export async function nextCaseSeq(db: Executor, year: number): Promise<number> {
  const r = await q(db)
    .selectFrom('supervision_complaint')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('case_no', 'like', `TS-${year}-%`)
    .executeTakeFirstOrThrow();
  return Number(r.n) + 1;
}

/** The authority's queue: cases whose jurisdiction path meets the reach, newest first. */
export function listComplaints(db: Executor, reach: string[], state?: string): Promise<ComplaintRow[]> {
  if (!reach.length) return Promise.resolve([]);
  let query = q(db)
    .selectFrom('supervision_complaint')
    .selectAll()
    .where(sql<boolean>`jurisdiction_path ?| ${sql.val(reach)}::text[]`);
  if (state) query = query.where('state', '=', state);
  return query.orderBy('created_at', 'desc').limit(500).execute();
}
