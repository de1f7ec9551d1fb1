import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Segmented, Table, Typography } from 'antd';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import { useEgressList, type Egress } from '../api';
import { StatusTag } from '../labels';

/** Egress requests: the requester's status list, and the authority's review queue by deadline. */
export default function EgressListPage() {
  const t = useT();
  const [state, setState] = useState<string>('');
  const q = useEgressList(state || undefined);
  if (q.error) return <QueryError error={q.error} />;
  const items = [...(q.data?.items ?? [])].sort((a, b) => String(a.reviewDueAt ?? '').localeCompare(String(b.reviewDueAt ?? '')));
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('sandbox.egressList.title')}</Typography.Title>}
      extra={<Segmented value={state} onChange={(v) => setState(String(v))} options={[{ value: '', label: t('sandbox.egressList.all') }, { value: 'awaiting_review', label: t('sandbox.status.awaiting_review') }, { value: 'approved', label: t('sandbox.status.approved') }]} />}>
      <Table<Egress> rowKey="id" loading={q.isLoading} dataSource={items} pagination={false} columns={[
        { title: t('sandbox.egress.justification'), dataIndex: 'justification', ellipsis: true, render: (v: string, r) => <Link to={`/sandbox/egress/${r.id}`}>{v}</Link> },
        { title: t('sandbox.egress.outputKind'), dataIndex: 'outputKind', render: (k: string) => t(`sandbox.egress.kind.${k}`) },
        { title: t('sandbox.egressDetail.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
        { title: t('sandbox.egressList.dueAt'), dataIndex: 'reviewDueAt', render: (v: string | null) => formatDateTime(v, '') },
        { title: t('sandbox.common.status'), dataIndex: 'status', render: (s: string) => <StatusTag t={t} status={s} /> },
      ]} />
    </Card>
  );
}
