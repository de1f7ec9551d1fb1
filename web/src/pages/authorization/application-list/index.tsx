import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../../utils/datetime';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { useApplications, useConsents, type Application, type Consent } from '../api';
import { StateTag } from '../labels';

export default function ApplicationListPage() {
  const t = useT();
  const navigate = useNavigate();
  const { facts } = useSession();
  const q = useApplications({ pageSize: 50 });
  const isSource = facts.actors.includes('source_unit');
  const consents = useConsents();
  if (q.error) return <QueryError error={q.error} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      {isSource && (
        <Card title={t('authorization.applications.consentInbox')}>
          <Table<Consent> rowKey="id" size="small" loading={consents.isLoading} pagination={false} dataSource={consents.data?.items ?? []} columns={[
            { title: t('authorization.applications.no'), dataIndex: 'applicationNo', render: (v: string, r) => <Link to={`/authorization/applications/${r.applicationId}`}>{v}</Link> },
            { title: t('authorization.applications.scenario'), dataIndex: 'scenarioTitle' },
            { title: t('authorization.consent.due'), dataIndex: 'dueAt', render: (v: string | null) => formatDateTime(v) },
            { title: t('authorization.common.state'), dataIndex: 'state', render: (s: string) => <StateTag state={s} /> },
          ]} />
        </Card>
      )}
      <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('authorization.applications.title')}</Typography.Title>}
        extra={facts.actors.includes('operator') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/authorization/applications/new')}>{t('authorization.applications.new')}</Button>}>
        <Table<Application> rowKey="id" loading={q.isLoading} dataSource={q.data?.items ?? []} pagination={false} columns={[
          { title: t('authorization.applications.no'), dataIndex: 'applicationNo', render: (v: string, r) => <Link to={`/authorization/applications/${r.id}`}>{v}</Link> },
          { title: t('authorization.applications.scenario'), dataIndex: ['scenario', 'title'] },
          { title: t('authorization.applications.applicant'), dataIndex: 'applicantName' },
          { title: t('authorization.applications.reviewDue'), dataIndex: 'reviewDueAt', render: (v: string | null) => formatDateTime(v) },
          { title: t('authorization.common.state'), dataIndex: 'state', render: (s: string) => <StateTag state={s} /> },
        ]} />
      </Card>
    </Space>
  );
}
