import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { useRegistrations, useRegistryAction, type Registration, type RegistryAction } from '../api';
import { regStateLabel } from '../labels';

const NEXT: Record<string, [RegistryAction, string][]> = {
  submitted: [['accept', 'catalog.registry.accept']],
  accepted: [['start_review', 'catalog.registry.startReview']],
  formal_review: [['post_publicity', 'catalog.registry.postPublicity']],
};
const due = (r: Registration) => r.clocks?.publicityEnd ?? r.clocks?.reviewDue ?? r.clocks?.acceptDue ?? null;

/** Registry desk: queues with their working-day deadlines and the next action per state. */
export default function RegistryDeskPage() {
  const t = useT();
  const list = useRegistrations();
  const act = useRegistryAction();
  if (list.error) return <QueryError error={list.error} />;
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('catalog.registry.title')}</Typography.Title>}>
      <ErrorAlert error={act.error} />
      <Table<Registration> rowKey="id" loading={list.isLoading} dataSource={list.data?.items} columns={[
        { title: t('catalog.registry.colResource'), dataIndex: 'resourceName' },
        { title: t('catalog.registry.colState'), dataIndex: 'state', render: (v: string) => <Tag>{regStateLabel(t, v)}</Tag> },
        { title: t('catalog.registry.colSubmitted'), dataIndex: 'submittedAt', render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD') : '-') },
        { title: t('catalog.registry.colDue'), render: (_, r) => (due(r) ? dayjs(due(r)).format('YYYY-MM-DD') : '-') },
        { title: t('catalog.registry.colCode'), dataIndex: 'registrationCode', render: (v: string | null) => v ?? '-' },
        { title: '', render: (_, r) => <Space>{(NEXT[r.state] ?? []).map(([a, k]) => (
          <Button key={a} size="small" type="primary" aria-label={`${t(k)} ${r.resourceName}`} loading={act.isPending} onClick={() => act.mutate({ id: r.id, action: a })}>{t(k)}</Button>
        ))}</Space> },
      ]} />
    </Card>
  );
}
