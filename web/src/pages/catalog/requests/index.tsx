import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Descriptions, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { QueryError } from '../../../components/ResultPage';
import { useT, type TFunction } from '../../../i18n/I18nProvider';
import { formatDate, formatDateTime } from '../../../utils/datetime';
import {
  catalogApi,
  catalogKeys,
  useChangeRequests,
  useDataRequests,
  type ChangeRequestItem,
  type DataRequestItem,
} from '../api';
import { DecisionModal, type Decision } from '../components/DecisionModal';

const due = (r: DataRequestItem) => r.clocks?.providerDue ?? r.clocks?.replyDue ?? r.clocks?.deliverDue ?? null;

/** A JSON Patch line in words: 新增数据项 号牌号码 / 修改 摘要 / 删除数据项 xmdm. */
function diffLine(t: TFunction, o: { op: string; path: string; value?: unknown }): string {
  const v = o.value as { nameZh?: string } | string | undefined;
  if (o.path === '/fields/-')
    return t('catalog.requests.diff.addField', { name: typeof v === 'object' && v?.nameZh ? v.nameZh : '-' });
  if (o.path.startsWith('/fields/')) return t('catalog.requests.diff.removeField', { name: o.path.slice(8) });
  const key = o.path.slice(1);
  return t('catalog.requests.diff.replace', {
    field: t(`catalog.requests.attr.${key}`),
    value: typeof v === 'string' ? v : '',
  });
}

