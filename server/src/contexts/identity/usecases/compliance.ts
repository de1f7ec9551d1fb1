import { z } from 'zod';
import type { Tx } from '../../../kernel/db/tables.js';
import { notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { canRead, type Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { membershipLifecycle } from '../lifecycle.js';
import type { ComplianceFacts } from '../rules.js';
import { orgSubject } from '../policy.js';
import * as store from '../store.js';

// PER-06 (004:L8087–8089): an active exchange has exactly one compliance officer in a senior-management position.

export const PositionInput = z.object({
  title: z.string().min(2).max(80),
  appointmentDocRef: z.string().min(2).max(200),
});
export type PositionInput = z.infer<typeof PositionInput>;

const OFFICER = 'compliance_officer';
const hasPosition = (m: store.MembershipRow) => {
  const p = m.position as { title?: string; appointmentDocRef?: string; attestedBy?: string } | null;
  return !!(p?.title && p.appointmentDocRef && p.attestedBy);
};

/** org_admin records a member's senior-management position (title + appointment document), never their own. */
export async function recordPosition(
  k: Kernel,
  actor: Actor,
  orgId: string,
  membershipId: string,
  input: PositionInput,
) {
  return k.db.transaction().execute(async (trx) => {
    const o = await store.getOrg(trx, orgId);
    const m = await store.getMembership(trx, membershipId, true);
    if (!o || !m || m.org_id !== orgId || !canRead(actor, orgSubject(o))) throw notFound('Membership', membershipId);
    const position = { ...input, attestedBy: actor.userId ?? null, attestedAt: k.clock.now().toISOString() };
    return transition(trx, k.workflow, {
      lifecycle: membershipLifecycle,
      action: 'set_position',
      actor,
      object: m,
      input,
      subject: { ...orgSubject(o), type: 'Membership', id: m.id, createdBy: null, subjectUserId: m.user_id },
      values: { position: JSON.stringify(position) },
    });
  });
}

/** The officers an org would have if `change` (a membership and its new roles) were applied. */
export async function complianceAfter(
  trx: Tx,
  orgId: string,
  change: { membershipId: string; roles: string[] },
): Promise<ComplianceFacts> {
  const members = (await store.listMembers(trx, orgId)).filter((m) => m.state === 'active');
  const after = members
    .map((m) => (m.id === change.membershipId ? { ...m, roles: change.roles } : m))
    .filter((m) => m.roles.includes(OFFICER));
  return { officersAfter: after.length, allHavePosition: after.every(hasPosition) };
}

/** Set-roles facts: only when the org is an active exchange and the change adds or removes the officer role. */
export async function complianceForRoleChange(
  trx: Tx,
  orgId: string,
  m: store.MembershipRow,
  roles: string[],
  actorTypes: string[],
) {
  if (!actorTypes.includes('exchange') || m.roles.includes(OFFICER) === roles.includes(OFFICER)) return null;
  return complianceAfter(trx, orgId, { membershipId: m.id, roles });
}

/** Exchange grant facts: the named appointee counted as the officer. */
export async function complianceForExchangeGrant(
  trx: Tx,
  orgId: string,
  appointeeId: string | undefined,
): Promise<ComplianceFacts> {
  const m = appointeeId ? await store.getMembership(trx, appointeeId) : undefined;
  if (appointeeId && (!m || m.org_id !== orgId || m.state !== 'active'))
    return { officersAfter: 0, allHavePosition: false };
  return complianceAfter(
    trx,
    orgId,
    m ? { membershipId: m.id, roles: [...new Set([...m.roles, OFFICER])] } : { membershipId: '', roles: [] },
  );
}

/** After the exchange role is granted: the appointee takes the officer role in the same transaction. */
export async function appointComplianceOfficer(
  trx: Tx,
  k: Kernel,
  actor: Actor,
  subject: Subject,
  appointeeId: string,
) {
  const m = (await store.getMembership(trx, appointeeId, true))!;
  if (m.roles.includes(OFFICER)) return;
  await transition(trx, k.workflow, {
    lifecycle: membershipLifecycle,
    action: 'appoint_compliance_officer',
    actor,
    object: m,
    input: { role: OFFICER },
    subject: { ...subject, type: 'Membership', id: m.id },
    values: { roles: JSON.stringify([...m.roles, OFFICER]) },
  });
}
