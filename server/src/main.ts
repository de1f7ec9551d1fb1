import { configFromEnv } from './config.js';
import { openDatabase, type Database } from './kernel/db/connection.js';
import { lockDataDir, type DirLock } from './kernel/db/lock.js';
import { migrate } from './kernel/db/migrate.js';
import { join } from 'node:path';

/** Command line: `npm run cli -- <command>` (start | migrate | seed-demo | …). */
const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  start: async () => start(),
  migrate: async () => withDb(async () => 0),
  'ledger audit': async (args) => (await import('./contexts/ledger/cli.js')).ledgerAudit(args),
  'authorization clocks': async () =>
    withDb(async (db) => (await import('./contexts/authorization/cli.js')).runClocksCommand(db)),
  backup: async (args) => (await import('./ops/cli.js')).backupCommand(args),
  restore: async (args) => (await import('./ops/cli.js')).restoreCommand(args),
  'keys rotate-checkpoint': async () => (await import('./ops/keys-cli.js')).rotateCheckpointCommand(),
  'keys rotate-master': async (args) => (await import('./ops/keys-cli.js')).rotateMasterCommand(args),
  scan: async (args) => (await import('./contexts/catalog/detection/scan.js')).scanCommand(args),
  'seed-demo': async () =>
    withDb(async (db) => {
      const { seedDemo } = await import('./seed/demo.js');
      const { createKernel } = await import('./kernel/kernel.js');
      const cfg = configFromEnv();
      const k = await createKernel(db, {
        dataDir: cfg.dataDir,
        profileId: cfg.profileId,
        ledgerOrigin: cfg.ledgerOrigin,
      });
      console.log((await seedDemo(db, k)) ? 'demo data loaded' : 'demo data already present');
      return 0;
    }),
};

/** Opens the configured database (locking a PGlite directory) and migrates it. */
export async function openConfigured(): Promise<{ database: Database; lock?: DirLock }> {
  const cfg = configFromEnv();
  if (cfg.databaseUrl) {
    const database = await openDatabase({ url: cfg.databaseUrl });
    await migrate(database);
    return { database };
  }
  const lock = lockDataDir(cfg.dataDir);
  try {
    const database = await openDatabase({ dataDir: join(cfg.dataDir, 'pg') });
    await migrate(database);
    return { database, lock };
  } catch (e) {
    lock.release();
    throw e;
  }
}

async function withDb(fn: (db: Database) => Promise<number>): Promise<number> {
  const { database, lock } = await openConfigured();
  try {
    return await fn(database);
  } finally {
    await database.close();
    lock?.release();
  }
}

async function start(): Promise<number> {
  const cfg = configFromEnv();
  const { database, lock } = await openConfigured();
  const { buildApp } = await import('./app.js');
  // Browser tests only (SHUYUN_E2E_CLOCK=1, never in production): a clock they can move (e2e-clock.ts).
  const e2eClock = await import('./e2e-clock.js');
  const e2e = e2eClock.e2eClockWanted() ? e2eClock : undefined;
  const clock = e2e ? new e2e.OffsetClock() : undefined;
  const { app, kernel } = await buildApp(database, {
    clock,
    profileId: cfg.profileId,
    logLevel: cfg.logLevel,
    webDist: cfg.webDist,
    ledgerOrigin: cfg.ledgerOrigin,
    dataDir: cfg.dataDir,
  });
  if (e2e && clock) e2e.e2eClockRoutes(app, kernel, clock);
  const { seedDemo } = await import('./seed/demo.js');
  if (process.env.NODE_ENV !== 'production' && process.env.SHUYUN_DEMO !== 'off') await seedDemo(database, kernel);
  // LED-07: whatever is pending from before the start (a seed, an import, a crash) is signed before the first request.
  const { checkpointLoadedLogs } = await import('./contexts/ledger/service.js');
  for (const c of await checkpointLoadedLogs(kernel))
    if (c.refused) app.log.error({ log: c.log, reason: c.refused }, 'ledger checkpoint refused at startup');
  const { startBackground } = await import('./jobs.js');
  const { startJobQueue } = await import('./kernel/jobs/queue.js');
  if (cfg.startJobs) kernel.jobs = await startJobQueue(database);
  const stopTasks = cfg.startJobs ? await startBackground(kernel) : async () => {};
  // Online backup (issue 21): `npm run cli -- backup <dir>` asks this process over <dataDir>/ops.sock.
  const stopOps = await (await import('./ops/control.js')).startOpsControl(kernel);
  const stopJobs = async () => {
    await stopOps();
    await stopTasks();
    await kernel.jobs?.stop();
  };
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await stopJobs();
    await database.close();
    lock?.release();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: cfg.port, host: cfg.host });
  app.log.info(`数运 Shuyun ready at http://localhost:${cfg.port}/ (API /api/v1, database ${database.kind})`);
  return -1; // keep running
}

async function main() {
  const [cmd = 'start', ...args] = process.argv.slice(2);
  const sub = args[0] && COMMANDS[`${cmd} ${args[0]}`] ? `${cmd} ${args.shift()}` : cmd;
  const run = COMMANDS[sub];
  if (!run) {
    console.error(`unknown command: ${cmd}. Commands: ${Object.keys(COMMANDS).join(', ')}`);
    process.exit(2);
  }
  const code = await run(args);
  if (code >= 0) process.exit(code);
}

export function registerCommand(name: string, fn: (args: string[]) => Promise<number>) {
  COMMANDS[name] = fn;
}

const isMain = process.argv[1] && /main\.(ts|js)$/.test(process.argv[1]);
if (isMain) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
