import type { ParamTable } from '../types.js';

// authorization.md parameters. `authorization.incidentFreeYears` lives in identity.ts and
// luohu's `authorization.termYears` too; "default chosen by us" values are design, not policy.
export const authorizationParams: ParamTable = {
  'national-2025': {
    'authorization.selectionMethods': ['public_tender', 'invited_tender', 'competitive_negotiation'],
    'authorization.blacklistCheckMaxAgeDays': 30,
    'authorization.termYears': 2,
    'authorization.directRenewalAllowed': false,
    'authorization.reselectionLeadDays': 180,
    'authorization.expiryReminderDays': [180, 90, 30],
    'authorization.minJustificationChars': 15,
    'authorization.reviewWorkingDays': 20,
    'authorization.consentWorkingDays': 10,
    'authorization.importantSecondApprover': true,
    'authorization.planFilingDays': 30,
    'authorization.terminationDecisionWorkingDays': 5,
    'authorization.defaultMinGroupSize': 10,
    'authorization.defaultMaxOutputRows': 10000,
    'collaboration.exitFilingWorkingDays': 10,
    'rectification.defaultDays': 30,
    'emergency.drillIntervalMonths': 12,
    // AUTH-27 obligation schedule; supervision.md owns these keys (same defaults if it defines them).
    'supervision.securityReportMonths': 6,
    'supervision.assessmentMonths': 3,
  },
  zhuhai: {},
  luohu: { 'authorization.directRenewalAllowed': false },
  shenzhen: {},
};
