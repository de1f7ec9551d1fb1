import type { ParamTable } from '../types.js';

// supervision.md parameters (issue 16). `supervision.securityReportMonths` and `supervision.assessmentMonths`
// are declared in authorization.ts (AUTH-27 obligations) with the same defaults. "(ours)" = default chosen by us.
export const supervisionParams: ParamTable = {
  'national-2025': {
    'supervision.operatingReportMonths': 3, // (ours, matching the quarterly assessment 002:L239)
    // REP-01: working days after the period ends (ours).
    'report.dueWorkingDays': {
      lab_usage_quarterly: 10,
      operator_security_semiannual: 15,
      operator_operating_periodic: 10,
      operator_audit_materials: 10,
    },
    'report.resubmitWorkingDays': 5, // (ours)
    'report.reminderWorkingDays': [10, 3, 1, 0], // REP-04 (ours)
    'report.escalateAfterWorkingDays': 5, // REP-05 (ours)
    'incident.initialNoticeMinutes': 60, // INC-01 "立即" (ours)
    'incident.externalDeadlineHours': { cii: 1, central: 2, other: 4 }, // INC-05
    'incident.progressHours': 24, // INC-06 (ours)
    'incident.finalReportWorkingDays': 10, // INC-06 (ours)
    'evaluation.weights': { compliance: 30, security: 30, effectiveness: 25, innovation: 15 }, // EVA-01 (ours)
    'evaluation.bands': [90, 80, 60], // EVA-03 (ours)
    'evaluation.lab.passScore': 60, // EVA-05 (ours)
    'supervision.objectionWorkingDays': 15, // ENF-09 (ours)
    'credit.enabled': true, // CRD-01 (national principle 004:L1311–1315; ours outside hainan)
    'credit.minPublicMonths': 6, // CRD-03 (ours)
  },
  zhuhai: {},
  luohu: {},
  shenzhen: {},
};
