import { registerMessages } from '../../kernel/http/messages.js';

// Artifact egress (EGR-08) and resubmissions (EGR-11): messages name the object, never its data.
registerMessages({
  ARTIFACT_TOO_LARGE: { zh: '出域文件超过 {maxMiB} MiB 上限', en: 'The artifact exceeds the {maxMiB} MiB limit' },
  ARTIFACT_FORMAT_NOT_ALLOWED: {
    zh: '出域文件格式不在允许范围内（文件内容为 {format}，扩展名 {extension}）：模型仅限 ONNX、PMML、JSON，文档仅限 PDF、DOCX、XLSX、PNG',
    en: 'Artifact format not allowed (the bytes are {format}, the name ends {extension}): models ONNX, PMML, JSON; documents PDF, DOCX, XLSX, PNG',
  },
  ARTIFACT_UNREADABLE: {
    zh: '出域文件无法完整读取（{format}），无法完成标识符扫描',
    en: 'The artifact ({format}) cannot be read in full, so it cannot be scanned for identifiers',
  },
  RESUBMISSION_INVALID: {
    zh: '重新提交须引用本开发席位中已被驳回、退回、撤回或过期的出域申请（{reason}）',
    en: 'A resubmission must reference a denied, returned, withdrawn or expired request of this workspace ({reason})',
  },
});