function DataRequests() {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const list = useDataRequests();
  const [pending, setPending] = useState<{ r: DataRequestItem; action: 'approve' | 'refuse' } | null>(null);
  const decide = useMutation({
    mutationFn: (v: { id: string; action: 'approve' | 'refuse'; reason?: string }) =>
      catalogApi.decideRequest(
        v.id,
        v.action,
        v.action === 'refuse' ? { reason: v.reason, legalBasis: v.reason } : { reason: v.reason },
      ),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: catalogKeys.dataRequests() });
      void message.success(t('catalog.detail.done')); // a toast: nothing waits for it to close
      setPending(null);
    },
  });
  if (list.error) return <QueryError error={list.error} />;
  const decision: Decision | null = pending && {
    title: t(`catalog.requests.${pending.action}`),
    okText: t(`catalog.requests.${pending.action}`),
    danger: pending.action === 'refuse',
    reasonRequired: pending.action === 'refuse',
    reasonLabel: t(pending.action === 'refuse' ? 'catalog.requests.refuseReason' : 'catalog.registry.note'),
    summary: t(`catalog.requests.confirm.${pending.action}`, {
      name: pending.r.resourceName,
      org: pending.r.requesterName ?? '-',
    }),
  };
  return (
    <>
      <Table<DataRequestItem>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items}
        expandable={{
          expandedRowRender: (r) => (
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={t('catalog.requests.scenario')}>{r.body.scenario ?? '-'}</Descriptions.Item>
              <Descriptions.Item label={t('catalog.requests.purpose')}>{r.body.purpose ?? '-'}</Descriptions.Item>
              <Descriptions.Item label={t('catalog.requests.dutyBasis')}>{r.body.dutyBasis ?? '-'}</Descriptions.Item>
              <Descriptions.Item label={t('catalog.requests.accessMode')}>
                {r.body.accessMode ? t(`catalog.requests.access.${r.body.accessMode}`) : '-'}
              </Descriptions.Item>
              <Descriptions.Item label={t('catalog.requests.fields')}>
                {t('catalog.requests.fieldCount', { n: r.fieldIds.length })}
              </Descriptions.Item>
              <Descriptions.Item label={t('catalog.requests.period')}>
                {r.body.period ? `${formatDate(r.body.period.from)} ~ ${formatDate(r.body.period.to)}` : '-'}
              </Descriptions.Item>
              {r.decision?.reasons && (
                <Descriptions.Item label={t('catalog.registry.lastReason')} span={2}>
                  {r.decision.reasons}
                </Descriptions.Item>
              )}
            </Descriptions>
          ),
        }}
        columns={[
          {
            title: t('catalog.requests.kind'),
            dataIndex: 'kind',
            render: (v: string) => <Tag>{t(`catalog.requests.kinds.${v}`)}</Tag>,
          },
          {
            title: t('catalog.registry.colResource'),
            dataIndex: 'resourceName',
            render: (v: string, r) => <Link to={`/catalog/resources/${r.resourceId}`}>{v}</Link>,
          },
          {
            title: t('catalog.requests.requester'),
            dataIndex: 'requesterName',
            render: (v: string | null) => v ?? '-',
          },
          {
            title: t('catalog.registry.colState'),
            dataIndex: 'state',
            render: (v: string, r) => (
              <Space size={2}>
                <Tag>{t(`catalog.requests.state.${v}`)}</Tag>
                {r.overdue && <Tag color="red">{t('catalog.requests.overdue')}</Tag>}
              </Space>
            ),
          },
          { title: t('catalog.registry.colDue'), render: (_, r) => formatDateTime(due(r)) },
          {
            title: t('catalog.registry.colAction'),
            render: (_, r) =>
              r.abilities.decide && (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => {
                      decide.reset();
                      setPending({ r, action: 'approve' });
                    }}
                  >
                    {t('catalog.requests.approve')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => {
                      decide.reset();
                      setPending({ r, action: 'refuse' });
                    }}
                  >
                    {t('catalog.requests.refuse')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <DecisionModal
        decision={decision}
        onCancel={() => setPending(null)}
        pending={decide.isPending}
        error={decide.error}
        onOk={(v) => pending && decide.mutate({ id: pending.r.id, action: pending.action, reason: v.reason })}
      />
    </>
  );
}

function ChangeRequests() {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const list = useChangeRequests();
  const [pending, setPending] = useState<{ c: ChangeRequestItem; action: 'consent' | 'refuse' | 'apply' } | null>(null);
  const decide = useMutation({
    mutationFn: (v: { id: string; action: 'consent' | 'refuse' | 'apply'; reason?: string }) =>
      catalogApi.decideChange(v.id, v.action, v.reason),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: catalogKeys.all });
      void message.success(t('catalog.detail.done')); // a toast: nothing waits for it to close
      setPending(null);
    },
  });
  if (list.error) return <QueryError error={list.error} />;
  const decision: Decision | null = pending && {
    title: t(`catalog.requests.change.${pending.action}`),
    okText: t(`catalog.requests.change.${pending.action}`),
    danger: pending.action === 'refuse',
    reasonRequired: pending.action === 'refuse',
    reasonLabel: t(pending.action === 'refuse' ? 'catalog.requests.refuseReason' : 'catalog.registry.note'),
    summary: t(`catalog.requests.change.confirm.${pending.action}`, {
      name: pending.c.resource_name,
      changes:
        pending.c.diff.map((o) => diffLine(t, o)).join('; ') || t(`catalog.requests.changeType.${pending.c.type}`),
    }),
  };
  return (
    <>
      <Table<ChangeRequestItem>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items}
        columns={[
          {
            title: t('catalog.requests.changeTypeCol'),
            dataIndex: 'type',
            render: (v: string) => <Tag>{t(`catalog.requests.changeType.${v}`)}</Tag>,
          },
          {
            title: t('catalog.registry.colResource'),
            dataIndex: 'resource_name',
            render: (v: string, c) => <Link to={`/catalog/resources/${c.target_resource_id}`}>{v}</Link>,
          },
          {
            title: t('catalog.requests.catalogType'),
            dataIndex: 'catalog_type',
            render: (v: string) => t(`catalog.requests.catalogTypes.${v}`),
          },
          {
            title: t('catalog.requests.changes'),
            render: (_, c) => (
              <Space direction="vertical" size={0}>
                {c.diff.map((o, i) => (
                  <span key={i}>{diffLine(t, o)}</span>
                ))}
                {c.reason && <Typography.Text type="secondary">{c.reason}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('catalog.registry.colState'),
            dataIndex: 'state',
            render: (v: string) => <Tag>{t(`catalog.requests.changeState.${v}`)}</Tag>,
          },
          { title: t('catalog.requests.created'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v) },
          {
            title: t('catalog.registry.colAction'),
            render: (_, c) => (
              <Space>
                {c.abilities.consent && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => {
                      decide.reset();
                      setPending({ c, action: 'consent' });
                    }}
                  >
                    {t('catalog.requests.change.consent')}
                  </Button>
                )}
                {c.abilities.refuse && (
                  <Button
                    size="small"
                    danger
                    onClick={() => {
                      decide.reset();
                      setPending({ c, action: 'refuse' });
                    }}
                  >
                    {t('catalog.requests.change.refuse')}
                  </Button>
                )}
                {c.abilities.apply && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => {
                      decide.reset();
                      setPending({ c, action: 'apply' });
                    }}
                  >
                    {t('catalog.requests.change.apply')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <DecisionModal
        decision={decision}
        onCancel={() => setPending(null)}
        pending={decide.isPending}
        error={decide.error}
        onOk={(v) => pending && decide.mutate({ id: pending.c.id, action: pending.action, reason: v.reason })}
      />
    </>
  );
}

/** Share and open requests and catalog change requests (catalog.md lifecycles), each decision confirmed with its reason. */
export default function CatalogRequestsPage() {
  const t = useT();
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('catalog.requests.title')}
        </Typography.Title>
      }
    >
      <Tabs
        items={[
          { key: 'data', label: t('catalog.requests.tabData'), children: <DataRequests /> },
          { key: 'change', label: t('catalog.requests.tabChange'), children: <ChangeRequests /> },
        ]}
      />
    </Card>
  );
}
