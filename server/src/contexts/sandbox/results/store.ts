import type { DB } from '../../../kernel/db/schema.js';
import { type Executor, type KernelTables, ownTables } from '../../../kernel/db/tables.js';

// SQL for the result key column only (SBX-10); the Workspace row itself is read through ../store.ts.
export type ResultKeyTables = Pick<DB, 'sandbox_workspace'> & KernelTables;

/**
 * Stores a Workspace's wrapped result key unless it has one. Key material, not a lifecycle state: the Workspace's
 * state and version do not change (the Job that needed it is the ledgered event).
 */
export async function setResultKeyIfMissing(db: Executor, workspaceId: string, wrapped: Buffer): Promise<void> {
  await ownTables<ResultKeyTables>(db)
    .updateTable('sandbox_workspace')
    .set({ result_key_wrapped: wrapped })
    .where('id', '=', workspaceId)
    .where('result_key_wrapped', 'is', null)
    .where('state', 'in', ['active', 'frozen'])
    .execute();
}
