import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type pg from 'pg';
import type { Database } from '../kernel/db/connection.js';
import type { Manifest } from './manifest.js';
import { OpsError } from './messages.js';

const run = promisify(execFile);
const gzipAsync = promisify(gzip);

export interface Snapshot {
  /** Path of the database file inside the backup. */
  file: string;
  lastMigration: string;
  point: Manifest['point'];
  /** How long the database connection was held (PGlite: every request waited this long). */
  heldMs: number;
}

type Queryable = Pick<pg.ClientBase, 'query'>;

/** The backup point, read inside the snapshot: every log's latest checkpoint and the event count. */
async function readPoint(c: Queryable): Promise<{ point: Manifest['point']; lastMigration: string }> {
  const cps = await c.query<{ log_id: string; tree_size: number; root_hash: string }>(
    `SELECT DISTINCT ON (log_id) log_id, tree_size, root_hash FROM ledger_checkpoint ORDER BY log_id, tree_size DESC, id DESC`,
  );
  const ev = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM event');
  const mig = await c.query<{ name: string }>('SELECT max(name) AS name FROM schema_migration');
  return {
    lastMigration: mig.rows[0]?.name ?? '',
    point: {
      events: ev.rows[0]!.n,
      checkpoints: cps.rows.map((r) => ({ logId: r.log_id, treeSize: Number(r.tree_size), rootHash: r.root_hash })),
    },
  };
}

/**
 * PGlite is one connection (pool size 1): holding that connection stops every other query and
 * transaction of the serving process, so after a CHECKPOINT the data directory is a
 * transaction-consistent image. Requests wait for the pause (measured in docs/operations.md).
 */
async function snapshotPglite(database: Database, outDir: string): Promise<Snapshot> {
  const pglite = database.pglite!;
  const client = await database.pool.connect();
  const t0 = performance.now();
  let taken: { tar: Blob; point: Manifest['point']; lastMigration: string };
  try {
    await client.query('CHECKPOINT');
    const { point, lastMigration } = await readPoint(client);
    // Uncompressed while the connection is held; compressed after it is released (shorter pause).
    taken = { tar: await pglite.dumpDataDir('none'), point, lastMigration };
  } finally {
    client.release();
  }
  const heldMs = Math.round(performance.now() - t0);
  const file = 'db/pgdata.tar.gz';
  writeFileSync(join(outDir, file), await gzipAsync(Buffer.from(await taken.tar.arrayBuffer())));
  return { file, point: taken.point, lastMigration: taken.lastMigration, heldMs };
}

/** The connection string of a PostgreSQL database handle. */
export function postgresUrl(database: Database): string {
  const url = (database.pool.options as { connectionString?: string }).connectionString;
  if (!url) throw new Error('PostgreSQL pool without a connection string');
  return url;
}

/**
 * PostgreSQL: one REPEATABLE READ transaction exports its snapshot; the point is read in it and
 * pg_dump dumps exactly that snapshot (--snapshot), so the point and the dump agree while writes go on.
 */
async function snapshotPostgres(database: Database, outDir: string): Promise<Snapshot> {
  const client = await database.pool.connect();
  const t0 = performance.now();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snap = (await client.query<{ s: string }>('SELECT pg_export_snapshot() AS s')).rows[0]!.s;
    const { point, lastMigration } = await readPoint(client);
    const file = 'db/database.pgdump';
    try {
      await run('pg_dump', [
        '--format=custom',
        '--no-owner',
        '--no-acl',
        `--snapshot=${snap}`,
        '--file',
        join(outDir, file),
        postgresUrl(database),
      ]);
    } catch (e) {
      throw new OpsError('TOOL_FAILED', { tool: 'pg_dump', error: (e as Error).message.slice(0, 500) });
    }
    await client.query('COMMIT');
    return { file, point, lastMigration, heldMs: Math.round(performance.now() - t0) };
  } finally {
    client.release();
  }
}

export async function snapshotDatabase(database: Database, outDir: string): Promise<Snapshot> {
  mkdirSync(join(outDir, 'db'), { recursive: true });
  return database.kind === 'pglite' ? snapshotPglite(database, outDir) : snapshotPostgres(database, outDir);
}
