import type { Executor } from '../../kernel/db/tables.js';
import * as store from './store.js';
import { provideLabEgressReviews, provideLabGrantCheck } from '../sandbox/service.js';
import { labGrantCheck } from './usecases/egress-rectification.js';
import { labEgressReviews } from './usecases/egress-review.js';

export { labProductBasis, type LabProductBasis } from './usecases/product-basis.js';
// LAB-29: may an order of this lab's product for public governance or welfare be priced 0 (decision 0100).
export { labGovernanceFreeUse } from './usecases/product-use.js';

// LAB-33/LAB-34: the sandbox asks labs about a Workspace on a lab Grant (decision 0086).
provideLabGrantCheck(labGrantCheck);
// LAB-35: who reviews a lab EgressRequest and when its review is complete (decision 0100).
provideLabEgressReviews(labEgressReviews);

// The labs context's port: what other contexts may ask of it (style.md §1). Answers are plain values.

/**
 * PM-20 (products): a `lab_research` free order needs a Lab in state `active`. True when `labOrgId` (the lab's
 * partner or initiator) has an `active` lab whose certification covers `today` (YYYY-MM-DD).
 */
export async function isLabActive(db: Executor, labOrgId: string, today: string): Promise<boolean> {
  const labs = await store.listLabsOfOrg(db, labOrgId, ['active']);
  return labs.some((l) => !!l.certified_at && l.certified_at <= today && (!l.valid_to || today <= l.valid_to));
}
