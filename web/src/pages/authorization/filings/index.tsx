import { Link } from 'react-router-dom';
import { Card, Space, Table, Tag, Typography } from 'antd';
import { formatDate } from '../../../utils/datetime';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { useCollaborations, useFilings, type Collaboration, type Filing } from '../api';
import { filingKindLabel, StateTag } from '../labels';

const day = (v: string | null | undefined) => formatDate(v);

/** Filings register: emergency plans and collaborator entry/exit; the collaboration agreements list. */
export default function FilingsPage() {
  const t = useT();
  const f = useFilings({ pageSize: 200 });
  const c = useCollaborations({ pageSize: 100 });
  if (f.error) return <QueryError error={f.error} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('authorization.filings.title')}
          </Typography.Title>
        }
      >
        <Table<Filing>
          rowKey={(r) => `${r.kind}:${r.id}`}
          loading={f.isLoading}
          pagination={false}
          dataSource={f.data?.items ?? []}
          columns={[
            {
              title: t('authorization.filings.kind'),
              dataIndex: 'kind',
              render: (k: Filing['kind']) => filingKindLabel(t, k),
            },
            {
              title: t('authorization.filings.subject'),
              render: (_: unknown, r) => (
                <Link to={`/authorization/grants/${r.grantId}`}>{r.title ?? filingKindLabel(t, r.kind)}</Link>
              ),
            },
            { title: t('authorization.filings.submittedAt'), dataIndex: 'submittedAt', render: day },
            { title: t('authorization.filings.acceptedAt'), dataIndex: 'acceptedAt', render: day },
            {
              title: t('authorization.grants.nextDrill'),
              render: (_: unknown, r) => (
                <Space>
                  {formatDate(r.nextDrillDue)}
                  {r.drillOverdue && <Tag color="red">{t('authorization.filings.overdue')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('authorization.common.state'),
              dataIndex: 'state',
              render: (s: string) => <StateTag state={s} />,
            },
          ]}
        />
      </Card>
      <Card title={t('authorization.filings.collaborations')}>
        <Table<Collaboration>
          rowKey="id"
          loading={c.isLoading}
          pagination={false}
          dataSource={c.data?.items ?? []}
          columns={[
            { title: t('authorization.agreements.operator'), dataIndex: 'operatorName' },
            { title: t('authorization.filings.collaborator'), dataIndex: 'collaboratorName' },
            { title: t('authorization.applications.scenario'), dataIndex: 'scenarioTitle' },
            {
              title: t('authorization.filings.scope'),
              dataIndex: 'dataScope',
              render: (v: string[]) => v.join(t('authorization.common.sep')),
            },
            {
              title: t('authorization.common.validity'),
              render: (_: unknown, r) => `${formatDate(r.validFrom)} ~ ${formatDate(r.validTo)}`,
            },
            {
              title: t('authorization.common.state'),
              dataIndex: 'state',
              render: (s: string) => <StateTag state={s} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
