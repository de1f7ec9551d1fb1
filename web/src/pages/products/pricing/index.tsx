import { useState } from 'react';
import { Button, Card, Input, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../layouts/session';
import { formatDate, formatDateTime } from '../../../utils/datetime';
import { type FeeCap, type PriceFiling, useDecideFiling, useFeeCaps, useFilings, useNames, useProducts } from '../api';
import { FilingModal } from '../components/FilingModal';
import { STATE_COLORS, capStateLabel, filingStateLabel, formLabel, unitLabel, yuan } from '../labels';

type Names = ReturnType<typeof useNames>;

/** A select over the states present in the rows: every table on the desk filters. */
function StateFilter(p: {
  states: string[];
  value?: string;
  onChange: (v?: string) => void;
  label: (s: string) => string;
}) {
  const t = useT();
  return (
    <Select<string>
      allowClear
      placeholder={t('products.col.state')}
      aria-label={t('products.col.state')}
      style={{ width: 160 }}
      value={p.value}
      onChange={p.onChange}
      options={p.states.map((s) => ({ value: s, label: p.label(s) }))}
    />
  );
}

/** FeeCaps (上限收费标准) set and reported by the authority (PM-14…PM-16). */
function FeeCapTable({ names }: { names: Names }) {
  const t = useT();
  const q = useFeeCaps();
  const [state, setState] = useState<string>();
  const all = q.data?.items ?? [];
  const rows = state ? all.filter((r) => r.state === state) : all;
  const subject = (r: FeeCap) =>
    names.product(r.productId) ??
    (r.productClass ? t('products.pricing.classCap', { form: formLabel(t, r.productClass) }) : '-');
  const operator = (r: FeeCap) => names.org(r.operatorOrgId) ?? t('products.common.otherOrg');
  const cap = (r: FeeCap) => `${yuan(r.capFen)} / ${unitLabel(t, r.chargingUnit)}`;
  const period = (r: FeeCap) => `${formatDate(r.effectiveFrom)} ~ ${formatDate(r.effectiveTo)}`;
  const flags = (r: FeeCap) =>
    [
      t(r.taxInclusive ? 'products.pricing.taxIn' : 'products.pricing.taxEx'),
      r.isTrial ? t('products.pricing.trial') : '',
    ]
      .filter(Boolean)
      .join(t('products.common.sep'));
  const exportColumns: ExportColumn<FeeCap>[] = [
    { header: t('products.pricing.subject'), value: subject, width: 30 },
    { header: t('products.col.operator'), value: operator, width: 28 },
    { header: t('products.col.cap'), value: cap, width: 16 },
    { header: t('products.pricing.unitDefinition'), value: (r) => r.unitDefinition, width: 16 },
    { header: t('products.pricing.flags'), value: flags, width: 14 },
    { header: t('products.pricing.period'), value: period, width: 24 },
    { header: t('products.pricing.report'), value: (r) => r.writtenReportRef ?? '', width: 24 },
    { header: t('products.col.state'), value: (r) => capStateLabel(t, r.state), width: 10 },
  ];
  if (q.error) return <QueryError error={q.error} />;
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <StateFilter
          states={[...new Set(all.map((r) => r.state))]}
          value={state}
          onChange={setState}
          label={(s) => capStateLabel(t, s)}
        />
        <ExportExcelButton fileName={t('products.pricing.caps')} columns={exportColumns} rows={rows} />
      </Space>
      <Table<FeeCap>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('products.pricing.subject'), key: 'subject', render: (_: unknown, r) => subject(r) },
          { title: t('products.col.operator'), key: 'operator', render: (_: unknown, r) => operator(r) },
          { title: t('products.col.cap'), key: 'cap', render: (_: unknown, r) => <strong>{cap(r)}</strong> },
          { title: t('products.pricing.unitDefinition'), dataIndex: 'unitDefinition' },
          { title: t('products.pricing.flags'), key: 'flags', render: (_: unknown, r) => flags(r) },
          { title: t('products.pricing.period'), key: 'period', render: (_: unknown, r) => period(r) },
          {
            title: t('products.pricing.report'),
            dataIndex: 'writtenReportRef',
            render: (v: string | null) => v ?? '-',
          },
          {
            title: t('products.col.state'),
            dataIndex: 'state',
            render: (s: string) => <Tag color={STATE_COLORS[s]}>{capStateLabel(t, s)}</Tag>,
          },
        ]}
      />
    </>
  );
}

