import type { Profile } from '../../../kernel/profiles/index.js';
import { fail, pass, rule } from '../../../kernel/workflow/rules.js';

/** How a rulebook change takes effect (profile `reg.rulebookChange`, RA-20). */
export type RulebookRoute = 'file' | 'approve';

export interface RulebookFacts {
  /** The route the registry takes: `file` (备案 then publish) or `approve` (submit for the authority's consent). */
  route: RulebookRoute;
  rulesText: string;
  feeLines: number;
  /** The authority named for the filing or approval, and the registry itself (never the same organization). */
  authorityOrgId: string | null;
  registryOrgId: string;
}

export const rulebookRouteOf = (p: Profile) => p.get<RulebookRoute>('reg.rulebookChange');

/**
 * RA-20: the registry publishes its business rules AND its fee schedule; a change reaches the public only by the
 * profile's route — filed with the authority (备案), or approved by it — and the authority is another organization.
 */
export const RA_20 = rule('RA-20', (f: RulebookFacts, p: Profile) => {
  const required = rulebookRouteOf(p);
  if (f.route !== required) return fail('RULEBOOK_ROUTE_MISMATCH', { required, route: f.route }, 409);
  if (!f.rulesText.trim() || f.feeLines < 1) return fail('RULEBOOK_INCOMPLETE', {}, 422);
  if (!f.authorityOrgId || f.authorityOrgId === f.registryOrgId)
    return fail('RULEBOOK_AUTHORITY_INVALID', { authorityOrgId: f.authorityOrgId }, 422);
  return pass();
});
