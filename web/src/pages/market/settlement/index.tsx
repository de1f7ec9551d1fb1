import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { EChart } from '../../../components/EChart';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { formatDate } from '../../../utils/datetime';
import {
  type BillItem,
  type RunShare,
  type SubAccount,
  useConfirm,
  useDistribute,
  useRun,
  useRunPeriod,
  useRuns,
} from '../api';
import { BillVerifyDrawer } from '../components/BillVerify';
import { STATE_COLORS, billStateLabel, fiscalLabel, periodLabel, roleLabel, yuan } from '../labels';

const prevMonth = (p: string) => {
  const [y, m] = p.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/** The agent's confirmation of money received on a bill's sub-account (PM-25), in yuan with two decimals. */
function ConfirmModal({ bill, onClose }: { bill: BillItem; onClose: () => void }) {
  const t = useT();
  const confirm = useConfirm();
  const [fen, setFen] = useState(bill.billTotalFen - bill.amountReceivedFen);
  return (
    <Modal
      open
      title={t('market.run.confirm')}
      onCancel={onClose}
      okText={t('market.run.confirm')}
      okButtonProps={{ loading: confirm.isPending }}
      onOk={() => confirm.mutate({ id: bill.settlementId, fen }, { onSuccess: onClose })}
    >
      <ErrorAlert error={confirm.error} style={{ marginBottom: 12 }} />
      <Typography.Paragraph>
        {t('market.run.confirmText', {
          sub: bill.customerSubAccountNo,
          due: yuan(bill.billTotalFen - bill.amountReceivedFen),
        })}
      </Typography.Paragraph>
      <InputNumber<number>
        aria-label={t('market.run.received')}
        addonBefore="¥"
        min={0}
        precision={2}
        style={{ width: 240 }}
        value={fen / 100}
        onChange={(v) => setFen(Math.round((v ?? 0) * 100))}
      />
    </Modal>
  );
}

function SharesCard({ shares, period }: { shares: RunShare[]; period: string }) {
  const t = useT();
  const name = (s: RunShare) => s.orgName || t('market.common.otherOrg');
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          label: { formatter: '{b}\n{d}%' },
          data: shares.map((s) => ({ name: name(s), value: s.amountFen / 100 })),
        },
      ],
    }),
    [shares, t],
  );
  const cols: ExportColumn<RunShare>[] = [
    { header: t('market.run.party'), value: name, width: 30 },
    { header: t('market.run.role'), value: (s) => roleLabel(t, s.role), width: 12 },
    { header: t('market.run.share'), value: (s) => yuan(s.amountFen), width: 14 },
    { header: t('market.run.distributed'), value: (s) => yuan(s.distributedFen), width: 14 },
    {
      header: t('market.run.fiscal'),
      value: (s) => fiscalLabel(t, s.treasuryNonTax ? 'treasury_non_tax' : 'commercial'),
      width: 20,
    },
  ];
  return (
    <Card
      title={t('market.run.shares')}
      extra={<ExportExcelButton fileName={`${t('market.run.shares')}-${period}`} columns={cols} rows={shares} />}
    >
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <EChart option={option} height={280} ariaLabel={t('market.run.shareChart')} />
        </Col>
        <Col xs={24} lg={14}>
          <Table<RunShare>
            rowKey={(s) => `${s.orgId}-${s.role}`}
            size="small"
            pagination={false}
            dataSource={shares}
            locale={{ emptyText: t('market.run.noShares') }}
            columns={[
              { title: t('market.run.party'), key: 'n', render: (_: unknown, s) => name(s) },
              { title: t('market.run.role'), dataIndex: 'role', render: (v: string) => roleLabel(t, v) },
              { title: t('market.run.share'), dataIndex: 'amountFen', render: (v: number) => yuan(v) },
              { title: t('market.run.distributed'), dataIndex: 'distributedFen', render: (v: number) => yuan(v) },
              {
                title: t('market.run.fiscal'),
                dataIndex: 'treasuryNonTax',
                render: (v: boolean) =>
                  v ? <Tag color="gold">{fiscalLabel(t, 'treasury_non_tax')}</Tag> : fiscalLabel(t, 'commercial'),
              },
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}

/**
 * The settlement run page (products-market.md "Settlement"): the operator bills a period through the settlement
 * agent, confirms payments per customer sub-account and distributes the split; an authority reads it only.
 */
export default function SettlementPage() {
  const t = useT();
  const { message } = App.useApp();
  const runs = useRuns();
  // The server's month: a browser whose clock is off (or a day across a month end) offers the wrong period.
  const thisMonth = runs.data?.currentPeriod ?? formatDate(new Date()).slice(0, 7);
  const periods = [...new Set([thisMonth, prevMonth(thisMonth), ...(runs.data?.items ?? []).map((r) => r.period)])]
    .sort()
    .reverse();
  const [period, setPeriod] = useState<string>();
  const current = period ?? runs.data?.items[0]?.period ?? prevMonth(thisMonth);
  const run = useRun(current);
  const start = useRunPeriod();
  const distribute = useDistribute();
  const [verifying, setVerifying] = useState<BillItem | null>(null);
  const [confirming, setConfirming] = useState<BillItem | null>(null);
  const r = run.data;
  const subCols: ExportColumn<SubAccount>[] = [
    { header: t('market.col.subAccount'), value: (s) => s.subAccountNo, width: 20 },
    { header: t('market.col.buyer'), value: (s) => s.buyerName, width: 30 },
    { header: t('market.run.bills'), value: (s) => s.bills, width: 8 },
    { header: t('market.run.due'), value: (s) => yuan(s.dueFen), width: 14 },
    { header: t('market.run.received'), value: (s) => yuan(s.receivedFen), width: 14 },
  ];
  const onRun = () =>
    start.mutate(
      { period: current, contractIds: (r?.pending ?? []).map((p) => p.contractId) },
      {
        onSuccess: (failed) =>
          void (failed.length
            ? message.warning(t('market.run.partly', { n: failed.length }))
            : message.success(t('market.run.done'))), // a toast: nothing waits for it to close
      },
    );
  if (runs.error) return <QueryError error={runs.error} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('market.run.title')}
          </Typography.Title>
        }
        extra={
          <Space>
            <Select<string>
              aria-label={t('market.col.period')}
              style={{ width: 140 }}
              value={current}
              onChange={setPeriod}
              options={periods.map((p) => ({ value: p, label: periodLabel(t, p) }))}
            />
            {r?.mayRun && (
              <Popconfirm
                title={t('market.run.startConfirm', { period: periodLabel(t, current), n: r.pending.length })}
                onConfirm={onRun}
                disabled={!r.pending.length}
              >
                <Button type="primary" loading={start.isPending} disabled={!r.pending.length}>
                  {t('market.run.start')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
        loading={run.isLoading}
      >
        {run.error && <QueryError error={run.error} />}
        {r && !r.mayRun && (
          <Alert type="info" showIcon message={t('market.run.readOnly')} style={{ marginBottom: 12 }} />
        )}
        {r && r.mayRun && r.pending.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('market.run.pending', {
              n: r.pending.length,
              list: r.pending
                .map((p) => t('market.run.pendingItem', { product: p.productName, buyer: p.buyerName }))
                .join(t('market.common.sep')),
            })}
          />
        )}
        <ErrorAlert error={distribute.error} style={{ marginBottom: 12 }} />
        {r && (
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Statistic title={t('market.run.total')} value={yuan(r.totalFen)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('market.run.received')} value={yuan(r.receivedFen)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('market.run.bills')} value={new Set(r.bills.map((b) => b.settlementId)).size} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('market.run.agentNote')} value={t('market.run.agentValue')} />
            </Col>
          </Row>
        )}
        <Table<BillItem>
          rowKey={(b) => `${b.settlementId}-${b.kind}-${b.period}`}
          size="small"
          pagination={false}
          dataSource={r?.bills ?? []}
          locale={{ emptyText: t('market.run.noBills') }}
          columns={[
            { title: t('market.col.product'), dataIndex: 'productName' },
            { title: t('market.col.buyer'), dataIndex: 'buyerName' },
            { title: t('market.col.subAccount'), dataIndex: 'customerSubAccountNo' },
            { title: t('market.bills.kindCol'), key: 'k', render: (_: unknown, b) => t(`market.bills.kind.${b.kind}`) },
            { title: t('market.bills.amount'), dataIndex: 'amountFen', render: (v: number) => yuan(v) },
            { title: t('market.run.received'), dataIndex: 'amountReceivedFen', render: (v: number) => yuan(v) },
            {
              title: t('market.col.state'),
              dataIndex: 'state',
              render: (v: string) => <Tag color={STATE_COLORS[v]}>{billStateLabel(t, v)}</Tag>,
            },
            {
              title: t('market.col.actions'),
              key: 'a',
              render: (_: unknown, b) => (
                <Space>
                  <Button size="small" onClick={() => setVerifying(b)}>
                    {t('market.bills.verify')}
                  </Button>
                  {b.abilities.confirm && (
                    <Button size="small" type="primary" onClick={() => setConfirming(b)}>
                      {t('market.run.confirm')}
                    </Button>
                  )}
                  {b.abilities.distribute && (
                    <Popconfirm
                      title={t('market.run.distributeConfirm')}
                      onConfirm={() => distribute.mutate(b.settlementId)}
                    >
                      <Button size="small" type="primary" loading={distribute.isPending}>
                        {t('market.run.distribute')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {r && (
        <Card
          title={t('market.run.subAccounts')}
          extra={
            <ExportExcelButton
              fileName={`${t('market.run.subAccounts')}-${current}`}
              columns={subCols}
              rows={r.subAccounts}
            />
          }
        >
          <Table<SubAccount>
            rowKey="subAccountNo"
            size="small"
            pagination={false}
            dataSource={r.subAccounts}
            locale={{ emptyText: t('market.run.noBills') }}
            columns={[
              { title: t('market.col.subAccount'), dataIndex: 'subAccountNo' },
              { title: t('market.col.buyer'), dataIndex: 'buyerName' },
              { title: t('market.run.bills'), dataIndex: 'bills' },
              { title: t('market.run.due'), dataIndex: 'dueFen', render: (v: number) => yuan(v) },
              // Plain text: AntD's success/warning greens fail the contrast check (axe, issue 14).
              { title: t('market.run.received'), dataIndex: 'receivedFen', render: (v: number) => yuan(v) },
            ]}
          />
        </Card>
      )}
      {r && <SharesCard shares={r.shares} period={current} />}
      <BillVerifyDrawer bill={verifying} onClose={() => setVerifying(null)} />
      {confirming && <ConfirmModal bill={confirming} onClose={() => setConfirming(null)} />}
    </Space>
  );
}
