import type { ParamTable } from '../types.js';

// labs.md parameters (issue 18; the Zhuhai lab measures, seed 000). "(ours)" = default chosen by us where the
// measures are silent. `lab.banYearsAfterRevocation` and `lab.banYearsSeriousMisconduct` (LAB-24, LAB-26) are
// declared in identity.ts, which read them first (PER-05); labs reads the same keys.
export const labsParams: ParamTable = {
  'national-2025': {
    'lab.enabled': false, // labs are a Zhuhai mechanism; other profiles may switch them on
    'lab.numberPrefix': 'ZHLAB', // LabNo `ZHLAB-<year>-<seq>`
    'lab.certificationYears': 3, // LAB-11 (000:L32)
    'lab.acceptScannedSeals': true, // LAB-02 (ours)
    'lab.scenarioSimilarityThreshold': 0.85, // LAB-04 (ours)
    'lab.agreementFilingDays': 60, // shortlist → lapsed (ours)
    'lab.resubmitWorkingDays': 10, // returned → withdrawn (ours)
    'lab.minCompliantProducts': 1, // LAB-14 (000:L41)
    'lab.minTrainingsPerYear': 2, // LAB-15 (000:L48)
    'lab.securityPolicyMaxAgeMonths': 12, // LAB-16 (000:L44)
    'lab.usageReportCadence': 'quarter', // LAB-17 (000:L49)
    'lab.issueReportHours': 1, // LAB-18 (ours)
    'lab.egressRectificationDays': 30, // LAB-19 (ours)
    'lab.rectificationDays': 60, // LAB-23 (ours)
    'lab.banYearsAfterDelisting': 0, // known gap: none set by the measures
    'lab.partnerChangeDays': 90, // (ours)
    'lab.freeForLocalGovernance': true, // LAB-29 (000:L36)
    'lab.freezeEgressDuringRectification': true, // LAB-34 (ours)
    'lab.egressSecondReviewer': true, // LAB-35 (ours)
    'lab.certificationReminderDays': [90, 30], // (ours)
  },
  zhuhai: { 'lab.enabled': true },
};
