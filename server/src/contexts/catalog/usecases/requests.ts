import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { activeActorRoles, systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { dataRequestLifecycle } from '../lifecycle.js';
import type { DataRequestInput, Grade } from '../model.js';
import { presentRequest } from '../present.js';
import { loadReadable, resourceSubject } from './resources.js';
import * as store from '../store.js';
import { approverFacts, withDeliverClock } from './request-steps.js';

/**
 * ShareRequest (gov → gov, SHR-01..04) and OpenRequest (OPN-01, OPN-04): one table, one
 * lifecycle. Unconditional requests are approved in the receiving transaction (SHR-03);
 * the others get the profile's reply clock.
 */
export async function fileRequest(k: Kernel, actor: Actor, kind: 'share' | 'open', input: DataRequestInput) {
  if (!actor.orgId) throw new AppError(401, 'UNAUTHENTICATED');
  return k.db.transaction().execute(async (trx) => {
    const r = await loadReadable(trx, actor, input.resourceId, true);
    const fields = await store.listFields(trx, r.id);
    const chosen = input.fieldIds.map((id) => fields.find((f) => f.id === id));
    if (chosen.some((f) => !f))
      throw new AppError(422, 'FIELD_UNKNOWN', {
        fieldId: input.fieldIds.find((id) => !fields.some((f) => f.id === id)),
      });
    const facts = {
      ...input,
      kind,
      resourceOpenClass: r.open_class,
      resourceShareClass: r.share_class,
      fieldGrades: chosen.map((f) => (f!.grade ?? 'general') as Grade),
    };
    const id = randomUUID();
    const now = k.clock.now();
    const subject = { ...resourceSubject(r), type: 'DataRequest', partyOrgIds: [actor.orgId!] };
    const approverModel = kind === 'share' ? k.profile.get<string>('share.approverModel') : 'provider';
    await transition(trx, k.workflow, {
      lifecycle: dataRequestLifecycle,
      action: 'submit',
      actor,
      object: null,
      subject,
      facts,
      input: { ...input, kind },
      values: {
        id,
        kind,
        requester_org_id: actor.orgId,
        resource_id: r.id,
        field_ids: input.fieldIds,
        body: JSON.stringify(input),
        approver_model: approverModel,
      },
    });
    const cls = kind === 'share' ? r.share_class : r.open_class;
    const unconditional = cls === 'unconditional' && input.accessMode === 'request_response';
    const row = (await store.getDataRequest(trx, id, true))!;
    const replyDays = k.profile.get<number>(kind === 'share' ? 'share.replyDays' : 'open.replyDays');
    return transition(trx, k.workflow, {
      lifecycle: dataRequestLifecycle,
      action: unconditional ? 'approve_at_once' : 'start_review',
      actor: systemActor('request-intake'),
      object: row,
      subject,
      input: { rule: unconditional ? 'SHR-03' : null },
      values: unconditional
        ? {
            decision: JSON.stringify({
              result: 'approved',
              reasons: 'unconditional (SHR-03)',
              decidedAt: now.toISOString(),
            }),
          }
        : { clocks: JSON.stringify({ replyDue: k.calendar.dueAt(now, replyDays).toISOString() }) },
    });
  });
}

/** The provider (or the authority, per approverModel) approves or refuses with reasons and legal basis (SHR-04). */
export async function decideRequest(
  k: Kernel,
  actor: Actor,
  id: string,
  action: 'approve' | 'refuse',
  body: { reason?: string; legalBasis?: string },
) {
  return k.db.transaction().execute(async (trx) => {
    const q = await store.getDataRequest(trx, id, true);
    if (!q) throw notFound('DataRequest', id);
    const r = await store.getResource(trx, q.resource_id as string);
    if (
      !r ||
      (actor.orgId !== q.requester_org_id &&
        actor.orgId !== r.source_unit_org_id &&
        !actor.readableJurisdictionIds.includes(r.jurisdiction_id))
    )
      throw notFound('DataRequest', id);
    const fields = await store.listFields(trx, r.id);
    const facts = {
      ...body,
      kind: q.kind,
      resourceOpenClass: r.open_class,
      resourceShareClass: r.share_class,
      fieldGrades: fields
        .filter((f) => (q.field_ids as string[]).includes(f.id))
        .map((f) => (f.grade ?? 'general') as Grade),
      ...approverFacts(actor, q, r),
    };
    const now = k.clock.now();
    return transition(trx, k.workflow, {
      lifecycle: dataRequestLifecycle,
      action,
      actor,
      object: q,
      subject: { ...resourceSubject(r), type: 'DataRequest' },
      facts,
      input: body,
      values: {
        decision: JSON.stringify({
          result: action === 'approve' ? 'approved' : 'refused',
          reasons: body.reason ?? null,
          legalBasis: body.legalBasis ?? null,
          decidedBy: actor.userId,
          decidedAt: now.toISOString(),
        }),
        clocks: JSON.stringify(action === 'approve' ? withDeliverClock(k, q, now) : q.clocks),
        overdue: false,
      },
    });
  });
}

export async function listRequests(k: Kernel, actor: Actor, q: { kind?: string; page: number; pageSize: number }) {
  const { rows, total } = await store.listDataRequests(
    k.db,
    actor,
    q.kind ?? null,
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  const reviewer = actor.roles.includes('reviewer');
  const decidable = ['under_review', 'extended', 'provider_consulted', 'escalated'];
  const items = rows.map((x) => ({
    ...presentRequest(x),
    requesterName: x.requester_name ?? null,
    // The approver per SHR-02 (provider or authority) is checked by the rules; these show the buttons to those who may be it.
    abilities: {
      decide:
        reviewer &&
        decidable.includes(x.state) &&
        (x.source_unit_org_id === actor.orgId ||
          activeActorRoles(actor, 'authority').some((j) => j.jurisdictionId === x.resource_jurisdiction_id)),
    },
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}
