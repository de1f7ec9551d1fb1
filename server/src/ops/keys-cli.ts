import { configFromEnv } from '../config.js';
import { createKernel, type Kernel } from '../kernel/kernel.js';
import { openConfigured } from '../main.js';
import { requestControl } from './control.js';
import type { CheckpointRotationResult, MasterRotationResult } from './keys.js';
import { rotateCheckpointKey, rotateMasterKey } from './keys.js';
import { describeOpsError, OpsError } from './messages.js';

type ErrorBody = { code: string; message_zh: string; message_en: string; details?: unknown };

function printCheckpoint(r: CheckpointRotationResult) {
  console.log(
    `检查点密钥已轮换 / checkpoint key rolled over: generation ${r.generation}, key id ${r.oldKeyId} → ${r.newKeyId}`,
  );
  for (const c of r.lastCheckpoints)
    console.log(`  旧密钥最后签署 / last signed by the old key: ${c.logId} size ${c.treeSize}`);
  for (const c of r.signedAfter) console.log(`  新密钥已签署 / signed with the new key: ${c.log} size ${c.treeSize}`);
  console.log('  公钥链 / key chain: GET /api/v1/ledger/public-keys (ledger-verify --chain)');
}

function printMaster(r: MasterRotationResult) {
  console.log(
    `主密钥已轮换 / master key rotated: version ${r.fromVersion} → ${r.toVersion} (rotation ${r.rotationId})`,
  );
  for (const [col, n] of Object.entries(r.counts)) console.log(`  ${col}: ${n} re-wrapped`);
}

/** Without a serving process (or on PostgreSQL): rotate from this process. */
async function here<T>(run: (k: Kernel) => Promise<T>, print: (r: T) => void): Promise<number> {
  const cfg = configFromEnv();
  const { database, lock } = await openConfigured();
  try {
    const k = await createKernel(database, {
      profileId: cfg.profileId,
      dataDir: cfg.dataDir,
      ledgerOrigin: cfg.ledgerOrigin,
    });
    print(await run(k));
    return 0;
  } catch (e) {
    if (!(e instanceof OpsError)) throw e;
    console.error(describeOpsError(e.toJSON()));
    return 1;
  } finally {
    await database.close();
    lock?.release();
  }
}

/** Online through the serving process's control socket when one holds the data directory (PGlite). */
async function online<T>(op: string, payload: unknown, run: (k: Kernel) => Promise<T>, print: (r: T) => void) {
  const cfg = configFromEnv();
  const answer = cfg.databaseUrl ? undefined : await requestControl(cfg.dataDir, op, payload);
  if (!answer) return here(run, print);
  if (answer.status === 200) {
    print(answer.json as T);
    return 0;
  }
  console.error(describeOpsError((answer.json as { error: ErrorBody }).error));
  return 1;
}

/** `npm run cli -- keys rotate-checkpoint` (decision 0102). */
export const rotateCheckpointCommand = () =>
  online('/keys/rotate-checkpoint', {}, (k) => rotateCheckpointKey(k), printCheckpoint);

/** `npm run cli -- keys rotate-master [--batch N]` (decision 0103). */
export function rotateMasterCommand(args: string[]) {
  const i = args.indexOf('--batch');
  const batchSize = i >= 0 ? Number(args[i + 1]) : undefined;
  return online('/keys/rotate-master', { batchSize }, (k) => rotateMasterKey(k, { batchSize }), printMaster);
}
