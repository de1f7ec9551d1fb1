import { lazy } from 'react';
import { ApiOutlined, DashboardOutlined, InteractionOutlined } from '@ant-design/icons';
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
  // issue 19 (PSI-01…05): the buyer's private set intersection; the list is blinded in the browser.
  {
    path: '/services/psi',
    element: lazy(() => import('./psi')),
    menuKey: 'psi.menu.psi',
    icon: <InteractionOutlined />,
    group: 'sandbox',
    order: 45,
    actors: ['buyer'],
  },
];

export default pages;
