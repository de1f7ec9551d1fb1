import { Button, Divider, Space } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n/I18nProvider';
import { ssoStartUrl, useSsoProviders } from './api';

/** Login page: one button per jurisdiction whose SSO is on (identity.md "Login"; LGN-06). */
export function SsoButtons() {
  const t = useT();
  const { data } = useSsoProviders();
  if (!data?.items.length) return null;
  return (
    <>
      <Divider plain>{t('identity.sso.or')}</Divider>
      <Space direction="vertical" style={{ width: '100%' }}>
        {data.items.map((p) => (
          <Button key={p.divisionCode} block icon={<SafetyCertificateOutlined />} href={ssoStartUrl(p.divisionCode)}>
            {t('identity.sso.login', { name: p.jurisdictionNameZh })}
          </Button>
        ))}
      </Space>
    </>
  );
}
