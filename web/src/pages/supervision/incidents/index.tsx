import { Link, useNavigate } from 'react-router-dom';
import { Button } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import { useDeskIncidents, type DeskIncident } from '../api';
import { DeskTable } from '../components/DeskTable';
import { StateTag } from '../components/StateTag';
import { label } from '../labels';

/** Incidents the caller may read: its own as reporter, or its jurisdiction's as authority or regulator. */
export default function IncidentListPage() {
  const t = useT();
  const nav = useNavigate();
  const q = useDeskIncidents({});
  return (
    <DeskTable<DeskIncident>
      title={t('supervision.incident.title')}
      rows={q.data?.items ?? []}
      rowKey={(i) => i.id}
      loading={q.isLoading}
      error={q.error}
      fileName={t('supervision.incident.exportName')}
      state={{ of: (i) => i.state, label: (s) => label(t, 'incidentState', s) }}
      org={(i) => i.reporterName}
      extra={
        <Button danger icon={<AlertOutlined />} onClick={() => nav('/supervision/incidents/new')}>
          {t('supervision.incident.report')}
        </Button>
      }
      columns={[
        {
          key: 'no',
          title: t('supervision.incident.no'),
          text: (i) => i.incidentNo,
          render: (i) => <Link to={`/supervision/incidents/${i.id}`}>{i.incidentNo}</Link>,
        },
        { key: 'type', title: t('supervision.incident.type'), text: (i) => label(t, 'incidentType', i.type) },
        { key: 'sev', title: t('supervision.incident.severity'), text: (i) => label(t, 'severity', i.severity) },
        { key: 'rep', title: t('supervision.incident.reporter'), text: (i) => i.reporterName },
        { key: 'disc', title: t('supervision.incident.discoveredAt'), text: (i) => formatDateTime(i.discoveredAt) },
        { key: 'at', title: t('supervision.incident.reportedAt'), text: (i) => formatDateTime(i.reportedAt) },
        {
          key: 'grants',
          title: t('supervision.incident.suspendedGrants'),
          text: (i) => String(i.suspendedGrantIds.length),
        },
        {
          key: 'state',
          title: t('supervision.common.state'),
          text: (i) => label(t, 'incidentState', i.state),
          render: (i) => <StateTag group="incidentState" state={i.state} />,
        },
      ]}
    />
  );
}
