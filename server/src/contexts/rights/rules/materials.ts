import { fail, pass, rule } from '../../../kernel/workflow/rules.js';

/**
 * RA-08 (004:L32430–32432 Guizhou; L23153–23155 Anhui): registration information that can be looked up on the
 * government data sharing or open platforms is not asked of the applicant again. In our model those platforms
 * are the catalog: a `published` resource listed in the `shared` or `open` catalog.
 */

/** The materials an application asks for (ours, after 004:L32430 登记信息 and L23153 登记材料). */
export const MATERIALS = [
  'applicant_identity',
  'resource_catalog_info',
  'field_list',
  'source_unit_info',
  'rights_basis',
  'substantive_report',
] as const;
export type Material = (typeof MATERIALS)[number];

/** What the catalog publishes about a resource, and so what no applicant re-enters. */
export const PLATFORM_MATERIALS: readonly Material[] = ['resource_catalog_info', 'field_list', 'source_unit_info'];
const PLATFORMS = ['shared', 'open'];

export interface PlatformFacts {
  /** The catalog's state of the resource, and the catalogs that list it. */
  state: string;
  catalogTypes: string[];
}

/** The sharing or open platforms that publish the resource (none unless it is published). */
export const platformsOf = (r: PlatformFacts | null): string[] =>
  r?.state === 'published' ? r.catalogTypes.filter((c) => PLATFORMS.includes(c)) : [];

/** RA-08: the materials to request — all of them, less what a sharing or open platform already publishes. */
export function materialsToRequest(r: PlatformFacts | null): { request: Material[]; fromPlatform: Material[] } {
  const held = platformsOf(r).length ? PLATFORM_MATERIALS : [];
  return { request: MATERIALS.filter((m) => !held.includes(m)), fromPlatform: [...held] };
}

/** RA-08 as a check on any list of requested materials: nothing the platforms publish is asked for again. */
export const RA_08 = rule('RA-08', (f: { requested: string[]; resource: PlatformFacts | null }) => {
  const held = materialsToRequest(f.resource).fromPlatform as string[];
  const again = f.requested.filter((m) => held.includes(m));
  return again.length ? fail('MATERIAL_ON_PLATFORM', { materials: again.join(', ') }, 422) : pass();
});
