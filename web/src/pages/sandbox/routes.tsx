import { lazy } from 'react';
import { AuditOutlined, CodeOutlined } from '@ant-design/icons';
import type { PageDef } from '../types';

/** Controlled development environment pages (sandbox.md "What users see"). */
const pages: PageDef[] = [
  {
    path: '/sandbox/workspaces',
    element: lazy(() => import('./workspace-list')),
    menuKey: 'sandbox.menu.workspaces',
    icon: <CodeOutlined />,
    group: 'sandbox',
    order: 10,
    actors: ['operator', 'collaborator', 'lab_partner', 'authority', 'regulator'],
  },
  { path: '/sandbox/workspaces/:id', element: lazy(() => import('./workspace')) },
  { path: '/sandbox/workspaces/:id/imports', element: lazy(() => import('./imports')) },
  {
    path: '/sandbox/egress',
    element: lazy(() => import('./egress-list')),
    menuKey: 'sandbox.menu.egress',
    icon: <AuditOutlined />,
    group: 'sandbox',
    order: 20,
    // lab_initiator: its security officer reviews its labs' egress first (LAB-35, decision 0100).
    actors: ['operator', 'collaborator', 'lab_partner', 'lab_initiator', 'authority', 'regulator', 'buyer'],
  },
  { path: '/sandbox/egress/:id', element: lazy(() => import('./egress-detail')) },
  {
    path: '/sandbox/egress-artifacts/new',
    element: lazy(() => import('./egress-artifact')),
    menuKey: 'sandboxEgress.menu.artifact',
    icon: <AuditOutlined />,
    group: 'sandbox',
    order: 25,
    actors: ['operator', 'collaborator', 'lab_partner'],
  },
  {
    path: '/sandbox/release-notices',
    element: lazy(() => import('./release-notices')),
    menuKey: 'sandboxEgress.menu.notices',
    icon: <AuditOutlined />,
    group: 'sandbox',
    order: 30,
    actors: ['source_unit'],
  },
];

export default pages;
