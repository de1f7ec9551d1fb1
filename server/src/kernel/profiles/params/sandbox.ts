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
    // Default chosen by us (0055): metering batches the gateway may have in flight at once, per database kind (PGlite has one connection).
    'sandbox.gatewayWriters': { postgres: 4, pglite: 1 },
  },
  zhuhai: { 'sandbox.requireSecureReliableStack': true },
};
