import type { ParamTable } from '../types.js';

// sandbox.md parameters (SBX-*, EGR-*, SVC-*); "default chosen by us" values are design, not policy.
export const sandboxParams: ParamTable = {
  'national-2025': {
    'sandbox.maxSeatsPerWorkspace': 10,
    'sandbox.maxSqlBytes': 65536,
    'sandbox.functionAllowList': 'v1',
    'sandbox.memoryMiB': 4096,
    'sandbox.threads': 2,
    'sandbox.interactiveSec': 300,
    'sandbox.batchSec': 3600,
    'sandbox.storedRows': 10_000_000,
    'sandbox.previewRows': 1000,
    'sandbox.concurrentJobs': 2,
    'sandbox.storageGiB': 50,
    'sandbox.maxImportGiB': 10,
    'sandbox.destroyWorkingDays': 5,
    'sandbox.requireSecureReliableStack': false,
    'sandbox.dateShiftDays': 30,
    'sandbox.syncWaitMs': 5000,
    'egress.minGroupSize': 10,
    'egress.differencingGuard': true,
    'egress.allowedAggregates': ['count', 'count_star', 'count_distinct', 'sum', 'avg'],
    'egress.dp.epsilonTotal': 10,
    'egress.dp.epsilonPerRelease': 1,
    'egress.dp.delta': 1e-6,
    'egress.maxArtifactMiB': 50,
    'egress.reviewWorkingDays': 5,
    'egress.linkDays': 7,
    'egress.maxDownloads': 3,
    'service.verify.distinguishNotFound': false,
    'service.verify.maxPerSubjectPerDay': 5,
    'service.verify.sequentialAlarmCount': 20,
    'service.maxResponseBytes': 4096,
    // Default chosen by us (0053): how long the gateway reuses a call's product/order/contract/Grant facts; a suspension takes effect within it.
    'sandbox.gatewayCacheSeconds': 1,
    // Default chosen by us (0055, 0104): metering batches the gateway may have in flight at once, per database kind (PGlite
    // has one connection). PostgreSQL 2, not 4: fewer, larger batches cost less CPU per call on both sides (bench gateway.verify).
    'sandbox.gatewayWriters': { postgres: 2, pglite: 1 },
    // Default chosen by us (0106): of those batches, how many are written at once; the others are sealed meanwhile and
    // wait. One: concurrent batches append to the same index pages and cost PostgreSQL more per row (bench gateway.verify).
    'sandbox.gatewayStatements': { postgres: 1, pglite: 1 },
    // PSI-04/05 (issue 19, defaults chosen by us): list bounds, daily sessions per buyer per service, curve,
    // session lifetime (sandbox.md clocks) and how many points one request carries.
    'psi.minList': 100,
    'psi.maxList': 1_000_000,
    'psi.maxSessionsPerDay': 3,
    'psi.curve': 'P-256',
    'psi.sessionHours': 24,
    'psi.chunkSize': 50_000,
  },
  zhuhai: { 'sandbox.requireSecureReliableStack': true },
};
