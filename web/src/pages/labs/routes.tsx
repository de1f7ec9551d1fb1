import { lazy } from 'react';
import {
  AuditOutlined,
  ExperimentOutlined,
  FileSearchOutlined,
  FormOutlined,
  NotificationOutlined,
} from '@ant-design/icons';
import type { PageDef } from '../types';

const PARTIES = ['lab_initiator', 'lab_partner'];

/** Labs pages (labs.md "What users see"): the register, applications and their dossiers, guides, the public list. */
const pages: PageDef[] = [
  {
    path: '/labs',
    element: lazy(() => import('./labs')),
    menuKey: 'labs.menu.register',
    icon: <ExperimentOutlined />,
    group: 'labs',
    order: 10,
    actors: ['authority', 'regulator', ...PARTIES],
  },
  {
    path: '/labs/applications',
    element: lazy(() => import('./applications')),
    menuKey: 'labs.menu.applications',
    icon: <FileSearchOutlined />,
    group: 'labs',
    order: 20,
    actors: ['authority', ...PARTIES],
  },
  {
    path: '/labs/applications/new',
    element: lazy(() => import('./application-new')),
    menuKey: 'labs.menu.apply',
    icon: <FormOutlined />,
    group: 'labs',
    order: 30,
    actors: ['lab_initiator'],
  },
  { path: '/labs/applications/:id', element: lazy(() => import('./application-detail')) },
  {
    path: '/labs/guides',
    element: lazy(() => import('./guides')),
    menuKey: 'labs.menu.guides',
    icon: <NotificationOutlined />,
    group: 'labs',
    order: 40,
    actors: ['authority', 'regulator', ...PARTIES],
  },
  {
    path: '/labs/evaluations',
    element: lazy(() => import('./evaluations')),
    menuKey: 'labs.menu.evaluations',
    icon: <AuditOutlined />,
    group: 'labs',
    order: 50,
    actors: ['authority', 'regulator', 'evaluator', ...PARTIES],
  },
  { path: '/labs/evaluations/:id', element: lazy(() => import('./evaluation-detail')) },
  { path: '/labs/:id', element: lazy(() => import('./lab-detail')) },
  { path: '/public/labs', element: lazy(() => import('./public-labs')), layout: 'public' },
];

export default pages;
