import type { Kernel } from '../../../kernel/kernel.js';
import { notFound } from '../../../kernel/http/errors.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { organizationLifecycle } from '../lifecycle.js';
import * as store from '../store.js';

/**
 * IAM-15: sets or clears the organization's "in rectification" flag, which the permission check reads
 * (operating permissions → 403 ORG_IN_RECTIFICATION; reading and reporting remain). Called where a
 * rectification is ordered and where its fix is accepted (authorization's supervision hook). The
 * change is a transition of the Organization (its state does not move), so it is in the ledger.
 */
export async function setOrgRectification(k: Kernel, actor: Actor, orgId: string, on: boolean, reason: string) {
  return k.db.transaction().execute(async (trx) => {
    const o = await store.getOrg(trx, orgId, true);
    if (!o) throw notFound('Organization', orgId);
    if (o.in_rectification === on) return null;
    const action = `${on ? 'order' : 'lift'}_rectification${o.state === 'suspended' ? '_suspended' : ''}`;
    return transition(trx, k.workflow, {
      lifecycle: organizationLifecycle,
      action,
      actor,
      object: o,
      input: { reason },
      subject: {
        type: 'Organization',
        id: o.id,
        jurisdictionId: o.home_jurisdiction_id,
        jurisdictionPath: o.jurisdiction_path,
        ownerOrgId: o.id,
      },
      values: { in_rectification: on },
    });
  });
}
