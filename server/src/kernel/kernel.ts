import { chinaCalendar, type WorkingCalendar } from './calendar/calendar.js';
import { systemClock, type Clock } from './clock.js';
import type { Database } from './db/connection.js';
import type { LedgerConfig } from './ledger/append.js';
import { loadProfile, type Profile } from './profiles/index.js';
import { loadSecrets, type Secrets } from './secrets.js';
import type { WorkflowDeps } from './workflow/transition.js';
import type { JobQueue } from './jobs/queue.js';
import { sql } from 'kysely';
import { resolve } from 'node:path';

export interface KernelOptions {
  profileId?: string;
  clock?: Clock;
  ledgerOrigin?: string;
  dataDir?: string;
}

/** The building blocks every context receives (architecture §3 kernel/). */
export interface Kernel {
  database: Database;
  db: Database['db'];
  clock: Clock;
  profile: Profile;
  calendar: WorkingCalendar;
  secrets: Secrets;
  ledger: LedgerConfig;
  workflow: WorkflowDeps;
  dataDir: string;
  /** After-commit job queue (pg-boss); absent in tests unless started. */
  jobs?: JobQueue;
  /** Re-reads deployment overrides into `profile` (after an override event). */
  reloadProfile(): Promise<void>;
}

export async function createKernel(database: Database, opts: KernelOptions = {}): Promise<Kernel> {
  const secrets = await loadSecrets(database.db);
  const profileId = opts.profileId ?? 'zhuhai';
  const overrides = await readOverrides(database);
  const profile = loadProfile(profileId, overrides);
  const ledger: LedgerConfig = {
    origin: opts.ledgerOrigin ?? 'ledger.shuyun.local',
    hash: profile.get<'sm3' | 'sha256'>('ledger.hash'),
    saltBytes: profile.get<number>('ledger.saltBytes'),
    masterKey: secrets.masterKeys.currentKey,
    sealWorkerMinBatch: profile.get<Record<string, number>>('ledger.sealWorkerMinBatch')[database.kind],
  };
  const clock = opts.clock ?? systemClock;
  const workflow: WorkflowDeps = { ledger, clock, profile };
  const k: Kernel = {
    database,
    db: database.db,
    clock,
    profile,
    calendar: chinaCalendar(),
    secrets,
    ledger,
    workflow,
    dataDir: resolve(opts.dataDir ?? process.env.SHUYUN_DATA_DIR ?? 'data'),
    async reloadProfile() {
      k.profile = loadProfile(profileId, await readOverrides(database));
      k.workflow.profile = k.profile;
    },
  };
  return k;
}

async function readOverrides(database: Database): Promise<Record<string, unknown>> {
  const rows = await sql<{
    key: string;
    value: unknown;
  }>`SELECT key, value FROM profile_override WHERE state = 'active' AND scope = 'deployment'`.execute(database.db);
  return Object.fromEntries(rows.rows.map((r) => [r.key, r.value]));
}
