import { App, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { memberOf } from '../../../i18n/labelled';
import { type FeeCap, type PricingMethod, type ProductItem, useFilePrice } from '../api';
import { UNITS, unitLabel, yuan } from '../labels';

const METHODS = ['negotiated', 'calculator', 'appraisal_recommendation'] as const satisfies readonly PricingMethod[];
interface Values {
  productId: string;
  feeCapId: string;
  priceYuan: number;
  pricingMethod: PricingMethod;
  effectiveFrom: Dayjs;
  scenario: string;
  method: string;
  scopeOfUse: string;
  pricingBasis: string;
}

/**
 * The operator files a price under a fee cap in force (PM-17): the price field checks the cap as it is typed, and
 * the server checks again (PRICE_ABOVE_CAP). Yuan are entered, integer fen are sent.
 */
export function FilingModal(p: { open: boolean; onClose: () => void; products: ProductItem[]; caps: FeeCap[] }) {
  const t = useT();
  const { message } = App.useApp();
  const file = useFilePrice();
  const [form] = Form.useForm<Values>();
  const required = [{ required: true, whitespace: true }];
  const productId = Form.useWatch('productId', form);
  const capId = Form.useWatch('feeCapId', form);
  const caps = p.caps.filter((c) => c.state === 'in_force' && (!c.productId || c.productId === productId));
  const cap = caps.find((c) => c.id === capId);
  const ok = async () => {
    const v = await form.validateFields();
    const c = caps.find((x) => x.id === v.feeCapId);
    const unit = memberOf(UNITS, c?.chargingUnit);
    if (!c || !unit) return;
    file.mutate(
      {
        productId: v.productId,
        feeCapId: c.id,
        chargingUnit: unit,
        unitDefinition: c.unitDefinition,
        priceFen: Math.round(v.priceYuan * 100),
        pricingMethod: v.pricingMethod,
        effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
        // PM-16: a filing names its scenario, scope of use, service method and pricing basis.
        scenario: v.scenario.trim(),
        method: v.method.trim(),
        scopeOfUse: v.scopeOfUse.trim(),
        pricingBasis: v.pricingBasis.trim(),
      },
      {
        onSuccess: () => {
          void message.success(t('products.filing.done')); // a toast: nothing waits for it to close
          form.resetFields();
          p.onClose();
        },
      },
    );
  };
  return (
    <Modal
      open={p.open}
      title={t('products.filing.title')}
      okText={t('products.filing.submit')}
      cancelText={t('app.common.cancel')}
      onCancel={p.onClose}
      onOk={ok}
      confirmLoading={file.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={file.error} />
      <Form form={form} layout="vertical" initialValues={{ pricingMethod: 'negotiated' }}>
        <Form.Item name="productId" label={t('products.col.name')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={p.products.map((x) => ({ value: x.id, label: x.name }))}
            onChange={() => form.setFieldValue('feeCapId', undefined)}
          />
        </Form.Item>
        <Form.Item name="feeCapId" label={t('products.col.cap')} rules={[{ required: true }]}>
          <Select
            options={caps.map((c) => ({
              value: c.id,
              label: `${yuan(c.capFen)} / ${unitLabel(t, c.chargingUnit)} (${c.unitDefinition})`,
            }))}
            notFoundContent={t('products.filing.noCap')}
          />
        </Form.Item>
        <Form.Item
          name="priceYuan"
          label={t('products.filing.price')}
          extra={cap ? t('products.filing.capHint', { cap: yuan(cap.capFen) }) : undefined}
          rules={[
            { required: true },
            {
              validator: (_, v: number | null) =>
                cap && typeof v === 'number' && Math.round(v * 100) > cap.capFen
                  ? Promise.reject(new Error(t('products.filing.aboveCap', { cap: yuan(cap.capFen) })))
                  : Promise.resolve(),
            },
          ]}
        >
          <InputNumber min={0} precision={2} prefix="¥" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="pricingMethod" label={t('products.pricing.method')} rules={[{ required: true }]}>
          <Select options={METHODS.map((m) => ({ value: m, label: t(`products.pricingMethod.${m}`) }))} />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t('products.pricing.effectiveFrom')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="scenario" label={t('products.filing.scenario')} rules={required}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="scopeOfUse" label={t('products.pricing.scope')} rules={required}>
          <Input maxLength={2000} />
        </Form.Item>
        <Form.Item name="method" label={t('products.filing.method')} rules={required}>
          <Input maxLength={2000} />
        </Form.Item>
        <Form.Item name="pricingBasis" label={t('products.filing.basis')} rules={required}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Typography.Text type="secondary">{t('products.filing.note')}</Typography.Text>
      </Form>
    </Modal>
  );
}
