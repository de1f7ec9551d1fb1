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
    'ledger.checkpointIntervalSec': { main: 60, audit: 600, registry: 3600 },
    'ledger.checkpointMaxAgeSec': 3600,
    'ledger.auditCron': '0 2 * * *',
    'ledger.anchorIntervalMin': 60,
    'ledger.anchorAlertHours': 6,
  },
};
