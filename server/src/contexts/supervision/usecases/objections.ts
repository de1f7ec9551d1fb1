import type { z } from 'zod';
import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { forbidden } from '../../../kernel/http/errors.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Tx } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { canRead, type Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { banLifecycle, creditRecordLifecycle } from '../lifecycle.js';
import { objectionLifecycle } from '../lifecycle-enforcement.js';
import type { DecideObjectionInput, ExternalRemedyInput, FileObjectionInput } from '../model-enforcement.js';
import { objectionDueAt, type ObjectionFiling } from '../rules-enforcement.js';
import * as store from '../store.js';
import * as enf from '../store-enforcement.js';
import { asStrings, mustRead } from './common.js';
import { creditSubject } from './credit.js';

/**
 * SupervisoryObjection (supervision.md ENF-09, 002:L227): the org a supervisory decision concerns objects to it; the
 * authority answers within `supervision.objectionWorkingDays` working days. Filing changes nothing on the target:
 * a suspension stays until the authority says otherwise, and that word is recorded on the decision (`suspendTarget`).
 */
export const objectionSubject = (r: enf.ObjectionRow): Subject => ({
  type: 'SupervisoryObjection',
  id: r.id,
  ownerOrgId: r.filed_by_org_id,
  partyOrgIds: [r.filed_by_org_id],
  jurisdictionId: r.jurisdiction_id,
  jurisdictionPath: asStrings(r.jurisdiction_path),
});

interface Target {
  orgId: string | null;
  jurisdictionId: string;
  jurisdictionPath: string[];
}
const target = (r: { jurisdiction_id: string; jurisdiction_path: unknown }, orgId: string | null): Target => ({
  orgId,
  jurisdictionId: r.jurisdiction_id,
  jurisdictionPath: asStrings(r.jurisdiction_path),
});

/** The decision objected to and the org it concerns. A Suspension is the one a Rectification ordered (ENF-02). */
async function findTarget(k: Kernel, type: string, id: string): Promise<Target | undefined> {
  if (type === 'Rectification' || type === 'Suspension') {
    const r = await store.getRectification(k.db, id);
    return r && (type === 'Rectification' || r.suspension) ? target(r, r.subject_org_id) : undefined;
  }
  if (type === 'Termination') {
    const r = await enf.getTermination(k.db, id);
    return r && target(r, r.subject_org_id);
  }
  if (type === 'Ban') {
    const r = await store.getBan(k.db, id);
    return r && target(r, r.org_id);
  }
  const r = await store.getCreditRecord(k.db, id);
  return r && target(r, r.subject_org_id);
}

export async function fileObjection(k: Kernel, actor: Actor, input: FileObjectionInput) {
  if (!actor.orgId) throw forbidden('FORBIDDEN', { reason: 'NO_ORG' });
  const t = await findTarget(k, input.targetType, input.targetId);
  const now = k.clock.now();
  const dueAt = objectionDueAt(now, k.calendar, k.profile);
  const id = uuidv7();
  const facts: ObjectionFiling = {
    grounds: input.grounds,
    targetFound: !!t,
    targetIsFilers: !!t && t.orgId === actor.orgId,
  };
  // An unknown target and another org's decision answer alike (ENF-09's 404): nothing is learnt about others.
  const where = t ?? { jurisdictionId: '', jurisdictionPath: [] };
  return k.db.transaction().execute(async (trx) => {
    await transition(trx, k.workflow, {
      lifecycle: objectionLifecycle,
      action: 'file',
      actor,
      object: null,
      subject: {
        type: 'SupervisoryObjection',
        id,
        ownerOrgId: actor.orgId,
        partyOrgIds: [actor.orgId!],
        jurisdictionId: where.jurisdictionId,
        jurisdictionPath: where.jurisdictionPath,
      },
      facts,
      input,
      values: {
        id,
        target_type: input.targetType,
        target_id: input.targetId,
        filed_by_org_id: actor.orgId!,
        filed_by: actor.userId ?? null,
        grounds: input.grounds,
        evidence_file_ids: JSON.stringify(input.evidenceFileIds),
        filed_at: now,
        due_at: dueAt,
        provisional: k.calendar.isProvisional(Number(shanghaiDate(dueAt).slice(0, 4))),
        jurisdiction_id: where.jurisdictionId,
        jurisdiction_path: JSON.stringify(where.jurisdictionPath),
      },
    });
    // CRD / ENF-09: an objection holds a published credit record (published → objection_pending).
    if (input.targetType === 'CreditRecord') await holdCreditRecord(trx, k, actor, input.targetId, id);
    return (await enf.getObjection(trx, id))!;
  });
}

