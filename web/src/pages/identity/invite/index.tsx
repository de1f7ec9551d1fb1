import { useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Form, Input, Result, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { useAcceptInvitation } from '../api';

interface Values {
  password: string;
  confirm: string;
}

/** Public page behind the one-time invitation link: the invitee sets a password (LGN-02), then logs in. */
export default function InvitePage() {
  const t = useT();
  const navigate = useNavigate();
  const { token = '' } = useParams();
  const accept = useAcceptInvitation();
  if (accept.isSuccess) {
    return (
      <Result
        status="success"
        title={t('identity.invite.done')}
        subTitle={t('identity.invite.doneHint')}
        extra={
          <Button type="primary" onClick={() => navigate('/login', { replace: true })}>
            {t('identity.invite.toLogin')}
          </Button>
        }
      />
    );
  }
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 32 }}>
      <Card
        style={{ width: 440 }}
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('identity.invite.title')}
          </Typography.Title>
        }
      >
        <Typography.Paragraph type="secondary">{t('identity.account.passwordRules')}</Typography.Paragraph>
        <ErrorAlert error={accept.error} />
        <Form
          layout="vertical"
          name="invite"
          requiredMark={false}
          onFinish={(v: Values) => accept.mutate({ token, password: v.password })}
        >
          <Form.Item
            name="password"
            label={t('identity.account.newPassword')}
            rules={[{ required: true, message: t('identity.login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" autoFocus />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('identity.account.confirmPassword')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('identity.account.passwordMismatch') },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  !v || v === getFieldValue('password')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('identity.account.passwordMismatch'))),
              }),
            ]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={accept.isPending}>
            {t('identity.invite.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
