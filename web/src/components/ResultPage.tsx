import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../api/request';
import { useT } from '../i18n/I18nProvider';
import { ErrorAlert } from './ErrorAlert';

/** 403 / 404 result page; the 404 never says whether the object exists (IAM tenancy). */
export function ResultPage({ status }: { status: 403 | 404 }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status={status === 403 ? '403' : '404'}
      title={t(`app.result.${status}.title`)}
      subTitle={t(`app.result.${status}.subtitle`)}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('app.result.home')}
        </Button>
      }
    />
  );
}

/** For a failed page query: 403/404 become a Result page, anything else an alert. */
export function QueryError({ error }: { error: unknown }) {
  if (error instanceof ApiError && (error.status === 403 || error.status === 404))
    return <ResultPage status={error.status} />;
  return <ErrorAlert error={error} />;
}
