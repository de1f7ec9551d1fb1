import { z } from 'zod';
import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { actorRoleLifecycle } from '../lifecycle.js';
import { canReadOrg } from '../policy.js';
import * as store from '../store.js';

/**
 * Why an actor role ends (identity.md OrgActorRole active → ended: agreement ended or revoked).
 * `revoked_serious` is a revocation for obstructing supervision or fraud (PER-05, 000:L60–61).
 */
export const EndRoleInput = z.object({
  cause: z.enum(['agreement_ended', 'revoked', 'revoked_serious', 'admin']),
  reason: z.string().min(2).max(500),
  effectiveOn: z.string().date().optional(),
});
export type EndRoleInput = z.infer<typeof EndRoleInput>;

/** Ends an actor role (authority of its jurisdiction, or platform), recording the cause and the day it takes effect. */
export async function endActorRole(k: Kernel, actor: Actor, orgId: string, roleId: string, input: EndRoleInput) {
  return k.db.transaction().execute(async (trx) => {
    const o = await store.getOrg(trx, orgId);
    const r = await store.getActorRole(trx, roleId, true);
    if (!o || !r || r.org_id !== orgId || !canReadOrg(actor, o)) throw notFound('OrgActorRole', roleId);
    return transition(trx, k.workflow, {
      lifecycle: actorRoleLifecycle,
      action: 'end',
      actor,
      object: r,
      input,
      subject: {
        type: 'OrgActorRole',
        id: r.id,
        jurisdictionId: r.jurisdiction_id,
        jurisdictionPath: r.jurisdiction_path,
        ownerOrgId: orgId,
      },
      values: { end_cause: input.cause, ended_on: input.effectiveOn ?? shanghaiDate(k.clock.now()) },
    });
  });
}
