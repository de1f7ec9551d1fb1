import { lazy } from 'react';
import {
  AlertOutlined,
  DashboardOutlined,
  FileTextOutlined,
  SafetyOutlined,
  StopOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import type { PageDef } from '../types';

const SUPERVISORS = ['authority', 'regulator'];
const SUBJECTS = ['operator', 'collaborator', 'source_unit', 'lab_partner', 'lab_initiator'];

/** Supervision pages (supervision.md "What users see"): the desks, incidents, rectifications, reports, bans, credit. */
const pages: PageDef[] = [
  {
    path: '/supervision/desk',
    element: lazy(() => import('./desk')),
    menuKey: 'supervision.menu.desk',
    icon: <DashboardOutlined />,
    group: 'supervision',
    order: 10,
    actors: SUPERVISORS,
  },
  {
    path: '/supervision/incidents',
    element: lazy(() => import('./incidents')),
    menuKey: 'supervision.menu.incidents',
    icon: <AlertOutlined />,
    group: 'supervision',
    order: 20,
    actors: [...SUPERVISORS, ...SUBJECTS],
  },
  { path: '/supervision/incidents/new', element: lazy(() => import('./incident-new')), actors: SUBJECTS },
  { path: '/supervision/incidents/:id', element: lazy(() => import('./incident-detail')) },
  {
    path: '/supervision/rectifications',
    element: lazy(() => import('./rectifications')),
    menuKey: 'supervision.menu.rectifications',
    icon: <ToolOutlined />,
    group: 'supervision',
    order: 30,
    actors: [...SUPERVISORS, ...SUBJECTS],
  },
  {
    path: '/supervision/rectifications/new',
    element: lazy(() => import('./rectification-new')),
    actors: ['authority'],
  },
  { path: '/supervision/rectifications/:id', element: lazy(() => import('./rectification-detail')) },
  {
    path: '/supervision/reports',
    element: lazy(() => import('./reports')),
    menuKey: 'supervision.menu.reports',
    icon: <FileTextOutlined />,
    group: 'supervision',
    order: 40,
    actors: [...SUPERVISORS, ...SUBJECTS],
  },
  { path: '/supervision/reports/:id', element: lazy(() => import('./report-detail')) },
  {
    path: '/supervision/bans',
    element: lazy(() => import('./bans')),
    menuKey: 'supervision.menu.bans',
    icon: <StopOutlined />,
    group: 'supervision',
    order: 50,
    actors: SUPERVISORS,
  },
  { path: '/public/credit-records', element: lazy(() => import('./public-credit')), layout: 'public' },
  {
    path: '/supervision/credit',
    element: lazy(() => import('./public-credit')),
    menuKey: 'supervision.menu.credit',
    icon: <SafetyOutlined />,
    group: 'supervision',
    order: 60,
    actors: SUPERVISORS,
  },
];

export default pages;
