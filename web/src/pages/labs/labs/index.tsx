import { Link } from 'react-router-dom';
import { useT } from '../../../i18n/I18nProvider';
import { formatDate } from '../../../utils/datetime';
import { DeskTable } from '../../supervision/components/DeskTable';
import { useLabs, type LabItem } from '../api';
import { StateTag } from '../components/StateTag';
import { labStateLabel } from '../labels';

/** The lab register (实验室名册): every lab the reader may see, filter by state and initiator, export to Excel. */
export default function LabsPage() {
  const t = useT();
  const q = useLabs();
  return (
    <DeskTable<LabItem>
      title={t('labs.register.title')}
      rows={q.data?.items ?? []}
      rowKey={(l) => l.id}
      loading={q.isLoading}
      error={q.error}
      fileName={t('labs.register.exportName')}
      state={{ of: (l) => l.state, label: (s) => labStateLabel(t, s) }}
      org={(l) => l.initiator}
      columns={[
        {
          key: 'no',
          title: t('labs.col.labNo'),
          text: (l) => l.labNo,
          render: (l) => <Link to={`/labs/${l.id}`}>{l.labNo}</Link>,
        },
        { key: 'name', title: t('labs.col.name'), text: (l) => l.name },
        { key: 'ini', title: t('labs.col.initiator'), text: (l) => l.initiator },
        { key: 'par', title: t('labs.col.partner'), text: (l) => l.partner },
        { key: 'domain', title: t('labs.apply.domain'), text: (l) => l.domain || '-' },
        {
          key: 'state',
          title: t('labs.col.state'),
          text: (l) => labStateLabel(t, l.state),
          render: (l) => <StateTag of="lab" state={l.state} />,
        },
        { key: 'cert', title: t('labs.col.certifiedAt'), text: (l) => formatDate(l.certifiedAt) },
        { key: 'valid', title: t('labs.col.validTo'), text: (l) => formatDate(l.validTo) },
      ]}
    />
  );
}
