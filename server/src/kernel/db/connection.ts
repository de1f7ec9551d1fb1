import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB as Schema } from './schema.js';

// Postgres returns int8 and numeric as strings; we keep bigint counters in JS numbers
// (sequence numbers stay far below 2^53).
pg.types.setTypeParser(20, (v) => Number(v));

export type DbKind = 'pglite' | 'postgres';

/** An open system-of-record connection: PGlite (embedded) or a PostgreSQL server. */
export interface Database<DB = Schema> {
  kind: DbKind;
  db: Kysely<DB>;
  pool: pg.Pool;
  pglite?: PGlite;
  close(): Promise<void>;
}

export type Trx<DB = Schema> = Transaction<DB>;

export interface OpenOptions {
  /** postgres://… for a real server; otherwise PGlite. */
  url?: string;
  /** PGlite data directory; omitted = in memory. */
  dataDir?: string;
  /** A PGlite data directory dump to start from (tests clone a migrated template). */
  loadDataDir?: Blob;
  /** Pool size for PostgreSQL (PGlite is always 1). */
  poolSize?: number;
}

export async function openDatabase<DB = Schema>(opts: OpenOptions = {}): Promise<Database<DB>> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on next use.
    pool.on('error', (err) => console.error(`[db] idle connection error: ${err.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { kind: 'postgres', db, pool, close: () => db.destroy() };
  }
  const pglite = new PGlite({ dataDir: opts.dataDir, loadDataDir: opts.loadDataDir });
  await pglite.waitReady;
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'pglite',
    db,
    pool,
    pglite,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
