import type { z } from 'zod';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import type { Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { creditRecordLifecycle } from '../lifecycle.js';
import { CreditRecordView, type RecordCreditInput } from '../model.js';
import * as store from '../store.js';
import { asStrings, authorityRole, mustRead, today } from './common.js';

/** Credit records (supervision.md CRD-01…CRD-03): recorded, determined on a basis, published, repaired or expired. */

export const creditSubject = (r: store.CreditRecordRow): Subject => ({
  type: 'CreditRecord',
  id: r.id,
  ownerOrgId: r.subject_org_id,
  jurisdictionId: r.jurisdiction_id,
  jurisdictionPath: asStrings(r.jurisdiction_path),
});
// The repair column holds a value we wrote in that shape.
export const repairOf = (r: store.CreditRecordRow) => CreditRecordView.shape.repair.parse(r.repair);

export async function recordCredit(k: Kernel, actor: Actor, input: z.infer<typeof RecordCreditInput>) {
  const role = authorityRole(actor);
  const id = uuidv7();
  return k.db.transaction().execute(async (trx) => {
    await transition(trx, k.workflow, {
      lifecycle: creditRecordLifecycle,
      action: 'record',
      actor,
      object: null,
      subject: {
        type: 'CreditRecord',
        id,
        ownerOrgId: input.subjectOrgId ?? null,
        jurisdictionId: role.jurisdictionId,
        jurisdictionPath: role.jurisdictionPath,
      },
      facts: {},
      input,
      values: {
        id,
        subject_uscc: input.subjectUscc,
        subject_org_id: input.subjectOrgId ?? null,
        kind: input.kind,
        area: input.area,
        facts: input.facts,
        joint_punishment: input.jointPunishment,
        jurisdiction_id: role.jurisdictionId,
        jurisdiction_path: JSON.stringify(role.jurisdictionPath),
        created_by: actor.userId ?? null,
      },
    });
    return (await store.getCreditRecord(trx, id))!;
  });
}

export async function getCreditRecord(k: Kernel, actor: Actor, id: string) {
  return mustRead(await store.getCreditRecord(k.db, id), actor, creditSubject, 'CreditRecord', id);
}

export function determineCredit(k: Kernel, actor: Actor, id: string, basisDecisionId: string) {
  return step(k, actor, id, () => ({
    action: 'determine',
    facts: { basisDecisionId },
    values: { basis_decision_id: basisDecisionId },
  }));
}

/** CRD-02: published from today until `publicUntil` (a validity period, never moved: CAL-03). */
export function publishCredit(k: Kernel, actor: Actor, id: string, publicUntil: string) {
  return step(k, actor, id, () => ({
    action: 'publish',
    facts: {},
    values: { public_from: today(k), public_until: publicUntil },
  }));
}

/** CRD-03: repair after `credit.minPublicMonths`; the record leaves public view and stays on file. */
export function repairCredit(k: Kernel, actor: Actor, id: string, evidence: string) {
  const now = k.clock.now().toISOString();
  return step(k, actor, id, (r) => ({
    action: 'repair',
    facts: { publicFrom: r.public_from, today: today(k) },
    values: { repair: JSON.stringify({ requestedAt: now, evidence, decidedAt: now }) },
  }));
}

export function listPublicCredit(k: Kernel) {
  return store.listPublishedCredit(k.db, today(k));
}

type Plan = { action: string; facts: unknown; values: Record<string, unknown> };
async function step(k: Kernel, actor: Actor, id: string, plan: (r: store.CreditRecordRow) => Plan) {
  return k.db.transaction().execute(async (trx) => {
    const r = mustRead(await store.getCreditRecord(trx, id, true), actor, creditSubject, 'CreditRecord', id);
    const p = plan(r);
    await transition(trx, k.workflow, {
      lifecycle: creditRecordLifecycle,
      action: p.action,
      actor,
      object: r,
      subject: creditSubject(r),
      facts: p.facts,
      values: p.values,
    });
    return (await store.getCreditRecord(trx, id))!;
  });
}

/** The day after publicUntil a published record expires and leaves public view (kept on file). */
export async function runCreditClocks(k: Kernel) {
  const actor = systemActor('supervision.credit');
  let expired = 0;
  for (const r of await store.listCreditPastPublication(k.db, today(k))) {
    await k.db.transaction().execute(async (trx) => {
      const row = await store.getCreditRecord(trx, r.id, true);
      if (!row || row.version !== r.version) return;
      await transition(trx, k.workflow, {
        lifecycle: creditRecordLifecycle,
        action: 'expire',
        actor,
        object: row,
        subject: creditSubject(row),
      });
      expired++;
    });
  }
  return { expired };
}
