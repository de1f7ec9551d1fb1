import { resolve } from 'node:path';
import { configFromEnv } from '../config.js';
import { createKernel } from '../kernel/kernel.js';
import { openConfigured } from '../main.js';
import { summary, requestBackup, type BackupSummary } from './control.js';
import { takeBackup } from './backup.js';
import { describeOpsError, OpsError } from './messages.js';
import { restoreBackup } from './restore.js';

type ErrorBody = { code: string; message_zh: string; message_en: string; details?: unknown };

function printDone(s: BackupSummary) {
  console.log(
    `备份完成并已校验 / backup taken and verified: ${s.dir}\n  ${s.files} files, ${s.bytes} bytes, database ${s.database}, snapshot held ${s.snapshotMs} ms, manifest SM3 ${s.manifestSm3}`,
  );
  for (const c of s.checkpoints) console.log(`  checkpoint ${c.logId} size ${c.treeSize} root ${c.rootHash}`);
}

function fail(e: unknown): number {
  if (e instanceof OpsError) console.error(describeOpsError(e.toJSON()));
  else throw e;
  return 1;
}

/** Without a serving process (or on PostgreSQL, where any process may dump): back up from here. */
async function backupHere(dir: string): Promise<number> {
  const cfg = configFromEnv();
  const { database, lock } = await openConfigured();
  try {
    const k = await createKernel(database, { profileId: cfg.profileId, dataDir: cfg.dataDir });
    printDone(summary(await takeBackup(k, dir)));
    return 0;
  } catch (e) {
    return fail(e);
  } finally {
    await database.close();
    lock?.release();
  }
}

/** `npm run cli -- backup <dir>`: online through the serving process when one holds the data directory. */
export async function backupCommand(args: string[]): Promise<number> {
  if (!args[0]) return fail(new OpsError('BACKUP_NO_DIR'));
  const dir = resolve(args[0]);
  const cfg = configFromEnv();
  const answer = cfg.databaseUrl ? undefined : await requestBackup(cfg.dataDir, dir);
  if (!answer) return backupHere(dir);
  if (answer.status === 200) {
    printDone(answer.json as BackupSummary);
    return 0;
  }
  console.error(describeOpsError((answer.json as { error: ErrorBody }).error));
  return 1;
}

/** `SHUYUN_DATA_DIR=<new> npm run cli -- restore <dir>`. */
export async function restoreCommand(args: string[]): Promise<number> {
  if (!args[0]) return fail(new OpsError('RESTORE_NO_DIR'));
  const cfg = configFromEnv();
  try {
    const m = await restoreBackup(args[0], {
      dataDir: cfg.dataDir,
      databaseUrl: cfg.databaseUrl,
      trustedKeyHex: process.env.SHUYUN_BACKUP_TRUST_KEY,
    });
    console.log(
      `恢复完成 / restored backup ${m.id} (${m.takenAt}) into ${cfg.databaseUrl ? 'PostgreSQL' : cfg.dataDir}; 请运行 / now run: npm run cli -- ledger audit`,
    );
    return 0;
  } catch (e) {
    return fail(e);
  }
}
