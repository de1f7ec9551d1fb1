import { lazy } from 'react';
import { DashboardOutlined } from '@ant-design/icons';
import type { PageDef } from '../types';

/** The workbench (工作台): each person's landing page after login, a to-do list by role (issue 14). */
const pages: PageDef[] = [
  {
    path: '/',
    element: lazy(() => import('./home')),
    menuKey: 'workbench.home.menu',
    icon: <DashboardOutlined />,
    group: 'workbench',
    order: 1,
  },
];

export default pages;
