import { useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { ExportExcelButton, type ExportColumn } from '../../../components/ExportExcelButton';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { type ProductCategory, type ProductForm, type PublicProduct, usePublicProducts } from '../api';
import { CATEGORIES, FORMS, categoryLabel, formLabel, unitLabel, yuan } from '../labels';

/** The lowest filed price of a product, the one a buyer compares first. */
const cheapest = (p: PublicProduct) => [...p.prices].sort((a, b) => a.priceFen - b.priceFen)[0];

/**
 * The buyer's catalogue (products-market.md "Marketplace"): live listings only, from the public page, so it works
 * with or without a login. The server filters by form, category and words; the operator filter runs on the page.
 */
export default function CataloguePage() {
  const t = useT();
  const base = useLocation().pathname.startsWith('/public/') ? '/public/products' : '/products/catalogue';
  const [q, setQ] = useState<string>();
  const [form, setForm] = useState<ProductForm>();
  const [category, setCategory] = useState<ProductCategory>();
  const [operator, setOperator] = useState<string>();
  const res = usePublicProducts({ q, form, category, page: 1, pageSize: 200 });
  const all = res.data?.items ?? [];
  const operators = useMemo(() => [...new Set(all.map((p) => p.operator))], [all]);
  const rows = operator ? all.filter((p) => p.operator === operator) : all;
  const priceText = (p: PublicProduct) => {
    const c = cheapest(p);
    if (!c) return t('products.catalogue.noPrice');
    return c.priceFen === 0 ? t('products.catalogue.free') : `${yuan(c.priceFen)} / ${unitLabel(t, c.unit)}`;
  };
  const capText = (p: PublicProduct) => {
    const c = cheapest(p);
    return c && c.capFen > 0 ? `${yuan(c.capFen)} / ${unitLabel(t, c.unit)}` : '-';
  };
  const exportColumns: ExportColumn<PublicProduct>[] = [
    { header: t('products.col.code'), value: (r) => r.code, width: 22 },
    { header: t('products.col.name'), value: (r) => r.name, width: 30 },
    { header: t('products.col.form'), value: (r) => formLabel(t, r.form), width: 16 },
    { header: t('products.col.category'), value: (r) => categoryLabel(t, r.category), width: 16 },
    { header: t('products.col.operator'), value: (r) => r.operator, width: 30 },
    { header: t('products.col.price'), value: priceText, width: 18 },
    { header: t('products.col.cap'), value: capText, width: 18 },
  ];
  if (res.error) return <QueryError error={res.error} />;
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('products.catalogue.title')}
        </Typography.Title>
      }
      extra={<ExportExcelButton fileName={t('products.catalogue.title')} columns={exportColumns} rows={rows} />}
    >
      <Typography.Paragraph type="secondary">{t('products.catalogue.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('products.catalogue.search')}
          aria-label={t('products.catalogue.search')}
          onSearch={(v) => setQ(v.trim() || undefined)}
          style={{ width: 280 }}
        />
        <Select<ProductForm>
          allowClear
          placeholder={t('products.col.form')}
          aria-label={t('products.col.form')}
          style={{ width: 180 }}
          value={form}
          onChange={setForm}
          options={FORMS.map((f) => ({ value: f, label: formLabel(t, f) }))}
        />
        <Select<ProductCategory>
          allowClear
          placeholder={t('products.col.category')}
          aria-label={t('products.col.category')}
          style={{ width: 180 }}
          value={category}
          onChange={setCategory}
          options={CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
        />
        <Select<string>
          allowClear
          placeholder={t('products.col.operator')}
          aria-label={t('products.col.operator')}
          style={{ width: 260 }}
          value={operator}
          onChange={setOperator}
          options={operators.map((o) => ({ value: o, label: o }))}
        />
      </Space>
      <Table<PublicProduct>
        rowKey="id"
        loading={res.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('products.col.name'),
            dataIndex: 'name',
            render: (v: string, r) => (
              <Space direction="vertical" size={0}>
                <Link to={`${base}/${r.id}`}>{v}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.code}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('products.col.form'),
            dataIndex: 'form',
            render: (v: ProductForm) => <Tag>{formLabel(t, v)}</Tag>,
          },
          {
            title: t('products.col.category'),
            dataIndex: 'category',
            render: (v: ProductCategory) => (
              <Tag color={v === 'industry' ? 'blue' : 'green'}>{categoryLabel(t, v)}</Tag>
            ),
          },
          { title: t('products.col.operator'), dataIndex: 'operator' },
          { title: t('products.col.price'), key: 'price', render: (_: unknown, r) => priceText(r) },
          {
            title: t('products.col.cap'),
            key: 'cap',
            render: (_: unknown, r) => <Typography.Text type="secondary">{capText(r)}</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}
