import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import QRCode from 'qrcode';
import { ErrorAlert } from '../../../../components/ErrorAlert';
import { useT } from '../../../../i18n/I18nProvider';
import { useEnrollTotp, useVerifyTotp, type Me, type TotpEnrollment } from '../../api';

/** TOTP enrolment (LGN-04): scan the otpauth URI or type the base32 secret, then confirm with a first code. */
export function TotpCard({ me }: { me: Me }) {
  const t = useT();
  const enroll = useEnrollTotp();
  const [pending, setPending] = useState<TotpEnrollment | null>(null);
  const start = () => enroll.mutate(undefined, { onSuccess: setPending });
  return (
    <Card title={t('identity.account.totpTitle')}>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Space wrap>
          {me.user.totpEnrolled ? (
            <Tag color="green">{t('identity.account.totpOn')}</Tag>
          ) : (
            <Tag>{t('identity.account.totpOff')}</Tag>
          )}
          {me.mfaRequired && <Tag color="red">{t('identity.account.totpMandatory')}</Tag>}
          {me.user.demo && <Tag color="orange">{t('identity.account.demoExempt')}</Tag>}
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('identity.account.totpIntro')}
        </Typography.Paragraph>
        <ErrorAlert error={enroll.error} />
        {!pending &&
          (me.user.totpEnrolled ? (
            <Popconfirm
              title={t('identity.account.totpReenrollConfirm')}
              onConfirm={start}
              okText={t('app.common.ok')}
              cancelText={t('app.common.cancel')}
            >
              <Button icon={<SafetyOutlined />} loading={enroll.isPending}>
                {t('identity.account.totpReenroll')}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="primary" icon={<SafetyOutlined />} loading={enroll.isPending} onClick={start}>
              {t('identity.account.totpStart')}
            </Button>
          ))}
        {pending && <Enrolment enrolment={pending} onDone={() => setPending(null)} />}
      </Space>
    </Card>
  );
}

/** The QR code, the secret and the confirmation code; also used by the login page for a first enrolment. */
export function Enrolment({ enrolment, onDone }: { enrolment: TotpEnrollment; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const verify = useVerifyTotp();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(enrolment.uri, { width: 200, margin: 1 }).then(
      (src) => live && setQr(src),
      () => live && setQr(null),
    );
    return () => {
      live = false;
    };
  }, [enrolment.uri]);
  const onFinish = (v: { code: string }) =>
    verify.mutate(v.code, {
      onSuccess: () => {
        void message.success(t('identity.account.totpConfirmed')); // a toast: nothing waits for it to close
        onDone();
      },
    });
  return (
    <Space align="start" size={24} wrap>
      <div
        style={{
          width: 200,
          height: 200,
          border: '1px solid #f0f0f0',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
        }}
      >
        {qr && <img src={qr} width={200} height={200} alt={t('identity.account.totpQrAlt')} />}
      </div>
      <div style={{ maxWidth: 380 }}>
        <Typography.Paragraph>{t('identity.account.totpScan')}</Typography.Paragraph>
        <Typography.Paragraph>
          {t('identity.account.totpSecret')}:{' '}
          <Typography.Text code copyable data-testid="totp-secret">
            {enrolment.secret}
          </Typography.Text>
        </Typography.Paragraph>
        <ErrorAlert error={verify.error} />
        <Form layout="inline" onFinish={onFinish} name="totp-confirm">
          <Form.Item
            name="code"
            label={t('identity.login.totpCode')}
            rules={[{ required: true, pattern: /^\d{6}$/, message: t('identity.login.totpFormat') }]}
          >
            <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" style={{ width: 120 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={verify.isPending}>
            {t('identity.account.totpConfirm')}
          </Button>
        </Form>
      </div>
    </Space>
  );
}
