import { Link } from 'react-router-dom';
import { Card, Table, Typography } from 'antd';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { useWorkspaces, type Workspace } from '../api';
import { StatusTag } from '../labels';

/** The caller's Workspaces (开发席位), one per Grant. */
export default function WorkspaceListPage() {
  const t = useT();
  const q = useWorkspaces();
  if (q.error) return <QueryError error={q.error} />;
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('sandbox.workspaces.title')}</Typography.Title>}>
      <Table<Workspace> rowKey="id" loading={q.isLoading} dataSource={q.data?.items ?? []} pagination={false} columns={[
        { title: t('sandbox.workspaces.name'), dataIndex: 'nameZh', render: (v: string, r) => <Link to={`/sandbox/workspaces/${r.id}`}>{v}</Link> },
        { title: t('sandbox.workspaces.grant'), dataIndex: 'grantNo' },
        { title: t('sandbox.workspaces.views'), dataIndex: 'views', render: (v: Workspace['views']) => v.map((x) => x.name).join(', ') },
        { title: t('sandbox.workspaces.seats'), dataIndex: 'seats', render: (s: Workspace['seats']) => s.length },
        { title: t('sandbox.common.status'), dataIndex: 'status', render: (s: string) => <StatusTag t={t} status={s} /> },
      ]} />
    </Card>
  );
}
