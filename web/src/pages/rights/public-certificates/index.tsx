import { useState } from 'react';
import { Card, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { formatDate } from '../../../utils/datetime';
import { rightsApi, usePublicCertificates, type PublicCertificate } from '../api';
import { PasteBundle } from '../components/PasteBundle';
import { label, STATUS_COLOR } from '../labels';

/** Public certificate list (RA-23, no login): number, kind, holder, status; each opens its verification page. */
export default function PublicCertificatesPage() {
  const t = useT();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = usePublicCertificates(page, pageSize);
  const exportColumns: ExportColumn<PublicCertificate>[] = [
    { header: t('rights.public.number'), value: (r) => r.number },
    { header: t('rights.public.kind'), value: (r) => label(t, 'certKind', r.kind) },
    { header: t('rights.public.holder'), value: (r) => r.holder },
    { header: t('rights.public.status'), value: (r) => label(t, 'certStatus', r.status) },
    { header: t('rights.public.validTo'), value: (r) => formatDate(r.validTo) },
    { header: t('rights.public.registry'), value: (r) => r.registry },
  ];
  // Every page of the list, not only the one on screen.
  const allRows = async () => (await rightsApi.publicCertificates(1, 200)).items;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 1100, margin: '0 auto', padding: 24 }}>
      <Typography.Title level={3}>{t('rights.public.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('rights.public.intro')}</Typography.Paragraph>
      <Card
        extra={<ExportExcelButton fileName={t('rights.public.exportName')} columns={exportColumns} rows={allRows} />}
      >
        <ErrorAlert error={q.error} />
        <Table<PublicCertificate>
          rowKey="number"
          size="middle"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: t('rights.public.empty') }}
          pagination={{
            current: page,
            pageSize,
            total: q.data?.total ?? 0,
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          columns={[
            {
              title: t('rights.public.number'),
              dataIndex: 'number',
              render: (n: string) => <Link to={`/verify/certificates/${encodeURIComponent(n)}`}>{n}</Link>,
            },
            { title: t('rights.public.kind'), dataIndex: 'kind', render: (k: string) => label(t, 'certKind', k) },
            { title: t('rights.public.holder'), dataIndex: 'holder' },
            {
              title: t('rights.public.status'),
              dataIndex: 'status',
              render: (s: PublicCertificate['status']) => (
                <Tag color={STATUS_COLOR[s]}>{label(t, 'certStatus', s)}</Tag>
              ),
            },
            { title: t('rights.public.validTo'), dataIndex: 'validTo', render: (d: string) => formatDate(d) },
            { title: t('rights.public.registry'), dataIndex: 'registry' },
            {
              title: '',
              key: 'open',
              render: (_: unknown, r) => (
                <Link to={`/verify/certificates/${encodeURIComponent(r.number)}`}>{t('rights.public.open')}</Link>
              ),
            },
          ]}
        />
      </Card>
      <PasteBundle />
    </Space>
  );
}
