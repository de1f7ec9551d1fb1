import { forbidden } from '../../../kernel/http/errors.js';
import type { Executor } from '../../../kernel/db/tables.js';
import { labProductIpOwner } from '../../products/service.js';
import type { ApplyInput } from '../model.js';

/**
 * labs.md LAB-32 (000:L34): a lab product's IP belongs to the lab partner, so only the partner applies to register
 * it, as its holder; the initiator (or anyone else) is refused. Products other than lab products are not judged here.
 */
export async function checkLabProductOwner(db: Executor, applicantOrgId: string, input: ApplyInput): Promise<void> {
  const productId = input.objectInfo.productId;
  if (!productId) return;
  const owner = await labProductIpOwner(db, productId);
  if (owner && (applicantOrgId !== owner || input.holderOrgId !== owner))
    throw forbidden('LAB_PRODUCT_IP_OWNER', { productId, ruleId: 'LAB-32' });
}
