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
