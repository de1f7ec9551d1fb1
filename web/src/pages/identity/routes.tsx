import { lazy } from 'react';
import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  DashboardOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { PageDef } from '../types';
import { CREATE_ORG_GATE } from './labels';

/** Identity pages (identity.md "What users see"). */
const pages: PageDef[] = [
  { path: '/login', element: lazy(() => import('./login')), layout: 'bare' },
  { path: '/login/oidc/:division', element: lazy(() => import('./sso/SsoReturnPage')), layout: 'bare' }, // LGN-06 redirect_uri
  // The landing page '/' is the workbench context's; this overview of organizations stays for those who supervise them.
  {
    path: '/identity/overview',
    element: lazy(() => import('./dashboard')),
    menuKey: 'identity.dashboard.menu',
    icon: <DashboardOutlined />,
    group: 'identity',
    order: 5,
    actors: ['platform_admin', 'authority', 'regulator'],
  },
  {
    path: '/orgs',
    element: lazy(() => import('./org-list')),
    menuKey: 'identity.orgList.menu',
    icon: <TeamOutlined />,
    group: 'identity',
    order: 10,
  },
  { path: '/orgs/new', element: lazy(() => import('./org-create')), ...CREATE_ORG_GATE },
  { path: '/orgs/:id', element: lazy(() => import('./org-detail')) },
  {
    path: '/api-keys',
    element: lazy(() => import('./api-keys')),
    menuKey: 'identity.apiKeys.menu',
    icon: <ApiOutlined />,
    group: 'identity',
    order: 20,
    roles: ['org_admin'],
    actors: ['buyer', 'operator', 'exchange'],
  },
  {
    path: '/audit-events',
    element: lazy(() => import('./audit-events')),
    menuKey: 'identity.audit.menu',
    icon: <AuditOutlined />,
    group: 'identity',
    order: 30,
    roles: ['org_admin', 'auditor', 'audit_admin'],
  },
  {
    path: '/identity/jurisdictions',
    element: lazy(() => import('./jurisdictions')),
    menuKey: 'identity.jurisdictions.menu',
    icon: <ApartmentOutlined />,
    group: 'identity',
    order: 40,
    actors: ['platform_admin', 'authority', 'regulator'],
  },
  {
    path: '/identity/personnel',
    element: lazy(() => import('./personnel')),
    menuKey: 'identity.personnel.menu',
    icon: <SafetyCertificateOutlined />,
    group: 'identity',
    order: 50,
    roles: ['org_admin', 'security_officer', 'auditor'],
  },
  {
    path: '/identity/account',
    element: lazy(() => import('./account')),
    menuKey: 'identity.account.menu',
    icon: <UserOutlined />,
    group: 'identity',
    order: 90,
  },
  { path: '/invite/:token', element: lazy(() => import('./invite')), layout: 'public' },
];

export default pages;
