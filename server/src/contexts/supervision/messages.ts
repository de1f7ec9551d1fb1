import { registerMessages } from '../../kernel/http/messages.js';

/** Error codes of supervision (supervision.md "Bad input and abuse"). */
registerMessages({
  REPORT_PERIOD_NOT_OVER: {
    zh: '报告期尚未结束（{periodTo}）',
    en: 'The reporting period is not over yet ({periodTo})',
  },
  REPORT_SEAL_REQUIRED: {
    zh: '提交报告须由报送单位签名并加盖电子印章',
    en: 'Submission needs the signature and e-seal',
  },
  REPORT_FIGURE_UNKNOWN: { zh: '报告中没有统计项 {key}', en: 'The report has no figure {key}' },
  CORRECTION_REASON_REQUIRED: {
    zh: '修改系统统计数值须说明理由（{key}）',
    en: 'Changing a computed figure needs a reason ({key})',
  },
  RETURN_COMMENTS_REQUIRED: { zh: '退回报告须填写意见', en: 'Returning a report needs comments' },
  REPORT_NOT_DUE: { zh: '报告尚未到期（{dueAt}）', en: 'The report is not yet due ({dueAt})' },
  REPORT_PERIOD_INVALID: { zh: '报告期起止日期无效', en: 'The period ends before it starts' },
  INCIDENT_DISCOVERED_AFTER_REPORT: {
    zh: '发现时间不得晚于报告时间（{discoveredAt}）',
    en: 'discoveredAt may not be in the future or after reportedAt ({discoveredAt})',
  },
  SEVERITY_LOWERING_FORBIDDEN: {
    zh: '报告单位不得降低事件级别，仅主管部门可说明理由后调整',
    en: 'Only the authority may lower a severity, with a reason',
  },
  NOTIFICATIONS_UNSENT: {
    zh: '尚有通报未发出，不得结案：{recipients}',
    en: 'Notifications not yet sent: {recipients}',
  },
  NOTIFICATION_UNKNOWN: { zh: '没有待发给 {recipient} 的通报', en: 'No pending notification to {recipient}' },
  ROOT_CAUSE_REQUIRED: { zh: '须填写事件原因', en: 'The root cause is required' },
  INVALID_DATE: { zh: '日期无效：{field}', en: 'Invalid date: {field}' },
  WEIGHTS_NOT_100: {
    zh: '各维度权重合计须为 100（当前 {total}）',
    en: 'Dimension weights must total 100 (now {total})',
  },
  EVALUATION_ACTION_NOT_ALLOWED: {
    zh: '评价结果为 {result} 时不得采取措施 {action}',
    en: 'Action {action} is not allowed with result {result}',
  },
});

registerMessages({
  RECTIFICATION_DEADLINE_INVALID: {
    zh: '整改期限须晚于今日（{deadline}）',
    en: 'The deadline must be after today ({deadline})',
  },
  RECTIFICATION_EVIDENCE_REQUIRED: {
    zh: '每一整改事项都须提交证明材料（第 {item} 项缺少）',
    en: 'Every item needs evidence (item {item} has none)',
  },
  REJECTION_REASONS_REQUIRED: {
    zh: '驳回须逐项说明理由（共 {items} 项）',
    en: 'A rejection needs a reason per item ({items})',
  },
  RECTIFICATION_NOT_DUE: { zh: '整改期限尚未届满（{deadline}）', en: 'The deadline has not passed ({deadline})' },
});

registerMessages({
  CREDIT_BASIS_REQUIRED: { zh: '认定失信须附认定依据决定', en: 'A determination needs its basis decision' },
  CREDIT_REPAIR_TOO_EARLY: {
    zh: '公示未满规定期限，{earliest} 起方可申请信用修复',
    en: 'Repair is possible from {earliest}',
  },
  CREDIT_DISABLED: { zh: '本辖区未启用信用档案', en: 'Credit records are not enabled in this profile' },
});

