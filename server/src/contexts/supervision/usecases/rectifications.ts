import type { z } from 'zod';
import { badInput } from '../../../kernel/http/errors.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { activeActorRoles, systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import type { Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { applyRectification, liftRectification } from '../../authorization/service.js';
import { rectificationLifecycle } from '../lifecycle.js';
import { proposeTerminationsForOverdue } from './termination.js';
import {
  RectificationItem,
  RectificationView,
  type DecideRectificationInput,
  type OrderRectificationInput,
} from '../model.js';
import { rectificationDeadline } from '../rules.js';
import * as store from '../store.js';
import { asStrings, authorityRole, mustRead, today } from './common.js';

/**
 * Rectification (supervision.md ENF-01…ENF-03). A `rectification` order suspends what authorization's
 * `applyRectification` covers (the operator's agreements with their Grants, or the collaborator's collaborations,
 * and the IAM-15 flag); acceptance lifts exactly that. An `interview` (约谈) suspends nothing.
 */
export const rectificationSubject = (r: store.RectificationRow): Subject => ({
  type: 'Rectification',
  id: r.id,
  ownerOrgId: r.subject_org_id,
  partyOrgIds: [r.orderer_org_id],
  jurisdictionId: r.jurisdiction_id,
  jurisdictionPath: asStrings(r.jurisdiction_path),
});
// Columns we wrote from these schemas.
export const itemsOf = (r: store.RectificationRow) => RectificationItem.array().parse(r.items);
export const suspensionOf = (r: store.RectificationRow) => RectificationView.shape.suspension.parse(r.suspension);

/**
 * The authority orders (ENF-01); a lab_initiator orders its lab's rectification (labs.md LAB-19/LAB-23), which
 * suspends nothing here: ENF-02 is for operators and collaborators, labs freeze their own egress (LAB-34).
 */
function ordererRole(actor: Actor) {
  const lab = activeActorRoles(actor, 'lab_initiator')[0];
  if (lab && !activeActorRoles(actor, 'authority').length) return { role: lab, authority: false };
  return { role: authorityRole(actor), authority: true };
}

export async function orderRectification(k: Kernel, actor: Actor, input: OrderRectificationInput) {
  const { role, authority } = ordererRole(actor);
  const deadline = rectificationDeadline(today(k), k.calendar, k.profile, input.deadline);
  const id = uuidv7();
  const items = input.items.map((i) => ({ ...i, evidenceFileIds: [], rejectionReason: null }));
  await k.db.transaction().execute((trx) =>
    transition(trx, k.workflow, {
      lifecycle: rectificationLifecycle,
      action: 'order',
      actor,
      object: null,
      subject: {
        type: 'Rectification',
        id,
        ownerOrgId: input.subjectOrgId,
        partyOrgIds: actor.orgId ? [actor.orgId] : [],
        jurisdictionId: role.jurisdictionId,
        jurisdictionPath: role.jurisdictionPath,
      },
      facts: { deadline, today: today(k) },
      input,
      values: {
        id,
        subject_org_id: input.subjectOrgId,
        measure: input.measure,
        basis: JSON.stringify(input.basis),
        items: JSON.stringify(items),
        deadline,
        ordered_by: actor.userId ?? null,
        orderer_org_id: actor.orgId,
        jurisdiction_id: role.jurisdictionId,
        jurisdiction_path: JSON.stringify(role.jurisdictionPath),
      },
    }),
  );
  if (input.measure === 'rectification' && authority) {
    // ENF-02 through authorization's own use case (its transactions; the order above is already on file).
    const s = await applyRectification(k, actor, { orgId: input.subjectOrgId, reason: `整改令 ${id}`, deadline });
    const suspension = { ...s, suspendedAt: k.clock.now().toISOString(), restoredAt: null };
    await k.db.transaction().execute((trx) => store.setRectificationSuspension(trx, id, JSON.stringify(suspension)));
  }
  return (await store.getRectification(k.db, id))!;
}

export async function getRectification(k: Kernel, actor: Actor, id: string) {
  return mustRead(await store.getRectification(k.db, id), actor, rectificationSubject, 'Rectification', id);
}

/** The subject org submits evidence for every item (one list of file ids per item). */
export function submitRectification(k: Kernel, actor: Actor, id: string, evidence: string[][]) {
  return step(k, actor, id, (r) => {
    const items = itemsOf(r);
    if (evidence.length !== items.length) throw badInput('RECTIFICATION_EVIDENCE_REQUIRED', { item: items.length });
    const next = items.map((i, n) => ({ ...i, evidenceFileIds: evidence[n] ?? [], rejectionReason: null }));
    return { action: 'submit', facts: { items: next }, values: { items: JSON.stringify(next) } };
  });
}

/** The orderer accepts (suspension lifted) or rejects with a reason per item (the deadline keeps running). */
export async function decideRectification(
  k: Kernel,
  actor: Actor,
  id: string,
  input: z.infer<typeof DecideRectificationInput>,
) {
  const row = await step(k, actor, id, (r) => {
    const items = itemsOf(r);
    const rejected = input.outcome === 'rejected';
    const next = rejected ? items.map((i, n) => ({ ...i, rejectionReason: input.reasons[n] ?? null })) : items;
    return {
      action: rejected ? 'reject' : 'accept',
      facts: { outcome: input.outcome, reasons: input.reasons, itemCount: items.length },
      values: { items: JSON.stringify(next), decision: input.outcome },
    };
  });
  const s = suspensionOf(row);
  if (row.state !== 'accepted' || !s) return row;
  await liftRectification(k, actor, { orgId: row.subject_org_id, reason: `整改验收通过 ${id}` });
  const restored = { ...s, restoredAt: k.clock.now().toISOString() };
  await k.db.transaction().execute((trx) => store.setRectificationSuspension(trx, id, JSON.stringify(restored)));
  return (await store.getRectification(k.db, id))!;
}

type Plan = { action: string; facts: unknown; values: Record<string, unknown> };
async function step(k: Kernel, actor: Actor, id: string, plan: (r: store.RectificationRow) => Plan) {
  return k.db.transaction().execute(async (trx) => {
    const r = mustRead(await store.getRectification(trx, id, true), actor, rectificationSubject, 'Rectification', id);
    const p = plan(r);
    await transition(trx, k.workflow, {
      lifecycle: rectificationLifecycle,
      action: p.action,
      actor,
      object: r,
      subject: rectificationSubject(r),
      facts: p.facts,
      values: p.values,
    });
    return (await store.getRectification(trx, id))!;
  });
}

/** ENF-03 clock: the day after the deadline an unfinished rectification is overdue (the authority then decides). */
export async function runRectificationClocks(k: Kernel) {
  const actor = systemActor('supervision.rectifications');
  const day = today(k);
  let overdue = 0;
  for (const r of await store.listRectificationsPastDeadline(k.db, day)) {
    await k.db.transaction().execute(async (trx) => {
      const row = await store.getRectification(trx, r.id, true);
      if (!row || row.version !== r.version) return;
      await transition(trx, k.workflow, {
        lifecycle: rectificationLifecycle,
        action: 'overdue',
        actor,
        object: row,
        subject: rectificationSubject(row),
        facts: { deadline: row.deadline, today: day },
      });
      overdue++;
    });
    // ENF-03: the overdue order proposes terminating the agreements it suspended (the authority decides).
    const row = await store.getRectification(k.db, r.id);
    const s = row?.state === 'overdue' ? suspensionOf(row) : null;
    if (s) await proposeTerminationsForOverdue(k, { id: r.id, agreementIds: s.agreementIds });
  }
  return { overdue };
}
