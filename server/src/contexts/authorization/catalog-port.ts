import type { Kysely, Transaction } from 'kysely';
import type { Grade } from './model.js';

// The catalog context's published contract (catalog/service.ts getResourceForAuthorization).
// Authorization reads resource facts only through it, never through catalog tables.

export interface GrantableField { id: string; code: string; nameZh: string; dataType: string; grade: Grade; personalInfo: boolean; sensitivePersonalInfo: boolean; directIdentifier: boolean }
export interface ResourceForAuthorization {
  id: string; nameZh: string; state: string; registered: boolean; registrationCode: string | null; jurisdictionId: string; jurisdictionPath: string[];
  sourceUnitOrgId: string; catalogTypes: string[]; fields: GrantableField[]; dataFile: string | null; dataVersion: number | null; rowCount: number | null;
  /** Resource-level grade when the catalog publishes one (就高从严, AUTH-16). */
  grade?: Grade | null;
}

type Db = Kysely<any> | Transaction<any>;
type Loader = (db: Db, resourceId: string) => Promise<ResourceForAuthorization | undefined>;

// Bound lazily: the catalog context is built concurrently and may load after this module.
const CATALOG_SERVICE = '../catalog/service.js';
let loader: Loader | undefined;

/** The catalog's facts about one resource, or undefined if it does not exist. */
export async function loadResource(db: Db, resourceId: string): Promise<ResourceForAuthorization | undefined> {
  if (!loader) loader = ((await import(CATALOG_SERVICE)) as { getResourceForAuthorization: Loader }).getResourceForAuthorization;
  return loader(db, resourceId);
}
