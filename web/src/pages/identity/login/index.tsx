import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../api/request';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { LanguageSwitch } from '../../../layouts/LanguageSwitch';
import { identityKeys, useEnrollTotp, useLogin, useVerifyTotp, type TotpEnrollment } from '../api';
import { Enrolment } from '../account/components/TotpCard';
import { SsoButtons } from '../sso/SsoButtons';

/** Password, then TOTP when the server asks for it. One message for every failure (identity.md "Login"). */
export default function LoginPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const qc = useQueryClient();
  const login = useLogin();
  const totp = useVerifyTotp();
  const [step, setStep] = useState<'password' | 'totp'>(params.get('step') === 'totp' ? 'totp' : 'password');
  const [failed, setFailed] = useState<string | null>(null);
  // LGN-04: a user for whom TOTP is mandatory but who never enrolled does it here, inside the pending session.
  const enroll = useEnrollTotp();
  const [enrolment, setEnrolment] = useState<TotpEnrollment | null>(null);

  const done = async () => {
    await qc.invalidateQueries({ queryKey: identityKeys.me() });
    const from = params.get('from');
    navigate(from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/', {
      replace: true,
    });
  };
  const onPassword = (v: { username: string; password: string }) => {
    setFailed(null);
    login.mutate(v, {
      onSuccess: (r) => (r.mfaRequired ? setStep('totp') : done()),
      // Throttling is the one failure worth telling apart; everything else reads the same (no account probing).
      onError: (e) =>
        setFailed(
          e instanceof ApiError && e.code === 'LOGIN_THROTTLED'
            ? t('identity.login.throttled')
            : t('identity.login.failed'),
        ),
    });
  };
  const onTotp = (v: { code: string }) => {
    setFailed(null);
    totp.mutate(v.code, {
      onSuccess: done,
      onError: (e) =>
        e instanceof ApiError && e.code === 'TOTP_NOT_ENROLLED'
          ? enroll.mutate(undefined, { onSuccess: setEnrolment })
          : setFailed(t('identity.login.totpFailed')),
    });
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg,#e8f0fb 0%,#f5f7fa 60%)',
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: enrolment ? 660 : 380, boxShadow: '0 4px 24px rgba(31,95,191,0.12)' }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4, color: '#1f5fbf' }}>
          {t('app.brand.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('identity.login.subtitle')}</Typography.Paragraph>
        {params.get('changed') && step === 'password' && !failed && (
          <Alert type="success" showIcon message={t('identity.login.passwordChanged')} style={{ marginBottom: 16 }} />
        )}
        {failed && <Alert type="error" showIcon role="alert" message={failed} style={{ marginBottom: 16 }} />}
        {step === 'password' ? (
          <Form layout="vertical" onFinish={onPassword} requiredMark={false} name="login">
            <Form.Item
              label={t('identity.login.username')}
              name="username"
              rules={[{ required: true, message: t('identity.login.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              label={t('identity.login.password')}
              name="password"
              rules={[{ required: true, message: t('identity.login.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={login.isPending}>
              {t('identity.login.submit')}
            </Button>
            <SsoButtons />
          </Form>
        ) : enrolment ? (
          <>
            <Typography.Paragraph>{t('identity.login.enrolFirst')}</Typography.Paragraph>
            <Enrolment enrolment={enrolment} onDone={done} />
          </>
        ) : (
          <Form layout="vertical" onFinish={onTotp} requiredMark={false} name="totp">
            <Typography.Paragraph>{t('identity.login.totpHint')}</Typography.Paragraph>
            <Form.Item
              label={t('identity.login.totpCode')}
              name="code"
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('identity.login.totpFormat') }]}
            >
              <Input
                prefix={<SafetyOutlined />}
                inputMode="numeric"
                maxLength={6}
                autoComplete="one-time-code"
                autoFocus
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={totp.isPending}>
              {t('identity.login.verify')}
            </Button>
            {/* For a first enrolment that was started but never confirmed; the server refuses to replace a confirmed one. */}
            <ErrorAlert error={enroll.error} style={{ marginTop: 16, marginBottom: 0 }} />
            <Button
              type="link"
              block
              loading={enroll.isPending}
              onClick={() => enroll.mutate(undefined, { onSuccess: setEnrolment })}
            >
              {t('identity.login.enrolLink')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
