import { lazy } from 'react';
import { ApiOutlined, AuditOutlined, DashboardOutlined, TeamOutlined } from '@ant-design/icons';
import type { PageDef } from '../types';
import { CREATE_ORG_GATE } from './labels';

/** Identity pages (identity.md "What users see"). */
const pages: PageDef[] = [
  { path: '/login', element: lazy(() => import('./login')), layout: 'bare' },
  { path: '/', element: lazy(() => import('./dashboard')), menuKey: 'identity.dashboard.menu', icon: <DashboardOutlined />, group: 'workbench', order: 1 },
  { path: '/orgs', element: lazy(() => import('./org-list')), menuKey: 'identity.orgList.menu', icon: <TeamOutlined />, group: 'identity', order: 10 },
  { path: '/orgs/new', element: lazy(() => import('./org-create')), ...CREATE_ORG_GATE },
  { path: '/orgs/:id', element: lazy(() => import('./org-detail')) },
  { path: '/api-keys', element: lazy(() => import('./api-keys')), menuKey: 'identity.apiKeys.menu', icon: <ApiOutlined />, group: 'identity', order: 20, roles: ['org_admin'], actors: ['buyer', 'operator', 'exchange'] },
  { path: '/audit-events', element: lazy(() => import('./audit-events')), menuKey: 'identity.audit.menu', icon: <AuditOutlined />, group: 'identity', order: 30, roles: ['org_admin', 'auditor', 'audit_admin'] },
];

export default pages;
