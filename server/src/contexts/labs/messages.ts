import { registerMessages } from '../../kernel/http/messages.js';

/** Error codes of labs (labs.md "Bad input and abuse"). */
registerMessages({
  // Duties while active (LAB-14…LAB-18; decision 0085).
  LAB_NOT_RUNNING: { zh: '实验室当前未在运行（{state}），不能报送', en: 'The lab is not running ({state})' },
  LAB_PRODUCTS_SHORT: {
    zh: '共建期内（{from} 至 {to}）通过合规审查的实验室数据产品不足 {expected} 个（现有 {actual} 个）',
    en: 'Fewer than {expected} lab products passed compliance review in {from} to {to} ({actual})',
  },
  LAB_TRAININGS_SHORT: {
    zh: '{year} 年度数据安全培训不足 {expected} 次（现有 {actual} 次）',
    en: 'Fewer than {expected} data-security trainings in {year} ({actual})',
  },
  LAB_POLICY_OVERDUE: {
    zh: '数据安全管理制度自 {approvedAt} 起未更新，应于 {dueOn} 前更新',
    en: 'The security policy approved on {approvedAt} was due for renewal by {dueOn}',
  },
  LAB_REPORT_MISSING: {
    zh: '季度数据使用情况报告未报送（{state}）',
    en: 'The quarterly usage report is not filed ({state})',
  },
  // Lab egress (LAB-19, LAB-33, LAB-34, LAB-35; decision 0086).
  LAB_EGRESS_BASIS_MISSING: {
    zh: '整改令须依据本实验室未经审批出域的事件记录（unapproved_egress）',
    en: 'The order needs a recorded unapproved-egress Incident of this lab',
  },
  LAB_EGRESS_RECTIFICATION_OPEN: {
    zh: '出域整改尚未验收通过（{state}），实验室不能恢复运行',
    en: 'The egress rectification is not accepted yet ({state})',
  },
  LAB_EGRESS_FROZEN: {
    zh: '实验室正在进行出域整改，整改验收前不得提交新的出域申请',
    en: 'New egress requests are blocked during the lab’s egress rectification',
  },
  LAB_RAW_NEEDS_ACTIVE: {
    zh: '基于原始数据的开发须在实验室运行期间进行（当前：{state}）',
    en: 'Development on raw data needs an active lab (now: {state})',
  },
  LAB_RAW_UNCLASSIFIED: {
    zh: '原始数据须由发起单位分类分级后方可用于开发',
    en: 'Raw data needs the initiator’s classification before development',
  },
  LAB_GOVERNANCE_FREE_OFF: {
    zh: '本地政策未开启实验室产品公共治理用途无偿使用',
    en: 'Free use of lab products for public governance is switched off in this profile',
  },
  LAB_GOVERNANCE_FREE_NOT_AGREED: {
    zh: '共建协议未约定发起单位使用实验室产品的条件',
    en: 'The agreement states no conditions for the initiator’s use of lab products',
  },
  LAB_EGRESS_REVIEWER_PARTNER: { zh: '产研单位人员不得审核本实验室的出域申请', en: 'The partner may not review' },
  LAB_EGRESS_NEEDS_OFFICER: {
    zh: '实验室出域申请须经发起单位数据安全负责人审核',
    en: 'The initiator’s security officer must review',
  },
  LAB_EGRESS_NEEDS_AUTHORITY: {
    zh: '明细数据或涉及重要数据的出域须经数据主管部门复核（{outputKind}）',
    en: 'Record lists or important fields need a second review by the authority ({outputKind})',
  },
  LAB_ISSUE_REPORTED_LATE: {
    zh: '发现数据问题后未在 {hours} 小时内报告',
    en: 'The data problem was not reported within {hours} h of its discovery',
  },
  LAB_GUIDE_NOT_OPEN: {
    zh: '申报指南未发布或不在申报期内（{from} 至 {to}）',
    en: 'The call is not published or not open ({from} to {to})',
  },
  LAB_DOCUMENT_MISSING: { zh: '申报材料不全，缺少：{documents}', en: 'Missing documents: {documentsEn}' },
  LAB_SEAL_MISSING: {
    zh: '申报材料须经发起单位和产研单位双方盖章（缺少：{missing}）',
    en: 'Every document needs the seals of both parties (missing: {missingEn})',
  },
  LAB_PLAN_INCOMPLETE: {
    zh: '建设方案各项内容均须填写，且至少一项建设期任务指标（缺少：{items}）',
    en: 'Every construction-plan item is required, with at least one period indicator (missing: {items})',
  },
  LAB_SCENARIO_DUPLICATE: {
    zh: '与本单位已有实验室 {labNo} 应用场景雷同',
    en: 'Same application scenario as this initiator’s lab {labNo}',
  },
  LAB_SIMILAR_NEEDS_NOTE: {
    zh: '与本单位 {no} 的场景摘要相似度为 {score}（阈值 {threshold}），须由评审人员填写非雷同说明后方可入选',
    en: 'Scenario summary similarity {score} with {no} (threshold {threshold}) needs a reviewer’s not-duplicate note',
  },
  LAB_PARTNER_BANNED: {
    zh: '该产研单位处于禁止申报期，至 {endsOn} 止（依据：{banId}）',
    en: 'The partner may not apply until {endsOn} (ban {banId})',
  },
  LAB_DIRECTOR_MISSING: {
    zh: '须明确实验室负责人（本领域高水平专家或具有较强组织管理能力的管理人员）',
    en: 'The lab director (a domain expert or a manager) is required',
  },
  LAB_DIRECTOR_NOT_ATTESTED: {
    zh: '评审人员须确认实验室负责人 {name} 符合任职条件',
    en: 'The reviewer must attest the director {name}',
  },
  LAB_ORG_KIND_NOT_ALLOWED: {
    zh: '{party}的单位类型不符合《管理办法》要求（{kind}）',
    en: 'The {partyEn}’s organization kind is not allowed ({kind})',
  },
  LAB_PARTIES_SAME: { zh: '发起单位与产研单位不得为同一单位', en: 'Initiator and partner must differ' },
  LAB_PURPOSE_INVALID: {
    zh: '数据用途仅限实验室研发与数据产品落地，不得变更（{purpose}）',
    en: 'The purpose is fixed to lab R&D and product landing ({purpose})',
  },
  LAB_AGREEMENT_INCOMPLETE: {
    zh: '共建协议须明确数据范围、用途、使用期限、各方职责、权益及安全保障措施（缺少：{fields}）',
    en: 'The agreement must state scope, purpose, period, duties, rights and security measures (missing: {fields})',
  },
  LAB_AGREEMENT_SEAL_MISSING: {
    zh: '共建协议须经双方签署盖章（缺少：{missing}）',
    en: 'The agreement needs both parties’ seals (missing: {missing})',
  },
  LAB_SCOPE_UNCLASSIFIED: {
    zh: '数据范围须由发起单位分类分级（{path}）',
    en: 'Every scope line needs the initiator’s classification ({path})',
  },
  LAB_SCOPE_VALID_TO_AFTER_PERIOD: {
    zh: '数据范围有效期不得晚于协议使用期限 {to}（{path}）',
    en: 'A scope line may not outlast the use period {to} ({path})',
  },
  LAB_AGREEMENT_NOT_FILED: {
    zh: '共建协议备案完成后方可授牌（当前：{state}）',
    en: 'Certification needs a filed agreement (now: {state})',
  },
  LAB_PLATFORM_NOT_ATTESTED: {
    zh: '技术开发平台须部署在政务外网，CPU、操作系统、数据库须符合安全可靠测评要求（缺少：{missing}）',
    en: 'The platform must sit in the government extranet with evaluated CPU, OS and database (missing: {missing})',
  },
  LAB_NOT_PARTY: { zh: '仅发起单位可提交实验室申报', en: 'Only the initiator may apply' },
  LAB_DISABLED: { zh: '本辖区未启用数据创新应用实验室', en: 'Labs are not enabled in this profile' },
  LAB_RESOURCE_UNKNOWN: {
    zh: '数据资源或字段不存在（{path}）',
    en: 'Unknown data resource or field ({path})',
  },
  LAB_DATE_INVALID: { zh: '日期无效或起止颠倒：{field}', en: 'Invalid or reversed date: {field}' },
  LAB_CHANGE_EMPTY: { zh: '变更申请须载明变更内容', en: 'A change request must name a change' },
  LAB_SUPPLEMENT_REQUIRED: {
    zh: '一般事项变更须以双方盖章的补充协议备案',
    en: 'A general change needs the supplementary agreement sealed by both parties',
  },
  LAB_NOT_ACTIVE: { zh: '实验室当前状态不可变更（{state}）', en: 'The lab cannot be changed in state {state}' },
  LAB_AGREEMENT_EXISTS: { zh: '该实验室已有未终止的共建协议', en: 'The lab already has a live agreement' },
  // Evaluation and exit (LAB-20, LAB-22…LAB-26).
  LAB_NOT_EVALUABLE: { zh: '实验室当前状态不可评估（{state}）', en: 'The lab cannot be evaluated in state {state}' },
  LAB_EVALUATOR_NOT_THIRD_PARTY: {
    zh: '评估须委托第三方评估机构（{orgId} 不是评估机构）',
    en: 'The evaluation needs a third-party evaluator ({orgId} is not one)',
  },
  LAB_EVALUATOR_CONFLICT: {
    zh: '评估机构与该实验室存在利益冲突，不得承担评估（{orgId}）',
    en: 'The evaluator has a conflict with this lab ({orgId})',
  },
  LAB_EVALUATION_NOT_CONCURRED: {
    zh: '年度评估须由市政务和数据局会同发起单位委托，发起单位尚未确认',
    en: 'The initiator has not yet concurred in commissioning the evaluation',
  },
  LAB_INDICATOR_UNKNOWN: { zh: '评估指标不在本次指标体系内：{code}', en: 'Unknown indicator: {code}' },
  LAB_INDICATOR_TWICE: { zh: '评估指标重复评分：{code}', en: 'Indicator scored twice: {code}' },
  LAB_INDICATORS_UNSCORED: { zh: '尚有评估指标未评分：{codes}', en: 'Indicators not scored: {codes}' },
  LAB_NO_MISCONDUCT: {
    zh: '该评估未发现拒绝、阻挠、逃避监督检查评估或弄虚作假情形，不能认定为情节严重',
    en: 'No refusal, obstruction, evasion or fraud was found: the case cannot be marked serious',
  },
  LAB_EVALUATION_NOT_FAILED: {
    zh: '整改须以本实验室已办结且结论为不合格的评估为依据',
    en: 'A rectification needs a concluded failed evaluation of this lab',
  },
  LAB_RECTIFICATION_NOT_ACCEPTED: {
    zh: '整改尚未验收通过（当前：{state}）',
    en: 'The rectification has not been accepted (now: {state})',
  },
  LAB_RECTIFICATION_ACCEPTED: {
    zh: '整改已验收通过，不得以整改不合格为由终止协议',
    en: 'The rectification was accepted: the agreement cannot be terminated for it',
  },
  LAB_RECTIFICATION_RUNNING: {
    zh: '整改期限 {deadline} 届满后仍不合格的，方可终止共建协议',
    en: 'The agreement may be terminated only if the rectification still fails after {deadline}',
  },
  LAB_DELISTING_BASIS_MISSING: {
    zh: '摘牌须有本实验室的整改或安全事件记录为依据（{kind}）',
    en: 'Delisting needs a recorded rectification or incident of this lab ({kind})',
  },
  LAB_DELISTING_BASIS_INSUFFICIENT: {
    zh: '摘牌依据不足：整改须为逾期或未通过，安全事件须为较大及以上（{kind}：{value}）',
    en: 'Insufficient basis: an overdue or rejected rectification, or a relatively major incident ({kind}: {value})',
  },
  LAB_PARTNER_NOT_CHANGED: {
    zh: '须先经批准更换产研单位，方可与新产研单位签订共建协议（{state}）',
    en: 'The partner change must be approved before the new agreement is drafted ({state})',
  },
  LAB_SUCCESSOR_INVALID: {
    zh: '合并的承继实验室须为另一家运行中的实验室（{successorLabId}）',
    en: 'The successor must be another active lab ({successorLabId})',
  },
});
