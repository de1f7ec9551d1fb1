import { forbidden } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { activeActorRoles, type Actor } from '../../../kernel/workflow/actor.js';
import { orgDirectory } from '../../identity/service.js';
import { PARTNER_KINDS } from '../model.js';

/**
 * The initiator chooses its partner (labs.md actors; 000:L15): active organizations of the kinds the measures allow
 * (LAB-07), by name or USCC, through identity's register directory. Only a lab initiator asks; the list never names
 * the asker itself. A ban is not filtered here: LAB-05 refuses it at submission with its end date.
 */
export async function partnerCandidates(k: Kernel, actor: Actor, q?: string) {
  if (!actor.orgId || !activeActorRoles(actor, 'lab_initiator').length) throw forbidden('LAB_NOT_PARTY');
  const rows = await orgDirectory(k, { q, kinds: PARTNER_KINDS, limit: 51 });
  return rows.filter((o) => o.id !== actor.orgId).slice(0, 50);
}
