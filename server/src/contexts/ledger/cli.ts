import { configFromEnv } from '../../config.js';
import { createKernel } from '../../kernel/kernel.js';
import { openConfigured } from '../../main.js';
import { auditLedger, type Mismatch } from './usecases/audit.js';

const CHECK_ZH: Record<string, string> = {
  seq_gap: '序号缺口',
  leaf_hash: '叶哈希不符',
  leaf_data: '叶数据不符',
  header_commitment: '头部承诺不符',
  header_columns: '条目字段与头部不符',
  payload_commitment: '载荷承诺不符',
  tree_size: '树大小不符',
  tree_node: '树节点不符',
  checkpoint_signature: '检查点签名无效',
  checkpoint_body: '检查点内容不符',
  checkpoint_root: '检查点根哈希不符',
  checkpoint_consistency: '检查点一致性失败',
  event_without_entry: '事件缺少账本条目',
  event_row: '事件记录与头部不符',
  object_version: '对象版本不连续',
  object_link: '对象前序链接断裂',
  object_state: '对象状态与最后条目不符',
  access_log_seal: '访问日志封存哈希不符',
  attested_row: '记录与其审计条目不符',
  attested_row_without_entry: '记录缺少审计条目',
  attested_row_missing: '审计条目所证记录已缺失',
};

function line(m: Mismatch): string {
  const where = [
    m.logId,
    m.seq !== undefined && m.seq !== null ? `seq ${m.seq}` : null,
    m.object,
    m.eventId ? `event ${m.eventId}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return `✗ ${CHECK_ZH[m.check] ?? m.check} / ${m.check}: ${m.detail}${where ? ` [${where}]` : ''}`;
}

/** `npm run cli -- ledger audit` (LED-11): exit 0 clean, 1 any mismatch (each named). */
export async function ledgerAudit(_args: string[]): Promise<number> {
  await import('../../app.js'); // registers every context's lifecycles, so (c) covers all tables
  const cfg = configFromEnv();
  const { database, lock } = await openConfigured();
  try {
    const k = await createKernel(database, {
      profileId: cfg.profileId,
      ledgerOrigin: cfg.ledgerOrigin,
      dataDir: cfg.dataDir,
    });
    const r = await auditLedger(k);
    for (const m of r.mismatches) console.log(line(m));
    console.log(
      `账本审计 / ledger audit: ${r.entries} entries, ${r.checkpoints} checkpoints, ${r.objects} objects — ${r.clean ? '未发现篡改 / clean' : `发现 ${r.mismatches.length} 处不符 / ${r.mismatches.length} mismatches, incident ${r.incidentId}`}`,
    );
    return r.clean ? 0 : 1;
  } finally {
    await database.close();
    lock?.release();
  }
}
