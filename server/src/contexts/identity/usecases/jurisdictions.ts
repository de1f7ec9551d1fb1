import type { Executor } from '../../../kernel/db/tables.js';
import * as store from '../store.js';

/**
 * A jurisdiction's six-digit administrative division code (GB/T 2260), for the public codes other contexts
 * mint (product codes): a code a person can read, never a piece of an internal id.
 */
export async function jurisdictionDivisionCode(db: Executor, jurisdictionId: string): Promise<string | null> {
  return (await store.getJurisdiction(db, jurisdictionId))?.division_code ?? null;
}

/**
 * The jurisdiction a six-digit division code names, with its path (root first), for a case filed by the public
 * that must reach that jurisdiction's authority (supervision's complaint channel). Unknown codes answer undefined.
 */
export async function jurisdictionByDivisionCode(
  db: Executor,
  divisionCode: string,
): Promise<{ id: string; path: string[]; nameZh: string } | undefined> {
  const j = (await store.listJurisdictions(db)).find((x) => x.division_code === divisionCode);
  return j ? { id: j.id, path: j.path.map(String), nameZh: j.name_zh } : undefined;
}
