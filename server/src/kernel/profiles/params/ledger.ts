import type { ParamTable } from '../types.js';

// ledger.md parameters.
export const ledgerParams: ParamTable = {
  'national-2025': {
    'ledger.hash': 'sm3',
    'ledger.signAlg': 'sm2-sm3',
    'ledger.saltBytes': 32,
    'ledger.integrateP99Ms': 1000,
    // Default chosen by us (0055): entries per sequencer transaction. PGlite has one connection, so its
    // batch is what every other query waits behind (bench gateway.verify p99); PostgreSQL runs them beside it.
    'ledger.integrateBatch': { postgres: 5000, pglite: 64 },
    // Default chosen by us (0106): batches of at least this many events are sealed on the sealing worker
    // thread (kernel/ledger/sealer.ts), so the main thread keeps serving; 0 seals every batch inline.
    'ledger.sealWorkerMinBatch': { postgres: 8, pglite: 8 },
    'ledger.checkpointIntervalSec': { main: 60, audit: 600, registry: 3600 },
    'ledger.checkpointMaxAgeSec': 3600,
    'ledger.auditCron': '0 2 * * *',
    'ledger.anchorIntervalMin': 60,
    'ledger.anchorAlertHours': 6,
  },
};
