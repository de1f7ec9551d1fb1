import { sql } from 'kysely';
import type { Executor } from './tables.js';

/** Whether a table exists (tables of contexts not migrated in a given deployment are skipped). */
export async function tableExists(db: Executor, table: string): Promise<boolean> {
  return !!(await sql<{ t: string | null }>`SELECT to_regclass(${table})::text AS t`.execute(db)).rows[0]?.t;
}
