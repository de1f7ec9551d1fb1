import type { ParamTable } from '../types.js';

// ledger.md LED-14..LED-17 retention parameters (reg.retentionYears, audit.retentionYears and
// market.recordRetentionYears live with their own capabilities).
export const retentionParams: ParamTable = {
  'national-2025': {
    'retention.authorizationPermanent': true,
    'retention.accessLogMonths': 6,
    'retention.accessLogHealthYears': 3,
    'retention.sandboxLogYears': 30,
    'retention.valuationYears': { statutory: 30, other: 15 },
    'retention.supervisionYears': 30,
    'retention.businessYears': 30,
    'retention.tradingYearsDefault': 30,
    'retention.tempDeleteWorkingDays': 5,
  },
};
