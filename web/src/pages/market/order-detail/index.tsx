import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryError } from '../../../components/ResultPage';
import { useT } from '../../../i18n/I18nProvider';
import { formatDate, formatDateTime } from '../../../utils/datetime';
import { contractDocxUrl, useContracts, useFileContract, useOrders } from '../api';
import { ContractForm } from '../components/ContractForm';
import { Deliveries } from '../components/Deliveries';
import {
  STATE_COLORS,
  contractStateLabel,
  deliveryModeLabel,
  freeBasisLabel,
  orderStateLabel,
  countLabel,
  useCategoryLabel,
  yuan,
} from '../labels';

/**
 * One order end to end (products-market.md Order → Contract → Delivery): the order, its contract drawn and filed on
 * the platform (SM3 digest, Word export), and its deliveries. Buttons follow the server's abilities.
 */
export default function OrderDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const orders = useOrders({ pageSize: 500 });
  const contracts = useContracts({ orderId: id }, !!id);
  const file = useFileContract();
  const o = orders.data?.items.find((x) => x.id === id);
  const c = contracts.data?.items[0];
  if (orders.error) return <QueryError error={orders.error} />;
  if (!orders.isLoading && !o)
    return (
      <Card>
        <Empty description={t('market.order.notFound')}>
          <Link to="/market/orders">{t('market.order.back')}</Link>
        </Empty>
      </Card>
    );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card loading={orders.isLoading}>
        <Link to="/market/orders">{t('market.order.back')}</Link>
        <Typography.Title level={3} style={{ margin: '8px 0' }}>
          {o?.productName}
        </Typography.Title>
        {o && (
          <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }}>
            <Descriptions.Item label={t('market.col.state')}>
              <Tag color={STATE_COLORS[o.state]}>{orderStateLabel(t, o.state)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('market.col.productCode')}>{o.productCode}</Descriptions.Item>
            <Descriptions.Item label={t('market.col.created')}>{formatDateTime(o.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('market.col.buyer')}>{o.buyerName}</Descriptions.Item>
            <Descriptions.Item label={t('market.col.operator')}>{o.operatorName}</Descriptions.Item>
            <Descriptions.Item label={t('market.col.useCategory')}>
              {useCategoryLabel(t, o.useCategory)}
            </Descriptions.Item>
            <Descriptions.Item label={t('market.col.freeBasis')}>{freeBasisLabel(t, o.freeBasis)}</Descriptions.Item>
            <Descriptions.Item label={t('market.col.quantity')}>
              {`${o.quantity.toLocaleString('zh-CN')} ${countLabel(t, o.unit)}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('market.col.unitPrice')}>{yuan(o.unitPriceFen)}</Descriptions.Item>
            <Descriptions.Item label={t('market.col.estimated')}>{yuan(o.estimatedFen)}</Descriptions.Item>
            <Descriptions.Item label={t('market.col.purpose')} span={3}>
              {o.purpose}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card title={t('market.contract.title')} loading={contracts.isLoading}>
        <ErrorAlert error={file.error} style={{ marginBottom: 12 }} />
        {!c && o?.abilities.drawContract && <ContractForm order={o} />}
        {!c && o && !o.abilities.drawContract && (
          <Typography.Text type="secondary">{t('market.contract.none')}</Typography.Text>
        )}
        {c && (
          <Space direction="vertical" style={{ width: '100%' }}>
            {!c.filedAt && <Alert type="warning" showIcon message={t('market.contract.unfiledHint')} />}
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('market.col.state')}>
                <Tag color={STATE_COLORS[c.state]}>{contractStateLabel(t, c.state)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('market.col.deliveryMode')}>
                {deliveryModeLabel(t, c.deliveryMode)}
              </Descriptions.Item>
              <Descriptions.Item label={t('market.col.term')}>
                {`${formatDate(c.termFrom)} ~ ${formatDate(c.termTo)}`}
              </Descriptions.Item>
              <Descriptions.Item label={t('market.col.quota')}>
                {t('market.contract.quota', { day: c.quotaPerDay, month: c.quotaPerMonth })}
              </Descriptions.Item>
              <Descriptions.Item label={t('market.col.unitPrice')}>{yuan(c.unitPriceFen)}</Descriptions.Item>
              <Descriptions.Item label={t('market.col.subAccount')}>{c.customerSubAccountNo ?? '-'}</Descriptions.Item>
              <Descriptions.Item label={t('market.col.filedAt')}>
                {c.filedAt
                  ? t('market.contract.filedOn', { at: formatDateTime(c.filedAt) })
                  : t('market.contract.notFiled')}
              </Descriptions.Item>
              <Descriptions.Item label={t('market.col.sm3')}>
                <Typography.Text code copyable={!!c.sm3} style={{ wordBreak: 'break-all' }}>
                  {c.sm3 ?? '-'}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <Space>
              {c.abilities.file && (
                <Button type="primary" loading={file.isPending} onClick={() => file.mutate(c.id)}>
                  {t('market.contract.file')}
                </Button>
              )}
              <Button icon={<FileWordOutlined />} href={contractDocxUrl(c.id)}>
                {t('market.contract.word')}
              </Button>
              {c.filedAt && <Link to={`/market/usage?contract=${c.id}`}>{t('market.contract.usage')}</Link>}
            </Space>
          </Space>
        )}
      </Card>
      {c && o && <Deliveries contract={c} order={o} />}
    </Space>
  );
}
