import { registerMessages } from '../../kernel/http/messages.js';

/** Error codes of rights registration and certificates (rights-assets.md "Bad input and abuse"). */
registerMessages({
  BASE_REGISTRATION_REQUIRED: {
    zh: '该登记类型（{regType}）须以同一登记单元已完成的首次登记为基础',
    en: 'A {regType} registration needs the unit’s completed first registration',
  },
  NOT_HOLDER: { zh: '申请人不是该数据的持有人', en: 'The applicant is not the holder' },
  LAB_PRODUCT_IP_OWNER: {
    zh: '实验室产品的知识产权归共建方，只有共建方可以作为权利人申请登记',
    en: 'A lab product’s IP belongs to the partner: only the partner registers it, as holder',
  },
  SUBSTANTIVE_CHECKS_INCOMPLETE: {
    zh: '实质性审查报告未确认以下核查事项：{missing}',
    en: 'The substantive-review report does not confirm these checks: {missing}',
  },
  ASSET_NOT_CLIENTS: {
    zh: '该数据资产卡片不属于委托方',
    en: 'The data asset card does not belong to the client',
  },
  MARK_RIGHT_INVALID: {
    zh: '只有数据加工使用权或数据产品经营权的授权才登记授权标记（当前：{rightType}）',
    en: 'Only grants of processing-use or product-operation rights are marked (got {rightType})',
  },
  PUBLIC_ASSET_ENCUMBRANCE_FORBIDDEN: {
    zh: '本地规则未允许以公共数据资产出资或质押',
    en: 'The profile does not allow public data assets to be pledged or contributed as equity',
  },
  DESTRUCTION_STEPS_INCOMPLETE: {
    zh: '销毁前须先经审批并完成安全与脱敏处理（缺少：{steps}）',
    en: 'Destruction needs approval, then security and desensitization processing (missing: {steps})',
  },
  CONFIDENTIALITY_CONTRACT_REQUIRED: {
    zh: '委托外部机构销毁须签订保密协议',
    en: 'An outsourced destruction needs a confidentiality contract',
  },
  COST_NOT_CAPITALIZABLE: {
    zh: '以下成本项不得资本化，应计入当期损益：{components}',
    en: 'These cost components cannot be capitalized and are expensed: {components}',
  },
  PLAQUE_INPUT_INVALID: { zh: '实验室牌匾信息无效：{fields}', en: 'Invalid lab plaque input: {fields}' },
  CONTENT_NOT_AGREED: {
    zh: '首次登记须确认已与利害关系人协商一致登记内容',
    en: 'A first registration must confirm the content was agreed with interested parties',
  },
  ACCOUNT_EXISTS: { zh: '该统一社会信用代码已开户', en: 'An account already exists for this credit code' },
  NOT_REGISTRABLE: { zh: '不予登记：{ground}', en: 'Not registrable: {ground}' },
  SHARES_NOT_100: { zh: '资产权益比例合计须为 100（当前 {total}）', en: 'Equity shares must total 100 (now {total})' },
  OBJECTION_BARRED: {
    zh: '同一异议已因未在期限内起诉或申请仲裁而失效，不得以同一理由再次提出',
    en: 'This objection lapsed; it cannot be filed again on the same grounds',
  },
  OBJECTION_NOT_OPEN: {
    zh: '当前状态（{state}）不受理异议',
    en: 'Objections are not accepted in the current state ({state})',
  },
  OBJECTION_PREMATURE: {
    zh: '登记后异议须先经持有人拒绝变更或注销',
    en: 'A post-registration objection needs the holder’s refusal to change or cancel first',
  },
  RENEWAL_WINDOW_CLOSED: {
    zh: '不在续证期内（{opens} 至 {closes}）',
    en: 'Outside the renewal window ({opens} to {closes})',
  },
  SELF_RISK_UNDERTAKING_REQUIRED: {
    zh: '书面告知：该登记存在尚未解决的异议。继续办理须上传自担风险承诺书',
    en: 'Written notice: an objection stands against this registration. Upload a self-risk undertaking to proceed',
  },
  EVIDENCE_REQUIRED: {
    zh: '请提交证明材料（或互认交易所的交易编号）',
    en: 'Evidence is required (or a recognized exchange trade reference)',
  },
  TRANSFER_BY_NEW_HOLDER: { zh: '转移登记由受让方（新持有人）申请', en: 'A transfer is applied for by the new holder' },
  JOINT_APPLICATION_REQUIRED: {
    zh: '变更登记须由双方共同申请',
    en: 'A change must be applied for jointly by both parties',
  },
  EVALUATOR_NOT_INDEPENDENT: {
    zh: '实质性审查须委托与申请人无关联的第三方评估机构',
    en: 'Substantive review needs an independent, unrelated evaluator',
  },
  SUBSTANTIVE_REPORT_MISSING: {
    zh: '尚无通过的实质性审查报告',
    en: 'No passing substantive-review report is on file',
  },
  PUBLICITY_REQUIRED: {
    zh: '该登记类型（{regType}）须经公示',
    en: 'This registration type ({regType}) needs publicity',
  },
  PUBLICITY_NOT_APPLICABLE: {
    zh: '该登记类型（{regType}）无需公示',
    en: 'This registration type ({regType}) skips publicity',
  },
  SECOND_REVIEW_REQUIRED: {
    zh: '普通程序须经合规委员会复审',
    en: 'The ordinary procedure needs the compliance committee’s second review',
  },
  REVOCATION_GROUND_REQUIRED: {
    zh: '撤销须基于欺诈、重大数据安全事件或法院、行政决定（{allowed}）',
    en: 'Revocation needs a ground: fraud, a major data-security incident or a court or administrative decision ({allowed})',
  },
  REG_TYPE_NOT_ENABLED: { zh: '{profile} 不办理 {regType} 登记', en: '{profile} does not register {regType}' },
  RIGHT_TYPE_NOT_ENABLED: { zh: '{profile} 不登记 {rightType}', en: '{profile} does not register {rightType}' },
  REGISTRY_UNKNOWN: { zh: '该机构不是登记机构', en: 'This organization is not a registry' },
  SOE_DEVIATION_APPROVAL_REQUIRED: {
    zh: '国有企业交易价格偏离评估值（{pct}%）超出允许范围，须上传经济行为批准单位的书面同意',
    en: 'The SOE price deviates from the appraisal ({pct}%): upload the approving unit’s written consent',
  },
  PRICE_OUTSIDE_RANGE: { zh: '交易价格不在评估区间内', en: 'The price is outside the valuation range' },
  RETROACTIVE_CAPITALIZATION: {
    zh: '不得将 {from} 之前已费用化（或研究阶段）的支出资本化',
    en: 'Spending expensed (or in research) before {from} cannot be capitalized',
  },
  RECOGNITION_CRITERIA_UNMET: {
    zh: '不满足资产确认条件（{criteria}），请记入资产备查簿',
    en: 'Recognition criteria unmet ({criteria}): keep it in the memo book',
  },
  VALUATION_INVALID: {
    zh: '评估无效（{reason}）：须至少两名专业人员签字、在有效期内，并按规定核准或备案',
    en: 'Valuation invalid ({reason}): at least two professionals sign, in date, approved or filed where required',
  },
  RULEBOOK_ROUTE_MISMATCH: {
    zh: '本登记规则规定的业务规则变更方式（报备后公开，或经同意后公开）与所选方式不符',
    en: 'This registry profile takes rulebook changes by "{required}", not "{route}"',
  },
  RULEBOOK_INCOMPLETE: {
    zh: '业务规则与收费标准须一并公开：请填写规则正文并至少列明一项收费',
    en: 'Business rules and fees are published together: give the rules text and at least one fee line',
  },
  RULEBOOK_AUTHORITY_INVALID: {
    zh: '须向登记机构以外的主管部门报备或报批',
    en: 'File with, or submit to, an authority other than the registry itself',
  },
  MATERIAL_ON_PLATFORM: {
    zh: '以下材料已在政务数据共享或开放平台公开，不得要求申请人重复提供：{materials}',
    en: 'These materials are already on the sharing or open platform and are not requested again: {materials}',
  },
});
