import { useNavigate } from 'react-router-dom';
import { Button, Card, Form, Input, Typography } from 'antd';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useT } from '../../../../i18n/I18nProvider';
import { useChangePassword } from '../../api';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** Password change (LGN-02). The server then revokes every session of the user, so we go to the login page. */
export function PasswordCard() {
  const t = useT();
  const navigate = useNavigate();
  const change = useChangePassword();
  const onFinish = (v: Values) =>
    change.mutate(
      { oldPassword: v.oldPassword, newPassword: v.newPassword },
      {
        onSuccess: () => navigate('/login?changed=1', { replace: true }),
      },
    );
  return (
    <Card title={t('identity.account.passwordTitle')}>
      <Typography.Paragraph type="secondary">{t('identity.account.passwordRules')}</Typography.Paragraph>
      <ErrorAlert error={change.error} />
      <Form layout="vertical" onFinish={onFinish} name="password" style={{ maxWidth: 420 }} requiredMark={false}>
        <Form.Item
          name="oldPassword"
          label={t('identity.account.oldPassword')}
          rules={[{ required: true, message: t('identity.login.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('identity.account.newPassword')}
          rules={[{ required: true, message: t('identity.login.passwordRequired') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('identity.account.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('identity.account.passwordMismatch') },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('identity.account.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('identity.account.passwordSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
