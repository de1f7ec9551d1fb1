import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLedger } from '../contexts/ledger/usecases/audit.js';
import { ensureCrashTable } from '../contexts/ledger/test/crash-lifecycle.js';
import type { Database } from '../kernel/db/connection.js';
import { migrate } from '../kernel/db/migrate.js';
import { createKernel, type Kernel } from '../kernel/kernel.js';
import { latestCheckpoint, ledgerVerifier, signCheckpointIfDue } from '../kernel/ledger/checkpoint.js';
import { logIdFor } from '../kernel/ledger/append.js';
import { consistencyProof, hasherFor, verifyConsistency } from '../kernel/ledger/merkle.js';
import { verifyNote } from '../kernel/ledger/note.js';
import { integrate } from '../kernel/ledger/sequencer.js';
import { withStoredNodes } from '../kernel/ledger/store.js';
import { takeBackup, type BackupResult } from './backup.js';
import { OpsError } from './messages.js';
import { restoreBackup } from './restore.js';
import { lastVerifiedBackup } from './store.js';
import { emptyTarget, openLive, openRestored, startWriter, tmp } from './test/drill.js';

const engine = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';

describe(`restore drill on ${engine} (issue 21)`, () => {
  const liveDir = tmp('shuyun-live-');
  const backupDir = join(tmp('shuyun-bak-'), 'b1');
  let live: Database;
  let k: Kernel;
  let backup: BackupResult;
  let ackedBeforeBackup: string[];

  beforeAll(async () => {
    live = await openLive(liveDir);
    k = await createKernel(live, { dataDir: liveDir });
    await ensureCrashTable(k.db);
    mkdirSync(join(liveDir, 'controlled'), { recursive: true });
    writeFileSync(join(liveDir, 'controlled', 'r1.v1.parquet'), 'PAR1 controlled bytes');
    // Under write load: back up once 40 writes are acknowledged, keep writing 40 more.
    const writer = startWriter(k);
    await writer.until(40);
    ackedBeforeBackup = [...writer.acked];
    backup = await takeBackup(k, backupDir);
    await writer.until(writer.acked.length + 40);
    await writer.stop();
    await integrate(k, 'main');
    await signCheckpointIfDue(k, 'main', { force: true });
  }, 180_000);

  afterAll(async () => {
    await live?.close();
  });

  it('records the verified backup (for the backup-age alert) and signs its manifest', async () => {
    const row = await lastVerifiedBackup(k.db);
    expect(row?.id).toBe(backup.manifest.id);
    expect(row?.manifest_sm3).toBe(backup.manifestSm3);
    expect(backup.manifest.files.map((f) => f.path)).toContain('files/controlled/r1.v1.parquet');
    expect(backup.manifest.database.kind).toBe(live.kind);
  });

  it('restores into a new directory: ledger audit clean, every write acknowledged before the backup present, restored ledger a prefix of the live one by a consistency proof', async () => {
    const target = await emptyTarget();
    const newDir = tmp('shuyun-restored-');
    await restoreBackup(backupDir, { dataDir: newDir, databaseUrl: target.url });
    const restored = await openRestored(newDir, target.url);
    try {
      await migrate(restored);
      const k2 = await createKernel(restored, { dataDir: newDir });
      const report = await auditLedger(k2);
      expect(report.mismatches).toEqual([]);
      expect(report.entries).toBeGreaterThanOrEqual(ackedBeforeBackup.length * 2);

      const ids = new Set((await sql<{ id: string }>`SELECT id FROM crash_thing`.execute(k2.db)).rows.map((r) => r.id));
      expect(ackedBeforeBackup.filter((id) => !ids.has(id))).toEqual([]);
      const liveCount = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM crash_thing`.execute(k.db)).rows[0]!.n;
      expect(ids.size).toBeLessThan(liveCount); // writes went on after the backup point

      const logId = logIdFor(k.ledger, 'main');
      const old = (await latestCheckpoint(k2.db, logId))!;
      const head = (await latestCheckpoint(k.db, logId))!;
      expect(backup.manifest.point.checkpoints).toContainEqual({
        logId,
        treeSize: Number(old.tree_size),
        rootHash: old.root_hash,
      });
      expect(verifyNote(old.note_text, [ledgerVerifier(k, 'main')])).toBe(true);
      const m = Number(old.tree_size);
      const n = Number(head.tree_size);
      expect(m).toBeLessThan(n);
      const h = hasherFor(k.ledger.hash);
      const proof = await withStoredNodes(k.db, logId, (read) => consistencyProof(h, read, m, n));
      const ok = (root: string) =>
        verifyConsistency(h, m, n, Buffer.from(root, 'hex'), Buffer.from(head.root_hash, 'hex'), proof);
      expect(ok(old.root_hash)).toBe(true);
      expect(ok('00'.repeat(32))).toBe(false); // the check can fail

      expect(readFileSync(join(newDir, 'controlled', 'r1.v1.parquet'), 'utf8')).toBe('PAR1 controlled bytes');
      expect(existsSync(join(newDir, 'ops.sock'))).toBe(false);
    } finally {
      await restored.close();
      await target.drop();
    }
  }, 180_000);

  it('refuses a data directory that is not empty, before writing anything', async () => {
    const busy = tmp('shuyun-busy-');
    writeFileSync(join(busy, 'keep.txt'), 'x');
    const e = await restoreBackup(backupDir, { dataDir: busy }).catch((x) => x);
    expect(e).toBeInstanceOf(OpsError);
    expect((e as OpsError).code).toBe(process.env.TEST_DATABASE_URL ? 'DATABASE_KIND' : 'DATA_DIR_NOT_EMPTY');
    expect(existsSync(join(busy, 'pg'))).toBe(false);
  });

  it('refuses a backup that does not verify: a changed file, an unlisted file, a forged manifest', async () => {
    const copy = join(tmp('shuyun-tamper-'), 'b');
    const { cpSync } = await import('node:fs');
    const attempt = async (mutate: (dir: string) => void) => {
      cpSync(backupDir, copy, { recursive: true, force: true });
      mutate(copy);
      const e = await restoreBackup(copy, { dataDir: tmp('shuyun-t-') }).catch((x) => x);
      return (e as OpsError).code;
    };
    const parquet = (d: string) => join(d, 'files', 'controlled', 'r1.v1.parquet');
    expect(await attempt((d) => writeFileSync(parquet(d), 'PAR1 changed  bytes'))).toBe('FILE_CHANGED');
    expect(await attempt((d) => writeFileSync(join(d, 'files', 'extra.bin'), 'x'))).toBe('FILE_UNLISTED');
    const forged = (d: string) => {
      const p = join(d, 'manifest.json');
      writeFileSync(p, readFileSync(p, 'utf8').replace(/"events": \d+/, '"events": 1'));
    };
    expect(await attempt(forged)).toBe('MANIFEST_SIGNATURE');
    // Intact copy verifies; pinned to another key it does not.
    const other = '04'.padEnd(130, '1');
    const e = await restoreBackup(backupDir, { dataDir: tmp('shuyun-t-'), trustedKeyHex: other }).catch((x) => x);
    expect((e as OpsError).code).toBe('MANIFEST_UNTRUSTED_KEY');
  });

  it('refuses a backup directory that is not empty or lies inside the data directory', async () => {
    await expect(takeBackup(k, backupDir)).rejects.toMatchObject({ code: 'BACKUP_DIR_NOT_EMPTY' });
    await expect(takeBackup(k, join(liveDir, 'bk'))).rejects.toMatchObject({ code: 'BACKUP_DIR_INSIDE_DATA' });
  });
});
