import type { Executor } from '../../../kernel/db/tables.js';
import * as store from '../store.js';

/**
 * A jurisdiction's six-digit administrative division code (GB/T 2260), for the public codes other contexts
 * mint (product codes): a code a person can read, never a piece of an internal id.
 */
export async function jurisdictionDivisionCode(db: Executor, jurisdictionId: string): Promise<string | null> {
  return (await store.getJurisdiction(db, jurisdictionId))?.division_code ?? null;
}
