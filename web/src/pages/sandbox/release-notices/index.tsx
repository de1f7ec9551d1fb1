import { Card, Space, Table, Tag, Typography } from 'antd';
import { ExportExcelButton } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import { useReleaseNotices, type ReleaseNotice } from '../api-egress';
import { declaredUseLabel, outputKindLabel } from '../labels';

/** EGR-12: the source unit's "what left with my data" — every release that used its fields, and to whom. */
export default function ReleaseNoticesPage() {
  const t = useT();
  const q = useReleaseNotices();
  if (q.error) return <QueryError error={q.error} />;
  const items = q.data?.items ?? [];
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('sandboxEgress.notices.title')}
        </Typography.Title>
      }
      extra={
        <ExportExcelButton
          fileName="release-notices"
          sheetName={t('sandboxEgress.notices.title')}
          rows={items}
          columns={[
            {
              header: t('sandboxEgress.notices.releasedAt'),
              value: (n: ReleaseNotice) => formatDateTime(n.releasedAt),
              width: 18,
            },
            { header: t('sandbox.egress.outputKind'), value: (n: ReleaseNotice) => outputKindLabel(t, n.outputKind) },
            {
              header: t('sandbox.egress.declaredUse'),
              value: (n: ReleaseNotice) => declaredUseLabel(t, n.declaredUse),
            },
            { header: t('sandboxEgress.notices.requester'), value: (n: ReleaseNotice) => n.requesterOrgName ?? '' },
            { header: t('sandboxEgress.notices.recipient'), value: (n: ReleaseNotice) => n.recipientOrgName ?? '' },
            {
              header: t('sandboxEgress.notices.fields'),
              value: (n: ReleaseNotice) =>
                n.resources
                  .map((r) =>
                    t('sandboxEgress.notices.fieldsLine', {
                      name: r.nameZh,
                      fields: r.fields.join(t('sandbox.common.listSep')),
                    }),
                  )
                  .join('\n'),
              width: 40,
            },
            { header: t('sandbox.egressDetail.watermark'), value: (n: ReleaseNotice) => n.watermarkCode },
            { header: t('sandbox.egressDetail.fingerprint'), value: (n: ReleaseNotice) => n.fingerprintSm3, width: 66 },
          ]}
        />
      }
    >
      <Typography.Paragraph type="secondary">{t('sandboxEgress.notices.intro')}</Typography.Paragraph>
      <Table<ReleaseNotice>
        rowKey="id"
        loading={q.isLoading}
        dataSource={items}
        locale={{ emptyText: t('sandboxEgress.notices.empty') }}
        columns={[
          {
            title: t('sandboxEgress.notices.releasedAt'),
            dataIndex: 'releasedAt',
            render: (v: string) => formatDateTime(v),
            width: 160,
          },
          {
            title: t('sandbox.egress.outputKind'),
            dataIndex: 'outputKind',
            render: (v: string) => outputKindLabel(t, v),
            filters: [...new Set(items.map((n) => n.outputKind))].map((v) => ({
              text: outputKindLabel(t, v),
              value: v,
            })),
            onFilter: (v, n) => n.outputKind === v,
          },
          {
            title: t('sandbox.egress.declaredUse'),
            dataIndex: 'declaredUse',
            render: (v: string) => declaredUseLabel(t, v),
          },
          { title: t('sandboxEgress.notices.requester'), dataIndex: 'requesterOrgName' },
          { title: t('sandboxEgress.notices.recipient'), dataIndex: 'recipientOrgName' },
          {
            title: t('sandboxEgress.notices.fields'),
            key: 'fields',
            render: (_: unknown, n: ReleaseNotice) => (
              <Space direction="vertical" size={2}>
                {n.resources.map((r) => (
                  <span key={r.resourceId}>
                    <Typography.Text strong>{r.nameZh}</Typography.Text>{' '}
                    {r.fields.map((f) => (
                      <Tag key={f}>{f}</Tag>
                    ))}
                  </span>
                ))}
              </Space>
            ),
          },
          {
            title: t('sandbox.egressDetail.watermark'),
            dataIndex: 'watermarkCode',
            render: (v: string) => (
              <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                {v}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
