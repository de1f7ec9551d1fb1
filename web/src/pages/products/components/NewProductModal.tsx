import { App, Form, Input, Modal, Select } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { formatDate } from '../../../utils/datetime';
import { useGrants } from '../../authorization/api';
import { useServices } from '../../services/api';
import { type DeliveryMode, type NewProduct, type ProductForm, useCreateProduct } from '../api';
import { FORMS, deliveryLabel, formLabel } from '../labels';

const DELIVERY: DeliveryMode[] = ['api_key', 'file_egress', 'sandbox_seat', 'model_service'];
const PERSONAL_INFO = ['none', 'anonymised'];
/** PM-02: the forms that answer through the gateway, so they name the sandbox data service they answer with. */
export const SERVICE_FORMS: readonly string[] = ['data_service_api', 'verification_service'];

type Values = {
  name: string;
  form: ProductForm;
  grantId: string;
  serviceId?: string;
  fieldsUsed: string[];
  personalInfo: string;
  deliveryModes: DeliveryMode[];
  description?: string;
  source: string;
  rights: string;
  quality: string;
  use: string;
  signedBy: string;
};

/**
 * The operator's new-product form (products-market.md PM-01…PM-04): one active Grant, the fields used from it and,
 * for a data service/API product, the operator's data service made on that Grant (PM-02, decision 0084). The
 * server still checks all of it (GRANT_SCOPE_EXCEEDED, SERVICE_FORM_MISMATCH, SERVICE_NOT_OF_GRANT).
 */
export function NewProductModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const grants = useGrants({ state: 'active', pageSize: 200 });
  const services = useServices();
  const create = useCreateProduct();
  const grantId = Form.useWatch('grantId', form);
  const productForm = Form.useWatch('form', form);
  const grant = grants.data?.items.find((g) => g.id === grantId);
  const needsService = !!productForm && SERVICE_FORMS.includes(productForm);
  const ofGrant = (services.data?.items ?? []).filter((s) => s.grantId === grantId);

  const save = (v: Values) => {
    const body: NewProduct = {
      name: v.name,
      form: v.form,
      grantIds: [v.grantId],
      serviceId: needsService ? (v.serviceId ?? null) : null,
      fieldsUsed: v.fieldsUsed,
      personalInfo: v.personalInfo,
      deliveryModes: v.deliveryModes,
      description: v.description || null,
      declaration: {
        source: v.source,
        rights: v.rights,
        quality: v.quality,
        use: v.use,
        signedBy: v.signedBy,
        signedAt: formatDate(new Date()),
      },
    };
    create.mutate(body, {
      onSuccess: () => {
        void message.success(t('products.new.done'));
        form.resetFields();
        onClose();
      },
    });
  };
  const required = [{ required: true, message: t('products.new.required') }];
  return (
    <Modal
      open={open}
      title={t('products.new.title')}
      width={720}
      okText={t('products.new.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={create.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ personalInfo: 'none', deliveryModes: ['api_key'] }}
      >
        <Form.Item name="name" label={t('products.col.name')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="form" label={t('products.col.form')} rules={required}>
          <Select<ProductForm> options={FORMS.map((f) => ({ value: f, label: formLabel(t, f) }))} />
        </Form.Item>
        <Form.Item name="grantId" label={t('products.new.grant')} rules={required}>
          <Select
            loading={grants.isLoading}
            showSearch
            optionFilterProp="label"
            onChange={() => form.setFieldsValue({ fieldsUsed: [], serviceId: undefined })}
            options={(grants.data?.items ?? []).map((g) => ({
              value: g.id,
              label: `${g.grantNo} ${g.purpose.scenario?.title ?? ''}`,
            }))}
          />
        </Form.Item>
        {needsService && (
          <Form.Item
            name="serviceId"
            label={t('products.new.service')}
            rules={required}
            extra={t('products.new.serviceHint')}
          >
            <Select
              loading={services.isLoading}
              disabled={!grantId}
              placeholder={grantId ? undefined : t('products.new.grantFirst')}
              notFoundContent={t('products.new.noService')}
              // A service not yet approved cannot answer buyers (SVC-*): its state shows beside its name.
              options={ofGrant.map((s) => ({
                value: s.id,
                label: t('products.new.serviceOption', { name: s.nameZh, status: t(`sandbox.status.${s.status}`) }),
              }))}
            />
          </Form.Item>
        )}
        <Form.Item name="fieldsUsed" label={t('products.dossier.fields')} rules={required}>
          <Select
            mode="multiple"
            disabled={!grant}
            options={(grant?.fields ?? []).map((f) => ({ value: f.nameZh, label: f.nameZh }))}
          />
        </Form.Item>
        <Form.Item name="personalInfo" label={t('products.dossier.personalInfo')} rules={required}>
          <Select options={PERSONAL_INFO.map((p) => ({ value: p, label: t(`products.personalInfo.${p}`) }))} />
        </Form.Item>
        <Form.Item name="deliveryModes" label={t('products.page.delivery')} rules={required}>
          <Select mode="multiple" options={DELIVERY.map((m) => ({ value: m, label: deliveryLabel(t, m) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('products.dossier.description')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        {(['source', 'rights', 'quality', 'use', 'signedBy'] as const).map((k) => (
          <Form.Item key={k} name={k} label={t(`products.new.declaration.${k}`)} rules={required}>
            <Input />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
