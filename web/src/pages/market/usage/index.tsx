import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Card, Col, Empty, Input, Progress, Row, Select, Space, Statistic, Typography } from 'antd';
import { EChart } from '../../../components/EChart';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { type UsageSeries, useContracts, useUsage } from '../api';
import { outcomeLabel, sideLabel, countLabel } from '../labels';

type Day = UsageSeries['days'][number];
const pct = (used: number, limit: number) => (limit > 0 ? Math.min(100, Math.round((used / limit) * 1000) / 10) : 0);

/** Usage against the quota as a bar, and the daily series as a chart (products-market.md "usage charts"). */
function UsageView({ u }: { u: UsageSeries }) {
  const t = useT();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('market.outcome.billable'), t('market.outcome.free'), t('market.usage.rejected')] },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: u.days.map((d) => d.day.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('market.outcome.billable'), key: 'billable' as const, color: '#1f5fbf' },
        { name: t('market.outcome.free'), key: 'free' as const, color: '#52c41a' },
        { name: t('market.usage.rejected'), key: 'rejected' as const, color: '#d4380d' },
      ].map((s) => ({
        type: 'bar',
        stack: 'u',
        name: s.name,
        itemStyle: { color: s.color },
        data: u.days.map((d) => d[s.key]),
      })),
    }),
    [u, t],
  );
  const unit = countLabel(t, u.unit);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card size="small" title={t('market.usage.monthQuota')}>
            <Progress
              percent={pct(u.quota.usedThisMonth, u.quota.perMonth)}
              status={u.quota.usedThisMonth >= u.quota.perMonth ? 'exception' : 'active'}
              aria-label={t('market.usage.monthQuota')}
            />
            <Typography.Text>
              {t('market.usage.usedOf', {
                used: u.quota.usedThisMonth.toLocaleString('zh-CN'),
                limit: u.quota.perMonth.toLocaleString('zh-CN'),
              })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('market.usage.dayQuota')}>
            <Progress
              percent={pct(u.quota.usedToday, u.quota.perDay)}
              status={u.quota.usedToday >= u.quota.perDay ? 'exception' : 'active'}
              aria-label={t('market.usage.dayQuota')}
            />
            <Typography.Text>
              {t('market.usage.usedOf', {
                used: u.quota.usedToday.toLocaleString('zh-CN'),
                limit: u.quota.perDay.toLocaleString('zh-CN'),
              })}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        {(['billable', 'free', 'rejected_quota', 'rejected_expired'] as const).map((o) => (
          <Col key={o} xs={12} md={6}>
            <Card size="small">
              <Statistic title={outcomeLabel(t, o)} value={u.outcomes[o]} suffix={unit} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('market.usage.daily')}>
        <EChart option={option} height={320} ariaLabel={t('market.usage.chartLabel', { product: u.productName })} />
      </Card>
    </Space>
  );
}

/** The caller's usage per contract, on both sides: the buyer's calls and the operator's metered sales (PM-24). */
export default function UsagePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const [from, setFrom] = useState<string>();
  const [to, setTo] = useState<string>();
  const contracts = useContracts({ pageSize: 500 });
  const filed = (contracts.data?.items ?? []).filter((c) => c.filedAt);
  // Without a choice in the URL, the first contract that is being delivered by API (the busiest kind) is shown.
  const preferred = filed.find((c) => c.deliveryMode === 'api_key' && c.deliveryCount > 0) ?? filed[0];
  const contractId = params.get('contract') ?? preferred?.id;
  const u = useUsage(contractId, from || undefined, to || undefined);
  const exportColumns: ExportColumn<Day>[] = [
    { header: t('market.usage.day'), value: (d) => d.day, width: 14 },
    { header: t('market.outcome.billable'), value: (d) => d.billable, width: 12 },
    { header: t('market.outcome.free'), value: (d) => d.free, width: 12 },
    { header: t('market.usage.rejected'), value: (d) => d.rejected, width: 12 },
  ];
  if (contracts.error) return <QueryError error={contracts.error} />;
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('market.usage.title')}
        </Typography.Title>
      }
      extra={
        <Space wrap>
          <Select<string>
            aria-label={t('market.usage.contract')}
            placeholder={t('market.usage.contract')}
            style={{ width: 320 }}
            value={contractId}
            loading={contracts.isLoading}
            onChange={(v) => setParams({ contract: v })}
            options={filed.map((c) => ({
              value: c.id,
              label: `${c.productName} · ${c.side === 'buyer' ? c.operatorName : c.buyerName}`,
            }))}
          />
          <Input
            type="date"
            aria-label={t('market.usage.from')}
            value={from ?? u.data?.from}
            onChange={(e) => setFrom(e.target.value)}
          />
          <Input
            type="date"
            aria-label={t('market.usage.to')}
            value={to ?? u.data?.to}
            onChange={(e) => setTo(e.target.value)}
          />
          <ExportExcelButton fileName={t('market.usage.title')} columns={exportColumns} rows={u.data?.days ?? []} />
        </Space>
      }
    >
      {u.error ? (
        <QueryError error={u.error} />
      ) : !contractId ? (
        <Empty description={t('market.usage.noContracts')} />
      ) : (
        u.data && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              {t('market.usage.as', { side: sideLabel(t, u.data.side), product: u.data.productName })}
            </Typography.Text>
            <UsageView u={u.data} />
          </Space>
        )
      )}
    </Card>
  );
}
