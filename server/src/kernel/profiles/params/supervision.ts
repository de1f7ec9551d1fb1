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
    // EVA-02, EVA-05…07: versioned indicator sets per subject kind (ours; the dimensions are 002:L139 and 000:L58–59).
    // A version applies to evaluations whose period starts on or after effectiveFrom; an evaluation keeps its version.
    'evaluation.indicatorSets': {
      operator_quarterly: [
        {
          version: '2026.1',
          effectiveFrom: '2026-01-01',
          dimensions: [
            { code: 'compliance', name: '合规性', weight: 30 },
            { code: 'security', name: '安全性', weight: 30 },
            { code: 'effectiveness', name: '成效性', weight: 25 },
            { code: 'innovation', name: '创新性', weight: 15 },
          ],
          indicators: [
            { code: 'mgmt_rules', dimension: 'compliance', name: '平台管理制度执行', weight: 40, method: 'manual' },
            { code: 'compliant_use', dimension: 'compliance', name: '数据合规使用', weight: 30, method: 'manual' },
            {
              code: 'reports_on_time',
              dimension: 'compliance',
              name: '按时报送报告',
              weight: 30,
              method: 'auto',
              metricQuery: 'supervision.reports_overdue',
              scoring: { direction: 'deduct', per: 25 },
            },
            { code: 'security_measures', dimension: 'security', name: '安全措施落实', weight: 50, method: 'manual' },
            { code: 'staff_mgmt', dimension: 'security', name: '人员管理', weight: 20, method: 'manual' },
            {
              code: 'incident_free',
              dimension: 'security',
              name: '未发生安全事件',
              weight: 30,
              method: 'auto',
              metricQuery: 'event.incidents_reported',
              scoring: { direction: 'deduct', per: 50 },
            },
            { code: 'service_results', dimension: 'effectiveness', name: '服务成效', weight: 60, method: 'manual' },
            {
              code: 'products',
              dimension: 'effectiveness',
              name: '数据产品产出',
              weight: 40,
              method: 'auto',
              metricQuery: 'event.products_created',
              scoring: { direction: 'award', per: 25 },
            },
            { code: 'innovation', dimension: 'innovation', name: '创新应用', weight: 100, method: 'manual' },
          ],
        },
      ],
      lab_annual: [
        {
          version: '2026.1',
          effectiveFrom: '2026-01-01',
          dimensions: [
            { code: 'operations_management', name: '运营管理', weight: 25 },
            { code: 'data_security', name: '数据安全保障', weight: 35 },
            { code: 'outputs', name: '成果产出', weight: 20 },
            { code: 'application_benefits', name: '应用效益', weight: 20 },
          ],
          indicators: [
            {
              code: 'lab_management',
              dimension: 'operations_management',
              name: '运营管理制度',
              weight: 70,
              method: 'manual',
            },
            {
              code: 'no_obstruction',
              dimension: 'operations_management',
              name: '无阻挠评估、弄虚作假',
              weight: 30,
              method: 'binary',
              hardFail: true,
            },
            {
              code: 'lab_security',
              dimension: 'data_security',
              name: '数据安全保障措施',
              weight: 70,
              method: 'manual',
            },
            {
              code: 'lab_incident_free',
              dimension: 'data_security',
              name: '未发生安全事件',
              weight: 30,
              method: 'auto',
              metricQuery: 'event.incidents_reported',
              scoring: { direction: 'deduct', per: 50 },
            },
            {
              code: 'compliant_product',
              dimension: 'outputs',
              name: '共建期内形成合规产品',
              weight: 60,
              method: 'binary',
              hardFail: true,
            },
            { code: 'lab_outputs', dimension: 'outputs', name: '成果数量与质量', weight: 40, method: 'manual' },
            {
              code: 'lab_benefits',
              dimension: 'application_benefits',
              name: '应用效益',
              weight: 100,
              method: 'manual',
            },
          ],
        },
      ],
    },
    'supervision.objectionWorkingDays': 15, // ENF-09 (ours)
    'emergency.drillReminderDays': [60, 30], // INC-07: reminders this many days before a drill is due
    'credit.enabled': true, // CRD-01 (national principle 004:L1311–1315; ours outside hainan)
    'credit.minPublicMonths': 6, // CRD-03 (ours)
    'calendar.importReminder': '10-01', // CAL-05: from this day the coming year's missing calendar raises an alert (ours)
    'complaint.maxPerSourcePerHour': 5, // 投诉举报 channel: submissions per source per hour (ours)
  },
  zhuhai: {},
  luohu: {},
  shenzhen: {},
};
