import { useState } from 'react';
import { App, Button, Card, Drawer, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../utils/datetime';
import { type ProductItem, useProduct, useProducts, useRegisterProduct, useSubmitProduct } from '../api';
import { ProductDossier } from '../components/Dossier';
import { NewProductModal } from '../components/NewProductModal';
import { productColumns } from '../components/productColumns';
import { PRODUCT_STATES, categoryLabel, formLabel, stateLabel } from '../labels';

/**
 * The operator's product workbench (products-market.md "Operator console"): its products with their state and the
 * next step each allows. The product view carries no abilities, so the actions follow the lifecycle's `from`
 * states (draft → submit, approved → register); the server still decides.
 */
export default function MyProductsPage() {
  const t = useT();
  const { message } = App.useApp();
  const [state, setState] = useState<string>();
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const q = useProducts({ state, pageSize: 200 });
  const detail = useProduct(open);
  const submit = useSubmitProduct();
  const register = useRegisterProduct();
  const rows = q.data?.items ?? [];
  const done = () => void message.success(t('products.mine.done')); // a toast: nothing waits for it to close
  const exportColumns: ExportColumn<ProductItem>[] = [
    { header: t('products.col.code'), value: (r) => r.code, width: 22 },
    { header: t('products.col.name'), value: (r) => r.name, width: 30 },
    { header: t('products.col.form'), value: (r) => formLabel(t, r.form), width: 16 },
    { header: t('products.col.category'), value: (r) => categoryLabel(t, r.category), width: 16 },
    { header: t('products.col.state'), value: (r) => stateLabel(t, r.state), width: 12 },
    { header: t('products.col.registrationCode'), value: (r) => r.registrationCode ?? '', width: 24 },
    { header: t('products.col.created'), value: (r) => formatDateTime(r.createdAt), width: 20 },
  ];
  if (q.error) return <QueryError error={q.error} />;
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('products.mine.title')}
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
          <ExportExcelButton fileName={t('products.mine.title')} columns={exportColumns} rows={rows} />
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('products.new.open')}
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={submit.error ?? register.error} />
      <Table<ProductItem>
        rowKey="id"
        loading={q.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          ...productColumns(t, setOpen),
          {
            title: t('products.col.registrationCode'),
            dataIndex: 'registrationCode',
            render: (v: string | null) => v ?? '-',
          },
          { title: t('products.col.created'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          {
            title: t('products.col.actions'),
            key: 'actions',
            render: (_: unknown, r) => (
              <Space>
                {r.state === 'draft' && (
                  <Popconfirm
                    title={t('products.mine.confirmSubmit', { name: r.name })}
                    onConfirm={() => submit.mutate(r.id, { onSuccess: done })}
                  >
                    <Button size="small" type="primary" loading={submit.isPending}>
                      {t('products.mine.submit')}
                    </Button>
                  </Popconfirm>
                )}
                {r.state === 'approved' && (
                  <Popconfirm
                    title={t('products.mine.confirmRegister', { name: r.name })}
                    onConfirm={() => register.mutate({ productId: r.id }, { onSuccess: done })}
                  >
                    <Button size="small" type="primary" loading={register.isPending}>
                      {t('products.mine.register')}
                    </Button>
                  </Popconfirm>
                )}
                <Button size="small" onClick={() => setOpen(r.id)}>
                  {t('products.common.detail')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <NewProductModal open={creating} onClose={() => setCreating(false)} />
      <Drawer
        open={!!open}
        onClose={() => setOpen(null)}
        width={960}
        loading={!!open && detail.isLoading}
        title={detail.data?.name ?? t('products.mine.title')}
      >
        {detail.error ? <QueryError error={detail.error} /> : detail.data && <ProductDossier d={detail.data} />}
      </Drawer>
    </Card>
  );
}
