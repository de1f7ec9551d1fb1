import { lazy } from 'react';
import { FormOutlined, AuditOutlined, WalletOutlined } from '@ant-design/icons';
import type { PageDef } from '../types';

/** Rights pages (rights-assets.md "What users see"): public certificate list and verification, the review desk. */
const pages: PageDef[] = [
  { path: '/public/certificates', element: lazy(() => import('./public-certificates')), layout: 'public' },
  // The QR code's link (server usecases/qr.ts qrLink): `/verify/certificates/{number}?d=…&s=…`.
  { path: '/verify/certificates/:number', element: lazy(() => import('./verify-certificate')), layout: 'public' },
  // The public board: registrations in publicity, each with a real-name objection form (RA-13).
  { path: '/public/publicity', element: lazy(() => import('./publicity')), layout: 'public' },
  {
    path: '/rights/registrations/new',
    element: lazy(() => import('./registration-wizard')),
    menuKey: 'rights.menu.wizard',
    icon: <FormOutlined />,
    group: 'products',
    order: 85,
    actors: ['operator', 'collaborator', 'lab_partner', 'buyer', 'source_unit'],
  },
  {
    path: '/rights/review',
    element: lazy(() => import('./review-desk')),
    menuKey: 'rights.menu.reviewDesk',
    icon: <AuditOutlined />,
    group: 'catalog',
    order: 60,
    actors: ['registry'],
  },
  {
    path: '/rights/assets',
    element: lazy(() => import('./asset-register')),
    menuKey: 'rights.menu.assetRegister',
    icon: <WalletOutlined />,
    group: 'products',
    order: 90,
    actors: ['operator', 'collaborator', 'lab_partner', 'buyer', 'source_unit', 'exchange'],
  },
  { path: '/rights/assets/:id', element: lazy(() => import('./asset-register/detail')) },
];

export default pages;
