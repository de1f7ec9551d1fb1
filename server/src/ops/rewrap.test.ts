import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../kernel/db/connection.js';
import { openTestDatabase } from '../kernel/db/testing.js';
import { WRAPPED_COLUMNS } from './rewrap.js';

// Decision 0103: the re-wrap list must name every column holding a master-key blob, or a rotation would leave
// that column under the old version. Columns encrypted by a per-record data key (not the master key) are listed here.
const NOT_MASTER_KEY_BLOBS = new Set(['ledger_entry.payload_enc']);

describe('master-key re-wrap list (issue 21, decision 0103)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase('bare');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('names every bytea *_enc / *_wrapped column of the schema', async () => {
    const rows = (
      await sql<{ t: string; c: string }>`SELECT table_name AS t, column_name AS c FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type = 'bytea' AND (column_name LIKE '%\\_enc' OR column_name LIKE '%\\_wrapped')`.execute(
        database.db,
      )
    ).rows.map((r) => `${r.t}.${r.c}`);
    expect(rows).toContain('sandbox_workspace.key_enc'); // the query sees the columns
    const listed = new Set(WRAPPED_COLUMNS.map((c) => `${c.table}.${c.column}`));
    expect(rows.filter((c) => !listed.has(c) && !NOT_MASTER_KEY_BLOBS.has(c)).sort()).toEqual([]);
  });
});
