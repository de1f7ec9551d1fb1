/** Operator-facing messages of backup and restore (issue 21), Chinese first. */
export const OPS_MESSAGES = {
  BACKUP_DIR_NOT_EMPTY: ['备份目录已存在且不为空', 'the backup directory exists and is not empty'],
  BACKUP_DIR_INSIDE_DATA: [
    '备份目录不能位于数据目录之内',
    'the backup directory must not be inside the data directory',
  ],
  BACKUP_NO_DIR: [
    '请指定备份目录：npm run cli -- backup <目录>',
    'name the backup directory: npm run cli -- backup <dir>',
  ],
  RESTORE_NO_DIR: [
    '请指定要恢复的备份目录：npm run cli -- restore <目录>',
    'name the backup to restore: npm run cli -- restore <dir>',
  ],
  MANIFEST_MISSING: ['备份缺少清单或签名（manifest.json / manifest.sig）', 'the backup has no manifest or signature'],
  MANIFEST_FORMAT: ['备份清单格式不符', 'the backup manifest is not in the expected format'],
  MANIFEST_SIGNATURE: ['备份清单的 SM2 签名无效：备份被改动或不完整', 'the manifest SM2 signature does not verify'],
  MANIFEST_UNTRUSTED_KEY: [
    '备份清单的签名公钥不是指定的可信公钥',
    'the manifest was signed by a key other than the trusted one',
  ],
  FILE_MISSING: ['备份文件缺失', 'a file listed in the manifest is missing'],
  FILE_CHANGED: ['备份文件的 SM3 摘要与清单不符', 'a file does not match its SM3 digest in the manifest'],
  FILE_UNLISTED: ['备份中有清单未列出的文件', 'the backup holds a file the manifest does not list'],
  DATA_DIR_NOT_EMPTY: ['目标数据目录不为空：恢复只写入全新的空目录', 'the target data directory is not empty'],
  DATABASE_NOT_EMPTY: ['目标数据库不为空：恢复只写入全新的空数据库', 'the target database is not empty'],
  DATABASE_KIND: ['备份的数据库类型与目标不符', 'the backup database kind does not match the target'],
  MASTER_KEY_MISMATCH: [
    '环境变量 SHUYUN_MASTER_KEY 与备份时的主密钥不一致：恢复后数据无法解密',
    'SHUYUN_MASTER_KEY differs from the master key the backup was taken with',
  ],
  MASTER_KEY_NEEDED: [
    '备份时主密钥由外部提供：恢复前请设置 SHUYUN_MASTER_KEY',
    'the backup was taken with an external master key: set SHUYUN_MASTER_KEY before restoring',
  ],
  KEYS_BAD_REQUEST: ['密钥轮换请求格式不符', 'the key rotation request is malformed'],
  MASTER_KEY_EXTERNAL: [
    '主密钥由外部提供（SHUYUN_MASTER_KEY）：请在 SHUYUN_MASTER_KEYS 中加入新版本（如 2:<32位十六进制>）并重启服务后再轮换',
    'the master key is supplied from outside: add the new version to SHUYUN_MASTER_KEYS (e.g. 2:<hex>) and restart, then rotate',
  ],
  MASTER_KEY_VERSION_MISSING: [
    '未完成的主密钥轮换所需的新版本密钥未加载：请检查 SHUYUN_MASTER_KEYS 后重启',
    'the new master-key version of the unfinished rotation is not loaded: check SHUYUN_MASTER_KEYS and restart',
  ],
  MASTER_KEY_REWRAP_INCOMPLETE: [
    '仍有数据密钥未转到新版本主密钥下：请再次运行 keys rotate-master（可续跑）',
    'some wrapped keys are still under an older master-key version: run keys rotate-master again (it resumes)',
  ],
  CHECKPOINT_ROLLOVER_SM2_ONLY: [
    '检查点密钥轮换仅支持 SM2（ledger.signAlg = sm2-sm3）',
    'checkpoint-key rollover is for SM2 signing only (ledger.signAlg = sm2-sm3)',
  ],
  SERVER_UNREACHABLE: ['无法连接运行中的服务（ops.sock）', 'cannot reach the running server (ops.sock)'],
  TOOL_FAILED: ['外部工具执行失败', 'an external tool failed'],
} as const satisfies Record<string, readonly [string, string]>;

export type OpsCode = keyof typeof OPS_MESSAGES;

/** A refusal the CLI prints as `代码 中文 / English (details)` and exits 1 on. */
export class OpsError extends Error {
  constructor(
    readonly code: OpsCode,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${code}: ${OPS_MESSAGES[code][1]}`);
  }

  get messageZh(): string {
    return OPS_MESSAGES[this.code][0];
  }

  get messageEn(): string {
    return OPS_MESSAGES[this.code][1];
  }

  toJSON() {
    return { code: this.code, message_zh: this.messageZh, message_en: this.messageEn, details: this.details };
  }
}

export function describeOpsError(e: { code: string; message_zh: string; message_en: string; details?: unknown }) {
  const d = e.details && Object.keys(e.details).length ? ` ${JSON.stringify(e.details)}` : '';
  return `✗ ${e.code}: ${e.message_zh} / ${e.message_en}${d}`;
}
