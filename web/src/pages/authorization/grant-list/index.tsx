import { Link } from 'react-router-dom';
import { Card, Table, Typography } from 'antd';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { useGrants, type Grant } from '../api';
import { GrantStateTag } from '../labels';
import { formatDate } from '../../../utils/datetime';

export default function GrantListPage() {
  const t = useT();
  const q = useGrants({ pageSize: 100 });
  if (q.error) return <QueryError error={q.error} />;
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('authorization.grants.title')}</Typography.Title>}>
      <Table<Grant> rowKey="id" loading={q.isLoading} dataSource={q.data?.items ?? []} pagination={false} columns={[
        { title: t('authorization.grants.no'), dataIndex: 'grantNo', render: (v: string, r) => <Link to={`/authorization/grants/${r.id}`}>{v}</Link> },
        { title: t('authorization.grants.purpose'), dataIndex: ['purpose', 'scenario', 'title'] },
        { title: t('authorization.grants.holder'), dataIndex: 'holderName' },
        { title: t('authorization.grants.fields'), dataIndex: 'fields', render: (f: Grant['fields']) => f.map((x) => x.nameZh).join(t('authorization.common.sep')) },
        { title: t('authorization.common.validity'), render: (_: unknown, r) => `${formatDate(r.validFrom)} ~ ${formatDate(r.validTo)}` },
        { title: t('authorization.common.state'), dataIndex: 'state', render: (s: string, r) => <GrantStateTag state={s} validFrom={r.validFrom} /> },
      ]} />
    </Card>
  );
}
