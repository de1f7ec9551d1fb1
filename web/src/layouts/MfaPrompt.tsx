import { useEffect, useRef, useState } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { setMfaHandler } from '../api/request';
import { ErrorAlert } from '../components/ErrorAlert';
import { useT } from '../i18n/I18nProvider';
import { identityApi } from '../pages/identity/api';

/**
 * Step-up prompt: when a request answers 401 MFA_REQUIRED (approval older than the MFA window),
 * the request wrapper waits for this dialog; after a valid TOTP code it repeats the request once.
 */
export function MfaPrompt() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ code: string }>();
  const pending = useRef<((ok: boolean) => void) | null>(null);

  useEffect(() => {
    setMfaHandler(
      () =>
        new Promise<boolean>((resolve) => {
          pending.current?.(false);
          pending.current = resolve;
          setError(null);
          form.resetFields();
          setOpen(true);
        }),
    );
    return () => setMfaHandler(null);
  }, [form]);

  const finish = (ok: boolean) => {
    pending.current?.(ok);
    pending.current = null;
    setOpen(false);
  };
  const onOk = async () => {
    const { code } = await form.validateFields();
    setBusy(true);
    try {
      await identityApi.verifyTotp(code);
      finish(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('identity.login.stepUpTitle')}
      onOk={onOk}
      onCancel={() => finish(false)}
      confirmLoading={busy}
      okText={t('identity.login.verify')}
      cancelText={t('app.common.cancel')}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('identity.login.stepUpHint')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" name="stepUp" onFinish={onOk}>
        <Form.Item
          name="code"
          label={t('identity.login.totpCode')}
          rules={[{ required: true, pattern: /^\d{6}$/, message: t('identity.login.totpFormat') }]}
        >
          <Input prefix={<SafetyOutlined />} inputMode="numeric" maxLength={6} autoComplete="one-time-code" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
