import { useMemo } from 'react';
import { Alert, Descriptions, Drawer, List, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined, CloseCircleFilled } from '@ant-design/icons';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { fromHex, verifyInclusion } from '../../ledger/merkle';
import { type BillItem, type BillVerify, useVerify } from '../api';
import { periodLabel, yuan } from '../labels';

type Proof = BillVerify['proofs'][number];

/** Each inclusion proof checked here, in the browser, against the checkpoint root the bill names (RFC 9162). */
function checkProofs(proofs: Proof[], root: string | null): { checked: number; failed: number } {
  if (!root) return { checked: 0, failed: 0 };
  let failed = 0;
  for (const p of proofs) {
    let ok = false;
    try {
      ok = verifyInclusion(p.seq, p.treeSize, fromHex(p.leafHash), p.hashes.map(fromHex), fromHex(root));
    } catch {
      ok = false;
    }
    if (!ok) failed += 1;
  }
  return { checked: proofs.length, failed };
}

const Mark = ({ ok }: { ok: boolean }) =>
  ok ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleFilled style={{ color: '#cf1322' }} />;

/**
 * "Verify this bill" (issue 15): the server recomputes each line from its UsageRecords and returns the inclusion
 * proofs; the browser checks the proofs itself against the checkpoint the bill names, and says what it found in
 * plain words.
 */
export function BillVerifyDrawer({ bill, onClose }: { bill: BillItem | null; onClose: () => void }) {
  const t = useT();
  const q = useVerify(bill?.settlementId ?? null);
  const v = q.data;
  const root = bill?.checkpoint?.rootHash ?? null;
  const proofs = useMemo(() => checkProofs(v?.proofs ?? [], root), [v, root]);
  const allOk = !!v && v.ok && proofs.failed === 0;
  return (
    <Drawer open={!!bill} onClose={onClose} width={720} title={t('market.verify.title')} loading={q.isLoading}>
      {q.error && <QueryError error={q.error} />}
      {v && bill && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Alert
            type={allOk ? 'success' : 'error'}
            showIcon
            message={allOk ? t('market.verify.ok') : t('market.verify.bad')}
            description={t('market.verify.what', { product: bill.productName, period: periodLabel(t, bill.period) })}
            data-testid="bill-verify-result"
          />
          <List
            header={<Typography.Text strong>{t('market.verify.lines')}</Typography.Text>}
            bordered
            dataSource={v.lines}
            renderItem={(l) => (
              <List.Item>
                <Space direction="vertical" size={2}>
                  <Space>
                    <Mark ok={l.billedFen === l.recomputedFen} />
                    {t('market.verify.amount', {
                      period: periodLabel(t, l.period),
                      count: l.recordCount.toLocaleString('zh-CN'),
                      recomputed: yuan(l.recomputedFen),
                      billed: yuan(l.billedFen),
                    })}
                  </Space>
                  <Space>
                    <Mark ok={l.digestMatches} />
                    {l.digestMatches ? t('market.verify.digestOk') : t('market.verify.digestBad')}
                  </Space>
                </Space>
              </List.Item>
            )}
          />
          <Space>
            <Mark ok={v.sharesSumToTotal} />
            {v.sharesSumToTotal ? t('market.verify.sharesOk') : t('market.verify.sharesBad')}
          </Space>
          <Space align="start">
            {bill.checkpoint ? <Mark ok={proofs.failed === 0} /> : <ClockCircleOutlined style={{ color: '#8c8c8c' }} />}
            {!bill.checkpoint
              ? t('market.verify.noCheckpoint')
              : proofs.failed === 0
                ? t('market.verify.proofsOk', { n: proofs.checked, size: bill.checkpoint.treeSize })
                : t('market.verify.proofsBad', { n: proofs.failed })}
          </Space>
          <Descriptions size="small" bordered column={1} title={t('market.verify.basis')}>
            <Descriptions.Item label={t('market.col.unitPrice')}>{yuan(bill.unitPriceFen)}</Descriptions.Item>
            <Descriptions.Item label={t('market.col.cap')}>
              {bill.capFen === null ? '-' : yuan(bill.capFen)}{' '}
              {bill.capFen !== null && bill.unitPriceFen <= bill.capFen && (
                <Tag color="green">{t('market.verify.withinCap')}</Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('market.col.filingNo')}>{bill.filingNo ?? '-'}</Descriptions.Item>
            <Descriptions.Item label={t('market.verify.digest')}>
              <Typography.Text code style={{ wordBreak: 'break-all' }}>
                {bill.recordsDigest}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('market.verify.checkpoint')}>
              {bill.checkpoint ? (
                <Typography.Text code style={{ wordBreak: 'break-all' }}>
                  {t('market.verify.checkpointText', {
                    size: bill.checkpoint.treeSize,
                    root: bill.checkpoint.rootHash,
                  })}
                </Typography.Text>
              ) : (
                t('market.verify.pending')
              )}
            </Descriptions.Item>
          </Descriptions>
        </Space>
      )}
    </Drawer>
  );
}
