import { Button, Form, Input, InputNumber, Select } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { formatDate } from '../../../utils/datetime';
import { type DeliveryMode, type OrderItem, useDrawContract } from '../api';
import { DELIVERY_MODES, deliveryModeLabel } from '../labels';

interface Values {
  termFrom: string;
  termTo: string;
  deliveryMode: DeliveryMode;
  quotaPerDay: number;
  quotaPerMonth: number;
  content: string;
}

const inAYear = (d: string) => `${Number(d.slice(0, 4)) + 1}${d.slice(4)}`;

/**
 * The operator draws the contract of a submitted order on the platform (PM-21: its term within the grant); it is
 * filed in a second step (PM-22), before any delivery.
 */
export function ContractForm({ order }: { order: OrderItem }) {
  const t = useT();
  const draw = useDrawContract();
  const today = formatDate(new Date());
  const initial: Values = {
    termFrom: today,
    termTo: inAYear(today),
    deliveryMode: 'api_key',
    quotaPerDay: 1000,
    quotaPerMonth: Math.max(1000, Math.min(order.quantity, 1_000_000_000)),
    content: t('market.contract.defaultContent', { product: order.productName }),
  };
  return (
    <Form<Values>
      layout="vertical"
      initialValues={initial}
      style={{ maxWidth: 720 }}
      onFinish={(v) => draw.mutate({ orderId: order.id, customerSubAccountNo: null, ...v })}
    >
      <ErrorAlert error={draw.error} style={{ marginBottom: 12 }} />
      <Form.Item label={t('market.contract.termFrom')} name="termFrom" rules={[{ required: true }]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item label={t('market.contract.termTo')} name="termTo" rules={[{ required: true }]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item label={t('market.col.deliveryMode')} name="deliveryMode" rules={[{ required: true }]}>
        <Select options={DELIVERY_MODES.map((m) => ({ value: m, label: deliveryModeLabel(t, m) }))} />
      </Form.Item>
      <Form.Item label={t('market.contract.quotaPerDay')} name="quotaPerDay" rules={[{ required: true }]}>
        <InputNumber min={1} precision={0} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item label={t('market.contract.quotaPerMonth')} name="quotaPerMonth" rules={[{ required: true }]}>
        <InputNumber min={1} precision={0} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item label={t('market.contract.content')} name="content" rules={[{ required: true }]}>
        <Input.TextArea rows={3} maxLength={20000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={draw.isPending}>
        {t('market.orders.draw')}
      </Button>
    </Form>
  );
}
