import { sql } from 'kysely';
import type { Executor } from '../../../kernel/db/tables.js';
import { definePermissions } from '../../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../../kernel/workflow/lifecycle.js';

/** A throwaway lifecycle for the crash test (ledger crash safety, LED-01/LED-06). */
definePermissions({
  'crashtest.write': { kind: 'write', roles: ['system'], actors: ['system'], relationships: ['any'] },
});
export const crashThing = defineLifecycle({
  objectType: 'CrashThing',
  table: 'crash_thing',
  states: ['draft', 'open'],
  transitions: {
    create: { from: [NEW], to: 'draft', permission: 'crashtest.write' },
    open: { from: ['draft'], to: 'open', permission: 'crashtest.write' },
  },
});

export async function ensureCrashTable(db: Executor) {
  await sql`CREATE TABLE IF NOT EXISTS crash_thing (id uuid PRIMARY KEY, state text NOT NULL, version int NOT NULL, updated_at timestamptz)`.execute(
    db,
  );
}
