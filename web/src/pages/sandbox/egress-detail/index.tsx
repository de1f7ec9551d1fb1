import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Input, Space, Table, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { releaseUrl, useEgress, useReviewEgress, type AutoCheck } from '../api';
import { StatusTag } from '../labels';
import { EvidenceSection } from '../../ledger/EvidenceSection';

/** One EgressRequest: check report, SQL, lineage and checked preview side by side; the authority's decision; the release. */
export default function EgressDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { me } = useSession();
  const q = useEgress(id);
  const review = useReviewEgress(id);
  const [reason, setReason] = useState('');
  if (q.error) return <QueryError error={q.error} />;
  const e = q.data;
  if (!e) return <Card loading />;
  const isReviewer = e.status === 'awaiting_review' && e.requesterOrgId !== me.org.id;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={<Space>{t('sandbox.egressDetail.title')}<StatusTag t={t} status={e.status} /></Space>}>
        <Descriptions column={2} size="small" items={[
          { key: 'kind', label: t('sandbox.egress.outputKind'), children: t(`sandbox.egress.kind.${e.outputKind}`) },
          { key: 'use', label: t('sandbox.egress.declaredUse'), children: t(`sandbox.egress.use.${e.declaredUse}`) },
          { key: 'just', label: t('sandbox.egress.justification'), children: e.justification },
          { key: 'supp', label: t('sandbox.egressDetail.suppressed'), children: e.suppressedRows ?? 0 },
          { key: 'eps', label: t('sandbox.egressDetail.epsilon'), children: e.epsilonSpent ?? 0 },
          { key: 'sm3', label: t('sandbox.egressDetail.artifactSm3'), children: <Typography.Text code copyable>{e.artifact?.sm3 ?? '-'}</Typography.Text> },
        ]} />
      </Card>
      <Card title={t('sandbox.egressDetail.checks')}>
        <Table<AutoCheck> rowKey="check" size="small" pagination={false} dataSource={e.autoChecks} columns={[
          { title: t('sandbox.egressDetail.check'), dataIndex: 'check', render: (c: string) => <Tag>{c}</Tag> },
          { title: t('sandbox.egressDetail.result'), dataIndex: 'result', render: (r: string) => <StatusTag t={t} status={r} /> },
          { title: t('sandbox.egressDetail.detail'), dataIndex: 'detail', render: (d: unknown) => <Typography.Text code>{JSON.stringify(d)}</Typography.Text> },
        ]} />
        {e.failures.map((f) => <Typography.Paragraph key={f.code} type="danger"><Tag>{f.ruleId}</Tag>{f.message}</Typography.Paragraph>)}
      </Card>
      <Card title={t('sandbox.egressDetail.lineage')}>
        <Typography.Paragraph><Typography.Text code>{e.sql}</Typography.Text></Typography.Paragraph>
        <Typography.Paragraph type="secondary">{`job ${e.lineage?.jobId ?? ''} · SQL SM3 ${e.lineage?.sqlSm3 ?? ''}`}</Typography.Paragraph>
        {e.preview && <pre aria-label={t('sandbox.egressDetail.preview')} style={{ background: '#fafafa', padding: 8 }}>{e.preview.join('\n')}</pre>}
      </Card>
      {isReviewer && (
        <Card title={t('sandbox.egressDetail.decide')}>
          <Input.TextArea aria-label={t('sandbox.egressDetail.reason')} rows={2} value={reason} onChange={(x) => setReason(x.target.value)} />
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" onClick={() => review.mutate({ decision: 'approve', reason })} loading={review.isPending}>{t('sandbox.egressDetail.approve')}</Button>
            <Button danger onClick={() => review.mutate({ decision: 'deny', reason })}>{t('sandbox.egressDetail.deny')}</Button>
            <Button onClick={() => review.mutate({ decision: 'return', reason })}>{t('sandbox.egressDetail.return')}</Button>
          </Space>
          <ErrorAlert error={review.error} style={{ marginTop: 12 }} />
        </Card>
      )}
      {e.release && (
        <Card title={t('sandbox.egressDetail.release')}>
          <Descriptions column={1} size="small" items={[
            { key: 'fp', label: t('sandbox.egressDetail.fingerprint'), children: <Typography.Text code>{e.release.fingerprintSm3}</Typography.Text> },
            { key: 'wm', label: t('sandbox.egressDetail.watermark'), children: <Typography.Text code>{e.release.watermarkCode}</Typography.Text> },
            { key: 'exp', label: t('sandbox.egressDetail.linkExpires'), children: new Date(e.release.linkExpiresAt).toLocaleString() },
          ]} />
          {e.recipientOrgId === me.org.id && <Button type="primary" href={releaseUrl(e.id)} download>{t('sandbox.egressDetail.download')}</Button>}
        </Card>
      )}
      <EvidenceSection objectType="EgressRequest" objectId={e.id} />
    </Space>
  );
}
