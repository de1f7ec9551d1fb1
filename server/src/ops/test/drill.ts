import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../kernel/db/connection.js';
import { withDatabase, PGLITE_TEMPLATE_ENV, openTestDatabase } from '../../kernel/db/testing.js';
import type { Kernel } from '../../kernel/kernel.js';
import { integrate } from '../../kernel/ledger/sequencer.js';
import { signCheckpointIfDue } from '../../kernel/ledger/checkpoint.js';
import { systemActor } from '../../kernel/workflow/actor.js';
import { transition } from '../../kernel/workflow/transition.js';
import { crashThing } from '../../contexts/ledger/test/crash-lifecycle.js';

/** Test helpers of the restore drill (issue 21): the live database, a writer, a restore target. */
export const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

/** The live database: a PGlite data directory on disk, or (TEST_DATABASE_URL) a PostgreSQL database. */
export async function openLive(dataDir: string): Promise<Database> {
  if (process.env.TEST_DATABASE_URL) return openTestDatabase('bare');
  const file = process.env[PGLITE_TEMPLATE_ENV('bare')]!;
  return openDatabase({ dataDir: join(dataDir, 'pg'), loadDataDir: new Blob([readFileSync(file)]) });
}

/** An empty PostgreSQL database to restore into (undefined on PGlite), with its drop. */
export async function emptyTarget(): Promise<{ url?: string; drop: () => Promise<void> }> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) return { drop: async () => {} };
  const name = `shuyun_r_${randomBytes(6).toString('hex')}`;
  const run = async (q: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await run(`CREATE DATABASE ${name}`);
  return { url: withDatabase(admin, name), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Opens what a restore produced. */
export function openRestored(dataDir: string, url?: string): Promise<Database> {
  return url ? openDatabase({ url, poolSize: 1 }) : openDatabase({ dataDir: join(dataDir, 'pg') });
}

/**
 * Write load: each write is one transaction of two ledgered transitions; an id is pushed to
 * `acked` only after its commit returns. Every 10 writes the sequencer runs and a checkpoint is signed.
 */
export function startWriter(k: Kernel) {
  const acked: string[] = [];
  let stop = false;
  let failure: unknown;
  const actor = systemActor('restore-drill');
  const done = (async () => {
    for (let n = 1; !stop; n++) {
      const id = randomUUID();
      await k.db.transaction().execute(async (trx) => {
        const r = await transition(trx, k.workflow, {
          lifecycle: crashThing,
          action: 'create',
          actor,
          object: null,
          subject: { type: 'CrashThing' },
          values: { id },
        });
        await transition(trx, k.workflow, {
          lifecycle: crashThing,
          action: 'open',
          actor,
          object: { id, state: r.state, version: r.version },
          subject: { type: 'CrashThing' },
        });
      });
      acked.push(id);
      // PGlite answers through microtasks only: yield, as a server between requests does, or timers starve.
      await new Promise((r) => setImmediate(r));
      if (n % 10 === 0) {
        await integrate(k, 'main');
        await signCheckpointIfDue(k, 'main', { force: true });
      }
    }
  })().catch((e) => {
    failure = e;
  });
  return {
    acked,
    async until(count: number) {
      while (acked.length < count) {
        if (failure) throw failure;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async stop() {
      stop = true;
      await done;
      if (failure) throw failure;
    },
  };
}
