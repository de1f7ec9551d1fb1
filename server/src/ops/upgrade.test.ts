import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import '../app.js'; // registers every context's lifecycles, so the audit covers every table
import { auditLedger } from '../contexts/ledger/usecases/audit.js';
import { openDatabase } from '../kernel/db/connection.js';
import { migrate, readMigrations } from '../kernel/db/migrate.js';
import { createKernel } from '../kernel/kernel.js';
import { tmp } from './test/drill.js';

/**
 * The previous release's database (issue 21): the demo deployment as release de41a89 left it
 * (migrations up to 0101, demo seed, checkpoints signed), a PGlite data directory, tar + brotli.
 * Rebuild: docs/operations.md §升级 / Upgrades. A migration that cannot be applied to real data fails here.
 */
const FIXTURE = join(__dirname, '../../test-fixtures/release-0101-demo.pgdata.tar.br');

describe('upgrade from the previous release (issue 21)', () => {
  it('migrates the previous release demo database to the current schema and the ledger audits clean', async () => {
    const tar = brotliDecompressSync(readFileSync(FIXTURE));
    const database = await openDatabase({ loadDataDir: new Blob([tar]) });
    try {
      const before = await sql<{ name: string }>`SELECT max(name) AS name FROM schema_migration`.execute(database.db);
      expect(before.rows[0]!.name).toBe('0101_lab_change_request.sql');
      const applied = await migrate(database);
      const newer = readMigrations().filter((m) => m.name > '0101_lab_change_request.sql');
      expect(applied).toEqual(newer.map((m) => m.name));
      const k = await createKernel(database, { dataDir: tmp('shuyun-upgrade-') });
      const report = await auditLedger(k);
      expect(report.mismatches).toEqual([]);
      expect(report.entries).toBeGreaterThan(1000);
    } finally {
      await database.close();
    }
  }, 300_000);
});
