import { randomUUID } from 'node:crypto';
import type { Tx } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { applicationLifecycle, consentLifecycle } from '../lifecycle.js';
import type { DemandItemInput } from '../model.js';
import * as store from '../store.js';
import { applicationSubject, consentSubject } from '../subjects.js';
import { lockApplication, resolveItems, submissionFacts } from './application-content.js';

// Submission and acceptance for review: the clocks start, then each source unit is asked (AUTH-12).
// Both take only the application's id (Props: `id`, the ScenarioApplication to act on).

/** Submits (or resubmits) the application: rules AUTH-07/09/10/14/16; the review and consent clocks start. */
export async function submitApplication(k: Kernel, actor: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => submitInTransaction(trx, k, actor, id));
}

/** Submission inside an open transaction (createApplication with `submit` uses it too). */
export async function submitInTransaction(trx: Tx, k: Kernel, actor: Actor, id: string) {
  const app = await lockApplication(trx, actor, id);
  const agreement = (await store.getAgreement(trx, app.agreement_id))!;
  const rows = await store.listDemandItems(trx, id);
  const inputs = rows.map((r) => ({
    resourceId: r.resource_id,
    fieldCode: r.field_code,
    justification: r.justification,
    requestedMasking: r.requested_masking,
    legalBasis: r.legal_basis ?? undefined,
  })) as DemandItemInput[];
  const resolved = await resolveItems(trx, app.agreement_id, inputs);
  const now = k.clock.now();
  // The review clock stops while returned and continues with the days left (authorization.md clocks).
  const reviewLeft = Math.max(1, k.profile.get<number>('authorization.reviewWorkingDays') - app.review_days_used);
  return transition(trx, k.workflow, {
    lifecycle: applicationLifecycle,
    action: 'submit',
    actor,
    object: app,
    subject: applicationSubject(app),
    facts: submissionFacts(
      app,
      resolved.map((x) => x.fact),
      agreement,
    ),
    values: {
      submitted_at: now,
      review_due_at: k.calendar.dueAt(now, reviewLeft),
      consent_due_at:
        app.consent_due_at ?? k.calendar.dueAt(now, k.profile.get<number>('authorization.consentWorkingDays')),
    },
  });
}

/** The authority takes the application into review and asks each affected source unit for consent (AUTH-12). */
export async function acceptForReview(k: Kernel, actor: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const app = await lockApplication(trx, actor, id);
    const r = await transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: 'accept',
      actor,
      object: app,
      subject: applicationSubject(app),
    });
    const existing = new Set((await store.listConsents(trx, id)).map((c) => c.source_unit_org_id));
    for (const unit of app.source_unit_org_ids) {
      if (existing.has(unit)) continue;
      const c = { id: randomUUID(), source_unit_org_id: unit };
      await transition(trx, k.workflow, {
        lifecycle: consentLifecycle,
        action: 'request',
        actor,
        object: null,
        subject: consentSubject(c, app),
        values: { ...c, application_id: id, jurisdiction_id: app.jurisdiction_id, due_at: app.consent_due_at },
      });
    }
    return r;
  });
}
