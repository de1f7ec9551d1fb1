import { Outlet } from 'react-router-dom';
import { Layout, Typography } from 'antd';
import { useT } from '../i18n/I18nProvider';
import { LanguageSwitch } from './LanguageSwitch';

/** Plain layout for `/public/...` pages (no login, no menu). */
export function PublicLayout() {
  const t = useT();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          background: '#fff',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        <Typography.Text strong style={{ fontSize: 18, color: '#1f5fbf' }}>
          {t('app.public.title')}
        </Typography.Text>
        <LanguageSwitch />
      </Layout.Header>
      <Layout.Content style={{ padding: 24, maxWidth: 1200, width: '100%', margin: '0 auto' }}>
        <Outlet />
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center' }}>{t('app.public.footer')}</Layout.Footer>
    </Layout>
  );
}
