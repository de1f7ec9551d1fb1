import PgBoss from 'pg-boss';
import { CompiledQuery } from 'kysely';
import type { Database } from '../db/connection.js';
import type { Tx } from '../db/tables.js';

/**
 * One-off work that must happen only if a transaction commits (notifications, exports,
 * anchoring): queued with pg-boss on the same database (architecture §2, jobs). Workers
 * claim with SKIP LOCKED, so any number of server processes can share the queue.
 */
export interface JobQueue {
  /** Enqueues inside `trx`: rolled back with it, visible to workers once it commits. */
  enqueue(trx: Tx, name: string, data: Record<string, unknown>): Promise<void>;
  work(name: string, handler: (data: Record<string, unknown>) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

function onTransaction(trx: Tx): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      const r = await trx.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: r.rows };
    },
  };
}

export async function startJobQueue(
  database: Database,
  opts: { pollingIntervalSeconds?: number } = {},
): Promise<JobQueue> {
  const boss = new PgBoss({
    db: {
      executeSql: async (text: string, values: unknown[]) => ({
        rows: (await database.pool.query(text, values)).rows,
      }),
    },
    schema: 'pgboss',
    supervise: database.kind === 'postgres',
    schedule: false,
  });
  boss.on('error', (e) => console.error(`[jobs] ${e.message}`));
  await boss.start();
  const created = new Set<string>();
  const ensure = async (name: string) => {
    if (created.has(name)) return;
    await boss.createQueue(name);
    created.add(name);
  };
  return {
    async enqueue(trx, name, data) {
      await ensure(name);
      await boss.send(name, data, { db: onTransaction(trx) });
    },
    async work(name, handler) {
      await ensure(name);
      await boss.work(name, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }, async (jobs) => {
        for (const j of jobs) await handler(j.data as Record<string, unknown>);
      });
    },
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 5000 }),
  };
}
