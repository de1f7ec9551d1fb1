import { Link } from 'react-router-dom';
import { Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { formatDateTime } from '../../../utils/datetime';
import { DeskTable } from '../../supervision/components/DeskTable';
import { useApplications, type ApplicationItem } from '../api';
import { StateTag } from '../components/StateTag';
import { applicationStateLabel } from '../labels';

/** The authority's application inbox, and the parties' own applications: filter by state and party, export. */
export default function ApplicationsPage() {
  const t = useT();
  const { facts } = useSession();
  const q = useApplications();
  const initiator = facts.actors.includes('lab_initiator');
  return (
    <DeskTable<ApplicationItem>
      title={t(
        initiator || facts.actors.includes('lab_partner') ? 'labs.applications.mine' : 'labs.applications.inbox',
      )}
      rows={q.data?.items ?? []}
      rowKey={(a) => a.id}
      loading={q.isLoading}
      error={q.error}
      fileName={t('labs.applications.exportName')}
      state={{ of: (a) => a.state, label: (s) => applicationStateLabel(t, s) }}
      org={(a) => a.initiator}
      extra={
        initiator && (
          <Link to="/labs/applications/new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t('labs.apply.new')}
            </Button>
          </Link>
        )
      }
      columns={[
        {
          key: 'no',
          title: t('labs.col.applicationNo'),
          text: (a) => a.applicationNo,
          render: (a) => <Link to={`/labs/applications/${a.id}`}>{a.applicationNo}</Link>,
        },
        { key: 'name', title: t('labs.col.name'), text: (a) => a.name },
        { key: 'ini', title: t('labs.col.initiator'), text: (a) => a.initiator },
        { key: 'par', title: t('labs.col.partner'), text: (a) => a.partner },
        { key: 'code', title: t('labs.apply.scenarioCode'), text: (a) => a.scenarioCode },
        {
          key: 'state',
          title: t('labs.col.state'),
          text: (a) => applicationStateLabel(t, a.state),
          render: (a) => <StateTag of="application" state={a.state} />,
        },
        { key: 'sub', title: t('labs.col.submittedAt'), text: (a) => formatDateTime(a.submittedAt) },
      ]}
    />
  );
}
