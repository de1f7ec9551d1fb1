import { lazy } from 'react';
import { DeleteOutlined } from '@ant-design/icons';
import type { PageDef } from '../types';

/** Ledger pages (ledger.md "What users see"). The evidence tab is a component: `EvidenceTab` in ./EvidenceTab. */
const pages: PageDef[] = [
  { path: '/public/ledger', element: lazy(() => import('./public')), layout: 'public' },
  // The retention desk (LED-16 … LED-19, SBX-14): records of deletions, their approvals and second-person verification.
  {
    path: '/ledger/destructions',
    element: lazy(() => import('./destructions')),
    menuKey: 'ledger.menu.destructions',
    icon: <DeleteOutlined />,
    group: 'ledger',
    order: 50,
    actors: ['authority', 'regulator', 'platform_admin', 'operator', 'collaborator', 'source_unit', 'lab_partner'],
  },
  { path: '/ledger/destructions/:id', element: lazy(() => import('./destruction-detail')) },
];

export default pages;
