import { Link } from 'react-router-dom';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import { useDeskReports, type DeskReport } from '../api';
import { DeskTable } from '../components/DeskTable';
import { StateTag } from '../components/StateTag';
import { label } from '../labels';

/** Reports (REP-01…REP-05): the subject's own, or those due to the authority; overdue ones first by due date. */
export default function ReportListPage() {
  const t = useT();
  const q = useDeskReports({});
  return (
    <DeskTable<DeskReport>
      title={t('supervision.report.title')}
      rows={q.data?.items ?? []}
      rowKey={(r) => r.id}
      loading={q.isLoading}
      error={q.error}
      fileName={t('supervision.report.exportName')}
      state={{ of: (r) => r.state, label: (s) => label(t, 'reportState', s) }}
      org={(r) => r.subjectName}
      columns={[
        {
          key: 'kind',
          title: t('supervision.report.kind'),
          text: (r) => label(t, 'reportKind', r.kind),
          render: (r) => <Link to={`/supervision/reports/${r.id}`}>{label(t, 'reportKind', r.kind)}</Link>,
        },
        { key: 'subject', title: t('supervision.report.subject'), text: (r) => r.subjectName },
        { key: 'period', title: t('supervision.report.period'), text: (r) => `${r.period.from} ~ ${r.period.to}` },
        {
          key: 'due',
          title: t('supervision.report.dueAt'),
          text: (r) => `${formatDateTime(r.dueAt)}${r.provisional ? t('supervision.report.provisional') : ''}`,
        },
        { key: 'sub', title: t('supervision.report.submittedAt'), text: (r) => formatDateTime(r.submittedAt) },
        {
          key: 'state',
          title: t('supervision.common.state'),
          text: (r) => label(t, 'reportState', r.state),
          render: (r) => <StateTag group="reportState" state={r.state} />,
        },
      ]}
    />
  );
}
