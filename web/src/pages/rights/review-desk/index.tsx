import { useState } from 'react';
import { Button, Card, Drawer, Space, Table, Tabs, Tag, Typography } from 'antd';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { daysUntil, formatDateTime } from '../../../utils/datetime';
import { useObjections, useOrgNames, useRegistration, useRegistrations, type Registration } from '../api';
import { label } from '../labels';
import { ACTIONS_BY_STATE, QUEUES, type DeskAction, type QueueKey } from './actions';
import { ActionModal } from './ActionModal';
import { Dossier } from './Dossier';

/** The clock that matters now: publicity end, correction, review, then acceptance. */
const dueOf = (r: Registration) =>
  r.clocks.publicityEnd ?? r.clocks.correctionDueAt ?? r.clocks.reviewDueAt ?? r.clocks.acceptanceDueAt ?? null;

/** The registry's review desk (rights-assets.md "Registry workbench"): queues with countdowns; dossier before deciding. */
export default function RightsReviewDeskPage() {
  const t = useT();
  const [queue, setQueue] = useState<QueueKey | 'all'>('all');
  const [open, setOpen] = useState<string | null>(null);
  const list = useRegistrations({ role: 'registry', page: 1, pageSize: 200 });
  const org = useOrgNames();
  // The holder's name comes with the registration (public on the certificate); the registry cannot read the org.
  const holder = (r: Registration) => r.holderName ?? org(r.holderOrgId) ?? t('rights.common.otherOrg');
  const inQueue = (r: Registration) =>
    queue === 'all'
      ? QUEUES.some((q) => (q.states as readonly string[]).includes(r.state))
      : (QUEUES.find((q) => q.key === queue)?.states as readonly string[]).includes(r.state);
  const rows = (list.data?.items ?? []).filter(inQueue);
  const due = (r: Registration) => {
    const d = dueOf(r);
    const days = daysUntil(d);
    if (!d || days === null) return '-';
    return (
      <Space size={4}>
        {formatDateTime(d)}
        <Tag color={days < 0 ? 'red' : days <= 3 ? 'orange' : 'default'}>
          {t(days < 0 ? 'rights.desk.overdue' : 'rights.desk.dueIn', { days: Math.abs(days) })}
        </Tag>
      </Space>
    );
  };
  const exportColumns: ExportColumn<Registration>[] = [
    { header: t('rights.desk.registrationNo'), value: (r) => r.registrationNo },
    { header: t('rights.desk.object'), value: (r) => r.objectInfo.name },
    { header: t('rights.desk.regType'), value: (r) => label(t, 'regType', r.regType) },
    { header: t('rights.desk.rightType'), value: (r) => label(t, 'rightType', r.rightType) },
    { header: t('rights.desk.holder'), value: holder },
    { header: t('rights.desk.state'), value: (r) => label(t, 'regState', r.state) },
    { header: t('rights.desk.due'), value: (r) => formatDateTime(dueOf(r)) },
    { header: t('rights.desk.createdAt'), value: (r) => formatDateTime(r.createdAt) },
  ];
  if (list.error) return <QueryError error={list.error} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('rights.desk.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('rights.desk.intro')}</Typography.Paragraph>
      <Card extra={<ExportExcelButton fileName={t('rights.desk.exportName')} columns={exportColumns} rows={rows} />}>
        <Tabs
          activeKey={queue}
          onChange={(k) => setQueue(k as QueueKey | 'all')}
          items={[{ key: 'all' }, ...QUEUES].map((q) => ({ key: q.key, label: t(`rights.desk.queue.${q.key}`) }))}
        />
        <Table<Registration>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={rows}
          locale={{ emptyText: t('rights.desk.empty') }}
          columns={[
            { title: t('rights.desk.registrationNo'), dataIndex: 'registrationNo' },
            { title: t('rights.desk.object'), render: (_, r) => r.objectInfo.name },
            { title: t('rights.desk.regType'), render: (_, r) => label(t, 'regType', r.regType) },
            { title: t('rights.desk.rightType'), render: (_, r) => label(t, 'rightType', r.rightType) },
            { title: t('rights.desk.holder'), render: (_, r) => holder(r) },
            {
              title: t('rights.desk.state'),
              render: (_, r) => (
                <Space size={4}>
                  <Tag>{label(t, 'regState', r.state)}</Tag>
                  {r.filingOverdue && <Tag color="red">{t('rights.desk.filingOverdue')}</Tag>}
                </Space>
              ),
            },
            { title: t('rights.desk.due'), render: (_, r) => due(r) },
            {
              title: '',
              key: 'open',
              render: (_, r) => (
                <Button type="link" onClick={() => setOpen(r.id)}>
                  {t('rights.desk.open')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <RegistrationDrawer id={open} onClose={() => setOpen(null)} />
    </Space>
  );
}

/** The whole dossier, then the decisions the lifecycle allows from its state. */
function RegistrationDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const g = useRegistration(id);
  const objections = useObjections(id);
  const org = useOrgNames();
  const [pending, setPending] = useState<DeskAction | null>(null);
  const r = g.data;
  const actions = r ? (ACTIONS_BY_STATE[r.state] ?? []) : [];
  return (
    <Drawer
      open={!!id}
      width={960}
      onClose={onClose}
      title={r ? t('rights.dossier.title', { name: r.objectInfo.name }) : ''}
      extra={
        <Space>
          {actions.map((a) => (
            <Button key={a.key} danger={a.danger} type={a.danger ? 'default' : 'primary'} onClick={() => setPending(a)}>
              {t(`rights.action.${a.key}`)}
            </Button>
          ))}
        </Space>
      }
    >
      {g.error && <QueryError error={g.error} />}
      {r && <Dossier r={r} objections={objections.data?.items ?? []} org={org} />}
      {r && <ActionModal id={r.id} name={r.objectInfo.name} action={pending} onClose={() => setPending(null)} />}
    </Drawer>
  );
}
