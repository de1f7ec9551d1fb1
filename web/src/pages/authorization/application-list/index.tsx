import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { formatDateTime } from '../../../utils/datetime';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { useApplications, useConsents, type ApplicationItem, type Consent } from '../api';
import { StateTag } from '../labels';

export default function ApplicationListPage() {
  const t = useT();
  const navigate = useNavigate();
  const { facts } = useSession();
  const q = useApplications({ pageSize: 50 });
  const isSource = facts.actors.includes('source_unit');
  const consents = useConsents();
  const apps = q.data?.items ?? [];
  const states = [...new Set(apps.map((a) => a.state))];
  const exportColumns: ExportColumn<ApplicationItem>[] = [
    { header: t('authorization.applications.no'), value: (r) => r.applicationNo, width: 18 },
    { header: t('authorization.applications.scenario'), value: (r) => r.scenario.title, width: 36 },
    { header: t('authorization.applications.applicant'), value: (r) => r.applicantName, width: 28 },
    { header: t('authorization.applications.reviewDue'), value: (r) => formatDateTime(r.reviewDueAt, ''), width: 18 },
    { header: t('authorization.common.state'), value: (r) => t(`authorization.state.${r.state}`) },
  ];
  if (q.error) return <QueryError error={q.error} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      {isSource && (
        <Card title={t('authorization.applications.consentInbox')}>
          <Table<Consent>
            rowKey="id"
            size="small"
            loading={consents.isLoading}
            pagination={false}
            dataSource={consents.data?.items ?? []}
            columns={[
              {
                title: t('authorization.applications.no'),
                dataIndex: 'applicationNo',
                render: (v: string, r) => <Link to={`/authorization/applications/${r.applicationId}`}>{v}</Link>,
              },
              { title: t('authorization.applications.scenario'), dataIndex: 'scenarioTitle' },
              {
                title: t('authorization.consent.due'),
                dataIndex: 'dueAt',
                render: (v: string | null) => formatDateTime(v),
              },
              {
                title: t('authorization.common.state'),
                dataIndex: 'state',
                render: (s: string) => <StateTag state={s} />,
              },
            ]}
          />
        </Card>
      )}
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('authorization.applications.title')}
          </Typography.Title>
        }
        extra={
          <Space>
            <ExportExcelButton fileName={t('authorization.applications.title')} columns={exportColumns} rows={apps} />
            {facts.actors.includes('operator') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate('/authorization/applications/new')}
              >
                {t('authorization.applications.new')}
              </Button>
            )}
          </Space>
        }
      >
        <Table<ApplicationItem>
          rowKey="id"
          loading={q.isLoading}
          dataSource={apps}
          pagination={false}
          columns={[
            {
              title: t('authorization.applications.no'),
              dataIndex: 'applicationNo',
              render: (v: string, r) => <Link to={`/authorization/applications/${r.id}`}>{v}</Link>,
            },
            { title: t('authorization.applications.scenario'), dataIndex: ['scenario', 'title'] },
            { title: t('authorization.applications.applicant'), dataIndex: 'applicantName' },
            {
              title: t('authorization.applications.reviewDue'),
              dataIndex: 'reviewDueAt',
              render: (v: string | null) => formatDateTime(v),
            },
            {
              title: t('authorization.common.state'),
              dataIndex: 'state',
              render: (s: string) => <StateTag state={s} />,
              filters: states.map((s) => ({ text: t(`authorization.state.${s}`), value: s })),
              onFilter: (v, r) => r.state === v,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
