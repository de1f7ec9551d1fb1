import { Link, useNavigate } from 'react-router-dom';
import { Button } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { formatDate, formatDateTime } from '../../../utils/datetime';
import { useDeskRectifications, type DeskRectification } from '../api';
import { DeskTable } from '../components/DeskTable';
import { StateTag } from '../components/StateTag';
import { label } from '../labels';

/** Rectifications: the subject's own, or those its authority ordered; the authority orders new ones here. */
export default function RectificationListPage() {
  const t = useT();
  const nav = useNavigate();
  const { facts } = useSession();
  const q = useDeskRectifications({});
  return (
    <DeskTable<DeskRectification>
      title={t('supervision.rect.title')}
      rows={q.data?.items ?? []}
      rowKey={(r) => r.id}
      loading={q.isLoading}
      error={q.error}
      fileName={t('supervision.rect.exportName')}
      state={{ of: (r) => r.state, label: (s) => label(t, 'rectState', s) }}
      org={(r) => r.subjectName}
      extra={
        // Coarse gating only; the server refuses anyone but the authority (rectification.order).
        facts.actors.includes('authority') && (
          <Button type="primary" onClick={() => nav('/supervision/rectifications/new')}>
            {t('supervision.rect.order')}
          </Button>
        )
      }
      columns={[
        {
          key: 'subject',
          title: t('supervision.rect.subject'),
          text: (r) => r.subjectName,
          render: (r) => <Link to={`/supervision/rectifications/${r.id}`}>{r.subjectName}</Link>,
        },
        { key: 'finding', title: t('supervision.rect.finding'), text: (r) => r.items[0]?.finding ?? '' },
        { key: 'measure', title: t('supervision.rect.measure'), text: (r) => label(t, 'measure', r.measure) },
        { key: 'basis', title: t('supervision.rect.basis'), text: (r) => label(t, 'basisKind', r.basis.kind) },
        { key: 'created', title: t('supervision.rect.createdAt'), text: (r) => formatDateTime(r.createdAt) },
        { key: 'deadline', title: t('supervision.rect.deadline'), text: (r) => formatDate(r.deadline) },
        {
          key: 'state',
          title: t('supervision.common.state'),
          text: (r) => label(t, 'rectState', r.state),
          render: (r) => <StateTag group="rectState" state={r.state} />,
        },
      ]}
    />
  );
}
