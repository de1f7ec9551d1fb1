import { lazy } from 'react';
import { AccountBookOutlined, AreaChartOutlined, FileDoneOutlined, ReconciliationOutlined } from '@ant-design/icons';
import type { PageDef } from '../types';

/** Market pages (products-market.md "Marketplace", "Settlement"): orders and contracts, usage, bills, settlement runs. */
const pages: PageDef[] = [
  {
    path: '/market/orders',
    element: lazy(() => import('./orders')),
    menuKey: 'market.menu.orders',
    icon: <FileDoneOutlined />,
    group: 'products',
    order: 50,
    actors: ['buyer', 'operator', 'collaborator', 'authority', 'regulator'],
  },
  { path: '/market/orders/:id', element: lazy(() => import('./order-detail')) },
  {
    path: '/market/usage',
    element: lazy(() => import('./usage')),
    menuKey: 'market.menu.usage',
    icon: <AreaChartOutlined />,
    group: 'products',
    order: 60,
    actors: ['buyer', 'operator', 'collaborator', 'authority', 'regulator'],
  },
  {
    path: '/market/bills',
    element: lazy(() => import('./bills')),
    menuKey: 'market.menu.bills',
    icon: <ReconciliationOutlined />,
    group: 'products',
    order: 70,
    actors: ['buyer', 'operator', 'collaborator', 'source_unit', 'authority', 'regulator'],
  },
  {
    path: '/market/settlement',
    element: lazy(() => import('./settlement')),
    menuKey: 'market.menu.settlement',
    icon: <AccountBookOutlined />,
    group: 'products',
    order: 80,
    actors: ['operator', 'collaborator', 'authority', 'regulator'],
  },
];

export default pages;
