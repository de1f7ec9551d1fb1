import { useState } from 'react';
import { Button, Checkbox, Form, Input, Modal } from 'antd';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useT } from '../../../../i18n/I18nProvider';
import { catalogApi, useResourceMutation } from '../../api';

/** Files a first registration with its materials (REG-06) and the REG-07 declarations. */
export function RegisterButton({ resourceId }: { resourceId: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const mut = useResourceMutation(resourceId, (m: { kind: string; fileRef: string }[]) => catalogApi.register(resourceId, m));
  const submit = async () => {
    const v = await form.validateFields();
    mut.mutate([
      { kind: 'application', fileRef: v.application }, { kind: 'resource_info', fileRef: v.info }, { kind: 'compliance_statement', fileRef: v.compliance },
    ], { onSuccess: () => setOpen(false) });
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>{t('catalog.detail.register')}</Button>
      <Modal open={open} title={t('catalog.detail.registerTitle')} onCancel={() => setOpen(false)} onOk={submit} okText={t('catalog.detail.submit')} confirmLoading={mut.isPending}>
        <ErrorAlert error={mut.error} />
        <Form form={form} layout="vertical">
          <Form.Item name="application" label={t('catalog.detail.materialApplication')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="info" label={t('catalog.detail.materialInfo')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="compliance" label={t('catalog.detail.materialCompliance')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="declare" valuePropName="checked" rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('catalog.detail.declare')))) }]}>
            <Checkbox>{t('catalog.detail.declare')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
