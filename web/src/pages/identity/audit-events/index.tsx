import { useState } from 'react';
import { Card, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { identityApi, useAuditEvents, type AuditEvent, type AuditQuery } from '../api';

const actorName = (e: AuditEvent) => String(e.actor?.loginName ?? e.actor?.userId ?? e.actor?.kind ?? '-');
const transition = (e: AuditEvent) => (e.from_state || e.to_state ? `${e.from_state ?? '∅'} → ${e.to_state ?? '∅'}` : '-');

/** Audit viewer: filter by event type, paginate, export the filtered rows. */
export default function AuditEventsPage() {
  const t = useT();
  const [q, setQ] = useState<AuditQuery>({ page: 1, pageSize: 20 });
  const events = useAuditEvents(q);

  const columns: TableColumnsType<AuditEvent> = [
    { title: t('identity.audit.colTime'), dataIndex: 'occurred_at', width: 170, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
    { title: t('identity.audit.colType'), dataIndex: 'event_type', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('identity.audit.colObject'), key: 'object', render: (_, e) => `${e.object_type}:${e.object_id.slice(0, 8)}` },
    { title: t('identity.audit.colActor'), key: 'actor', render: (_, e) => actorName(e) },
    { title: t('identity.audit.colTransition'), key: 'transition', render: (_, e) => transition(e) },
    { title: t('identity.audit.colResult'), dataIndex: 'result', render: (v: string | null) => (v ? <Tag color={v === 'denied' ? 'red' : 'green'}>{v}</Tag> : '-') },
    { title: t('identity.audit.colReason'), dataIndex: 'reason_code', render: (v: string | null) => v ?? '-' },
  ];
  const exportColumns: ExportColumn<AuditEvent>[] = [
    { header: t('identity.audit.colTime'), value: (e) => dayjs(e.occurred_at).format('YYYY-MM-DD HH:mm:ss'), width: 20 },
    { header: t('identity.audit.colType'), value: (e) => e.event_type, width: 24 },
    { header: t('identity.audit.colObject'), value: (e) => `${e.object_type}:${e.object_id}`, width: 48 },
    { header: t('identity.audit.colActor'), value: actorName, width: 20 },
    { header: t('identity.audit.colTransition'), value: transition, width: 28 },
    { header: t('identity.audit.colResult'), value: (e) => e.result },
    { header: t('identity.audit.colReason'), value: (e) => e.reason_code, width: 20 },
  ];

  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('identity.audit.title')}</Typography.Title>}
      extra={<ExportExcelButton fileName={t('identity.audit.exportName')} columns={exportColumns}
        rows={async () => (await identityApi.audit({ action: q.action, page: 1, pageSize: 500 })).items} />}>
      <Space style={{ marginBottom: 16 }}>
        <Input.Search aria-label={t('identity.audit.actionFilter')} placeholder={t('identity.audit.actionPlaceholder')} allowClear
          onSearch={(v) => setQ({ ...q, action: v.trim() || undefined, page: 1 })} style={{ width: 280 }} enterButton={t('app.common.search')} />
      </Space>
      {events.isError ? <QueryError error={events.error} /> : (
        <Table<AuditEvent> rowKey="id" size="small" columns={columns} dataSource={events.data?.items} loading={events.isFetching}
          pagination={{ current: q.page, pageSize: q.pageSize, total: events.data?.total ?? 0, showTotal: (total) => t('app.common.total', { total }),
            onChange: (page, pageSize) => setQ({ ...q, page, pageSize }) }} />
      )}
    </Card>
  );
}
