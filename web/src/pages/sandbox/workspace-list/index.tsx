import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import { useGrants } from '../../authorization/api';
import { useWorkspaces, type WorkspaceItem } from '../api';
import { OpenWorkspaceModal, useWorkspaceRights } from '../components/OpenWorkspace';
import { StatusTag } from '../labels';

/** The caller's Workspaces (开发席位), one per Grant, and the action that opens one on an active Grant (SBX-01). */
export default function WorkspaceListPage() {
  const t = useT();
  const q = useWorkspaces();
  const rights = useWorkspaceRights();
  const [open, setOpen] = useState(false);
  const grants = useGrants({ state: 'active', pageSize: 100 });
  if (q.error) return <QueryError error={q.error} />;
  const grantOptions = (grants.data?.items ?? []).map((g) => ({
    value: g.id,
    label: `${g.grantNo} · ${g.purpose.scenario?.title ?? ''}`,
  }));
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('sandbox.workspaces.title')}
        </Typography.Title>
      }
      extra={
        rights.canOpen && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('sandbox.open.button')}
          </Button>
        )
      }
    >
      <Table<WorkspaceItem>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('sandbox.workspaces.empty') }}
        columns={[
          {
            title: t('sandbox.workspaces.name'),
            dataIndex: 'nameZh',
            render: (v: string, r) => <Link to={`/sandbox/workspaces/${r.id}`}>{v}</Link>,
          },
          {
            title: t('sandbox.workspaces.grant'),
            dataIndex: 'grantNo',
            render: (v: string | null, r) => <Link to={`/authorization/grants/${r.grantId}`}>{v}</Link>,
          },
          {
            title: t('sandbox.workspaces.views'),
            dataIndex: 'views',
            render: (v: WorkspaceItem['views']) => v.map((x) => x.name).join(t('sandbox.common.listSep')),
          },
          { title: t('sandbox.workspaces.seats'), dataIndex: 'seats', render: (s: WorkspaceItem['seats']) => s.length },
          {
            title: t('sandbox.workspaces.createdAt'),
            dataIndex: 'createdAt',
            render: (v?: string) => formatDateTime(v),
          },
          {
            title: t('sandbox.common.status'),
            dataIndex: 'status',
            render: (s: string) => <StatusTag t={t} status={s} />,
          },
        ]}
      />
      {open && <OpenWorkspaceModal open onClose={() => setOpen(false)} grantOptions={grantOptions} />}
    </Card>
  );
}
