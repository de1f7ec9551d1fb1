import { getResourceForAuthorization } from '../../catalog/service.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { RA_08, materialsToRequest, platformsOf } from '../rules/materials.js';
import { runRules } from '../../../kernel/workflow/rules.js';
import { ruleError } from '../../../kernel/http/errors.js';

/**
 * RA-08, second half: the materials step of a registration asks only for what the sharing and open platforms
 * (our catalog, read through its port) do not already publish about the resource.
 *
 * RA-08, first half (wired): an e-contract filed with the exchange registers itself as a `license` registration
 * without anyone re-entering it. Products hands each filing to its contract followers (`followContracts`,
 * products/usecases/contract-followers.ts `ContractFiled`) in the filing's transaction; rights follows with
 * `usecases/exchange-registration.ts`, setting `exchangeTradeRef` to the contract number, which waives the
 * materials (RA-07). See decision 0083.
 */
/** @deprecated The seam's first shape; the wired one is products' `ContractFiled` (transfers not yet covered). */
export interface ExchangeContractFiled {
  contractId: string;
  venueOrgId: string;
  sellerOrgId: string;
  buyerOrgId: string;
  /** The registered unit the contract trades, when the seller registered it. */
  baseRegistrationId: string | null;
  regType: 'license' | 'transfer';
}

/**
 * Any signed-in applicant may ask. Only a resource the platforms publish is named back: an unknown or unpublished
 * id answers the full list with no resource, so the check never reveals what the catalog keeps to itself.
 */
export async function materialsChecklist(k: Kernel, _actor: Actor, catalogResourceId?: string) {
  const r = catalogResourceId ? await getResourceForAuthorization(k.db, catalogResourceId) : null;
  const facts = r ? { state: r.state, catalogTypes: r.catalogTypes } : null;
  const { request, fromPlatform } = materialsToRequest(facts);
  // Guard: whatever the checklist asks must pass RA-08 itself.
  const { failures } = runRules([RA_08], { requested: request, resource: facts }, k.profile);
  if (failures.length) throw ruleError(failures);
  const platforms = platformsOf(facts);
  return {
    request,
    fromPlatform,
    platforms,
    resource: r && platforms.length ? { id: r.id, name: r.nameZh, registrationCode: r.registrationCode } : null,
  };
}
