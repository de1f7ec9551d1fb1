import { lazy } from 'react';
import { ControlOutlined } from '@ant-design/icons';
import type { PageDef } from '../types';

/** Platform administration (identity.md platform_admin: configure jurisdictions and profiles). */
const pages: PageDef[] = [
  {
    path: '/platform/profile',
    element: lazy(() => import('./profile')),
    menuKey: 'platform.profile.menu',
    icon: <ControlOutlined />,
    group: 'identity',
    order: 60,
    roles: ['sys_admin', 'security_admin', 'audit_admin'],
  },
];

export default pages;
