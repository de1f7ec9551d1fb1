import { useMemo } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Layout, Menu, Space, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import { LogoutOutlined, UserOutlined, BankOutlined } from '@ant-design/icons';
import { useT } from '../i18n/I18nProvider';
import { useLogout, useMe } from '../pages/identity/api';
import { menuGroups, PAGES } from '../pages/pages';
import { pageAllowed } from '../pages/types';
import { SessionProvider } from './session';
import { PageSpinner } from './PageElement';
import { LanguageSwitch } from './LanguageSwitch';
import { MfaPrompt } from './MfaPrompt';

const { Header, Sider, Content } = Layout;

/** The logged-in shell: grouped left menu, header with org, user, language and logout. */
export function AppLayout() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageSpinner />;
  if (me.isError || !me.data)
    return <Navigate to={`/login?from=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <SessionProvider me={me.data}>
      <Shell />
    </SessionProvider>
  );
}

function Shell() {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe().data!;
  const logout = useLogout();
  const facts = useMemo(
    () => ({ roles: me.roles, actors: me.actorRoles.filter((r) => r.status === 'active').map((r) => r.actor) }),
    [me],
  );
  const groups = useMemo(() => menuGroups(PAGES.filter((p) => pageAllowed(p, facts))), [facts]);
  const items: MenuProps['items'] = groups.map((g) => ({
    type: 'group',
    key: `group:${g.group}`,
    label: t(`app.menu.group.${g.group}`),
    children: g.items.map((p) => ({ key: p.path, icon: p.icon, label: t(p.menuKey!) })),
  }));
  const selected = bestMenuMatch(
    groups.flatMap((g) => g.items.map((p) => p.path)),
    location.pathname,
  );

  const onLogout = () => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={220} theme="light" style={{ borderRight: '1px solid #f0f0f0' }} breakpoint="lg" collapsedWidth={0}>
        <div
          style={{
            height: 64,
            display: 'flex',
            flexDirection: 'column',
            justifyContent: 'center',
            padding: '0 20px',
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          <Typography.Text strong style={{ fontSize: 18, lineHeight: '24px', color: '#1f5fbf' }}>
            {t('app.brand.name')}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
            {t('app.brand.subtitle')}
          </Typography.Text>
        </div>
        <nav aria-label={t('app.brand.name')}>
          <Menu
            mode="inline"
            items={items}
            selectedKeys={selected ? [selected] : []}
            onClick={(e) => navigate(e.key)}
            style={{ borderInlineEnd: 0 }}
          />
        </nav>
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Space>
            <BankOutlined />
            <Typography.Text strong data-testid="header-org">
              {me.org.nameZh}
            </Typography.Text>
          </Space>
          <Space size="middle">
            <Tooltip title={t('app.header.user')}>
              <Space size={4}>
                <UserOutlined />
                <span data-testid="header-user">{me.user.realName || me.user.loginName}</span>
              </Space>
            </Tooltip>
            {me.user.demo && <Tag color="orange">{t('app.header.demo')}</Tag>}
            <LanguageSwitch />
            <Button icon={<LogoutOutlined />} onClick={onLogout} loading={logout.isPending}>
              {t('app.header.logout')}
            </Button>
          </Space>
        </Header>
        <Content style={{ padding: 24 }}>
          <Outlet />
        </Content>
        <MfaPrompt />
      </Layout>
    </Layout>
  );
}

/** The menu path that best matches the current location ('/' only matches exactly). */
export function bestMenuMatch(paths: string[], pathname: string): string | undefined {
  return paths
    .filter((p) => (p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`)))
    .sort((a, b) => b.length - a.length)[0];
}