registerMessages({
  BANNED: { zh: '该统一社会信用代码处于禁入期（至 {until}）', en: 'This credit code is banned until {until}' },
  BAN_PERIOD_INVALID: { zh: '禁入期限起止日期无效', en: 'The ban ends before it starts' },
});

// Part B (decision 0079): calendar import, complaints, evaluations.
registerMessages({
  CALENDAR_NOTICE_INVALID: {
    zh: '放假安排文件有误，整份未导入（第 {line} 行：{problem} {value}）',
    en: 'The holiday notice file was rejected as a whole (line {line}: {problem} {value})',
  },
  COMPLAINT_CONTACT_REQUIRED: {
    zh: '实名投诉举报须留联系方式，或选择匿名',
    en: 'Give a contact, or file anonymously',
  },
  COMPLAINT_JURISDICTION_UNKNOWN: {
    zh: '未知的行政区划代码 {divisionCode}',
    en: 'Unknown division code {divisionCode}',
  },
  COMPLAINT_RATE_LIMITED: {
    zh: '提交过于频繁，每小时最多 {max} 件，请稍后再试',
    en: 'Too many submissions: at most {max} per hour',
  },
  COMPLAINT_OUTCOME_REQUIRED: { zh: '办结须填写处理结果', en: 'Closing a case needs its outcome' },
});

registerMessages({
  INDICATOR_SET_INVALID: {
    zh: '指标体系 {version} 不符合要求（{problem}）',
    en: 'Indicator set {version} is invalid ({problem})',
  },
  INDICATOR_SET_MISSING: { zh: '没有适用的指标体系（{kind}）', en: 'No indicator set applies ({kind})' },
  EVALUATION_PERIOD_INVALID: {
    zh: '评价期须为完整的 {months} 个月（{from} 至 {to}）',
    en: 'The evaluation period must be {months} whole months ({from} to {to})',
  },
  INDICATOR_UNKNOWN: { zh: '指标体系 {version} 中没有指标 {code}', en: 'Set {version} has no indicator {code}' },
  AUTO_INDICATOR_ENTERED: {
    zh: '指标 {code} 由平台数据自动计算，不得手工录入',
    en: 'Indicator {code} is computed from platform data and cannot be entered',
  },
  INDICATOR_SCORED_TWICE: { zh: '指标 {code} 重复评分', en: 'Indicator {code} scored twice' },
  BINARY_INDICATOR_SCORE: { zh: '指标 {code} 只能评 0 或 100 分', en: 'Indicator {code} takes 0 or 100 only' },
  INDICATORS_UNSCORED: { zh: '尚有指标未评分：{codes}', en: 'Indicators not scored: {codes}' },
  OBJECTION_GROUNDS_REQUIRED: { zh: '异议须说明理由', en: 'An objection needs its grounds' },
});

// Part A (decision 0078): termination, supervisory objections. TERMINATION_EVIDENCE_REQUIRED and
// NEGOTIATION_RECORD_REQUIRED are authorization's (AUTH-23), the same words.
registerMessages({
  TERMINATION_REASON_INVALID: {
    zh: '终止理由 {reasonCode} 不在规定的终止情形中（{allowed}）',
    en: 'Termination reason {reasonCode} is not one of the coded reasons ({allowed})',
  },
  TERMINATION_ALREADY_OPEN: {
    zh: '该对象已有进行中的终止程序',
    en: 'A termination of this object is already under way',
  },
  TERMINATION_TARGET_UNKNOWN: { zh: '未找到要终止的对象', en: 'The object to terminate was not found' },
  TERMINATION_WIND_DOWN_INCOMPLETE: {
    zh: '终止后的处置尚未完成：{remaining}',
    en: 'The wind-down is not complete: {remaining}',
  },
  OBJECTION_TARGET_UNKNOWN: {
    zh: '未找到针对本单位的监管决定',
    en: 'No supervisory decision concerning your organization was found',
  },
  OBJECTION_REASON_REQUIRED: { zh: '异议处理决定须说明理由', en: 'An objection decision needs its reason' },
});