async function holdCreditRecord(trx: Tx, k: Kernel, actor: Actor, recordId: string, objectionId: string) {
  const r = await store.getCreditRecord(trx, recordId, true);
  if (r?.state !== 'published') return;
  await transition(trx, k.workflow, {
    lifecycle: creditRecordLifecycle,
    action: 'object',
    actor,
    object: r,
    subject: { ...creditSubject(r), partyOrgIds: r.subject_org_id ? [r.subject_org_id] : [] },
    input: { objectionId },
  });
}

/**
 * ENF-09: "a decision that upholds it creates a new version of the target" — an upheld objection lifts a Ban and
 * revokes a CreditRecord (which leaves public view); any other outcome publishes the held record again. A
 * Rectification, Suspension or Termination is changed only by its own decision (the authority acts there).
 */
async function applyDecision(trx: Tx, k: Kernel, actor: Actor, o: enf.ObjectionRow, decision: string) {
  const input = { objectionId: o.id, decision };
  if (o.target_type === 'Ban' && decision === 'upheld') {
    const b = await store.getBan(trx, o.target_id);
    if (b?.state !== 'active') return;
    await transition(trx, k.workflow, {
      lifecycle: banLifecycle,
      action: 'lift',
      actor,
      object: b,
      subject: {
        type: 'Ban',
        id: b.id,
        ownerOrgId: b.org_id,
        jurisdictionId: b.jurisdiction_id,
        jurisdictionPath: asStrings(b.jurisdiction_path),
      },
      input,
      values: { lift_reason: o.decision_reason },
    });
  }
  if (o.target_type !== 'CreditRecord') return;
  const r = await store.getCreditRecord(trx, o.target_id, true);
  if (r?.state !== 'objection_pending') return;
  await transition(trx, k.workflow, {
    lifecycle: creditRecordLifecycle,
    action: decision === 'upheld' ? 'uphold_objection' : 'dismiss_objection',
    actor,
    object: r,
    subject: creditSubject(r),
    input,
  });
}

export async function getObjection(k: Kernel, actor: Actor, id: string) {
  return mustRead(await enf.getObjection(k.db, id), actor, objectionSubject, 'SupervisoryObjection', id);
}

/** `/supervisory-objections?target=`: the objections on one decision that the actor may see. */
export async function listObjections(k: Kernel, actor: Actor, targetId: string) {
  return (await enf.listObjectionsOf(k.db, targetId)).filter((r) => canRead(actor, objectionSubject(r)));
}

type Plan = {
  action: string;
  facts?: unknown;
  input?: unknown;
  values: Record<string, unknown>;
  /** What the step does to the target, in the same transaction, once the objection row moved. */
  after?: (trx: Tx, o: enf.ObjectionRow) => Promise<void>;
};
async function step(k: Kernel, actor: Actor, id: string, plan: (r: enf.ObjectionRow) => Plan) {
  return k.db.transaction().execute(async (trx) => {
    const r = mustRead(await enf.getObjection(trx, id, true), actor, objectionSubject, 'SupervisoryObjection', id);
    const p = plan(r);
    await transition(trx, k.workflow, {
      lifecycle: objectionLifecycle,
      action: p.action,
      actor,
      object: r,
      subject: objectionSubject(r),
      facts: p.facts ?? {},
      input: p.input,
      values: p.values,
    });
    const o = (await enf.getObjection(trx, id))!;
    await p.after?.(trx, o);
    return o;
  });
}

/** The authority's answer; `late` records an answer after the working-day clock ran out (ENF-09). */
export function decideObjection(k: Kernel, actor: Actor, id: string, input: z.infer<typeof DecideObjectionInput>) {
  const now = k.clock.now();
  const after = (trx: Tx, o: enf.ObjectionRow) => applyDecision(trx, k, actor, o, input.decision);
  return step(k, actor, id, (r) => ({
    after,
    action: 'decide',
    facts: { reason: input.reason },
    input,
    values: {
      decision: input.decision,
      decision_reason: input.reason,
      suspend_target: input.suspendTarget,
      decided_by: actor.userId ?? null,
      decided_at: now,
      late: now > r.due_at,
    },
  }));
}

/** 行政复议 / 行政诉讼 after the decision (supervision.md SupervisoryObjection.externalRemedy), by the objector. */
export function recordExternalRemedy(k: Kernel, actor: Actor, id: string, input: z.infer<typeof ExternalRemedyInput>) {
  return step(k, actor, id, () => ({
    action: 'record_remedy',
    input,
    values: { external_remedy: JSON.stringify(input) },
  }));
}
