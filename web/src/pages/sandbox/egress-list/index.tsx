import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Segmented, Space, Table, Typography } from 'antd';
import { ExportExcelButton } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import { useEgressList, type EgressItem } from '../api';
import { declaredUseLabel, outputKindLabel, StatusTag } from '../labels';

/** Egress requests: the requester's status list, and the authority's review queue by deadline. */
export default function EgressListPage() {
  const t = useT();
  const [state, setState] = useState<string>('');
  const q = useEgressList(state || undefined);
  if (q.error) return <QueryError error={q.error} />;
  const items = [...(q.data?.items ?? [])].sort((a, b) =>
    String(a.reviewDueAt ?? '').localeCompare(String(b.reviewDueAt ?? '')),
  );
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('sandbox.egressList.title')}
        </Typography.Title>
      }
      extra={
        <Space>
          <ExportExcelButton
            fileName="egress-requests"
            sheetName={t('sandbox.egressList.title')}
            rows={items}
            columns={[
              { header: t('sandbox.egress.justification'), value: (r: EgressItem) => r.justification, width: 40 },
              {
                header: t('sandbox.egress.outputKind'),
                value: (r: EgressItem) => outputKindLabel(t, r.outputKind),
              },
              {
                header: t('sandbox.egress.declaredUse'),
                value: (r: EgressItem) => declaredUseLabel(t, r.declaredUse),
              },
              {
                header: t('sandbox.egressDetail.createdAt'),
                value: (r: EgressItem) => formatDateTime(r.createdAt),
                width: 18,
              },
              {
                header: t('sandbox.egressList.dueAt'),
                value: (r: EgressItem) => formatDateTime(r.reviewDueAt, ''),
                width: 18,
              },
              { header: t('sandbox.common.status'), value: (r: EgressItem) => t(`sandbox.status.${r.status}`) },
              { header: t('sandbox.egressDetail.watermark'), value: (r: EgressItem) => r.release?.watermarkCode ?? '' },
            ]}
          />
          <Segmented
            value={state}
            onChange={(v) => setState(String(v))}
            options={[
              { value: '', label: t('sandbox.egressList.all') },
              { value: 'awaiting_review', label: t('sandbox.status.awaiting_review') },
              { value: 'awaiting_second_review', label: t('sandbox.status.awaiting_second_review') },
              { value: 'approved', label: t('sandbox.status.approved') },
            ]}
          />
        </Space>
      }
    >
      <Table<EgressItem>
        rowKey="id"
        loading={q.isLoading}
        dataSource={items}
        pagination={false}
        columns={[
          {
            title: t('sandbox.egress.justification'),
            dataIndex: 'justification',
            ellipsis: true,
            render: (v: string, r) => <Link to={`/sandbox/egress/${r.id}`}>{v}</Link>,
          },
          {
            title: t('sandbox.egress.outputKind'),
            dataIndex: 'outputKind',
            render: (k: string) => outputKindLabel(t, k),
          },
          {
            title: t('sandbox.egressDetail.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t('sandbox.egressList.dueAt'),
            dataIndex: 'reviewDueAt',
            render: (v: string | null) => formatDateTime(v, ''),
          },
          {
            title: t('sandbox.common.status'),
            dataIndex: 'status',
            render: (s: string) => <StatusTag t={t} status={s} />,
          },
        ]}
      />
    </Card>
  );
}
