import { lazy } from 'react';
import { AuditOutlined, DatabaseOutlined, SafetyCertificateOutlined, SwapOutlined } from '@ant-design/icons';
import type { PageDef } from '../types';

/** Catalog pages (catalog.md "What users see"). */
const pages: PageDef[] = [
  {
    path: '/catalog',
    element: lazy(() => import('./resource-list')),
    menuKey: 'catalog.list.menu',
    icon: <DatabaseOutlined />,
    group: 'catalog',
    order: 10,
  },
  { path: '/catalog/resources/:id', element: lazy(() => import('./resource-detail')) },
  {
    path: '/catalog/review',
    element: lazy(() => import('./grading-review')),
    menuKey: 'catalog.gradingReview.menu',
    icon: <SafetyCertificateOutlined />,
    group: 'catalog',
    order: 15,
    actors: ['authority'],
  },
  {
    path: '/catalog/registrations',
    element: lazy(() => import('./registry-desk')),
    menuKey: 'catalog.registry.menu',
    icon: <AuditOutlined />,
    group: 'catalog',
    order: 20,
    actors: ['registry'],
  },
  {
    path: '/catalog/requests',
    element: lazy(() => import('./requests')),
    menuKey: 'catalog.requests.menu',
    icon: <SwapOutlined />,
    group: 'catalog',
    order: 25,
    actors: ['source_unit', 'authority', 'operator'],
  },
  { path: '/public/registrations', element: lazy(() => import('./public-registrations')), layout: 'public' },
];

export default pages;
