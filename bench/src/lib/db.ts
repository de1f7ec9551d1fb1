import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { openDatabase, type Database } from '../../../server/src/kernel/db/connection.js';
import { migrate } from '../../../server/src/kernel/db/migrate.js';
import { withDatabase } from '../../../server/src/kernel/db/testing.js';

/** Migrated in-memory PGlite. */
export async function benchPglite(): Promise<Database> {
  const d = await openDatabase();
  await migrate(d);
  return d;
}

/** A fresh migrated PostgreSQL database (BENCH_DATABASE_URL or TEST_DATABASE_URL), dropped on close unless BENCH_KEEP. */
export async function benchPostgres(env: NodeJS.ProcessEnv, poolSize = 8): Promise<Database | null> {
  const url = env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL;
  if (!url) return null;
  const name = `shuyun_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const d = await openDatabase({ url: withDatabase(url, name), poolSize });
  await migrate(d);
  const close = d.close;
  d.close = async () => {
    await close();
    if (env.BENCH_KEEP) return console.error(`BENCH_KEEP: kept ${name}`); // for EXPLAIN after a run
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  return d;
}

/**
 * A named dataset kept between runs (a bench whose load takes minutes, e.g. market.settle at 10M): a PGlite data
 * directory at `path`, or the PostgreSQL database `name` on BENCH_DATABASE_URL's server. Created and migrated when
 * missing (`fresh` true: the caller loads it), migrated and reused otherwise; never dropped.
 */
export async function keptPglite(path: string): Promise<{ db: Database; fresh: boolean }> {
  const fresh = !existsSync(path);
  const db = await openDatabase({ dataDir: path });
  await migrate(db);
  return { db, fresh };
}

export async function keptPostgres(env: NodeJS.ProcessEnv, name: string, poolSize = 8) {
  const url = env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL;
  if (!url) return null;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const fresh = !(await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
  if (fresh) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const db = await openDatabase({ url: withDatabase(url, name), poolSize });
  await migrate(db);
  return { db, fresh };
}
