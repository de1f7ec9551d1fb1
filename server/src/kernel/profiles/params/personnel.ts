import type { ParamTable } from '../types.js';

// Personnel dashboard (identity.md "What users see"): how far ahead expiring background checks and NDAs are flagged.
// 90 days is a default chosen by us, not policy.
export const personnelParams: ParamTable = {
  'national-2025': { 'personnel.expiryWarningDays': 90 },
};
