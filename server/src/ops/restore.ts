import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../kernel/db/connection.js';
import { keyCheck } from './backup.js';
import { verifyBackup, type Manifest } from './manifest.js';
import { OpsError } from './messages.js';

const run = promisify(execFile);

export interface RestoreTarget {
  dataDir: string;
  /** PostgreSQL: an empty database to restore into; absent = PGlite under `<dataDir>/pg`. */
  databaseUrl?: string;
  /** Pin the manifest signer (SHUYUN_BACKUP_TRUST_KEY). */
  trustedKeyHex?: string;
}

/** A master key supplied from outside must be the one the backup was taken with, or nothing decrypts. */
function checkMasterKey(m: Manifest) {
  const env = process.env.SHUYUN_MASTER_KEY;
  if (!env && m.keys.masterKey.source === 'environment') throw new OpsError('MASTER_KEY_NEEDED');
  if (env && keyCheck(env.toLowerCase()) !== m.keys.masterKey.check)
    throw new OpsError('MASTER_KEY_MISMATCH', { expectedCheck: m.keys.masterKey.check });
}

async function assertEmptyDatabase(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    if (r.rows[0]!.n > 0) throw new OpsError('DATABASE_NOT_EMPTY', { tables: r.rows[0]!.n });
  } finally {
    await c.end();
  }
}

async function restoreDatabase(dir: string, m: Manifest, t: RestoreTarget) {
  const file = join(dir, m.database.file);
  if (m.database.kind === 'postgres') {
    try {
      await run('pg_restore', ['--no-owner', '--no-acl', '--exit-on-error', '--dbname', t.databaseUrl!, file]);
    } catch (e) {
      throw new OpsError('TOOL_FAILED', { tool: 'pg_restore', error: (e as Error).message.slice(0, 500) });
    }
    return;
  }
  // PGlite unpacks the dump into the new directory on first open (crash recovery replays its WAL).
  const db = await openDatabase({ dataDir: join(t.dataDir, 'pg'), loadDataDir: new Blob([readFileSync(file)]) });
  await db.close();
}

/**
 * `SHUYUN_DATA_DIR=<new> npm run cli -- restore <dir>` (issue 21): verifies the backup before
 * touching anything, refuses a target that is not empty, then rebuilds the database and the files.
 */
export async function restoreBackup(backupDir: string, t: RestoreTarget): Promise<Manifest> {
  const dir = resolve(backupDir);
  const { manifest } = await verifyBackup(dir, t.trustedKeyHex);
  checkMasterKey(manifest);
  const wanted = t.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.database.kind !== wanted)
    throw new OpsError('DATABASE_KIND', { backup: manifest.database.kind, target: wanted });
  const dataDir = resolve(t.dataDir);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw new OpsError('DATA_DIR_NOT_EMPTY', { dataDir });
  if (t.databaseUrl) await assertEmptyDatabase(t.databaseUrl);
  mkdirSync(dataDir, { recursive: true });
  await restoreDatabase(dir, manifest, { ...t, dataDir });
  if (existsSync(join(dir, 'files'))) cpSync(join(dir, 'files'), dataDir, { recursive: true });
  return manifest;
}
