import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';

/** Left-menu groups, in display order. */
export const MENU_GROUPS = [
  'workbench',
  'catalog',
  'authorization',
  'products',
  'sandbox',
  'labs',
  'ledger',
  'supervision',
  'identity',
] as const;
export type MenuGroup = (typeof MENU_GROUPS)[number];

/**
 * One page of the app, declared as data by its context in `pages/<context>/routes.tsx`.
 * Gating by roles/actors only hides the menu item and shows a 403 page; the server decides (style.md §8).
 */
export interface PageDef {
  /** Absolute route path, e.g. `/orgs/:id`. Public pages start with `/public/`. */
  path: string;
  /** `lazy(() => import('./org-list'))` so each page is its own chunk. */
  element: LazyExoticComponent<ComponentType> | ComponentType;
  /** i18n key of the menu label; pages without one are not in the menu. */
  menuKey?: string;
  icon?: ReactNode;
  group?: MenuGroup;
  /** Sort order inside the group (default 100). */
  order?: number;
  /** Show only to users holding any of these org roles. */
  roles?: string[];
  /** Show only to users whose org holds any of these actor types (active). */
  actors?: string[];
  /** 'app' (default, needs login), 'public' (no login, plain layout), 'bare' (no login, no chrome: login page). */
  layout?: 'app' | 'public' | 'bare';
}

export interface SessionFacts {
  roles: string[];
  actors: string[];
}

/** Coarse gating: every list that is given must share an entry with the user's facts. */
export function pageAllowed(p: Pick<PageDef, 'roles' | 'actors'>, s: SessionFacts): boolean {
  if (p.roles?.length && !p.roles.some((r) => s.roles.includes(r))) return false;
  if (p.actors?.length && !p.actors.some((a) => s.actors.includes(a))) return false;
  return true;
}
