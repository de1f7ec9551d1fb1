import { Link } from 'react-router-dom';
import { Card, Table, Typography } from 'antd';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { useGrants, type GrantItem } from '../api';
import { GrantStateTag } from '../labels';
import { formatDate } from '../../../utils/datetime';

export default function GrantListPage() {
  const t = useT();
  const q = useGrants({ pageSize: 100 });
  const grants = q.data?.items ?? [];
  const states = [...new Set(grants.map((g) => g.state))];
  const exportColumns: ExportColumn<GrantItem>[] = [
    { header: t('authorization.grants.no'), value: (r) => r.grantNo, width: 18 },
    { header: t('authorization.grants.purpose'), value: (r) => r.purpose.scenario?.title, width: 36 },
    { header: t('authorization.grants.holder'), value: (r) => r.holderName, width: 28 },
    {
      header: t('authorization.grants.fields'),
      value: (r) => r.fields.map((x) => x.nameZh).join(t('authorization.common.sep')),
      width: 40,
    },
    {
      header: t('authorization.common.validity'),
      value: (r) => `${formatDate(r.validFrom)} ~ ${formatDate(r.validTo)}`,
      width: 26,
    },
    // As on the page: an active Grant before its validFrom is 待生效.
    {
      header: t('authorization.common.state'),
      value: (r) =>
        t(
          `authorization.state.${r.state === 'active' && formatDate(r.validFrom) > formatDate(new Date()) ? 'not_yet_effective' : r.state}`,
        ),
    },
  ];
  if (q.error) return <QueryError error={q.error} />;
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('authorization.grants.title')}
        </Typography.Title>
      }
      extra={<ExportExcelButton fileName={t('authorization.grants.title')} columns={exportColumns} rows={grants} />}
    >
      <Table<GrantItem>
        rowKey="id"
        loading={q.isLoading}
        dataSource={grants}
        pagination={false}
        columns={[
          {
            title: t('authorization.grants.no'),
            dataIndex: 'grantNo',
            render: (v: string, r) => <Link to={`/authorization/grants/${r.id}`}>{v}</Link>,
          },
          { title: t('authorization.grants.purpose'), dataIndex: ['purpose', 'scenario', 'title'] },
          { title: t('authorization.grants.holder'), dataIndex: 'holderName' },
          {
            title: t('authorization.grants.fields'),
            dataIndex: 'fields',
            render: (f: GrantItem['fields']) => f.map((x) => x.nameZh).join(t('authorization.common.sep')),
          },
          {
            title: t('authorization.common.validity'),
            render: (_: unknown, r) => `${formatDate(r.validFrom)} ~ ${formatDate(r.validTo)}`,
          },
          {
            title: t('authorization.common.state'),
            dataIndex: 'state',
            render: (s: string, r) => <GrantStateTag state={s} validFrom={r.validFrom} />,
            filters: states.map((s) => ({ text: t(`authorization.state.${s}`), value: s })),
            onFilter: (v, r) => r.state === v,
          },
        ]}
      />
    </Card>
  );
}
