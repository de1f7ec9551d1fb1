import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { authorize } from '../../../kernel/workflow/authorize.js';
import { publicBodiesActingAs } from '../../identity/service.js';
import type { ContractFiled } from '../../products/service.js';
import { ApplyInput } from '../model.js';
import * as store from '../store.js';
import { orgInfo, type OrgInfo } from './orgs.js';
import { openRegistration } from './registrations.js';

/**
 * RA-08, first half (decision 0083): an e-contract filed with the exchange registers itself, in the filing's own
 * transaction, as a `license` registration — the buyer licensed to use the product, held by the seller (operator),
 * applied for by the seller, contract date = filing date — without anyone re-entering it. Its `exchangeTradeRef`
 * (the contract number) waives the materials (RA-07). A contract filed on the platform registers nothing.
 */
export async function registerExchangeContract(k: Kernel, f: ContractFiled): Promise<void> {
  if (f.filedWith !== 'exchange') return;
  // Idempotent: the filing locks the contract row, so a retry or a second filing sees the first registration.
  if (await store.registrationOfTradeRef(f.trx, f.contractNo, 'license')) return;
  // Reads go through the filing's transaction: PGlite has one connection, a read on k.db would wait for itself.
  const kt: Kernel = { ...k, db: f.trx };
  const registry = await registryServing(kt, f.jurisdictionId);
  // No registry serves the venue's jurisdiction (or several do): the filing stands and nothing is recorded; the
  // seller registers the licence through the wizard, where the registry is chosen by a person.
  if (!registry) return;
  // The seller's registered right in the product is the licence's base (RA-01); without one the draft waits for
  // the seller to name it.
  const base = await store.registeredFirstOfProduct(f.trx, f.sellerOrgId, f.productId);
  const input = ApplyInput.parse({
    profile: k.profile.id,
    regType: 'license',
    rightType: 'product_operation',
    subjectKind: 'data_product',
    registryOrgId: registry.id,
    holderOrgId: f.sellerOrgId,
    counterpartyOrgId: f.buyerOrgId,
    baseRegistrationId: base?.id,
    objectInfo: { name: f.productName, source: 'authorized', productId: f.productId },
    // Both parties signed the filed contract: its content is agreed.
    contentAgreed: true,
    exchangeTradeRef: f.contractNo,
    contractDate: shanghaiDate(f.filedAt),
  });
  const subject = {
    type: 'RightsRegistration',
    id: f.contractId,
    ownerOrgId: registry.id,
    partyOrgIds: [f.sellerOrgId, f.buyerOrgId],
  };
  // The filer acts for the seller; one who may file but not apply (a signatory, a system meter) leaves the
  // licence to the wizard rather than failing the filing.
  if (!authorize(f.actor, 'rights.apply', subject, k.clock.now(), k.profile).allowed) return;
  await openRegistration(f.trx, kt, f.actor, f.sellerOrgId, input, registry);
}

/** The one active registry whose home jurisdiction is the venue's; none when there is none or several. */
async function registryServing(kt: Kernel, jurisdictionId: string | null): Promise<OrgInfo | null> {
  if (!jurisdictionId) return null;
  const found: OrgInfo[] = [];
  for (const r of await publicBodiesActingAs(kt, 'registry')) {
    const info = await orgInfo(kt, r.id);
    if (info.jurisdictionId === jurisdictionId && info.actors.includes('registry')) found.push(info);
  }
  return found.length === 1 ? found[0]! : null;
}
