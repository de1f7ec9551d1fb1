import { registerMessages } from '../../kernel/http/messages.js';

// sandbox.md "Bad input and abuse": messages name the offending object, never data values.
registerMessages({
  SANDBOX_REFUSED: { zh: '语句被沙箱拒绝：{reason}', en: 'Statement refused by the sandbox: {reason}' },
  STATEMENT_NOT_ALLOWED: {
    zh: '只允许单条查询语句（{what} 不允许）',
    en: 'Only a single query is allowed ({what} is not)',
  },
  MULTIPLE_STATEMENTS: { zh: '一次只能提交一条语句', en: 'Only one statement per job' },
  FUNCTION_NOT_ALLOWED: { zh: '函数或表来源不允许：{name}', en: 'Function or table source not allowed: {name}' },
  OBJECT_NOT_IN_WORKSPACE: { zh: '对象不在本开发席位中：{name}', en: 'Object not in this workspace: {name}' },
  FIELD_NOT_GRANTED: { zh: '字段未授权：{field}', en: 'Field not granted: {field}' },
  AGGREGATE_ONLY_FIELD: { zh: '字段 {field} 只能在聚合中使用', en: 'Field {field} may only be used inside aggregates' },
  SQL_TOO_LARGE: { zh: '语句超过 {maxBytes} 字节', en: 'Statement exceeds {maxBytes} bytes' },
  SQL_SYNTAX: {
    zh: 'SQL 语法错误：第 {line} 行第 {column} 列附近（“{near}”）无法解析。请检查拼写、逗号、括号和引号后再运行。',
    en: 'SQL syntax error at line {line}, column {column} (near "{near}"). Check spelling, commas, brackets and quotes, then run again.',
  },
  RESOURCE_LIMIT_MEMORY: { zh: '作业超过内存上限（{limit}）', en: 'Job exceeded the memory limit ({limit})' },
  RESOURCE_LIMIT_TIME: { zh: '作业超过时间上限（{limit}）', en: 'Job exceeded the time limit ({limit})' },
  RESOURCE_LIMIT_ROWS: { zh: '结果超过行数上限（{limit}）', en: 'Result exceeded the row limit ({limit})' },
  RESOURCE_LIMIT_STORAGE: { zh: '超过存储上限（{limit}）', en: 'Storage limit exceeded ({limit})' },
  RESOURCE_LIMIT_CONCURRENCY: { zh: '同时运行的作业已达上限（{limit}）', en: 'Too many concurrent jobs ({limit})' },
  JOB_ENGINE_ERROR: { zh: '作业执行出错：{detail}', en: 'Job failed in the engine: {detail}' },
  WORKSPACE_NOT_ACTIVE: { zh: '开发席位当前状态（{state}）不允许此操作', en: 'The workspace is {state}' },
  WORKSPACE_EXISTS: { zh: '该机构已有此授权的开发席位', en: 'A workspace for this organization and grant exists' },
  GRANT_NOT_USABLE: { zh: '授权不可用：{reason}', en: 'Grant not usable: {reason}' },
  SEAT_LIMIT: { zh: '席位数已达上限 {max}', en: 'Seat limit {max} reached' },
  SEAT_NOT_MEMBER: { zh: '席位只能分配给本机构在册人员', en: 'Seats go only to active members of the holder org' },
  NOT_A_SEAT: { zh: '您不是该开发席位的成员', en: 'You do not hold a seat in this workspace' },
  EGRESS_KIND_NOT_ALLOWED: { zh: '授权不允许该出域形式：{kind}', en: 'Output kind not allowed by the grant: {kind}' },
  EGRESS_SOURCE_INVALID: { zh: '出域来源作业无效：{jobId}', en: 'Invalid source job for egress: {jobId}' },
  RELEASE_FORMAT_UNAVAILABLE: {
    zh: '该出域文件没有 {format} 格式，请下载 CSV 格式',
    en: 'This release has no {format} file; download the CSV',
  },
  DIRECT_IDENTIFIER_IN_OUTPUT: {
    zh: '输出含直接标识符或个人信息派生列：{column}',
    en: 'Output contains a direct identifier or personal-data column: {column}',
  },
  AGGREGATE_SHAPE_NOT_ALLOWED: { zh: '聚合形式不允许：{detailZh}', en: 'Aggregate shape not allowed: {detail}' },
  DP_BUDGET_EXHAUSTED: {
    zh: '隐私预算不足（剩余 {remaining}，需要 {needed}）',
    en: 'Privacy budget exhausted (remaining {remaining}, needed {needed})',
  },
  DP_COLUMN_UNSUPPORTED: {
    zh: '差分隐私仅支持计数列：{column}',
    en: 'Differential privacy supports count columns only: {column}',
  },
  EGRESS_ALL_SUPPRESSED: {
    zh: '所有输出行均被抑制，无可出域内容',
    en: 'Every output row was suppressed; nothing to release',
  },
  REVIEWER_SAME_ORG: { zh: '审核人不能来自申请机构', en: 'Reviewer must be outside the requester organization' },
  REASON_REQUIRED: { zh: '审核决定必须填写理由', en: 'A decision needs a reason' },
  RELEASE_NOT_FOR_ORG: { zh: '该出域文件不属于您的机构', en: 'This release is not addressed to your organization' },
  RELEASE_LINK_EXPIRED: { zh: '下载链接已失效', en: 'The download link has expired' },
  RELEASE_DOWNLOADS_EXHAUSTED: { zh: '下载次数已用完（{max}）', en: 'Download limit reached ({max})' },
  CALL_NOT_AUTHORIZED: { zh: '调用未获授权：{reason}', en: 'Call not authorized: {reason}' },
  QUOTA_EXCEEDED: { zh: '调用额度已用完（{period}）', en: 'Quota exceeded ({period})' },
  PARAMETER_INVALID: { zh: '参数不合法：{name}', en: 'Invalid parameter: {name}' },
  SUBJECT_RATE_LIMIT: {
    zh: '同一主体当日核验次数已达上限 {max}',
    en: 'Per-subject daily verification limit {max} reached',
  },
  SERVICE_NOT_ACTIVE: { zh: '数据服务未启用（{state}）', en: 'The data service is not active ({state})' },
  TEMPLATE_INVALID: { zh: '服务模板不合法：{detail}', en: 'Invalid service template: {detail}' },
});

