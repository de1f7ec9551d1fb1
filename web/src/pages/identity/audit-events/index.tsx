import { useState } from 'react';
import { Button, Card, Drawer, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT, type TFunction } from '../../../i18n/I18nProvider';
import { identityApi, useAuditEvents, type AuditEvent, type AuditQuery } from '../api';
import { formatDateTime } from '../../../utils/datetime';
import { eventLabel, objectTypeLabel, resultLabel, stateLabel } from '../../ledger/words';
import { ObjectTimeline } from '../../ledger/ObjectTimeline';

/** Who acted, by name and organization (issue 14: never a UUID); 系统 for system steps. */
const isSystem = (e: AuditEvent) =>
  e.actor?.role === 'system' || String(e.actor?.userId ?? '').startsWith('system:') || !e.actor?.userId;
const actorName = (t: TFunction, e: AuditEvent) =>
  [e.actor_name, e.actor_org_name].filter(Boolean).join(' · ') ||
  (isSystem(e) ? t('ledger.timeline.system') : t('identity.audit.unknownActor'));
const transition = (t: TFunction, e: AuditEvent) =>
  e.from_state || e.to_state ? `${stateLabel(t, e.from_state)} → ${stateLabel(t, e.to_state)}` : '-';

/** The audit entry list (auditors, audit_admin): events in words, filter by event type, open an object's timeline, export. */
export default function AuditEventsPage() {
  const t = useT();
  const [q, setQ] = useState<AuditQuery>({ page: 1, pageSize: 20 });
  const [object, setObject] = useState<AuditEvent | null>(null);
  const events = useAuditEvents(q);

  const columns: TableColumnsType<AuditEvent> = [
    {
      title: t('identity.audit.colTime'),
      dataIndex: 'occurred_at',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('identity.audit.colType'),
      dataIndex: 'event_type',
      render: (v: string, e) => eventLabel(t, v, e.object_type),
    },
    {
      title: t('identity.audit.colObject'),
      key: 'object',
      render: (_, e) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setObject(e)}>
          {objectTypeLabel(t, e.object_type)}
        </Button>
      ),
    },
    { title: t('identity.audit.colActor'), key: 'actor', render: (_, e) => actorName(t, e) },
    { title: t('identity.audit.colTransition'), key: 'transition', render: (_, e) => transition(t, e) },
    {
      title: t('identity.audit.colResult'),
      dataIndex: 'result',
      render: (v: string | null) => (v ? <Tag color={v === 'denied' ? 'red' : 'green'}>{resultLabel(t, v)}</Tag> : '-'),
    },
    { title: t('identity.audit.colReason'), dataIndex: 'reason_code', render: (v: string | null) => v ?? '-' },
  ];
  const exportColumns: ExportColumn<AuditEvent>[] = [
    { header: t('identity.audit.colTime'), value: (e) => formatDateTime(e.occurred_at), width: 18 },
    { header: t('identity.audit.colType'), value: (e) => eventLabel(t, e.event_type, e.object_type), width: 24 },
    { header: t('identity.audit.colEventCode'), value: (e) => e.event_type, width: 24 },
    { header: t('identity.audit.colObject'), value: (e) => objectTypeLabel(t, e.object_type), width: 16 },
    { header: t('identity.audit.colObjectId'), value: (e) => e.object_id, width: 40 },
    { header: t('identity.audit.colActor'), value: (e) => actorName(t, e), width: 30 },
    { header: t('identity.audit.colTransition'), value: (e) => transition(t, e), width: 20 },
    { header: t('identity.audit.colResult'), value: (e) => resultLabel(t, e.result) },
    { header: t('identity.audit.colReason'), value: (e) => e.reason_code, width: 20 },
  ];

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('identity.audit.title')}
        </Typography.Title>
      }
      extra={
        <ExportExcelButton
          fileName={t('identity.audit.exportName')}
          columns={exportColumns}
          rows={async () => (await identityApi.audit({ action: q.action, page: 1, pageSize: 500 })).items}
        />
      }
    >
      <Space style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('identity.audit.actionFilter')}
          placeholder={t('identity.audit.actionPlaceholder')}
          allowClear
          onSearch={(v) => setQ({ ...q, action: v.trim() || undefined, page: 1 })}
          style={{ width: 280 }}
          enterButton={t('app.common.search')}
        />
      </Space>
      {events.isError ? (
        <QueryError error={events.error} />
      ) : (
        <Table<AuditEvent>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={events.data?.items}
          loading={events.isFetching}
          pagination={{
            current: q.page,
            pageSize: q.pageSize,
            total: events.data?.total ?? 0,
            showTotal: (total) => t('app.common.total', { total }),
            onChange: (page, pageSize) => setQ({ ...q, page, pageSize }),
          }}
        />
      )}
      <Drawer
        open={!!object}
        onClose={() => setObject(null)}
        width={520}
        title={object ? t('ledger.timeline.title', { object: objectTypeLabel(t, object.object_type) }) : ''}
      >
        {object && <ObjectTimeline objectType={object.object_type} objectId={object.object_id} />}
      </Drawer>
    </Card>
  );
}
