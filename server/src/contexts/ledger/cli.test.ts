import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordAuditAlone } from '../../kernel/audit.js';
import { type Database, openDatabase } from '../../kernel/db/connection.js';
import { createKernel } from '../../kernel/kernel.js';
import { parseNote } from '../../kernel/ledger/note.js';
import { systemActor } from '../../kernel/workflow/actor.js';

const ROOT = join(__dirname, '../../../..');
const dir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
const env = { ...process.env, SHUYUN_DATA_DIR: dir, SHUYUN_LEDGER_ORIGIN: 'ledger.shuyun.local', DATABASE_URL: '' };
// Async spawn: a blocking spawnSync would starve the vitest worker's RPC.
const cli = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string }>((resolve) => {
    const c = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...args], { cwd: ROOT, env });
    let stdout = '';
    c.stdout.on('data', (d) => {
      stdout += String(d);
    });
    c.on('close', (status) => resolve({ status, stdout }));
  });

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dataDir: join(dir, 'pg') });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Entries per log and the latest checkpoint's size per log, read from the data directory. */
const coverage = () =>
  withDb(
    async (db) =>
      (
        await sql<{ log: string; entries: number; pending: number; checkpoint: number | null }>`SELECT e.log_id AS log,
    count(*)::int AS entries, count(*) FILTER (WHERE e.seq IS NULL)::int AS pending,
    (SELECT max(tree_size)::int FROM ledger_checkpoint c WHERE c.log_id = e.log_id) AS checkpoint
  FROM ledger_entry e GROUP BY e.log_id ORDER BY 1`.execute(db.db)
      ).rows,
  );

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

beforeAll(async () => {
  expect((await cli('seed-demo')).status).toBe(0);
}, 180_000);

describe('LED-07 a checkpoint right after a seed and at startup (issue 12 finding 9)', () => {
  it('`seed-demo` leaves every seeded entry integrated and signed; `start` signs what is pending before its first request', async () => {
    const seeded = await coverage();
    expect(seeded.map((r) => r.log)).toEqual(['ledger.shuyun.local/audit-sm3', 'ledger.shuyun.local/main-sm3']);
    for (const r of seeded) expect(r).toMatchObject({ pending: 0, checkpoint: r.entries });
    // An entry written after the seed, while no server runs: the start signs it before serving.
    await withDb(async (db) =>
      recordAuditAlone(db.db, (await createKernel(db)).ledger, {
        action: 'test.offline',
        actor: systemActor('t'),
        targetType: 'Thing',
        targetId: 'offline',
        result: 'success',
      }),
    );
    const port = await freePort();
    const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'start'], {
      cwd: ROOT,
      env: {
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        SHUYUN_JOBS: 'off',
        LOG_LEVEL: 'warn',
        SHUYUN_WEB_DIST: '/nonexistent',
      },
    });
    const exited = new Promise((resolve) => server.on('close', resolve));
    try {
      let health = 0;
      for (let i = 0; i < 600 && health !== 200; i++) {
        health = await fetch(`http://127.0.0.1:${port}/api/health`).then(
          (r) => r.status,
          () => 0,
        );
        if (health !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(health).toBe(200);
      for (const [log, entries] of [
        ['main', seeded[1]!.entries],
        ['audit', seeded[0]!.entries + 1],
      ] as const) {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/ledger/checkpoint?log=${log}`);
        expect(res.status).toBe(200);
        expect(parseNote(await res.text()).checkpoint.treeSize).toBe(entries);
      }
    } finally {
      server.kill('SIGTERM');
      await exited;
    }
  }, 180_000);
});

describe('LED-11 `npm run cli -- ledger audit`', () => {
  it('exits 0 on an untouched demo database and 1, naming the check, after one byte of a leaf changed', async () => {
    const clean = await cli('ledger', 'audit');
    expect(clean.stdout).toMatch(/clean/);
    expect(clean.status).toBe(0);

    await withDb(async (db) => {
      await sql`ALTER TABLE ledger_entry DISABLE TRIGGER USER`.execute(db.db);
      await sql`UPDATE ledger_entry SET leaf_data = overlay(leaf_data placing '\\x21'::bytea from 5 for 1) WHERE event_id = (SELECT min(event_id::text)::uuid FROM ledger_entry)`.execute(
        db.db,
      );
    });
    const dirty = await cli('ledger', 'audit');
    expect(dirty.status).toBe(1);
    expect(dirty.stdout).toMatch(/leaf_hash/);
    expect(dirty.stdout).toMatch(/incident/);
  }, 180_000);
});
