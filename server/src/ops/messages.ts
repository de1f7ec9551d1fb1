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
