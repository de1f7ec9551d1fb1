import { lazy } from 'react';
import { ApiOutlined, DashboardOutlined } from '@ant-design/icons';
import type { PageDef } from '../types';

/** Data services: template definition and approval, the buyer's API console (sandbox.md SVC-*). */
const pages: PageDef[] = [
  {
    path: '/services',
    element: lazy(() => import('./service-list')),
    menuKey: 'services.menu.services',
    icon: <ApiOutlined />,
    group: 'sandbox',
    order: 30,
    actors: ['operator', 'collaborator', 'authority', 'regulator'],
  },
  {
    path: '/services/usage',
    element: lazy(() => import('./usage')),
    menuKey: 'services.menu.usage',
    icon: <DashboardOutlined />,
    group: 'sandbox',
    order: 40,
    actors: ['buyer'],
  },
];

export default pages;
