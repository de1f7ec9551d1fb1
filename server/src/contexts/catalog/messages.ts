import { registerMessages } from '../../kernel/http/messages.js';

// zh + en messages for every catalog error code (style.md §5).
registerMessages({
  LEGAL_BASIS_REQUIRED: {
    zh: '有条件共享/不予共享或拒绝须说明理由和法律依据（{field}）',
    en: 'A reason and legal basis are required ({field})',
  },
  SHARE_CONDITIONS_REQUIRED: { zh: '有条件共享须写明共享条件', en: 'Conditional sharing must state its conditions' },
  OPEN_CLASS_NOT_ALLOWED: {
    zh: '开放属性“{openClass}”不允许：{reason}',
    en: 'Open class "{openClass}" not allowed: {reason}',
  },
  CLASSIFICATION_INCOMPLETE: { zh: '分类分级未全部确认：{fields}', en: 'Classification not confirmed for: {fields}' },
  GRADE_BELOW_FIELDS: {
    zh: '资源级别“{grade}”低于数据项最高级别“{derivedGrade}”（就高从严）',
    en: 'Resource grade "{grade}" is below its fields\' maximum "{derivedGrade}"',
  },
  PI_FLAGS_BELOW_FIELDS: {
    zh: '资源的个人信息标记不得低于数据项',
    en: "Resource personal-information flags are below its fields'",
  },
  UPLIFT_REASON_REQUIRED: {
    zh: '因汇聚关联提升级别须说明理由',
    en: 'Raising the grade for aggregation needs a reason',
  },
  CORE_DATA_FORBIDDEN: {
    zh: '核心数据不得进入开放目录、授权运营目录或登记',
    en: 'Core data may not enter the open or authorized catalog or a registration',
  },
  CORE_DATA_NOT_GRANTABLE: {
    zh: '含核心数据的资源不得授权：{names}',
    en: 'Resources with core data cannot be granted: {names}',
  },
  RESOURCE_NOT_REGISTERED: { zh: '资源尚未完成公共数据资源登记：{names}', en: 'Resource is not registered: {names}' },
  OPEN_MODE_NOT_ALLOWED: {
    zh: '含敏感个人信息的数据项仅允许沙箱或模型/核验方式开放',
    en: 'Sensitive personal information allows only sandbox or model/verification modes',
  },
  CATALOG_ENTRY_INCOMPLETE: {
    zh: '目录信息不完整，缺少：{missing}',
    en: 'Catalog entry incomplete, missing: {missing}',
  },
  STANDARD_IDENTIFIER_UNKNOWN: {
    zh: '标准标识引用了不存在的数据项：{fields}',
    en: 'Standard identifiers name unknown fields: {fields}',
  },
  DETECTIONS_PENDING: {
    zh: '还有 {count} 条敏感数据识别建议待确认',
    en: '{count} detection suggestions still await review',
  },
  REJECT_REASON_REQUIRED: { zh: '驳回识别建议须说明理由', en: 'Rejecting a suggestion needs a reason' },
  MATERIALS_INCOMPLETE: { zh: '登记材料不完整：{missing}', en: 'Registration materials incomplete: {missing}' },
  REGISTRATION_GROUNDS_UNMET: {
    zh: '须声明不涉及国家秘密、来源合法且无权属争议',
    en: 'Declarations on secrets, lawful acquisition and ownership are required',
  },
  REGISTRATION_IN_PROGRESS: {
    zh: '该资源已有进行中的登记',
    en: 'A registration of this resource is already in progress',
  },
  ALREADY_REGISTERED: {
    zh: '该资源已登记，请办理变更或更正登记',
    en: 'Already registered; file a change or correction',
  },
  RESOURCE_NOT_CLASSIFIED: {
    zh: '资源须完成分类分级后方可登记（当前：{state}）',
    en: 'The resource must be classified before registration (now {state})',
  },
  OBJECTION_OPEN: { zh: '存在 {count} 条未处理的异议', en: '{count} objections are still open' },
  PUBLICITY_NOT_ENDED: { zh: '公示期尚未结束', en: 'Publicity has not ended' },
  REQUEST_INCOMPLETE: { zh: '申请信息不完整：{missing}', en: 'Request incomplete: {missing}' },
  RESOURCE_NOT_OPEN: { zh: '该资源不予开放', en: 'This resource is not open' },
  RESOURCE_NOT_SHARED: { zh: '该资源不予共享', en: 'This resource is not shared' },
  REASON_REQUIRED: { zh: '须填写理由', en: 'A reason is required' },
  CONSENT_REQUIRED: {
    zh: '修改授权运营目录须经数源单位同意',
    en: "Changing an authorized entry needs the source unit's consent",
  },
  UPLOAD_INVALID: {
    zh: '上传的文件无法按表格读取，请检查文件是否为 UTF-8 编码、首行为列名的 CSV',
    en: 'The uploaded file cannot be read as a table: check that it is a UTF-8 CSV with column names in its first line',
  },
  UPLOAD_NOT_A_TABLE: {
    zh: '上传的文件不是{format}表格：请上传首行为列名、至少两列的 CSV、Excel（.xlsx）或 Parquet 文件，本次未作任何更改',
    en: 'The uploaded file is not a readable {format} table: upload a CSV, Excel (.xlsx) or Parquet file with column names in its first row and at least two columns; nothing was changed',
  },
  UPLOAD_EMPTY: {
    zh: '上传的文件没有数据行：请上传含列名和至少一行数据的表格，本次未作任何更改',
    en: 'The uploaded file has no data rows: upload a table with column names and at least one row; nothing was changed',
  },
  UPLOAD_FORMAT_UNSUPPORTED: {
    zh: '不支持的文件格式：{format}（支持 CSV、Excel、Parquet）',
    en: 'Unsupported format {format} (CSV, Excel, Parquet)',
  },
  MATERIAL_FORMAT_UNSUPPORTED: {
    zh: '登记材料须为 PDF、OFD、Word 或图片文件（当前：{format}）',
    en: 'Registration materials must be PDF, OFD, Word or image files (got {format})',
  },
  MATERIAL_UNVERIFIED: {
    zh: '登记材料“{kind}”的文件不存在或 SM3 摘要不符，请重新上传',
    en: 'The file of material "{kind}" is missing or its SM3 digest does not match; upload it again',
  },
  UPLOAD_MISSING: { zh: '请选择要上传的文件', en: 'No file was uploaded' },
  FIELD_UNKNOWN: { zh: '数据项不存在：{fieldId}', en: 'Unknown field {fieldId}' },
  OBJECTION_RATE_LIMITED: {
    zh: '同一手机号每天最多提交 {limit} 条异议',
    en: 'At most {limit} objections per mobile number per day',
  },
  NOT_IN_PUBLICITY: { zh: '该登记不在公示期', en: 'This registration is not in publicity' },
  IMPORT_INVALID: {
    zh: 'Excel 导入有 {count} 处错误，未导入任何数据',
    en: 'Excel import has {count} errors; nothing was imported',
  },
  CHANGE_DIFF_INVALID: {
    zh: '变更内容（第 {index} 项）无法应用：{reason}',
    en: 'Change item {index} cannot be applied: {reason}',
  },
  FIELD_NOT_REGISTERED: {
    zh: '新增数据项尚未完成变更登记，不得授权：{fields}',
    en: 'New fields are not registered and cannot be granted: {fields}',
  },
  GRADE_LOWERING_FORBIDDEN: {
    zh: '已发布资源的数据项级别只能调高（当前“{from}”）',
    en: 'A published field\'s grade may only be raised (now "{from}")',
  },
  REQUEST_APPROVER_MISMATCH: { zh: '当前环节应由{expected}作出决定', en: 'At this step the {expected} decides' },
  EXTENSION_NOT_AVAILABLE: { zh: '本地配置不支持该环节（{step}）', en: 'The profile has no {step} step' },
  OPEN_INSTRUMENT_REQUIRED: {
    zh: '有条件开放须签署{instrument}，缺少：{missing}',
    en: 'Conditional opening needs a signed {instrument}; missing: {missing}',
  },
  OBJECTION_DELETE_NOT_ALLOWED: {
    zh: '本地配置不支持以删除数据答复异议',
    en: 'This profile does not allow deleting data as an answer',
  },
  UPDATE_MISSED: {
    zh: '未按更新频率（{updateFrequency}）更新数据，须整改',
    en: 'Data not updated within its frequency ({updateFrequency}); rectification required',
  },
  QUALITY_DEFECT: { zh: '数据质量维度低于 {minScore} 分：{dimensions}', en: 'Quality below {minScore}: {dimensions}' },
  CLASS_REVIEW_DUE: { zh: '共享属性“{shareClass}”到期复核', en: 'Share class "{shareClass}" is due for review' },
  OPEN_CLASS_EVIDENCE_REQUIRED: {
    zh: '由“不予开放”调整为“{to}”须提供脱敏、解密证明或权利人同意',
    en: 'Leaving not_open for "{to}" needs desensitization or declassification evidence, or the right holder\'s consent',
  },
  PROVIDER_CONSENT_REQUIRED: {
    zh: '跨地区共享的数据资源须经提供单位同意后方可编目发布',
    en: "A resource shared in from another jurisdiction needs the providing unit's consent",
  },
  CATALOG_APPROVER_LEVEL: {
    zh: '本地目录须由{approver}级主管部门审核',
    en: 'This catalog is reviewed by the {approver}-level authority',
  },
  IMPORTANT_DATA_REVIEW_INCOMPLETE: {
    zh: '重要数据纳入授权运营目录前须完成：{missing}',
    en: 'Important data needs before the authorized catalog: {missing}',
  },
  GRADE_BELOW_AGGREGATION_RULE: {
    zh: '按本地分级规则“{rule}”，资源级别不得低于“{required}”',
    en: 'The jurisdiction rule "{rule}" requires at least "{required}"',
  },
  IMPORT_TOO_LARGE: {
    zh: 'Excel 文件超过上限（{maxRows} 行 / {maxMB} MB）',
    en: 'Excel file exceeds the limit ({maxRows} rows / {maxMB} MB)',
  },
});
