import { useState } from 'react';
import { App, Button, Card, Drawer, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import { type ProductItem, type ReviewDecision, useDecideReview, useProduct, useProducts } from '../api';
import { CheckItemsModal } from '../components/CheckItemsModal';
import { ProductDossier } from '../components/Dossier';
import { productColumns } from '../components/productColumns';
import { PRODUCT_STATES, categoryLabel, formLabel, stateLabel } from '../labels';

/** The three decisions of a compliance review (PM-05, PM-06), in the order shown; a refusal needs a reason. */
const DECISIONS: { decision: ReviewDecision; key: string; danger: boolean }[] = [
  { decision: 'returned', key: 'return', danger: true },
  { decision: 'failed', key: 'reject', danger: true },
  { decision: 'passed', key: 'pass', danger: false },
];

/** The reviewer reads the whole dossier (facts, fields, CR-1…CR-9) in this drawer before any decision is offered. */
function ReviewDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const g = useProduct(id);
  const decide = useDecideReview();
  const [pending, setPending] = useState<(typeof DECISIONS)[number] | null>(null);
  const [checking, setChecking] = useState(false);
  const [form] = Form.useForm<{ reason?: string }>();
  const d = g.data;
  // Decisions open only while the product waits in review and its latest checklist is still open.
  const decidable = d?.state === 'in_review' && d.reviews[0]?.state === 'in_check';
  const ok = async () => {
    if (!pending || !d) return;
    const v = await form.validateFields();
    decide.mutate(
      { id: d.id, decision: pending.decision, reason: v.reason?.trim() || null },
      {
        onSuccess: () => {
          void message.success(t('products.review.decided')); // a toast: nothing waits for it to close
          setPending(null);
          form.resetFields();
        },
      },
    );
  };
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={1000}
      loading={!!id && g.isLoading}
      title={d ? t('products.review.dossierTitle', { name: d.name }) : t('products.review.title')}
      extra={
        decidable && (
          <Space>
            <Button onClick={() => setChecking(true)}>{t('products.review.recordChecks')}</Button>
            {DECISIONS.map((x) => (
              <Button
                key={x.key}
                danger={x.danger}
                type={x.danger ? 'default' : 'primary'}
                onClick={() => {
                  decide.reset();
                  setPending(x);
                }}
              >
                {t(`products.review.${x.key}`)}
              </Button>
            ))}
          </Space>
        )
      }
    >
      {g.error ? <QueryError error={g.error} /> : d && <ProductDossier d={d} />}
      {d && decidable && (
        <CheckItemsModal
          productId={d.id}
          items={d.reviews[0]?.items ?? []}
          open={checking}
          onClose={() => setChecking(false)}
        />
      )}
      <Modal
        open={!!pending}
        title={pending ? t(`products.review.${pending.key}`) : ''}
        okText={pending ? t(`products.review.${pending.key}`) : ''}
        okButtonProps={{ danger: pending?.danger }}
        cancelText={t('app.common.cancel')}
        onCancel={() => setPending(null)}
        onOk={ok}
        confirmLoading={decide.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {pending && d ? t(`products.review.confirm.${pending.key}`, { name: d.name }) : ''}
        </Typography.Paragraph>
        <ErrorAlert error={decide.error} />
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t('products.review.reason')}
            rules={[{ required: !!pending?.danger, whitespace: true, message: t('products.review.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}

/** The authority's compliance review desk (products-market.md "Review workbench"). */
export default function ReviewDeskPage() {
  const t = useT();
  const [state, setState] = useState<string | undefined>('in_review');
  const [open, setOpen] = useState<string | null>(null);
  const q = useProducts({ state, pageSize: 200 });
  const rows = q.data?.items ?? [];
  const exportColumns: ExportColumn<ProductItem>[] = [
    { header: t('products.col.code'), value: (r) => r.code, width: 22 },
    { header: t('products.col.name'), value: (r) => r.name, width: 30 },
    { header: t('products.col.form'), value: (r) => formLabel(t, r.form), width: 16 },
    { header: t('products.col.category'), value: (r) => categoryLabel(t, r.category), width: 16 },
    { header: t('products.col.state'), value: (r) => stateLabel(t, r.state), width: 12 },
    { header: t('products.col.created'), value: (r) => formatDateTime(r.createdAt), width: 20 },
  ];
  if (q.error) return <QueryError error={q.error} />;
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('products.review.title')}
        </Typography.Title>
      }
      extra={
        <Space>
          <Select<string>
            allowClear
            placeholder={t('products.col.state')}
            aria-label={t('products.col.state')}
            style={{ width: 160 }}
            value={state}
            onChange={setState}
            options={PRODUCT_STATES.map((s) => ({ value: s, label: stateLabel(t, s) }))}
          />
          <ExportExcelButton fileName={t('products.review.title')} columns={exportColumns} rows={rows} />
        </Space>
      }
    >
      <Table<ProductItem>
        rowKey="id"
        loading={q.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          ...productColumns(t, setOpen),
          { title: t('products.col.created'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          {
            title: t('products.col.actions'),
            key: 'open',
            render: (_: unknown, r) => (
              <Button size="small" type="primary" onClick={() => setOpen(r.id)}>
                {t('products.review.open')}
              </Button>
            ),
          },
        ]}
      />
      <ReviewDrawer id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
