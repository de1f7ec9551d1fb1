import { Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { usePublicRegistrations } from '../api';
import { regStateLabel } from '../labels';

/** Public publicity notices (no login): only the public summary, never samples (REG-05). */
export default function PublicRegistrationsPage() {
  const t = useT();
  const list = usePublicRegistrations();
  if (list.error) return <QueryError error={list.error} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('catalog.public.title')}</Typography.Title>
      {list.data && !list.data.items.length && <Empty description={t('catalog.public.empty')} />}
      {list.data?.items.map((g) => (
        <Card key={g.id} title={g.summary.name} extra={<Tag color="gold">{regStateLabel(t, g.state)}</Tag>}>
          <Typography.Paragraph>{g.summary.summary}</Typography.Paragraph>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('catalog.public.sourceUnit')}>{g.summary.sourceUnit}</Descriptions.Item>
            <Descriptions.Item label={t('catalog.public.fields')}>{g.summary.fieldNames.join(' / ')}</Descriptions.Item>
            <Descriptions.Item label={t('catalog.public.period')}>{g.publicityEnd ? t('catalog.public.until', { date: dayjs(g.publicityEnd).format('YYYY-MM-DD HH:mm') }) : '-'}</Descriptions.Item>
          </Descriptions>
        </Card>
      ))}
    </Space>
  );
}
