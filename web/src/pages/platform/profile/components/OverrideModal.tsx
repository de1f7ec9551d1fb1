import { App, Form, Input, Modal, Typography } from 'antd';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useT } from '../../../../i18n/I18nProvider';
import { useSetOverride, type ProfileParam } from '../../api';

/** Overrides one key for this deployment: the value is JSON, a reason is required; PRF-01 failures show above the form. */
export function OverrideModal({ param, onClose }: { param: ProfileParam; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const save = useSetOverride();
  const [form] = Form.useForm<{ value: string; reason: string }>();
  const onOk = async () => {
    const v = await form.validateFields();
    save.mutate(
      { key: param.key, value: JSON.parse(v.value), reason: v.reason.trim() },
      {
        onSuccess: () => {
          void message.success(t('platform.profile.overrideDone')); // a toast: nothing waits for it to close
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t('platform.profile.overrideTitle', { key: param.key })}
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okText={t('app.common.save')}
      cancelText={t('app.common.cancel')}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} />
      <Typography.Paragraph type="secondary">
        {t('platform.profile.baseValue')}: <Typography.Text code>{JSON.stringify(param.base)}</Typography.Text>
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ value: JSON.stringify(param.value, null, 2), reason: '' }}>
        <Form.Item
          name="value"
          label={t('platform.profile.valueJson')}
          extra={t('platform.profile.valueHelp')}
          rules={[
            {
              validator: (_, v: string) =>
                isJson(v) ? Promise.resolve() : Promise.reject(new Error(t('platform.profile.valueInvalid'))),
            },
          ]}
        >
          <Input.TextArea rows={4} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('platform.profile.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('platform.profile.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function isJson(v: string | undefined) {
  if (!v?.trim()) return false;
  try {
    JSON.parse(v);
    return true;
  } catch {
    return false;
  }
}
