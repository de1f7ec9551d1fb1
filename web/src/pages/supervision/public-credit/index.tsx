import { Space, Typography } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { formatDate } from '../../../utils/datetime';
import { usePublicCredit, type PublicCredit } from '../api';
import { DeskTable } from '../components/DeskTable';
import { label } from '../labels';

/** The public credit page (CRD-02, no login): published records within their window; joint punishment flagged. */
export default function PublicCreditPage() {
  const t = useT();
  const q = usePublicCredit();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 1100, margin: '0 auto', padding: 24 }}>
      <Typography.Title level={3}>{t('supervision.credit.publicTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('supervision.credit.publicIntro')}</Typography.Paragraph>
      <DeskTable<PublicCredit>
        title={t('supervision.credit.title')}
        rows={q.data?.items ?? []}
        rowKey={(c) => c.id}
        loading={q.isLoading}
        error={q.error}
        fileName={t('supervision.credit.exportName')}
        state={{ of: (c) => c.kind, label: (k) => label(t, 'creditKind', k) }}
        columns={[
          { key: 'uscc', title: t('supervision.credit.uscc'), text: (c) => c.subjectUscc },
          { key: 'kind', title: t('supervision.credit.kind'), text: (c) => label(t, 'creditKind', c.kind) },
          { key: 'area', title: t('supervision.credit.area'), text: (c) => label(t, 'creditArea', c.area) },
          { key: 'facts', title: t('supervision.credit.facts'), text: (c) => c.facts },
          { key: 'from', title: t('supervision.credit.publicFrom'), text: (c) => formatDate(c.publicFrom) },
          { key: 'until', title: t('supervision.credit.publicUntil'), text: (c) => formatDate(c.publicUntil) },
          {
            key: 'joint',
            title: t('supervision.credit.joint'),
            text: (c) => t(c.jointPunishment ? 'supervision.common.yes' : 'supervision.common.no'),
          },
        ]}
      />
    </Space>
  );
}
