import { registerMessages } from '../../kernel/http/messages.js';

registerMessages({
  PROOF_RANGE_INVALID: { zh: '证明范围无效（{detail}）', en: 'Proof range invalid ({detail})' },
  LEDGER_LOG_UNKNOWN: { zh: '未知的账本日志：{log}', en: 'Unknown ledger log: {log}' },
  LEDGER_NO_CHECKPOINT: { zh: '该日志尚无签名检查点', en: 'This log has no signed checkpoint yet' },
  LEDGER_ENTRY_NOT_FOUND: { zh: '账本条目不存在：{seq}', en: 'Ledger entry not found: {seq}' },
  LEDGER_OBJECT_NO_ENTRIES: { zh: '该对象没有账本条目', en: 'This object has no ledger entries' },
  LEDGER_CHECKPOINT_REFUSED: { zh: '检查点签名被拒绝：{reason}', en: 'Checkpoint signing refused: {reason}' },
  RETENTION_PERMANENT: { zh: '该记录原则上不得销毁', en: 'This record is permanent and may not be destroyed' },
  LEGAL_HOLD_ACTIVE: { zh: '存在法律保全，禁止删除', en: 'A legal hold is active; deletion is forbidden' },
  RETENTION_NOT_ENDED: { zh: '留存期未届满（至 {until}）', en: 'The retention period has not ended (until {until})' },
  DESTRUCTION_APPROVAL_MISSING: { zh: '缺少销毁审批：{missing}', en: 'Deletion approval missing: {missing}' },
  DESTRUCTION_CONTRACT_MISSING: {
    zh: '委托销毁须有安全保密协议',
    en: 'Outsourced destruction needs a security and confidentiality contract',
  },
  DESTRUCTION_VERIFIER_SAME_AS_EXECUTOR: {
    zh: '核验人不得为执行人',
    en: 'The verifier must be a second person, not the executor',
  },
  DESTRUCTION_SCOPE_EMPTY: { zh: '销毁范围为空', en: 'The deletion scope is empty' },
  LEGAL_HOLD_NOT_ACTIVE: { zh: '该法律保全已解除', en: 'This legal hold is no longer active' },
  DESTRUCTION_METHOD_UNKNOWN: {
    zh: '未知的销毁方式：{method}，无法核验',
    en: 'Unknown deletion method {method}: cannot verify',
  },
  EVIDENCE_PURPOSE_REQUIRED: { zh: '请填写证据包用途', en: 'The purpose of the evidence package is required' },
});
