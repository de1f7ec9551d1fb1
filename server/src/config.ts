import { resolve } from 'node:path';

/** Process configuration from the environment (README "Configuration"). */
export interface Config {
  databaseUrl?: string;
  dataDir: string;
  port: number;
  host: string;
  profileId: string;
  logLevel: string;
  webDist?: string;
  ledgerOrigin: string;
  startJobs: boolean;
}

export function configFromEnv(env = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.SHUYUN_DATA_DIR ?? 'data'),
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '0.0.0.0',
    profileId: env.SHUYUN_PROFILE ?? 'zhuhai',
    logLevel: env.LOG_LEVEL ?? 'info',
    webDist: env.SHUYUN_WEB_DIST,
    ledgerOrigin: env.SHUYUN_LEDGER_ORIGIN ?? 'ledger.shuyun.local',
    startJobs: env.SHUYUN_JOBS !== 'off',
  };
}
