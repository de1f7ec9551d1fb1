/**
 * The ledger context's port for the other contexts (style.md §1: they read through it, never the
 * store): flushing and checkpointing the logs, the audit, and retention (SBX-14 records its
 * Workspace purges here and registers their residue check).
 */
export { auditLedger, type Mismatch } from './usecases/audit.js';
export { destructionRecordStates } from './usecases/destruction-states.js';
export { checkpointLoadedLogs, flushLog, inclusion, PUBLIC_LOGS } from './usecases/public-ledger.js';
export {
  activeHolds,
  defineResidueCheck,
  proposeDestruction,
  recordMandatedDestruction,
} from './usecases/retention.js';
