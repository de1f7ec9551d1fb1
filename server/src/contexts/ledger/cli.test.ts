import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../kernel/db/connection.js';

const ROOT = join(__dirname, '../../../..');

describe('LED-11 `npm run cli -- ledger audit`', () => {
  it('exits 0 on an untouched demo database and 1, naming the check, after one byte of a leaf changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
    const env = { ...process.env, SHUYUN_DATA_DIR: dir, SHUYUN_LEDGER_ORIGIN: 'ledger.shuyun.local' };
    // Async spawn: a blocking spawnSync would starve the vitest worker's RPC.
    const cli = (...args: string[]) => new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const c = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...args], { cwd: ROOT, env });
      let stdout = '';
      c.stdout.on('data', (d) => { stdout += String(d); });
      c.on('close', (status) => resolve({ status, stdout }));
    });
    expect((await cli('seed-demo')).status).toBe(0);
    const clean = await cli('ledger', 'audit');
    expect(clean.stdout).toMatch(/clean/);
    expect(clean.status).toBe(0);

    const db = await openDatabase({ dataDir: join(dir, 'pg') });
    try {
      await sql`ALTER TABLE ledger_entry DISABLE TRIGGER USER`.execute(db.db);
      await sql`UPDATE ledger_entry SET leaf_data = overlay(leaf_data placing '\\x21'::bytea from 5 for 1) WHERE event_id = (SELECT min(event_id::text)::uuid FROM ledger_entry)`.execute(db.db);
    } finally { await db.close(); }
    const dirty = await cli('ledger', 'audit');
    expect(dirty.status).toBe(1);
    expect(dirty.stdout).toMatch(/leaf_hash/);
    expect(dirty.stdout).toMatch(/incident/);
  }, 180_000);
});