registerMessages({
  EGRESS_NOT_REVIEWABLE: {
    zh: '出域申请当前状态（{state}）不可审核',
    en: 'The egress request is {state} and cannot be reviewed',
  },
  SQL_NOT_REWRITABLE: {
    zh: '该查询语句无法用于出域检查，请改写后重新运行（例如去掉不常用的语法）',
    en: 'This statement cannot be prepared for the egress checks; rewrite it (e.g. without unusual syntax) and run it again',
  },
});

// SBX-10 results and SBX-11 imports (issue 19).
registerMessages({
  IMPORT_SOURCE_REQUIRED: {
    zh: '导入数据须声明合法来源（来源类型和来源说明，缺少：{part}）',
    en: 'An import needs a declared lawful source (basis and description; missing: {part})',
  },
  IMPORT_TOO_LARGE: { zh: '导入文件超过上限 {maxGiB} GiB', en: 'The import exceeds {maxGiB} GiB' },
  IMPORT_IDENTIFIER_UNMASKED: {
    zh: '列“{column}”含个人信息，须选择脱敏方式后才能导入',
    en: 'Column "{column}" holds personal information: choose a masking method to import it',
  },
  IMPORT_NOTHING_LEFT: { zh: '所有列均被舍弃，没有可导入的数据', en: 'Every column was dropped; nothing to import' },
  IMPORT_NAME_TAKEN: {
    zh: '本开发席位中已有同名的视图或导入数据',
    en: 'A view or import of this name exists in this workspace',
  },
  IMPORT_NAME_INVALID: {
    zh: '导入数据的名称须为中文、字母、数字或下划线（不以数字或 r_ 开头，最长 40 个字符）',
    en: 'An import name is letters, digits or underscores (not starting with a digit or r_, at most 40 characters)',
  },
  IMPORT_MASKING_INVALID: { zh: '脱敏方式不合法：{column}', en: 'Invalid masking choice: {column}' },
  RESULT_NOT_AVAILABLE: {
    zh: '该作业没有可查看的结果（状态：{state}）',
    en: 'This job has no result to view (state: {state})',
  },
});
