import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { sm3Hex } from '../kernel/crypto/sm3.js';
import type { Kernel } from '../kernel/kernel.js';
import { describeFiles, listFiles, verifyBackup, writeSignedManifest, type Manifest } from './manifest.js';
import { OpsError } from './messages.js';
import { snapshotDatabase } from './snapshot.js';
import { recordBackup } from './store.js';

/** Files of the data directory that are not data: the database itself (snapshotted), the lock, the socket. */
const NOT_DATA = new Set(['pg', 'shuyun.lock', 'ops.sock']);

export type BackupDeps = Pick<Kernel, 'database' | 'db' | 'secrets' | 'dataDir' | 'clock'>;

export interface BackupResult {
  dir: string;
  manifest: Manifest;
  manifestSm3: string;
  bytes: number;
  /** How long the database snapshot held the connection (PGlite: writes wait that long). */
  snapshotMs: number;
}

/** A key's check value: names the key without revealing it (restore compares, issue 21). */
export function keyCheck(value: string): string {
  return sm3Hex(`shuyun-key-check:${value}`).slice(0, 16);
}

function keysOf(k: BackupDeps): Manifest['keys'] {
  const src = (env: string) => (process.env[env] ? ('environment' as const) : ('database' as const));
  return {
    masterKey: { source: src('SHUYUN_MASTER_KEY'), check: keyCheck(k.secrets.masterKeys.key(1).toString('hex')) },
    apiKeyPepper: { source: src('SHUYUN_API_KEY_PEPPER'), check: keyCheck(k.secrets.apiKeyPepper.toString('hex')) },
    ledgerSigningKey: { source: src('SHUYUN_LEDGER_SM2_KEY'), check: k.secrets.ledgerSigningKey.publicKeyHex },
  };
}

function prepareDir(dir: string, dataDir: string) {
  const rel = relative(dataDir, dir);
  if (rel === '' || (!rel.startsWith('..') && !rel.startsWith('/')))
    throw new OpsError('BACKUP_DIR_INSIDE_DATA', { dir });
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new OpsError('BACKUP_DIR_NOT_EMPTY', { dir });
  mkdirSync(dir, { recursive: true });
}

/**
 * Online backup (issue 21): the database from one consistent snapshot, then the data directory's
 * files (controlled store, workspaces, access logs) — copied after the snapshot, so every file a
 * snapshot row names is there (files are written before the row that names them commits). The
 * wrapped data keys travel inside the database (ledger payload keys, encrypted fields,
 * kernel_secret); the manifest records how the keys were held and their check values. The manifest
 * lists each file's SM3 and is signed with the platform's SM2 key; the backup is read back and
 * verified before it is recorded as the last verified backup.
 */
export async function takeBackup(k: BackupDeps, target: string): Promise<BackupResult> {
  const dir = resolve(target);
  prepareDir(dir, k.dataDir);
  const takenAt = k.clock.now();
  const snap = await snapshotDatabase(k.database, dir);
  const snapshotMs = snap.heldMs;
  const data = readdirSync(k.dataDir).filter((n) => !NOT_DATA.has(n));
  for (const name of data) cpSync(join(k.dataDir, name), join(dir, 'files', name), { recursive: true });
  const files = await describeFiles(dir, listFiles(dir));
  const manifest: Manifest = {
    format: 'shuyun-backup/1',
    id: randomUUID(),
    takenAt: takenAt.toISOString(),
    database: { kind: k.database.kind, file: snap.file, lastMigration: snap.lastMigration },
    point: snap.point,
    keys: keysOf(k),
    files,
    signer: { alg: 'sm2', publicKeyHex: k.secrets.ledgerSigningKey.publicKeyHex },
  };
  writeSignedManifest(dir, manifest, k.secrets.ledgerSigningKey);
  const verified = await verifyBackup(dir, k.secrets.ledgerSigningKey.publicKeyHex);
  const bytes = files.reduce((s, f) => s + f.bytes, 0);
  await recordBackup(k.db, {
    id: manifest.id,
    location: dir,
    db_kind: k.database.kind,
    manifest_sm3: verified.sm3,
    bytes,
    files: files.length,
    taken_at: takenAt,
    verified_at: k.clock.now(),
  });
  return { dir, manifest, manifestSm3: verified.sm3, bytes, snapshotMs };
}
