import type { Executor } from '../../../kernel/db/tables.js';
import { destructionRow } from '../store.js';

/**
 * The states of DestructionRecords by id (LED-17), for a context that must prove disposal finished — supervision's
 * termination wind-down (ENF-06, scenario 10) waits until each record is `verified`. Unknown ids are left out.
 */
export async function destructionRecordStates(
  db: Executor,
  ids: readonly string[],
): Promise<{ id: string; state: string }[]> {
  const out: { id: string; state: string }[] = [];
  for (const id of new Set(ids)) {
    const r = await destructionRow(db, id);
    if (r) out.push({ id: r.id, state: r.state });
  }
  return out;
}