/** PriceFilings (定价备案) by operators, each at or under its cap (PM-17, PM-18). */
function FilingTable({ names, caps, authority }: { names: Names; caps: FeeCap[]; authority: boolean }) {
  const t = useT();
  const q = useFilings();
  const decide = useDecideFiling();
  const [filing, setFiling] = useState(false);
  const [returning, setReturning] = useState<PriceFiling | null>(null);
  const [reason, setReason] = useState('');
  // The operator files prices for its registered or listed products (PM-17).
  const products = useProducts({ pageSize: 500 }).data?.items.filter((p) => ['registered', 'active'].includes(p.state));
  const [state, setState] = useState<string>();
  const all = q.data?.items ?? [];
  const rows = state ? all.filter((r) => r.state === state) : all;
  const capOf = (r: PriceFiling) => caps.find((c) => c.id === r.feeCapId);
  const product = (r: PriceFiling) => names.product(r.productId) ?? t('products.common.otherProduct');
  const price = (r: PriceFiling) => `${yuan(r.priceFen)} / ${unitLabel(t, r.chargingUnit)}`;
  const cap = (r: PriceFiling) => {
    const c = capOf(r);
    return c ? yuan(c.capFen) : r.feeCapId ? '-' : t('products.pricing.noCap');
  };
  const exportColumns: ExportColumn<PriceFiling>[] = [
    { header: t('products.col.filingNo'), value: (r) => r.filingNo, width: 18 },
    { header: t('products.col.name'), value: product, width: 30 },
    { header: t('products.col.price'), value: price, width: 16 },
    { header: t('products.col.cap'), value: cap, width: 12 },
    { header: t('products.pricing.method'), value: (r) => t(`products.pricingMethod.${r.pricingMethod}`), width: 12 },
    { header: t('products.pricing.scope'), value: (r) => r.scopeOfUse, width: 30 },
    { header: t('products.pricing.effectiveFrom'), value: (r) => formatDate(r.effectiveFrom), width: 12 },
    { header: t('products.pricing.filedAt'), value: (r) => formatDateTime(r.filedAt), width: 20 },
    { header: t('products.col.state'), value: (r) => filingStateLabel(t, r.state), width: 10 },
  ];
  if (q.error) return <QueryError error={q.error} />;
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <StateFilter
          states={[...new Set(all.map((r) => r.state))]}
          value={state}
          onChange={setState}
          label={(s) => filingStateLabel(t, s)}
        />
        <ExportExcelButton fileName={t('products.pricing.filings')} columns={exportColumns} rows={rows} />
        {!authority && (
          <Button type="primary" onClick={() => setFiling(true)}>
            {t('products.filing.title')}
          </Button>
        )}
      </Space>
      <ErrorAlert error={decide.error} />
      <Modal
        open={!!returning}
        title={returning ? t('products.filing.confirmReturn', { no: returning.filingNo }) : ''}
        okText={t('products.filing.return')}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        cancelText={t('app.common.cancel')}
        confirmLoading={decide.isPending}
        onCancel={() => setReturning(null)}
        onOk={() =>
          returning &&
          decide.mutate(
            { id: returning.id, action: 'return', reason: reason.trim() },
            {
              onSuccess: () => {
                setReturning(null);
                setReason('');
              },
            },
          )
        }
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          maxLength={2000}
          aria-label={t('products.review.reason')}
          placeholder={t('products.filing.returnReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
      <FilingModal open={filing} onClose={() => setFiling(false)} products={products ?? []} caps={caps} />
      <Table<PriceFiling>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('products.col.filingNo'), dataIndex: 'filingNo' },
          { title: t('products.col.name'), key: 'product', render: (_: unknown, r) => product(r) },
          { title: t('products.col.price'), key: 'price', render: (_: unknown, r) => <strong>{price(r)}</strong> },
          { title: t('products.col.cap'), key: 'cap', render: (_: unknown, r) => cap(r) },
          {
            title: t('products.pricing.method'),
            dataIndex: 'pricingMethod',
            render: (v: string) => t(`products.pricingMethod.${v}`),
          },
          { title: t('products.pricing.scope'), dataIndex: 'scopeOfUse', ellipsis: true },
          {
            title: t('products.pricing.effectiveFrom'),
            dataIndex: 'effectiveFrom',
            render: (v: string) => formatDate(v),
          },
          {
            title: t('products.col.state'),
            dataIndex: 'state',
            render: (s: string, r) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATE_COLORS[s]}>{filingStateLabel(t, s)}</Tag>
                {r.returnReason && <Typography.Text type="secondary">{r.returnReason}</Typography.Text>}
              </Space>
            ),
          },
          ...(authority
            ? [
                {
                  title: t('products.col.actions'),
                  key: 'decide',
                  render: (_: unknown, r: PriceFiling) =>
                    r.state === 'filed' && (
                      <Space>
                        <Popconfirm
                          title={t('products.filing.confirmAccept', { no: r.filingNo })}
                          onConfirm={() => decide.mutate({ id: r.id, action: 'accept', reason: null })}
                        >
                          <Button size="small" type="primary">
                            {t('products.filing.accept')}
                          </Button>
                        </Popconfirm>
                        <Button size="small" danger onClick={() => setReturning(r)}>
                          {t('products.filing.return')}
                        </Button>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

/** The pricing desk (products-market.md "Pricing console"): fee caps and the price filings under them. */
export default function PricingPage() {
  const t = useT();
  const { me } = useSession();
  const { facts } = useSession();
  const authority = facts.actors.includes('authority');
  const names = useNames(me.org ?? undefined);
  const caps = useFeeCaps();
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('products.pricing.title')}
        </Typography.Title>
      }
    >
      <Tabs
        items={[
          { key: 'caps', label: t('products.pricing.caps'), children: <FeeCapTable names={names} /> },
          {
            key: 'filings',
            label: t('products.pricing.filings'),
            children: <FilingTable names={names} caps={caps.data?.items ?? []} authority={authority} />,
          },
        ]}
      />
    </Card>
  );
}
