import { lazy } from 'react';
import type { PageDef } from '../types';

/** Ledger pages (ledger.md "What users see"). The evidence tab is a component: `EvidenceTab` in ./EvidenceTab. */
const pages: PageDef[] = [
  { path: '/public/ledger', element: lazy(() => import('./public')), layout: 'public' },
];

export default pages;
