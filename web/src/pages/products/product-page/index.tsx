import { Link, useLocation, useParams } from 'react-router-dom';
import { Alert, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { QueryError } from '../../../components/ResultPage';
import { useI18n } from '../../../i18n/I18nProvider';
import { useOptionalSession } from '../../../layouts/session';
import { ApiError } from '../../../api/request';
import { formatDate } from '../../../utils/datetime';
import { type PublicPrice, type SchemaField, useProduct, usePublicPrices, usePublicProduct } from '../api';
import { categoryLabel, deliveryLabel, formLabel, unitLabel, valueTypeLabel, yuan } from '../labels';
import { OrderButton } from '../../market/components/OrderButton';

/**
 * One product as a buyer sees it (products-market.md "Marketplace"): each filed price with the fee cap beside it
 * (PM-18 收费公示), the terms and the sample schema, all from the public product page (no login needed).
 */
export default function ProductPage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const base = useLocation().pathname.startsWith('/public/') ? '/public/products' : '/products/catalogue';
  const session = useOptionalSession();
  const pub = usePublicProduct(id);
  const prices = usePublicPrices();
  // The description is not public: shown only when the caller may read the product itself.
  const detail = useProduct(id, !!session);
  const p = pub.data;
  const lines = (prices.data?.items ?? []).filter((x) => x.productId === id);
  const gone = pub.error instanceof ApiError && pub.error.status === 404;
  if (pub.error && !gone) return <QueryError error={pub.error} />;
  if (!pub.isLoading && !p)
    return (
      <Card>
        <Empty description={t('products.page.notFound')}>
          <Link to={base}>{t('products.page.back')}</Link>
        </Empty>
      </Card>
    );
  const d = detail.data;
  const terms = p?.terms;
  const free = p?.category === 'public_governance_welfare';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card loading={pub.isLoading}>
        <Space direction="vertical" size={4}>
          <Link to={base}>{t('products.page.back')}</Link>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {p?.name}
          </Typography.Title>
          <Space wrap>
            {p && <Tag color="blue">{formLabel(t, p.form)}</Tag>}
            {p && <Tag color={free ? 'green' : 'geekblue'}>{categoryLabel(t, p.category)}</Tag>}
            <Typography.Text type="secondary">{p?.code}</Typography.Text>
          </Space>
          <Typography.Text>{t('products.page.operator', { name: p?.operator ?? '' })}</Typography.Text>
          {d?.description && <Typography.Paragraph>{d.description}</Typography.Paragraph>}
          {/* A logged-in org orders from here (issue 15); a visitor on the public page logs in first. */}
          {session && p && (
            <OrderButton product={{ id: p.id, name: p.name, units: [...new Set(lines.map((x) => x.unit))], free }} />
          )}
        </Space>
      </Card>
      <Card title={t('products.page.prices')}>
        {free && <Alert type="success" showIcon style={{ marginBottom: 12 }} message={t('products.page.freeUse')} />}
        <Table<PublicPrice>
          rowKey={(r) => `${r.filingNo}-${r.unit}`}
          size="small"
          pagination={false}
          loading={prices.isLoading}
          dataSource={lines}
          locale={{ emptyText: t('products.catalogue.noPrice') }}
          columns={[
            { title: t('products.col.unit'), dataIndex: 'unit', render: (v: string) => unitLabel(t, v) },
            {
              title: t('products.col.price'),
              dataIndex: 'priceFen',
              render: (v: number) => (
                <Typography.Text strong>{v === 0 ? t('products.catalogue.free') : yuan(v)}</Typography.Text>
              ),
            },
            {
              title: t('products.col.cap'),
              dataIndex: 'capFen',
              render: (v: number, r) =>
                v === 0 ? (
                  '-'
                ) : (
                  <Space>
                    <span>{yuan(v)}</span>
                    {r.priceFen <= v && <Tag color="green">{t('products.page.withinCap')}</Tag>}
                  </Space>
                ),
            },
            { title: t('products.col.filingNo'), dataIndex: 'filingNo' },
          ]}
        />
      </Card>
      <Card title={t('products.page.terms')}>
        <Descriptions size="small" bordered column={1}>
          <Descriptions.Item label={t('products.page.delivery')}>
            {terms?.deliveryModes.length
              ? terms.deliveryModes.map((m) => <Tag key={m}>{deliveryLabel(t, m)}</Tag>)
              : t('products.page.onOrder')}
          </Descriptions.Item>
          <Descriptions.Item label={t('products.page.validTo')}>
            {terms?.validTo ? formatDate(terms.validTo) : t('products.page.onOrder')}
          </Descriptions.Item>
          <Descriptions.Item label={t('products.page.useTerms')}>
            {/* The server's terms are the Chinese text a contract carries; other languages read a translation. */}
            {lang === 'zh-CN' ? terms?.scope : t(free ? 'products.page.termsFree' : 'products.page.termsIndustry')}
          </Descriptions.Item>
          <Descriptions.Item label={t('products.page.registration')}>
            {terms?.registrationCode ?? t('products.page.registered')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('products.page.schema')}>
        <Table<SchemaField>
          rowKey="name"
          size="small"
          pagination={false}
          loading={pub.isLoading}
          dataSource={p?.sampleSchema ?? []}
          locale={{ emptyText: t('products.page.schemaOnOrder') }}
          columns={[
            { title: '#', key: 'i', width: 60, render: (_: unknown, _r, i) => i + 1 },
            { title: t('products.page.field'), dataIndex: 'name' },
            {
              title: t('products.page.valueType'),
              dataIndex: 'valueType',
              render: (v: string) => valueTypeLabel(t, v),
            },
            { title: t('products.page.fieldNote'), dataIndex: 'description', render: (v?: string) => v ?? '-' },
          ]}
        />
      </Card>
    </Space>
  );
}
