import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../kernel/db/connection.js';
import { migrate } from '../../kernel/db/migrate.js';
import { createKernel } from '../../kernel/kernel.js';
import { integrate } from '../../kernel/ledger/sequencer.js';
import { auditLedger } from './usecases/audit.js';
import { ensureCrashTable } from './test/crash-lifecycle.js';

// Run node itself with the tsx loader (not the tsx wrapper, whose grandchild would survive SIGKILL).
const ROOT = join(__dirname, '../../../..');

describe('ledger crash safety (LED-01, LED-06)', () => {
  it('a writer SIGKILLed mid-stream reopens to a consistent log: every committed event gets its leaf, no gaps, audit clean', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-crash-'));
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'test/crash-writer.ts'), dir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let committed = 0;
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`writer too slow: ${committed} committed; ${stderr}`)), 90_000);
      child.stdout.on('data', (d: Buffer) => {
        const m = [...String(d).matchAll(/committed (\d+)/g)].at(-1);
        if (m) committed = Number(m[1]);
        if (committed >= 300) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code, sig) => {
        if (sig !== 'SIGKILL') reject(new Error(`writer exited ${code}: ${stderr}`));
      });
    });
    await new Promise((r) => child.once('close', r));

    const database = await openDatabase({ dataDir: dir });
    try {
      await migrate(database);
      const k = await createKernel(database);
      await ensureCrashTable(k.db);
      const before = (
        await sql<{
          n: number;
          pending: number;
        }>`SELECT count(*)::int AS n, count(*) FILTER (WHERE seq IS NULL)::int AS pending FROM ledger_entry`.execute(
          k.db,
        )
      ).rows[0]!;
      expect(before.n).toBeGreaterThanOrEqual(committed);
      await integrate(k, 'main');
      const seqs = (await sql<{ seq: number }>`SELECT seq FROM ledger_entry ORDER BY seq`.execute(k.db)).rows.map((r) =>
        Number(r.seq),
      );
      expect(seqs).toEqual([...Array(before.n).keys()]);
      const events = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM event`.execute(k.db)).rows[0]!.n;
      expect(events).toBe(before.n);
      const report = await auditLedger(k);
      expect(report.mismatches).toEqual([]);
      expect(report.objects).toBe(before.n / 2);
    } finally {
      await database.close();
    }
  }, 180_000);
});
