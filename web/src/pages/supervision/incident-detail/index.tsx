import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Input, Space, Table, Tag } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import {
  supervisionApi,
  useIncident,
  useSupervisionMutation,
  type DeskIncidentDetail,
  type IncidentAction,
} from '../api';
import { ObjectDossier } from '../components/ObjectDossier';
import { StateTag } from '../components/StateTag';
import { label } from '../labels';

type Grant = DeskIncidentDetail['grants'][number];
type Notice = DeskIncidentDetail['notifications'][number];

/** One incident: its facts, the Grants it stopped (by number and scenario), its notification tasks and history. */
export default function IncidentDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const q = useIncident(id);
  const [rootCause, setRootCause] = useState('');
  const act = useSupervisionMutation((a: IncidentAction) => supervisionApi.advanceIncident(id, a, rootCause));
  if (q.error) return <QueryError error={q.error} />;
  const i = q.data;
  if (!i) return <Card loading />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {i.incidentNo}
            <StateTag group="incidentState" state={i.state} />
          </Space>
        }
        extra={
          <Space>
            {i.abilities.includes('resolve') && (
              <Input
                placeholder={t('supervision.incident.rootCause')}
                value={rootCause}
                onChange={(e) => setRootCause(e.target.value)}
              />
            )}
            {(['contain', 'resolve', 'close'] as const)
              .filter((a) => i.abilities.includes(a))
              .map((a) => (
                <Button key={a} type="primary" loading={act.isPending} onClick={() => act.mutate(a)}>
                  {label(t, 'incidentAction', a)}
                </Button>
              ))}
          </Space>
        }
      >
        <ErrorAlert error={act.error} style={{ marginBottom: 12 }} />
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            { key: 'type', label: t('supervision.incident.type'), children: label(t, 'incidentType', i.type) },
            { key: 'sev', label: t('supervision.incident.severity'), children: label(t, 'severity', i.severity) },
            { key: 'rep', label: t('supervision.incident.reporter'), children: i.reporterName },
            {
              key: 'cii',
              label: t('supervision.incident.cii'),
              children: t(i.cii ? 'supervision.common.yes' : 'supervision.common.no'),
            },
            { key: 'disc', label: t('supervision.incident.discoveredAt'), children: formatDateTime(i.discoveredAt) },
            { key: 'at', label: t('supervision.incident.reportedAt'), children: formatDateTime(i.reportedAt) },
            {
              key: 'stop',
              label: t('supervision.incident.stoppedAt'),
              children: formatDateTime(i.processingStoppedAt),
            },
            { key: 'desc', label: t('supervision.incident.description'), children: i.description, span: 2 },
          ]}
        />
      </Card>
      <Card title={t('supervision.incident.suspendedGrants')} size="small">
        <Table<Grant>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={i.grants}
          columns={[
            {
              title: t('supervision.incident.grantNo'),
              dataIndex: 'grantNo',
              render: (n: string, g) => <Link to={`/authorization/grants/${g.id}`}>{n}</Link>,
            },
            { title: t('supervision.incident.purpose'), dataIndex: 'purpose' },
            {
              title: t('supervision.incident.grantState'),
              dataIndex: 'state',
              render: (s: string) => <StateTag group="grantState" state={s} />,
            },
          ]}
        />
      </Card>
      <Card title={t('supervision.incident.notifications')} size="small">
        <Table<Notice>
          rowKey={(n) => `${n.recipient}:${n.dueAt}`}
          size="small"
          pagination={false}
          dataSource={i.notifications}
          columns={[
            {
              title: t('supervision.incident.recipient'),
              dataIndex: 'recipient',
              render: (r: string) => label(t, 'recipient', r),
            },
            { title: t('supervision.incident.dueAt'), dataIndex: 'dueAt', render: (d: string) => formatDateTime(d) },
            {
              title: t('supervision.incident.sentAt'),
              dataIndex: 'sentAt',
              render: (d: string | null) =>
                d ? formatDateTime(d) : <Tag color="red">{t('supervision.incident.unsent')}</Tag>,
            },
          ]}
        />
      </Card>
      <ObjectDossier objectType="Incident" objectId={i.id} />
    </Space>
  );
}
