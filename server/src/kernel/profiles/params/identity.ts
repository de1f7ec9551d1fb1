import type { ParamTable } from '../types.js';

// identity.md parameters ("default chosen by us" values are design, not policy).
export const identityParams: ParamTable = {
  'national-2025': {
    'org.usccKindCheck': 'warn',
    'org.blacklistRecheckDays': 90,
    'auth.passwordHash': 'argon2id',
    'auth.passwordMinLength': 12,
    'auth.passwordMinClasses': 3,
    'auth.passwordHistory': 5,
    'auth.passwordMaxAgeDays': 180,
    'auth.lockoutThreshold': 5,
    'auth.lockoutMinutes': 15,
    'auth.mfaRequiredForAll': false,
    'auth.mfaStepUpMinutes': 15,
    'auth.idleMinutes': 30,
    'auth.absoluteHours': 12,
    'auth.maxConcurrentSessions': 3,
    'auth.loginThrottlePerMinute': 10,
    'auth.invitationHours': 72,
    // LGN-06: an SSO login must come back within this time (default chosen by us).
    'auth.oidc.flowMinutes': 10,
    'apiKey.requireIpAllowList': true,
    'apiKey.defaultDays': 180,
    'apiKey.maxDays': 365,
    'apiKey.rotationOverlapDays': 7,
    'apiKey.expiryWarningDays': 14,
    'apiKey.authCacheSeconds': 5,
    'apiKey.defaultRateLimit': { rps: 50, burst: 100 },
    'audit.retentionYears': 3,
    'personnel.backgroundCheckValidYears': 3,
    'personnel.ndaRenewalMonths': null,
    'personnel.securityOfficerVacancyWorkingDays': 10,
    'authorization.incidentFreeYears': 3,
    // PER-05 (labs.md parameters, read by identity at the lab_partner grant until the labs context exists).
    'lab.banYearsAfterRevocation': 1,
    'lab.banYearsSeriousMisconduct': 3,
  },
  shenzhen: { 'personnel.ndaRenewalMonths.health': 12 },
  luohu: { 'authorization.termYears': 2 },
};
