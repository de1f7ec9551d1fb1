import type { Executor } from '../../kernel/db/tables.js';
import { getResourceForAuthorization, type ResourceForAuthorization as CatalogResource } from '../catalog/service.js';
import type { Grade } from './model.js';

// The catalog context's published contract (catalog/service.ts getResourceForAuthorization).
// Authorization reads resource facts only through it, never through catalog tables.

export type { GrantableField } from '../catalog/service.js';
export type ResourceForAuthorization = CatalogResource & {
  /** Resource-level grade when the catalog publishes one (就高从严, AUTH-16). */
  grade?: Grade | null;
};

/** The catalog's facts about one resource, or undefined if it does not exist. */
export async function loadResource(db: Executor, resourceId: string): Promise<ResourceForAuthorization | undefined> {
  return getResourceForAuthorization(db, resourceId);
}
