import type { Executor } from '../../../kernel/db/tables.js';
import * as store from '../store.js';

/**
 * Organizations' Chinese names by id, for other contexts' views of records that are public anyway (the holder
 * and applicant printed on a rights certificate). Names only: no codes, roles or contacts. Unknown ids are absent.
 */
export async function orgNames(
  db: Executor,
  ids: readonly (string | null | undefined)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  const rows = await store.orgNamesByIds(db, wanted);
  return new Map(rows.map((r) => [r.id, r.name_zh]));
}
