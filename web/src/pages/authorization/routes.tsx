import { lazy } from 'react';
import { AuditOutlined, FileProtectOutlined, FormOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { PageDef } from '../types';

// Menu gating (issue 14 "Hide menus a role cannot use"): the buyer, evaluator and platform see no authorized-operation lists.
const AUTHZ_READERS = ['authority', 'operator', 'source_unit', 'regulator'];
const GRANT_READERS = [...AUTHZ_READERS, 'collaborator'];

/** Authorized-operation pages (authorization.md "What users see"). */
const pages: PageDef[] = [
  {
    path: '/authorization/agreements',
    element: lazy(() => import('./agreement-list')),
    menuKey: 'authorization.menu.agreements',
    icon: <FileProtectOutlined />,
    group: 'authorization',
    order: 10,
    actors: AUTHZ_READERS,
  },
  { path: '/authorization/agreements/:id', element: lazy(() => import('./agreement-detail')) },
  {
    path: '/authorization/applications',
    element: lazy(() => import('./application-list')),
    menuKey: 'authorization.menu.applications',
    icon: <FormOutlined />,
    group: 'authorization',
    order: 20,
    actors: AUTHZ_READERS,
  },
  { path: '/authorization/applications/new', element: lazy(() => import('./application-new')), actors: ['operator'] },
  {
    path: '/authorization/applications/:id/edit',
    element: lazy(() => import('./application-new')),
    actors: ['operator'],
  },
  { path: '/authorization/applications/:id', element: lazy(() => import('./application-detail')) },
  {
    path: '/authorization/grants',
    element: lazy(() => import('./grant-list')),
    menuKey: 'authorization.menu.grants',
    icon: <SafetyCertificateOutlined />,
    group: 'authorization',
    order: 30,
    actors: GRANT_READERS,
  },
  { path: '/authorization/grants/:id', element: lazy(() => import('./grant-detail')) },
  {
    path: '/authorization/filings',
    element: lazy(() => import('./filings')),
    menuKey: 'authorization.menu.filings',
    icon: <AuditOutlined />,
    group: 'authorization',
    order: 40,
    actors: GRANT_READERS,
  },
];

export default pages;
