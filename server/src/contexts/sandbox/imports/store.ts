import type { Selectable } from 'kysely';
import type { DB, SandboxImportTable } from '../../../kernel/db/schema.js';
import { type Executor, type KernelTables, ownTables } from '../../../kernel/db/tables.js';
import type { DeclaredSource, ImportColumn } from './model.js';

// SQL for the sandbox's imports only (SBX-11; style.md §1: boring SQL, no decisions).
export type ImportTables = Pick<DB, 'sandbox_import'> & KernelTables;

const own = (db: Executor) => ownTables<ImportTables>(db);

// The jsonb columns were written by the import use case itself: their domain shapes are named here.
export type ImportRow = Omit<Selectable<SandboxImportTable>, 'declared_source' | 'columns'> & {
  declared_source: DeclaredSource;
  columns: ImportColumn[];
};
const rowAs = <T>(row: unknown) => row as T;

export const getImport = async (db: Executor, id: string, forUpdate = false) =>
  rowAs<ImportRow | undefined>(
    await own(db)
      .selectFrom('sandbox_import')
      .selectAll()
      .where('id', '=', id)
      .$if(forUpdate, (q) => q.forUpdate())
      .executeTakeFirst(),
  );

/** One Workspace's imports, oldest first; `states` narrows (e.g. only those still mounted). */
export const listImports = async (db: Executor, workspaceId: string, states?: string[], forUpdate = false) =>
  rowAs<ImportRow[]>(
    await own(db)
      .selectFrom('sandbox_import')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .$if(!!states, (q) => q.where('state', 'in', states!))
      .orderBy('created_at')
      .$if(forUpdate, (q) => q.forUpdate())
      .execute(),
  );
