import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { formatDate, formatDateTime } from '../../../utils/datetime';
import { type ContractItem, type OrderItem, useContracts, useOrders } from '../api';
import {
  CONTRACT_STATES,
  ORDER_STATES,
  STATE_COLORS,
  contractStateLabel,
  deliveryModeLabel,
  orderStateLabel,
  sideLabel,
  countLabel,
  useCategoryLabel,
  yuan,
} from '../labels';

/** Filters every table shares: state, and a product name search (client-side over the caller's own records). */
function Filters(p: {
  states: readonly string[];
  state?: string;
  setState: (s?: string) => void;
  label: (s: string) => string;
  search: string;
  setSearch: (s: string) => void;
}) {
  const t = useT();
  return (
    <>
      <Select<string>
        allowClear
        placeholder={t('market.col.state')}
        aria-label={t('market.col.state')}
        style={{ width: 150 }}
        value={p.state}
        onChange={p.setState}
        options={p.states.map((s) => ({ value: s, label: p.label(s) }))}
      />
      <Input.Search
        allowClear
        aria-label={t('market.orders.search')}
        placeholder={t('market.orders.search')}
        style={{ width: 220 }}
        onSearch={p.setSearch}
      />
    </>
  );
}

const matches = (search: string, ...xs: string[]) => !search || xs.some((x) => x.includes(search));

function OrderTable() {
  const t = useT();
  const [state, setState] = useState<string>();
  const [search, setSearch] = useState('');
  const q = useOrders({ state, pageSize: 500 });
  const rows = (q.data?.items ?? []).filter((r) => matches(search, r.productName, r.productCode, r.buyerName));
  const counterpart = (r: OrderItem) =>
    (r.side === 'buyer' ? r.operatorName : r.buyerName) || t('market.common.otherOrg');
  const exportColumns: ExportColumn<OrderItem>[] = [
    { header: t('market.col.product'), value: (r) => r.productName, width: 28 },
    { header: t('market.col.productCode'), value: (r) => r.productCode, width: 20 },
    { header: t('market.col.buyer'), value: (r) => r.buyerName, width: 28 },
    { header: t('market.col.operator'), value: (r) => r.operatorName, width: 28 },
    { header: t('market.col.useCategory'), value: (r) => useCategoryLabel(t, r.useCategory), width: 14 },
    { header: t('market.col.quantity'), value: (r) => `${r.quantity} ${countLabel(t, r.unit)}`, width: 14 },
    { header: t('market.col.unitPrice'), value: (r) => yuan(r.unitPriceFen), width: 12 },
    { header: t('market.col.estimated'), value: (r) => yuan(r.estimatedFen), width: 14 },
    { header: t('market.col.state'), value: (r) => orderStateLabel(t, r.state), width: 10 },
    { header: t('market.col.created'), value: (r) => formatDateTime(r.createdAt), width: 18 },
  ];
  if (q.error) return <QueryError error={q.error} />;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Filters
          states={ORDER_STATES}
          state={state}
          setState={setState}
          label={(s) => orderStateLabel(t, s)}
          search={search}
          setSearch={setSearch}
        />
        <ExportExcelButton fileName={t('market.orders.ordersTab')} columns={exportColumns} rows={rows} />
      </Space>
      <Table<OrderItem>
        rowKey="id"
        size="middle"
        loading={q.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('market.orders.none') }}
        columns={[
          {
            title: t('market.col.product'),
            key: 'product',
            render: (_: unknown, r) => <Link to={`/market/orders/${r.id}`}>{r.productName || r.productCode}</Link>,
          },
          { title: t('market.col.counterpart'), key: 'cp', render: (_: unknown, r) => counterpart(r) },
          { title: t('market.col.side'), dataIndex: 'side', render: (v: string) => sideLabel(t, v) },
          {
            title: t('market.col.useCategory'),
            dataIndex: 'useCategory',
            render: (v: string) => useCategoryLabel(t, v),
          },
          {
            title: t('market.col.quantity'),
            key: 'qty',
            render: (_: unknown, r) => `${r.quantity.toLocaleString('zh-CN')} ${countLabel(t, r.unit)}`,
          },
          { title: t('market.col.unitPrice'), dataIndex: 'unitPriceFen', render: (v: number) => yuan(v) },
          {
            title: t('market.col.state'),
            dataIndex: 'state',
            render: (v: string) => <Tag color={STATE_COLORS[v]}>{orderStateLabel(t, v)}</Tag>,
          },
          { title: t('market.col.created'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          {
            title: t('market.col.actions'),
            key: 'a',
            render: (_: unknown, r) => (
              <Link to={`/market/orders/${r.id}`}>
                {r.abilities.drawContract ? t('market.orders.draw') : t('market.common.open')}
              </Link>
            ),
          },
        ]}
      />
    </>
  );
}

