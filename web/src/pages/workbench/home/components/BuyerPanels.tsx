import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { Card, Col, Row, Table, Tag, Typography } from 'antd';
import { EChart } from '../../../../components/EChart';
import { useT } from '../../../../i18n/I18nProvider';
import { formatDate, formatDateTime } from '../../../../utils/datetime';
import type { ApiKeyRow, UsageView } from '../../api';
import { ClockTag } from './TodoTable';

type Contract = UsageView['contracts'][number];

/** Calls counted against the daily quota: billable ones today (the same figure as 接口用量). */
export function usedToday(usage: UsageView | undefined, contractId: string): number {
  return (usage?.summary ?? [])
    .filter((s) => s.contract_id === contractId && s.outcome === 'billable')
    .reduce((a, s) => a + s.today, 0);
}

/** The buyer: its data services (contracts), today's usage against the daily quota as a chart, and its API keys. */
export function BuyerPanels({
  usage,
  keys,
  loading,
}: {
  usage: UsageView | undefined;
  keys: ApiKeyRow[];
  loading: boolean;
}) {
  const t = useT();
  const contracts = usage?.contracts ?? [];
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('workbench.buyer.used'), t('workbench.buyer.left')] },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: contracts.map((c) => c.product_name), inverse: true },
      series: [
        {
          type: 'bar',
          stack: 'q',
          name: t('workbench.buyer.used'),
          data: contracts.map((c) => usedToday(usage, c.id)),
          itemStyle: { color: '#1f5fbf' },
          barMaxWidth: 22,
        },
        {
          type: 'bar',
          stack: 'q',
          name: t('workbench.buyer.left'),
          data: contracts.map((c) => Math.max(0, c.quota_per_day - usedToday(usage, c.id))),
          itemStyle: { color: '#d9e4f5' },
          barMaxWidth: 22,
        },
      ],
    }),
    [contracts, usage, t],
  );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card
          title={t('workbench.buyer.services')}
          extra={<Link to="/services/usage">{t('workbench.common.all')}</Link>}
        >
          <Table<Contract>
            rowKey="id"
            size="small"
            loading={loading}
            dataSource={contracts}
            pagination={false}
            locale={{
              emptyText: <Typography.Text type="secondary">{t('workbench.buyer.noServices')}</Typography.Text>,
            }}
            columns={[
              { title: t('workbench.buyer.product'), dataIndex: 'product_name' },
              {
                title: t('workbench.buyer.quota'),
                key: 'quota',
                render: (_, c) =>
                  t('workbench.buyer.quotaValue', {
                    used: usedToday(usage, c.id).toLocaleString(),
                    quota: c.quota_per_day.toLocaleString(),
                  }),
              },
              { title: t('workbench.buyer.termTo'), dataIndex: 'term_to', render: (v: string) => formatDate(v) },
              { title: t('workbench.todo.colClock'), key: 'clock', render: (_, c) => <ClockTag dueAt={c.term_to} /> },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t('workbench.buyer.usageChart')}>
          <EChart
            option={option}
            height={Math.max(160, 60 + contracts.length * 48)}
            ariaLabel={t('workbench.buyer.usageChart')}
          />
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={t('workbench.buyer.keys')} extra={<Link to="/api-keys">{t('workbench.common.all')}</Link>}>
          <Table<ApiKeyRow>
            rowKey="id"
            size="small"
            dataSource={keys}
            pagination={false}
            locale={{ emptyText: <Typography.Text type="secondary">{t('workbench.buyer.noKeys')}</Typography.Text> }}
            columns={[
              { title: t('workbench.buyer.keyName'), dataIndex: 'name' },
              { title: t('workbench.buyer.keyPrefix'), dataIndex: 'prefix' },
              {
                title: t('workbench.buyer.keyState'),
                dataIndex: 'state',
                render: (s: string) => <Tag>{t(`identity.apiKeys.state.${s}`)}</Tag>,
              },
              {
                title: t('workbench.buyer.keyLastUsed'),
                dataIndex: 'lastUsedAt',
                render: (v: string | null) => formatDateTime(v, t('workbench.buyer.neverUsed')),
              },
              { title: t('workbench.buyer.keyExpires'), dataIndex: 'expiresAt', render: (v: string) => formatDate(v) },
              { title: t('workbench.todo.colClock'), key: 'clock', render: (_, k) => <ClockTag dueAt={k.expiresAt} /> },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
