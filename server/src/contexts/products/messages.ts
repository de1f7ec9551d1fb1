import { registerMessages } from '../../kernel/http/messages.js';

// zh + en messages for the products-market error codes (style.md §5); OBJECTION_OPEN is the catalog's.
registerMessages({
  SCENARIO_NOT_APPROVED: { zh: '应用场景未经批准，不得据此开发产品', en: 'The scenario application is not approved' },
  GRANT_SCOPE_EXCEEDED: { zh: '超出授权范围的数据项：{fields}', en: 'Fields outside the grants: {fields}' },
  NOTHING_TO_BILL: {
    zh: '本期没有计费用量，也没有按期收取的固定费用，不出具零元账单',
    en: 'Nothing to bill in the period: no billable use and no periodic fee',
  },
  SERVICE_NOT_OF_GRANT: {
    zh: '所选数据服务不是本产品所引授权下、由同一运营方开发的服务，不能绑定',
    en: 'The data service is not one made on the product’s own Grants by the same operator',
  },
  SERVICE_FORM_MISMATCH: {
    zh: '只有数据服务/接口或核验服务类产品可以绑定数据服务',
    en: 'Only a data service/API or verification product can be bound to a data service',
  },
  GRANT_NOT_HELD: { zh: '所引授权不属于产品开发方：{grants}', en: 'Grants not held by the producer: {grants}' },
  GRANT_NOT_USABLE: { zh: '所引授权不在有效期或有效状态：{grants}', en: 'Grants not active or in period: {grants}' },
  RAW_PERSONAL_DATA: {
    zh: '产品含未经匿名化的个人信息，不得作为数据产品',
    en: 'The product contains personal data that is not anonymised',
  },
  CORE_DATA: { zh: '核心数据不得进入数据产品：{fields}', en: 'Core data may not enter a product: {fields}' },
  NOT_REVIEWED: {
    zh: '合规审查未通过或已过期，不得上架或登记',
    en: 'The compliance review has not passed or has expired',
  },
  NOT_REGISTERED: { zh: '产品未完成登记，不得上架或交易', en: 'The product is not registered' },
  NEGATIVE_LIST_MATCH: {
    zh: '产品命中负面清单（{entries}）：{sources}',
    en: 'The product matches the negative list ({entries}): {sources}',
  },
  RESTRICTED_LIST_APPROVAL_REQUIRED: {
    zh: '产品命中谨慎清单（{entries}），须经主管部门逐次批准',
    en: 'The product is on the restricted list ({entries}); the authority must approve this listing',
  },
  VENUE_NOT_ALLOWED: {
    zh: '本地政策不允许在该场所上架（{venue}）',
    en: 'The profile does not allow this venue ({venue})',
  },
  CHECKLIST_NOT_PASSED: { zh: '合规审查项未全部通过：{items}', en: 'Checklist items not passed: {items}' },
  EVALUATOR_REPORT_REQUIRED: {
    zh: '涉及个人信息或重要数据，须附第三方评估报告',
    en: 'A third-party evaluator report is required',
  },
  REVIEWER_RELATED: {
    zh: '审查人员不得来自产品开发方或运营方',
    en: 'A reviewer may not belong to the producing organization',
  },
  CHECK_NOT_MANUAL: {
    zh: '该审查项由平台自动判定：{code}',
    en: 'This checklist item is computed by the platform: {code}',
  },
  SECOND_REVIEW_REQUIRED: {
    zh: '公共数据产品适用普通程序，须经复审后方可公示',
    en: 'The ordinary procedure requires a second review before publicity',
  },
  PUBLICITY_NOT_ENDED: { zh: '公示期未满（至 {publicityEnd}）', en: 'Publicity has not ended (until {publicityEnd})' },
  WRITTEN_REPORT_REQUIRED: {
    zh: '上限收费标准须附向发展改革和数据部门的书面报告',
    en: 'The written report to the development-and-reform and data departments is required',
  },
  TRIAL_CAP_NOT_ALLOWED: {
    zh: '运营者已满一个完整运营年度，不得再适用试行收费标准',
    en: 'A trial fee standard is not allowed after a full operating year',
  },
  MPR_NOT_APPROVED: {
    zh: '正式收费标准须对应已批准最高准许收入的收入周期',
    en: 'A regular fee cap needs a revenue cycle with an approved MPR',
  },
  CAP_WITHOUT_PRODUCT: { zh: '收费标准须指明产品或产品类别', en: 'A fee cap must name a product or a product class' },
  FREE_USE_CHARGED: {
    zh: '公共治理、公益事业或免费权利的使用不得收费',
    en: 'Governance, welfare or free-right use may not be charged',
  },
  FEE_CAP_NOT_IN_FORCE: { zh: '无有效的上限收费标准，不得收费', en: 'No fee cap is in force for this product' },
  UNIT_NOT_COVERED: {
    zh: '上限收费标准不覆盖该计费单位（{unit}，{unitDefinition}）',
    en: 'The cap does not cover this charging unit ({unit}, {unitDefinition})',
  },
  PRICE_ABOVE_CAP: {
    zh: '备案价格 {priceFen} 分高于上限 {capFen} 分',
    en: 'Price {priceFen} fen is above the cap {capFen} fen',
  },
  FILING_INCOMPLETE: { zh: '定价备案缺少：{fieldsZh}', en: 'The price filing is missing: {fieldsEn}' },
  DISCOUNT_UNPUBLISHED: {
    zh: '优惠须有公开的适用条件：{discounts}',
    en: 'Discounts need a published eligibility rule: {discounts}',
  },
  PRICE_NOT_FILED: {
    zh: '价格 {chargedUnitFen} 分与备案价格 {allowedUnitFen} 分不一致',
    en: 'Price {chargedUnitFen} fen differs from the filed price {allowedUnitFen} fen',
  },
  LAB_NOT_ACTIVE: { zh: '实验室不在运行状态，不得免费使用', en: 'The lab is not active' },
  LAB_BASIS_NOT_ACTIVE: {
    zh: '实验室{labNo}不在运行状态，其共建协议不能作为产品开发依据',
    en: 'Lab {labNo} is not active: its agreement cannot be a product basis',
  },
  DERIVED_FROM_FREE_RESEARCH: {
    zh: '由实验室免费科研使用所得的成果不得上架交易',
    en: 'Outputs of free lab research use can never be listed',
  },
  DERIVED_ORDER_NOT_OURS: {
    zh: '产品来源订单须为本单位自己的订单',
    en: 'A product can only be derived from an order of your own organization',
  },
  LAB_ID_NOT_OF_GRANT: {
    zh: '只有引用该实验室共建协议所开通授权的产品才能计入该实验室',
    en: "Only a product on the lab agreement's grants may name that lab",
  },
  LAB_BASIS_MIXED: {
    zh: '实验室产品只能引用本实验室共建协议开通的授权：{grants}',
    en: "A lab product cites only its lab agreement's grants: {grants}",
  },
  REAUTHORIZATION_FORBIDDEN: {
    zh: '不得转授权：合同不得允许买方向第三方转让交付物',
    en: 'Re-authorization is forbidden: the contract may not let the buyer pass the deliverables on',
  },
  INPUT_NOT_PUBLISHED: {
    zh: '产品的输入数据资源须已发布：{resources}',
    en: 'Every input data resource must be published: {resources}',
  },
  INPUT_CONFIDENTIAL: {
    zh: '涉密或核心数据不得进入市场：{resources}',
    en: 'Confidential or core data may not enter the market: {resources}',
  },
  EXCHANGE_MAY_NOT_TRADE: {
    zh: '数据交易场所及其工作人员不得参与本场所的交易',
    en: 'An exchange and its staff may not trade on the exchange',
  },
  DISCLOSURE_INCOMPLETE: { zh: '信息披露缺少必备内容：{sections}', en: 'The disclosure is missing: {sections}' },
  DISCLOSURE_EXISTS: {
    zh: '{year} 年度信息披露已生成，请提交更正',
    en: 'The {year} disclosure exists; file a correction',
  },
  CANCELLATION_REGISTRATION_REQUIRED: {
    zh: '已登记产品须办理注销登记后方可下架退市',
    en: 'A registered product is retired only through a cancellation registration',
  },
  CYCLE_EXISTS: { zh: '该收入周期已存在', en: 'This revenue cycle already exists' },
  // Part 2: orders, contracts, delivery, metering and settlement (PM-21…PM-27).
  CONTRACT_NOT_FILED: { zh: '合同未在平台备案，不得交付', en: 'The contract is not filed on the platform' },
  EGRESS_REQUIRED: { zh: '文件交付须经批准的出域申请', en: 'File delivery needs an approved egress request' },
  WORKSPACE_REQUIRED: { zh: '沙箱席位交付须指定工作空间', en: 'A sandbox seat needs a workspace' },
  DELIVERY_MODE_NOT_ALLOWED: {
    zh: '产品不支持该交付方式：{mode}',
    en: 'The product does not allow delivery mode {mode}',
  },
  TERM_EXCEEDS_GRANT: {
    zh: '合同期限超出授权期限（至 {grantEnd}）',
    en: 'The contract term exceeds the grant (ends {grantEnd})',
  },
  NO_EFFECTIVE_PRICE: { zh: '产品无已生效的备案价格', en: 'The product has no effective filed price' },
  SHARES_NOT_100: {
    zh: '收益分配比例合计须为100.00%（现为 {totalPct}%）',
    en: 'Revenue shares must total 100.00% (now {totalPct}%)',
  },
  SETTLEMENT_MISMATCH: {
    zh: '结算机构到账金额与平台指令不符（应收 {dueFen} 分，到账 {receivedFen} 分）',
    en: "The agent's amount does not match the instruction (due {dueFen}, received {receivedFen} fen)",
  },
  SETTLEMENT_EXISTS: { zh: '该合同本期已结算（{period}）', en: 'This contract is already settled for {period}' },
  STATEMENT_UNREADABLE: { zh: '银行对账单无法读取', en: 'The bank statement cannot be read' },
  DUPLICATE_USAGE: { zh: '重复的计量记录（幂等键已存在），保留首条', en: 'Duplicate usage record; the first is kept' },
});
