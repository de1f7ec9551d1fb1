import { useT } from '../../../i18n/I18nProvider';
import { formatDate } from '../../../utils/datetime';
import { useDeskBans, type DeskBan } from '../api';
import { DeskTable } from '../components/DeskTable';
import { StateTag } from '../components/StateTag';
import { label } from '../labels';

/** Bans (ENF-07): checked by credit code wherever an organization applies. */
export default function BanListPage() {
  const t = useT();
  const q = useDeskBans({});
  return (
    <DeskTable<DeskBan>
      title={t('supervision.ban.title')}
      rows={q.data?.items ?? []}
      rowKey={(b) => b.id}
      loading={q.isLoading}
      error={q.error}
      fileName={t('supervision.ban.exportName')}
      state={{ of: (b) => b.state, label: (s) => label(t, 'banState', s) }}
      org={(b) => b.orgName ?? b.subjectUscc}
      columns={[
        { key: 'uscc', title: t('supervision.ban.uscc'), text: (b) => b.subjectUscc },
        { key: 'org', title: t('supervision.ban.org'), text: (b) => b.orgName ?? '-' },
        { key: 'scope', title: t('supervision.ban.scope'), text: (b) => label(t, 'banScope', b.scope) },
        { key: 'reason', title: t('supervision.ban.reason'), text: (b) => b.reason },
        { key: 'basis', title: t('supervision.ban.basis'), text: (b) => b.basisDecisionId },
        { key: 'from', title: t('supervision.ban.startsOn'), text: (b) => formatDate(b.startsOn) },
        { key: 'to', title: t('supervision.ban.endsOn'), text: (b) => formatDate(b.endsOn) },
        {
          key: 'state',
          title: t('supervision.common.state'),
          text: (b) => label(t, 'banState', b.state),
          render: (b) => <StateTag group="banState" state={b.state} />,
        },
      ]}
    />
  );
}
