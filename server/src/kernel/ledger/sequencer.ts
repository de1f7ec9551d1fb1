import type { Clock } from '../clock.js';
import type { Profile } from '../profiles/index.js';
import type { Secrets } from '../secrets.js';
import { logIdFor, type LedgerConfig } from './append.js';
import { appendBatch, ensureLog, lockLog, pendingEntries } from './store.js';
import type { Executor } from '../db/tables.js';

/** What the sequencer and signer need from the kernel (a Kernel satisfies it). */
export interface LedgerDeps {
  db: Executor;
  ledger: LedgerConfig;
  clock: Clock;
  profile: Profile;
  secrets: Secrets;
}

export interface IntegrateResult {
  logId: string;
  integrated: number;
  treeSize: number;
}

/**
 * The single sequencer of a log (LED-06): under a transaction advisory lock, assigns
 * gapless seq to pending entries in (created_at, event_id) order, batch by batch, and
 * stores the new tree nodes. A crash rolls back the open batch only; committed entries
 * stay pending and are picked up by the next run, so no seq is ever skipped.
 */
export async function integrate(
  k: LedgerDeps,
  log: string,
  opts: { batchSize?: number; maxBatches?: number } = {},
): Promise<IntegrateResult> {
  const logId = logIdFor(k.ledger, log);
  const batchSize = opts.batchSize ?? 5000;
  let integrated = 0;
  let treeSize = 0;
  for (let b = 0; b < (opts.maxBatches ?? Infinity); b++) {
    const n = await k.db.transaction().execute(async (trx) => {
      await lockLog(trx, logId);
      const row = await ensureLog(trx, logId, k.ledger.hash);
      treeSize = Number(row.tree_size);
      const rows = await pendingEntries(trx, logId, batchSize);
      if (rows.length) treeSize = await appendBatch(trx, row, rows);
      return rows.length;
    });
    integrated += n;
    if (n < batchSize) break;
  }
  return { logId, integrated, treeSize };
}
