import { z } from 'zod';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import { PageQuery } from '../../../kernel/http/pagination.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import type { Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { openChangeFiling } from './change-effects.js';
import { objectionLifecycle, resourceLifecycle } from '../lifecycle.js';
import { presentResourceObjection } from '../present.js';
import { resourceSubject } from './resources.js';
import * as store from '../store.js';
import { openTask } from './tasks.js';
import { type Tx } from '../../../kernel/db/tables.js';

/**
 * Objections about catalog data (异议; registration publicity objections are in registration.ts).
 * OBJ-01: everyone may report wrong or missing data; the assigned unit verifies, then corrects
 * (a new resource version; a correction/change filing when registered content changed) or
 * explains; where the profile allows (jilin) it deletes data infringing PI or trade secrets.
 * OBJ-02: the answer is due in `objection.answerDays` working days (set when filed).
 * OPN-05: a rights objection is `verifying` in the transaction that receives it, and the
 * unit's suspend button hides its fields from the open catalog in the same transaction.
 * CAT-06: an upheld `data_error` objection opens a rectification task.
 */

function objectionSubject(o: store.ObjectionRow, r: store.ResourceRow): Subject {
  return {
    type: 'Objection',
    id: o.id,
    jurisdictionId: r.jurisdiction_id,
    jurisdictionPath: r.jurisdiction_path,
    sourceUnitOrgIds: [r.source_unit_org_id],
    ownerOrgId: o.assigned_unit_id,
  };
}

/** Called by fileObjection in the receiving transaction for a resource objection. */
export async function onResourceObjectionFiled(trx: Tx, k: Kernel, id: string, r: store.ResourceRow): Promise<string> {
  const o = await store.getObjection(trx, id, true);
  if (!o) throw notFound('CatalogObjection', id); // filed in this transaction: never
  if (o.kind !== 'rights_infringement') return o.state;
  // OPN-05: verifying at once; with objection.autoSuspend the fields leave the open catalog now too.
  const res = await transition(trx, k.workflow, {
    lifecycle: objectionLifecycle,
    action: 'verify_on_receipt',
    actor: systemActor('objection-intake'),
    object: o,
    subject: objectionSubject(o, r),
    input: { rule: 'OPN-05' },
  });
  if (k.profile.get<boolean>('objection.autoSuspend')) await setOpenSuspended(trx, r.id, o.field_ids as string[], true);
  return res.state;
}

async function setOpenSuspended(trx: Tx, resourceId: string, fieldIds: string[], on: boolean) {
  if (!fieldIds.length) return;
  await trx
    .updateTable('data_field')
    .set({ open_suspended: on })
    .where('resource_id', '=', resourceId)
    .where('id', 'in', fieldIds)
    .execute();
}

export const ObjectionAction = z.enum([
  'verify',
  'suspend_fields',
  'reopen_fields',
  'explain',
  'correct',
  'withdraw_data',
  'delete',
  'close',
  'reject_invalid',
]);
export type ObjectionAction = z.infer<typeof ObjectionAction>;
export const ObjectionDecision = z.object({
  reason: z.string().max(2000).optional(),
  legalBasis: z.string().max(1000).optional(),
  /** Codes of the fields a correction changed (OBJ-01: registered content → correction filing). */
  changedFields: z.array(z.string().min(1).max(64)).max(200).optional(),
});
export type ObjectionDecision = z.infer<typeof ObjectionDecision>;

async function load(trx: Tx, a: Actor, id: string) {
  const o = await store.getObjection(trx, id, true);
  if (!o || o.registration_id || o.assigned_unit_id !== a.orgId) throw notFound('Objection', id);
  return { o, r: (await store.getResource(trx, o.resource_id as string, true))! };
}

export async function decideObjection(
  k: Kernel,
  a: Actor,
  id: string,
  action: ObjectionAction,
  body: ObjectionDecision,
) {
  return k.db.transaction().execute(async (trx) => {
    const { o, r } = await load(trx, a, id);
    const answer = ['explain', 'correct', 'withdraw_data', 'delete', 'reject_invalid'].includes(action)
      ? {
          answer: JSON.stringify({
            result: action,
            explanation: body.reason ?? null,
            legalBasis: body.legalBasis ?? null,
            by: a.userId,
            at: k.clock.now().toISOString(),
          }),
        }
      : {};
    const res = await transition(trx, k.workflow, {
      lifecycle: objectionLifecycle,
      action,
      actor: a,
      object: o,
      subject: objectionSubject(o, r),
      input: body,
      facts: { reason: body.reason, deleteAllowed: k.profile.get<boolean>('objection.allowDelete') },
      values: answer,
    });
    if (action === 'suspend_fields' || action === 'withdraw_data')
      await setOpenSuspended(trx, r.id, o.field_ids as string[], true);
    if (action === 'reopen_fields' || action === 'explain')
      await setOpenSuspended(trx, r.id, o.field_ids as string[], false);
    if (action === 'correct') await correctionEffects(trx, k, a, o, r, body);
    return res;
  });
}

/** OBJ-01 correction: a new resource version; registered content changed → correction filing; CAT-06 rectification. */
async function correctionEffects(
  trx: Tx,
  k: Kernel,
  a: Actor,
  o: store.ObjectionRow,
  r: store.ResourceRow,
  body: ObjectionDecision,
) {
  if (['published', 'suspended'].includes(r.state)) {
    await transition(trx, k.workflow, {
      lifecycle: resourceLifecycle,
      action: 'correct',
      actor: a,
      object: r,
      subject: resourceSubject(r),
      input: { objectionId: o.id, changedFields: body.changedFields ?? [] },
    });
  }
  if (r.registration_status === 'registered' && body.changedFields?.length) {
    await openChangeFiling(trx, k, r, 'OBJ-01', { changeId: o.id, type: 'correction', changed: body.changedFields });
  }
  if (o.kind === 'data_error') {
    await openTask(trx, k, {
      kind: 'rectification',
      ruleId: 'CAT-06',
      assigneeOrgId: r.source_unit_org_id,
      jurisdictionId: r.jurisdiction_id,
      jurisdictionPath: r.jurisdiction_path,
      resourceId: r.id,
      subjectType: 'Objection',
      subjectId: o.id,
      dedupeKey: `rectification:objection:${o.id}`,
      details: { cause: 'data_error_objection' },
      dueAt: k.calendar.dueAt(k.clock.now(), k.profile.get<number>('quality.rectificationDays')),
    });
  }
}

/** The unit's inbox of rights objections on its resources (OBJ-02), newest first. */
export async function listResourceObjections(k: Kernel, a: Actor, q: PageQuery) {
  if (!a.orgId) throw new AppError(403, 'FORBIDDEN');
  const rows = await k.db
    .selectFrom('catalog_objection')
    .selectAll()
    .where('assigned_unit_id', '=', a.orgId)
    .where('registration_id', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: rows.map((o) => presentResourceObjection(o, k.clock.now())), page: q.page, pageSize: q.pageSize };
}
