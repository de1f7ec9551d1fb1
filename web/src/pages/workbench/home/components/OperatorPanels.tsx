import { Link } from 'react-router-dom';
import { Card, Col, Row, Table, Tag, Typography } from 'antd';
import { useT } from '../../../../i18n/I18nProvider';
import { formatDateTime } from '../../../../utils/datetime';
import { useRecentJobs, type JobRow, type WorkspaceRow } from '../../api';

type JobWithWs = JobRow & { workspace: WorkspaceRow };

/** The operator's workspaces and their latest jobs. */
export function OperatorPanels({ workspaces, loading }: { workspaces: WorkspaceRow[]; loading: boolean }) {
  const t = useT();
  const jobs = useRecentJobs(workspaces)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, 8);
  const status = (s: string) => <Tag>{t(`sandbox.status.${s}`)}</Tag>;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card
          title={t('workbench.operator.workspaces')}
          extra={<Link to="/sandbox/workspaces">{t('workbench.common.all')}</Link>}
        >
          <Table<WorkspaceRow>
            rowKey="id"
            size="small"
            loading={loading}
            dataSource={workspaces}
            pagination={false}
            locale={{
              emptyText: <Typography.Text type="secondary">{t('workbench.operator.noWorkspaces')}</Typography.Text>,
            }}
            columns={[
              {
                title: t('workbench.operator.wsName'),
                dataIndex: 'nameZh',
                render: (v: string, w) => <Link to={`/sandbox/workspaces/${w.id}`}>{v}</Link>,
              },
              { title: t('workbench.operator.wsGrant'), dataIndex: 'grantNo', render: (v: string | null) => v ?? '-' },
              { title: t('workbench.operator.wsSeats'), key: 'seats', render: (_, w) => w.seats.length },
              { title: t('workbench.operator.wsStatus'), dataIndex: 'status', render: status },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('workbench.operator.jobs')}>
          <Table<JobWithWs>
            rowKey="id"
            size="small"
            dataSource={jobs}
            pagination={false}
            locale={{ emptyText: <Typography.Text type="secondary">{t('workbench.operator.noJobs')}</Typography.Text> }}
            columns={[
              {
                title: t('workbench.operator.jobAt'),
                dataIndex: 'createdAt',
                render: (v: string) => formatDateTime(v),
              },
              {
                title: t('workbench.operator.wsName'),
                key: 'ws',
                render: (_, j) => <Link to={`/sandbox/workspaces/${j.workspace.id}`}>{j.workspace.nameZh}</Link>,
              },
              { title: t('workbench.operator.jobRows'), dataIndex: 'rowsOut', render: (v: number | null) => v ?? '-' },
              { title: t('workbench.operator.wsStatus'), dataIndex: 'status', render: status },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
