import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Input, Space, Typography } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { formatDate } from '../../../utils/datetime';
import { DeskTable } from '../../supervision/components/DeskTable';
import { usePublicLabs, type PublicLab } from '../api';
import { StateTag } from '../components/StateTag';
import { labStateLabel } from '../labels';

/**
 * The public list of certified labs (LAB-11, no login) and plaque verification: the number printed on the plaque
 * opens the certificate's verification page (the same page its QR code opens).
 */
export default function PublicLabsPage() {
  const t = useT();
  const nav = useNavigate();
  const q = usePublicLabs();
  const [no, setNo] = useState('');
  const verify = () => no.trim() && nav(`/verify/certificates/${encodeURIComponent(no.trim())}`);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 1100, margin: '0 auto', padding: 24 }}>
      <Typography.Title level={3}>{t('labs.public.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('labs.public.intro')}</Typography.Paragraph>
      <Card title={t('labs.public.verifyTitle')} size="small">
        <Space wrap>
          <Input
            aria-label={t('labs.public.plaqueNo')}
            placeholder={t('labs.public.plaqueNoHint')}
            style={{ width: 280 }}
            value={no}
            onChange={(e) => setNo(e.target.value)}
            onPressEnter={verify}
          />
          <Button type="primary" onClick={verify}>
            {t('labs.public.verify')}
          </Button>
          <Link to="/public/certificates">{t('labs.public.allCertificates')}</Link>
        </Space>
      </Card>
      <DeskTable<PublicLab>
        title={t('labs.public.listTitle')}
        rows={q.data?.items ?? []}
        rowKey={(l) => l.id}
        loading={q.isLoading}
        error={q.error}
        fileName={t('labs.public.exportName')}
        state={{ of: (l) => l.state, label: (s) => labStateLabel(t, s) }}
        org={(l) => l.initiator}
        columns={[
          { key: 'no', title: t('labs.col.labNo'), text: (l) => l.labNo },
          { key: 'name', title: t('labs.col.name'), text: (l) => l.name },
          { key: 'ini', title: t('labs.col.initiator'), text: (l) => l.initiator },
          { key: 'par', title: t('labs.col.partner'), text: (l) => l.partner },
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
    </Space>
  );
}
