import type { Insertable, Selectable } from 'kysely';
import type { DB, SandboxReleaseNoticeTable } from '../../kernel/db/schema.js';
import { type Executor, type KernelTables, ownTables } from '../../kernel/db/tables.js';

// EGR-12 release notices: SQL only (style.md §1).

export type NoticeTables = Pick<DB, 'sandbox_release_notice'> & KernelTables;
const own = (db: Executor) => ownTables<NoticeTables>(db);

/** The resources of one source unit in a notice, as written by writeReleaseNotices. */
export interface NoticeResource {
  resourceId: string;
  nameZh: string;
  fields: string[];
}
export type NoticeRow = Omit<Selectable<SandboxReleaseNoticeTable>, 'resources'> & { resources: NoticeResource[] };

export async function insertNotices(db: Executor, rows: Insertable<SandboxReleaseNoticeTable>[]) {
  if (!rows.length) return;
  await own(db)
    .insertInto('sandbox_release_notice')
    .values(rows)
    .onConflict((c) => c.columns(['egress_request_id', 'source_unit_org_id']).doNothing())
    .execute();
}

/** One source unit's notices, newest first (the org is the only scope: a unit sees its own, never another's). */
export async function listNoticesOf(db: Executor, orgId: string, limit: number, offset: number) {
  const q = own(db).selectFrom('sandbox_release_notice').where('source_unit_org_id', '=', orgId);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('released_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst(),
  ]);
  // resources is jsonb written by writeReleaseNotices in this shape (the one cast from the table row).
  return { rows: rows as unknown as NoticeRow[], total: Number(total?.n ?? 0) };
}
