import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { setOrgRectification } from '../../identity/service.js';
import { collaborationLifecycle } from '../lifecycle.js';
import * as store from '../store.js';
import { collaborationSubject } from '../subjects.js';
import { resumeAgreement, suspendAgreement } from './agreements.js';

// Supervision's hook into authorization (AUTH-24, supervision.md Rectification): an order against an
// operator suspends its agreements (and with them every grant and collaboration); an order against a
// collaborator suspends its collaborations only. Acceptance of the fix lifts exactly that.

/** Suspends what a rectification order against orgId covers; returns the ids touched. */
export async function applyRectification(
  k: Kernel,
  actor: Actor,
  o: { orgId: string; reason: string; deadline: string },
) {
  // IAM-15 first: from now on the org's members are refused operating actions (ORG_IN_RECTIFICATION).
  await setOrgRectification(k, actor, o.orgId, true, o.reason);
  const agreements = await store.listAgreementsInForceForOperator(k.db, o.orgId);
  const suspended: string[] = [];
  for (const a of agreements.filter((x) => x.state !== 'suspended')) {
    await suspendAgreement(k, actor, a.id, { reason: o.reason, rectificationDeadline: o.deadline });
    suspended.push(a.id);
  }
  const collaborations = await changeCollaborationsOf(k, actor, o.orgId, 'suspend', ['active', 'filed']);
  return { agreementIds: suspended, collaborationIds: collaborations };
}

/** The authority accepted the fix: the suspended agreements and collaborations of orgId resume. */
export async function liftRectification(k: Kernel, actor: Actor, o: { orgId: string; reason: string }) {
  const agreements = (await store.listAgreementsInForceForOperator(k.db, o.orgId)).filter(
    (x) => x.state === 'suspended',
  );
  for (const a of agreements) await resumeAgreement(k, actor, a.id, { reason: o.reason });
  const collaborations = await changeCollaborationsOf(k, actor, o.orgId, 'resume', ['suspended']);
  await setOrgRectification(k, actor, o.orgId, false, o.reason); // IAM-15 lifted last
  return { agreementIds: agreements.map((a) => a.id), collaborationIds: collaborations };
}

async function changeCollaborationsOf(
  k: Kernel,
  actor: Actor,
  orgId: string,
  action: 'suspend' | 'resume',
  states: string[],
) {
  return k.db.transaction().execute(async (trx) => {
    const rows = await store.listCollaborationsOfCollaborator(trx, orgId, states);
    for (const c of rows) {
      const g = (await store.getGrant(trx, c.grant_id))!;
      await transition(trx, k.workflow, {
        lifecycle: collaborationLifecycle,
        action,
        actor,
        object: c,
        subject: collaborationSubject(c, g),
        input: { cause: 'rectification' },
      });
    }
    return rows.map((c) => c.id as string);
  });
}
