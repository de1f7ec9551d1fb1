import { Button, Card, Space, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useT } from '../../../i18n/I18nProvider';
import { useSsoProviders, useStartSsoLink } from './api';

/** Account page: link this account to a jurisdiction's IdP account by signing in there once (LGN-06). */
export function SsoLinkCard() {
  const t = useT();
  const { data } = useSsoProviders();
  const link = useStartSsoLink();
  if (!data?.items.length) return null;
  return (
    <Card title={t('identity.sso.linkTitle')}>
      <Typography.Paragraph type="secondary">{t('identity.sso.linkExplain')}</Typography.Paragraph>
      <ErrorAlert error={link.error} />
      <Space wrap>
        {data.items.map((p) => (
          <Button key={p.divisionCode} loading={link.isPending && link.variables === p.divisionCode} onClick={() => link.mutate(p.divisionCode)}>
            {t('identity.sso.linkButton', { name: p.jurisdictionNameZh })}
          </Button>
        ))}
      </Space>
    </Card>
  );
}
