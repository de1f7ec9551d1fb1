import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { useTestCall, useUsage, verifyBody, type Usage } from '../api';
import { CallProof } from './components/CallProof';
import { formatDate, formatDateTime } from '../../../utils/datetime';
import { selectRequired } from '../../../utils/formRules';

type Call = Usage['items'][number];

/** The buyer's API console (sandbox.md "Buyer"): contracts with quotas, a test console, the call log (input hashes only). */
export default function UsagePage() {
  const t = useT();
  const q = useUsage();
  const call = useTestCall();
  const [answer, setAnswer] = useState<Record<string, unknown> | null>(null);
  if (q.error) return <QueryError error={q.error} />;
  const calls = q.data?.items ?? [];
  const outcomes = [...new Set(calls.map((c) => c.outcome))];
  const exportColumns: ExportColumn<Call>[] = [
    { header: t('services.usage.at'), value: (c) => formatDateTime(c.occurred_at), width: 22 },
    { header: t('services.usage.outcome'), value: (c) => t(`services.outcome.${c.outcome}`) },
    { header: t('services.usage.inputHmac'), value: (c) => c.input_hmac, width: 66 },
    { header: t('services.usage.latency'), value: (c) => Number(c.latency_ms) },
    { header: t('services.usage.ledgerSeq'), value: (c) => c.ledger_seq },
  ];
  const used = (c: string) =>
    (q.data?.summary ?? [])
      .filter((s) => s.contract_id === c && s.outcome === 'billable')
      .reduce((a, s) => a + s.today, 0);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('services.usage.title')}
          </Typography.Title>
        }
      >
        <Table<Usage['contracts'][number]>
          rowKey="id"
          size="small"
          loading={q.isLoading}
          dataSource={q.data?.contracts ?? []}
          pagination={false}
          columns={[
            { title: t('services.usage.product'), dataIndex: 'product_name' },
            // The service id is what a caller needs in the URL: copied, not shown raw (issue 14: no UUID on a page).
            {
              title: t('services.usage.serviceId'),
              dataIndex: 'service_id',
              render: (v: string, r) => <Typography.Text copyable={{ text: v }}>{r.product_code}</Typography.Text>,
            },
            { title: t('services.usage.usedToday'), render: (_: unknown, r) => `${used(r.id)} / ${r.quota_per_day}` },
            { title: t('services.usage.termTo'), dataIndex: 'term_to', render: (v: string) => formatDate(v) },
          ]}
        />
      </Card>
      <Card title={t('services.console.title')}>
        <Form
          layout="vertical"
          onFinish={(v) =>
            call.mutate(
              { serviceId: v.serviceId, secret: v.secret, body: verifyBody(v.uscc, v.name) },
              { onSuccess: setAnswer },
            )
          }
        >
          <Form.Item
            name="serviceId"
            label={t('services.console.service')}
            rules={[selectRequired(t('app.form.selectRequired', { label: t('services.console.service') }))]}
          >
            <Select options={(q.data?.contracts ?? []).map((c) => ({ value: c.service_id, label: c.product_name }))} />
          </Form.Item>
          <Form.Item name="secret" label={t('services.console.secret')} rules={[{ required: true }]}>
            <Input.Password autoComplete="off" />
          </Form.Item>
          <Form.Item name="uscc" label={t('services.console.uscc')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="name" label={t('services.console.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={call.isPending}>
            {t('services.console.call')}
          </Button>
        </Form>
        <ErrorAlert error={call.error} style={{ marginTop: 12 }} />
        {answer && (
          <Typography.Paragraph style={{ marginTop: 12 }}>
            <Tag color={answer.result === 'match' ? 'green' : 'default'} role="status">
              {t(`services.result.${String(answer.result ?? 'rows')}`)}
            </Tag>
          </Typography.Paragraph>
        )}
      </Card>
      <Card
        title={t('services.usage.log')}
        extra={<ExportExcelButton fileName={t('services.usage.exportName')} columns={exportColumns} rows={calls} />}
      >
        <Table<Call>
          rowKey="id"
          size="small"
          dataSource={calls}
          pagination={{ pageSize: 20 }}
          columns={[
            {
              title: t('services.usage.at'),
              dataIndex: 'occurred_at',
              render: (v: string) => formatDateTime(v),
              sorter: (a, b) => a.occurred_at.localeCompare(b.occurred_at),
            },
            {
              title: t('services.usage.outcome'),
              dataIndex: 'outcome',
              render: (o: string) => <Tag>{t(`services.outcome.${o}`)}</Tag>,
              filters: outcomes.map((o) => ({ text: t(`services.outcome.${o}`), value: o })),
              onFilter: (v, c) => c.outcome === v,
            },
            {
              title: t('services.usage.inputHmac'),
              dataIndex: 'input_hmac',
              render: (h: string) => <Typography.Text code>{h?.slice(0, 16)}</Typography.Text>,
            },
            {
              title: t('services.usage.latency'),
              dataIndex: 'latency_ms',
              render: (v: number) => Number(v).toFixed(1),
            },
            {
              title: t('services.usage.ledgerSeq'),
              dataIndex: 'ledger_seq',
              render: (v: number | null) => <CallProof seq={v} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
