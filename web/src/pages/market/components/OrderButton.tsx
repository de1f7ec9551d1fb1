import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { ShoppingCartOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { type UseCategory, usePlaceOrder } from '../api';
import { unitLabel, useCategoryLabel } from '../labels';

interface Values {
  useCategory: UseCategory;
  purpose: string;
  quantity: number;
  unit: string;
}

/**
 * The buyer's "order" on a product page (products-market.md "order form with use-category declaration"): the server
 * derives the free basis and freezes the filed price (PM-13, PM-17, PM-19); the order page follows.
 */
export function OrderButton({ product }: { product: { id: string; name: string; units: string[]; free: boolean } }) {
  const t = useT();
  const navigate = useNavigate();
  const place = usePlaceOrder();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const units = product.units.length ? product.units : ['call'];
  const submit = (v: Values) =>
    place.mutate(
      { productId: product.id, scenario: null, discount: null, ...v },
      { onSuccess: (o) => navigate(`/market/orders/${o.id}`) },
    );
  return (
    <>
      <Button type="primary" icon={<ShoppingCartOutlined />} onClick={() => setOpen(true)}>
        {t('market.buy.order')}
      </Button>
      <Modal
        open={open}
        title={t('market.buy.title', { name: product.name })}
        okText={t('market.buy.submit')}
        okButtonProps={{ loading: place.isPending }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Alert type="info" showIcon message={t('market.buy.freeHint')} style={{ marginBottom: 12 }} />
        <ErrorAlert error={place.error} style={{ marginBottom: 12 }} />
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            useCategory: product.free ? 'public_governance_welfare' : 'industry',
            quantity: 1000,
            unit: units[0],
          }}
        >
          <Form.Item label={t('market.buy.useCategory')} name="useCategory" rules={[{ required: true }]}>
            <Select
              options={(['industry', 'public_governance_welfare'] as const).map((c) => ({
                value: c,
                label: useCategoryLabel(t, c),
              }))}
            />
          </Form.Item>
          <Form.Item label={t('market.buy.purpose')} name="purpose" rules={[{ required: true, max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item label={t('market.buy.quantity')} name="quantity" rules={[{ required: true }]}>
            <InputNumber min={1} precision={0} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label={t('market.buy.unit')} name="unit" rules={[{ required: true }]}>
            <Select options={units.map((u) => ({ value: u, label: unitLabel(t, u) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