function ContractTable() {
  const t = useT();
  const [state, setState] = useState<string>();
  const [search, setSearch] = useState('');
  const q = useContracts({ state, pageSize: 500 });
  const rows = (q.data?.items ?? []).filter((r) => matches(search, r.productName, r.productCode, r.buyerName));
  const term = (r: ContractItem) => `${formatDate(r.termFrom)} ~ ${formatDate(r.termTo)}`;
  const exportColumns: ExportColumn<ContractItem>[] = [
    { header: t('market.col.product'), value: (r) => r.productName, width: 28 },
    { header: t('market.col.buyer'), value: (r) => r.buyerName, width: 28 },
    { header: t('market.col.operator'), value: (r) => r.operatorName, width: 28 },
    { header: t('market.col.deliveryMode'), value: (r) => deliveryModeLabel(t, r.deliveryMode), width: 16 },
    { header: t('market.col.term'), value: term, width: 24 },
    { header: t('market.col.unitPrice'), value: (r) => yuan(r.unitPriceFen), width: 12 },
    { header: t('market.col.quota'), value: (r) => `${r.quotaPerDay} / ${r.quotaPerMonth}`, width: 16 },
    { header: t('market.col.filedAt'), value: (r) => formatDateTime(r.filedAt), width: 18 },
    { header: t('market.col.sm3'), value: (r) => r.sm3 ?? '', width: 66 },
    { header: t('market.col.subAccount'), value: (r) => r.customerSubAccountNo ?? '', width: 18 },
    { header: t('market.col.state'), value: (r) => contractStateLabel(t, r.state), width: 10 },
  ];
  if (q.error) return <QueryError error={q.error} />;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Filters
          states={CONTRACT_STATES}
          state={state}
          setState={setState}
          label={(s) => contractStateLabel(t, s)}
          search={search}
          setSearch={setSearch}
        />
        <ExportExcelButton fileName={t('market.orders.contractsTab')} columns={exportColumns} rows={rows} />
      </Space>
      <Table<ContractItem>
        rowKey="id"
        size="middle"
        loading={q.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('market.orders.noContracts') }}
        columns={[
          {
            title: t('market.col.product'),
            key: 'product',
            render: (_: unknown, r) => <Link to={`/market/orders/${r.orderId}`}>{r.productName}</Link>,
          },
          { title: t('market.col.buyer'), dataIndex: 'buyerName' },
          {
            title: t('market.col.deliveryMode'),
            dataIndex: 'deliveryMode',
            render: (v: string) => deliveryModeLabel(t, v),
          },
          { title: t('market.col.term'), key: 'term', render: (_: unknown, r) => term(r) },
          {
            title: t('market.col.filedAt'),
            dataIndex: 'filedAt',
            render: (v: string | null) => (v ? formatDateTime(v) : <Tag>{t('market.contract.notFiled')}</Tag>),
          },
          { title: t('market.col.deliveries'), dataIndex: 'deliveryCount' },
          {
            title: t('market.col.state'),
            dataIndex: 'state',
            render: (v: string) => <Tag color={STATE_COLORS[v]}>{contractStateLabel(t, v)}</Tag>,
          },
        ]}
      />
    </>
  );
}

/** Orders and contracts (products-market.md "Marketplace"): the caller's own, as buyer or as operator. */
export default function OrdersPage() {
  const t = useT();
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('market.orders.title')}
        </Typography.Title>
      }
    >
      <Tabs
        items={[
          { key: 'orders', label: t('market.orders.ordersTab'), children: <OrderTable /> },
          { key: 'contracts', label: t('market.orders.contractsTab'), children: <ContractTable /> },
        ]}
      />
    </Card>
  );
}
