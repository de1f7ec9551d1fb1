import * as contexts from './registry';
import { MENU_GROUPS, type PageDef } from './types';

/** Every registered page, flattened from the registry's per-context lists. */
export const PAGES: PageDef[] = Object.values(contexts as Record<string, unknown>)
  .filter((v): v is PageDef[] => Array.isArray(v))
  .flat();

/** Menu entries grouped in MENU_GROUPS order, then by `order`. */
export function menuGroups(pages: PageDef[]): { group: (typeof MENU_GROUPS)[number]; items: PageDef[] }[] {
  return MENU_GROUPS.map((group) => ({
    group,
    items: pages
      .filter((p) => p.menuKey && (p.group ?? 'workbench') === group && (p.layout ?? 'app') === 'app')
      .sort((a, b) => (a.order ?? 100) - (b.order ?? 100)),
  })).filter((g) => g.items.length > 0);
}
