import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Spin, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../api/request';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { identityKeys } from '../api';
import { completeSso } from './api';

/** The IdP sends the browser back here (the redirect_uri); the server checks everything (LGN-06). */
export default function SsoReturnPage() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { division = '' } = useParams();
  const [error, setError] = useState<unknown>(null);
  const [linked, setLinked] = useState(false);
  const sent = useRef(false); // a code is good once: never send it twice (React strict mode runs effects twice)

  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    completeSso(division, window.location.search).then(async (r) => {
      if ('linked' in r) return setLinked(true);
      await qc.invalidateQueries({ queryKey: identityKeys.me() });
      navigate(r.mfaRequired ? '/login?step=totp' : '/', { replace: true });
    }, setError);
  }, [division, navigate, qc]);

  const notLinked = error instanceof ApiError && error.code === 'OIDC_NOT_LINKED';
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Card style={{ width: 420 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('identity.sso.title')}
        </Typography.Title>
        {!error && !linked && <Spin />}
        {linked && <Alert type="success" showIcon message={t('identity.sso.linked')} style={{ marginBottom: 16 }} />}
        <ErrorAlert error={error} />
        {notLinked && <Typography.Paragraph>{t('identity.sso.linkHint')}</Typography.Paragraph>}
        {(error || linked) && (
          <Button
            type="primary"
            block
            onClick={() => navigate(linked ? '/identity/account' : '/login', { replace: true })}
          >
            {linked ? t('identity.sso.backToAccount') : t('identity.sso.passwordLogin')}
          </Button>
        )}
      </Card>
    </div>
  );
}
