import type { Executor } from '../../../kernel/db/tables.js';
import type { Profile } from '../../../kernel/profiles/index.js';
import { LAB_29 } from '../rules-products.js';
import * as store from '../store.js';

/**
 * LAB-29 for products' order pricing (decision 0100): may an order of this lab's product for public governance or
 * welfare be priced 0? The lab's agreement in force (its current one) must state the initiator's product use, and
 * the profile switch must be on.
 */
export async function labGovernanceFreeUse(db: Executor, profile: Profile, labId: string): Promise<boolean> {
  const lab = await store.getLab(db, labId);
  const agreement = lab?.current_agreement_id ? await store.getAgreement(db, lab.current_agreement_id) : undefined;
  const agreementAllows = !!agreement?.initiator_product_use?.trim();
  return LAB_29.check({ agreementAllows }, profile).ok;
}
