import { useState } from 'react';
import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { type BillItem, useBills } from '../api';
import { BillVerifyDrawer } from '../components/BillVerify';
import { BILL_STATES, STATE_COLORS, billStateLabel, periodLabel, sideLabel, countLabel, yuan } from '../labels';

/**
 * Bills for buyer and operator (products-market.md "Bills anyone can check"): each line names the filed price, the
 * cap beside it and the ledger checkpoint whose tree holds its records; "verify this bill" recomputes and proves it.
 */
export default function BillsPage() {
  const t = useT();
  const [period, setPeriod] = useState<string>();
  const [state, setState] = useState<string>();
  const [open, setOpen] = useState<BillItem | null>(null);
  const all = useBills({ pageSize: 500 });
  const q = useBills({ period, state, pageSize: 500 });
  const rows = q.data?.items ?? [];
  const periods = [...new Set((all.data?.items ?? []).map((b) => b.period))].sort().reverse();
  const counterpart = (r: BillItem) =>
    (r.side === 'buyer' ? r.operatorName : r.buyerName) || t('market.common.otherOrg');
  const kind = (r: BillItem) => t(`market.bills.kind.${r.kind}`);
  const cp = (r: BillItem) =>
    r.checkpoint ? t('market.bills.inTree', { size: r.checkpoint.treeSize }) : t('market.verify.pending');
  const exportColumns: ExportColumn<BillItem>[] = [
    { header: t('market.col.period'), value: (r) => periodLabel(t, r.period), width: 12 },
    { header: t('market.col.product'), value: (r) => r.productName, width: 28 },
    { header: t('market.col.buyer'), value: (r) => r.buyerName, width: 28 },
    { header: t('market.col.operator'), value: (r) => r.operatorName, width: 28 },
    { header: t('market.bills.kindCol'), value: kind, width: 10 },
    { header: t('market.bills.billable'), value: (r) => `${r.billableQty} ${countLabel(t, r.unit)}`, width: 14 },
    { header: t('market.col.unitPrice'), value: (r) => yuan(r.unitPriceFen), width: 12 },
    { header: t('market.col.cap'), value: (r) => yuan(r.capFen), width: 12 },
    { header: t('market.col.filingNo'), value: (r) => r.filingNo ?? '', width: 18 },
    { header: t('market.bills.amount'), value: (r) => yuan(r.amountFen), width: 14 },
    { header: t('market.col.subAccount'), value: (r) => r.customerSubAccountNo, width: 18 },
    { header: t('market.bills.checkpoint'), value: cp, width: 22 },
    { header: t('market.verify.digest'), value: (r) => r.recordsDigest, width: 66 },
    { header: t('market.col.state'), value: (r) => billStateLabel(t, r.state), width: 10 },
  ];
  if (q.error) return <QueryError error={q.error} />;
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('market.bills.title')}
        </Typography.Title>
      }
      extra={
        <Space wrap>
          <Select<string>
            allowClear
            aria-label={t('market.col.period')}
            placeholder={t('market.col.period')}
            style={{ width: 140 }}
            value={period}
            onChange={setPeriod}
            options={periods.map((p) => ({ value: p, label: periodLabel(t, p) }))}
          />
          <Select<string>
            allowClear
            aria-label={t('market.col.state')}
            placeholder={t('market.col.state')}
            style={{ width: 140 }}
            value={state}
            onChange={setState}
            options={BILL_STATES.map((s) => ({ value: s, label: billStateLabel(t, s) }))}
          />
          <ExportExcelButton fileName={t('market.bills.title')} columns={exportColumns} rows={rows} />
        </Space>
      }
    >
      <Table<BillItem>
        rowKey={(r) => `${r.settlementId}-${r.kind}-${r.period}`}
        loading={q.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('market.bills.none') }}
        scroll={{ x: 1600 }}
        columns={[
          { title: t('market.col.period'), dataIndex: 'period', render: (v: string) => periodLabel(t, v) },
          { title: t('market.col.product'), dataIndex: 'productName' },
          { title: t('market.col.counterpart'), key: 'cp', render: (_: unknown, r) => counterpart(r) },
          { title: t('market.col.side'), dataIndex: 'side', render: (v: string) => sideLabel(t, v) },
          { title: t('market.bills.kindCol'), key: 'kind', render: (_: unknown, r) => kind(r) },
          {
            title: t('market.bills.billable'),
            key: 'qty',
            render: (_: unknown, r) => `${r.billableQty.toLocaleString('zh-CN')} ${countLabel(t, r.unit)}`,
          },
          { title: t('market.col.unitPrice'), dataIndex: 'unitPriceFen', render: (v: number) => yuan(v) },
          { title: t('market.col.cap'), dataIndex: 'capFen', render: (v: number | null) => yuan(v) },
          { title: t('market.col.filingNo'), dataIndex: 'filingNo', render: (v: string | null) => v ?? '-' },
          {
            title: t('market.bills.amount'),
            dataIndex: 'amountFen',
            render: (v: number) => <Typography.Text strong>{yuan(v)}</Typography.Text>,
          },
          { title: t('market.bills.checkpoint'), key: 'checkpoint', render: (_: unknown, r) => cp(r) },
          {
            title: t('market.col.state'),
            dataIndex: 'state',
            render: (v: string) => <Tag color={STATE_COLORS[v]}>{billStateLabel(t, v)}</Tag>,
          },
          {
            title: t('market.col.actions'),
            key: 'a',
            fixed: 'right',
            render: (_: unknown, r) =>
              r.abilities.verify && (
                <Button size="small" type="primary" ghost onClick={() => setOpen(r)}>
                  {t('market.bills.verify')}
                </Button>
              ),
          },
        ]}
      />
      <BillVerifyDrawer bill={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
