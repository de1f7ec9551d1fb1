import { registerMessages } from '../../kernel/http/messages.js';

// Every error code of authorization.md "Bad input and abuse", plus the lifecycle guards.
registerMessages({
  CORE_DATA_NOT_GRANTABLE: {
    zh: '核心数据不得申请或授权：{field}',
    en: 'Core data can never be requested or granted: {field}',
  },
  CLASSIFICATION_MISSING: { zh: '字段尚未分级，不能申请：{field}', en: 'Ungraded fields cannot be requested: {field}' },
  RESOURCE_NOT_REGISTERED: { zh: '数据资源未完成登记：{resource}', en: 'The resource is not registered: {resource}' },
  SHARED_IN_CONSENT_MISSING: {
    zh: '跨地区共享的数据资源须有提供单位的同意记录方可纳入授权运营目录：{resource}',
    en: "Data shared in from another jurisdiction needs the providing unit's recorded consent: {resource}",
  },
  PSI_NOT_REQUESTED: {
    zh: '申请未选择隐私求交开发方式，批准时不能开通隐私求交',
    en: 'The application did not ask for private set intersection, so the approval cannot allow it',
  },
  FIELD_NOT_IN_CATALOG: { zh: '字段不在授权运营目录内：{field}', en: 'Field outside the agreement catalog: {field}' },
  JUSTIFICATION_REQUIRED: {
    zh: '请为字段填写不少于 {min} 字的必要性说明：{field}',
    en: 'A justification of at least {min} characters is required for: {field}',
  },
  PERSONAL_DATA_NEEDS_DEIDENTIFICATION: {
    zh: '个人信息字段须去标识化处理或登记合法依据：{field}',
    en: 'Personal fields need de-identification or a recorded legal basis: {field}',
  },
  PERIOD_EXCEEDS_AGREEMENT: {
    zh: '期限（{fields}）超出授权运营协议有效期（至 {validTo}）',
    en: 'The period ({fields}) runs past the agreement end ({validTo})',
  },
  TERM_EXCEEDS_OPERATOR_TERM: {
    zh: '开发利用协议期限 {validTo} 超过运营机构剩余运营期限（至 {limit}）',
    en: 'The collaboration ends {validTo}, after the operator term ({limit})',
  },
  NO_FILED_COLLABORATION: {
    zh: '该单位没有已备案的开发利用协议',
    en: 'No filed collaboration agreement for this organization',
  },
  REAUTHORIZATION_FORBIDDEN: {
    zh: '不得转授权：授权仅限运营机构及其备案协作单位使用',
    en: 'Re-authorization is forbidden: only the holder and its filed collaborators may use the grant',
  },
  QUALIFICATION_FAILED: { zh: '候选机构资质条件未全部通过：{items}', en: 'Qualification items not passed: {items}' },
  EMERGENCY_PLAN_MISSING: {
    zh: '授权未备案应急处置预案，不能启用',
    en: 'The grant has no filed emergency plan and cannot be activated',
  },
  TERMINATION_REASON_REQUIRED: {
    zh: '终止须选择九类法定情形之一',
    en: 'Termination needs one of the nine reason codes',
  },
  PUBLICATION_PERMISSION_REQUIRED: {
    zh: '专利申报或独占性发布须经实施机构和数源单位许可（用途：{use}）',
    en: 'Patent filing or exclusive publication needs the permission of the authority and the source units (use: {use})',
  },
  SELF_REVIEW_FORBIDDEN: { zh: '不得审核本单位提交的申请', en: 'You cannot review a request of your own organization' },
  SELECTION_METHOD_INVALID: {
    zh: '遴选方式“{method}”不在允许范围内（{allowed}）',
    en: 'Selection method {method} is not allowed ({allowed})',
  },
  CATALOG_CONSENT_MISSING: {
    zh: '授权目录条目尚未取得数源单位同意：{resource}',
    en: 'Catalog entries lack source-unit consent: {resource}',
  },
  CANDIDATE_UNKNOWN: { zh: '中选机构不在候选名单内', en: 'The awarded organization is not among the candidates' },
  BLACKLIST_CHECK_STALE: {
    zh: '失信名单核查时间（{checkedAt}）超过 {maxAgeDays} 天',
    en: 'The blacklist check ({checkedAt}) is older than {maxAgeDays} days',
  },
  SECURITY_PREREQUISITES_MISSING: {
    zh: '缺少数据安全负责人、安全管理部门或政务外网接入条件：{missing}',
    en: 'Missing security officer, security department or extranet access: {missing}',
  },
  SIGNED_DOCUMENTS_REQUIRED: {
    zh: '须上传已签署的协议文本及其 SM3 摘要',
    en: 'Signed documents with SM3 hashes are required',
  },
  BACKDATING_FORBIDDEN: {
    zh: '不得倒签：生效日期 {validFrom} 早于今日',
    en: 'Back-dating is not allowed: {validFrom} is before today',
  },
  RENEWAL_NOT_ALLOWED: {
    zh: '授权期满应按程序重新选择运营机构，不能直接续签（{reason}）',
    en: 'Direct renewal is not allowed; re-select the operator ({reason})',
  },
  TERMINATION_EVIDENCE_REQUIRED: { zh: '终止须附证据材料', en: 'Termination needs evidence' },
  NEGOTIATION_RECORD_REQUIRED: {
    zh: '因约定内容未完成而终止的，须附协商记录',
    en: 'Reason 6 needs the negotiation record',
  },
  RECTIFICATION_DEADLINE_NOT_PASSED: {
    zh: '整改期限（{deadline}）尚未届满',
    en: 'The rectification deadline ({deadline}) has not passed',
  },
  APPLICATION_INCOMPLETE: { zh: '申请内容不完整：{fields}', en: 'The application is incomplete: {fields}' },
  ALL_FIELDS_FORBIDDEN: {
    zh: '不得申请“全部字段”，请逐项列明所需数据项：{resource}',
    en: '"All fields" requests are refused; list each field: {resource}',
  },
  AGREEMENT_NOT_IN_FORCE: { zh: '授权运营协议不在有效状态', en: 'The operation agreement is not in force' },
  MASKING_METHOD_UNKNOWN: { zh: '未知的脱敏方式：{field}', en: 'Unknown masking method: {field}' },
  ITEM_DECISION_REQUIRED: {
    zh: '须对每个数据项作出同意或不同意的决定并说明理由：{field}',
    en: 'Every item needs a decision with a reason: {field}',
  },
  NOTHING_ACCEPTED: {
    zh: '没有同意的数据项，请作出不予批准决定',
    en: 'No item accepted; reject the application instead',
  },
  SOURCE_UNIT_REFUSED: {
    zh: '数源单位已不同意提供，审核机构不得推翻：{field}',
    en: 'The source unit refused; the authority cannot override: {field}',
  },
  SOURCE_UNIT_CONSENT_MISSING: { zh: '尚未取得数源单位同意：{field}', en: 'Source-unit consent is missing: {field}' },
  RISK_ASSESSMENT_MISSING: {
    zh: '须附授权前安全风险评估并明确责任人',
    en: 'A risk assessment and a responsible person are required',
  },
  IMPORTANT_RISK_COVERAGE_MISSING: {
    zh: '风险评估须专门覆盖重要数据字段：{field}',
    en: 'The risk assessment must cover the important fields: {field}',
  },
  SECOND_APPROVAL_REQUIRED: {
    zh: '含重要数据字段（{field}），须另一名审核人先行复核',
    en: 'Important fields ({field}) need a second, different approver',
  },
  EMERGENCY_PLAN_INCOMPLETE: {
    zh: '应急处置预案内容不完整：{missing}',
    en: 'The emergency plan is incomplete: {missing}',
  },
  COLLABORATION_TERMS_MISSING: {
    zh: '开发利用协议缺少必备条款：{terms}',
    en: 'The collaboration agreement lacks terms: {terms}',
  },
  GRANT_NOT_ACTIVE: { zh: '授权不在有效状态（{state}）', en: 'The grant is not active ({state})' },
  GRANT_SUSPENDED: { zh: '授权已暂停，整改完成前不得使用', en: 'The grant is suspended' },
  GRANT_EXPIRED: { zh: '授权已于 {validTo} 到期', en: 'The grant expired on {validTo}' },
  PERIOD_INVALID: { zh: '起止日期不正确（{validFrom}—{validTo}）', en: 'Invalid period ({validFrom} to {validTo})' },
  SCOPE_EXCEEDS_GRANT: { zh: '数据范围超出运营机构的授权：{field}', en: 'The data scope exceeds the grant: {field}' },
  EXIT_FILING_LATE: {
    zh: '协作单位退出须在 {days} 个工作日内备案（退出日 {exitDate}）',
    en: 'Exit must be filed within {days} working days of {exitDate}',
  },
  PUBLICATION_APPROVALS_MISSING: {
    zh: '专利申报或独占性发布许可须经实施机构和全部数源单位同意（尚缺 {sourceUnits} 个数源单位）',
    en: 'The authority and every source unit must approve ({sourceUnits} source units pending)',
  },
  PUBLICATION_ALREADY_DECIDED: {
    zh: '本单位已对该许可申请作出决定',
    en: 'Your organization has already decided this permission',
  },
  EVALUATION_RESULT_REQUIRED: {
    zh: '以“评估结果不合格”终止，须有不合格的考核评估结论',
    en: 'Termination for a failed evaluation needs a failed Evaluation result',
  },
  SCOPE_REDUCE_INVALID: {
    zh: '收窄范围不正确：{field}（须为现有字段且至少保留一个）',
    en: 'Invalid scope reduction: {field} (existing fields only, at least one kept)',
  },
  PERIOD_END_BEFORE_START: {
    zh: '服务结束日期（{to}）早于开始日期（{from}），请调整服务期限',
    en: 'The service period ends ({to}) before it starts ({from}); fix the dates',
  },
  DATE_IN_PAST: {
    zh: '{label}（{date}）早于今天（{today}），请选择今天或以后的日期',
    en: '{labelEn} ({date}) is before today ({today}); choose today or later',
  },
  USAGE_LIMIT_BEFORE_START: {
    zh: '数据使用时限（{usageTimeLimit}）早于服务开始日期（{from}），请调整',
    en: 'The data usage limit ({usageTimeLimit}) is before the service start ({from}); fix it',
  },
  DATE_EXCEEDS_AGREEMENT: {
    zh: '{label}（{date}）超出授权运营协议有效期（至 {validTo}）',
    en: '{labelEn} ({date}) runs past the agreement end ({validTo})',
  },
  DEMAND_LIST_LOCKED: {
    zh: '数源单位已对数据需求作出意见，退回补正时不能增删字段（可修改必要性说明与脱敏方式）；如需增删，请撤回后重新申请',
    en: 'Source units have answered on the demand list; a returned application may change justifications and masking but not add or remove fields. Withdraw and apply again to change fields',
  },
  CONSENT_NOT_FOR_UNIT: { zh: '数据项不属于本数源单位', en: 'The item does not belong to this source unit' },
});
