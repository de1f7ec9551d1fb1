import type { Insertable, Selectable } from 'kysely';
import type { DB, OpsBackupTable } from '../kernel/db/schema.js';
import { ownTables, type Executor, type KernelTables } from '../kernel/db/tables.js';

/** Tables operations owns (issue 21). */
export type OpsTables = Pick<DB, 'ops_backup'> & KernelTables;
export type BackupRow = Selectable<OpsBackupTable>;

export async function recordBackup(db: Executor, row: Insertable<OpsBackupTable>): Promise<void> {
  await ownTables<OpsTables>(db).insertInto('ops_backup').values(row).execute();
}

export async function lastVerifiedBackup(db: Executor): Promise<BackupRow | undefined> {
  return ownTables<OpsTables>(db)
    .selectFrom('ops_backup')
    .selectAll()
    .orderBy('verified_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
