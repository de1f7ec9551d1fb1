import type { BackgroundTask } from '../../jobs.js';
import { shanghaiDate } from '../../kernel/calendar/calendar.js';
import { signCheckpointIfDue } from '../../kernel/ledger/checkpoint.js';
import { integrate } from '../../kernel/ledger/sequencer.js';
import { sealPastAccessLogs } from './usecases/access-log.js';
import { anchorLatest, catchUpAnchors, configuredAnchor, staleAnchorReceipts } from './usecases/anchor.js';
import { auditRunsFinishedOn } from './store.js';
import { auditLedger } from './usecases/audit.js';
import { PUBLIC_LOGS } from './usecases/public-ledger.js';

/**
 * Ledger background work: the sequencer (LED-06, often enough for p99 ≤ integrateP99Ms),
 * the checkpoint signer (LED-07; it decides itself whether a checkpoint is due), and the
 * nightly tamper audit (LED-11, at the hour of `ledger.auditCron`, once per Shanghai day).
 */
let lastAnchorRun = 0;

export const ledgerTasks: BackgroundTask[] = [
  {
    name: 'ledger.sequencer',
    everyMs: 250,
    run: async (k) => {
      const batchSize = k.profile.get<Record<string, number>>('ledger.integrateBatch')[k.database.kind];
      for (const log of PUBLIC_LOGS) await integrate(k, log, { batchSize });
    },
  },
  {
    name: 'ledger.checkpoint',
    everyMs: 5_000,
    run: async (k) => {
      for (const log of PUBLIC_LOGS) await signCheckpointIfDue(k, log);
    },
  },
  // LED-12: anchor the latest checkpoints, catch up after outages, warn on receipts pending too long.
  {
    name: 'ledger.anchor',
    everyMs: 60_000,
    run: async (k) => {
      const now = k.clock.now().getTime();
      if (now - lastAnchorRun < k.profile.get<number>('ledger.anchorIntervalMin') * 60_000) return;
      lastAnchorRun = now;
      const anchor = configuredAnchor();
      await catchUpAnchors(k, anchor);
      for (const log of PUBLIC_LOGS) await anchorLatest(k, anchor, log);
      const stale = await staleAnchorReceipts(k);
      if (stale.length)
        console.warn(
          `[ledger.anchor] ${stale.length} anchor receipt(s) pending longer than ledger.anchorAlertHours`,
          stale.slice(0, 5),
        );
    },
  },
  // LED-21: seal each finished day's read-access file.
  {
    name: 'ledger.access-log-seal',
    everyMs: 600_000,
    run: async (k) => {
      await sealPastAccessLogs(k);
    },
  },
  {
    name: 'ledger.audit',
    everyMs: 60_000,
    run: async (k) => {
      const [min, hour] = k.profile.get<string>('ledger.auditCron').split(' ').map(Number) as [number, number];
      const now = k.clock.now();
      const local = new Date(now.getTime() + 8 * 3600_000);
      if (local.getUTCHours() < hour || (local.getUTCHours() === hour && local.getUTCMinutes() < min)) return;
      const today = shanghaiDate(now);
      if ((await auditRunsFinishedOn(k.db, today)) === 0) await auditLedger(k);
    },
  },
];
