import { randomUUID } from 'node:crypto';
import { endOfShanghaiDay } from '../../../kernel/calendar/calendar.js';
import { notFound } from '../../../kernel/http/errors.js';
import type { Tx } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { listingLifecycle, productLifecycle, productRegistrationLifecycle } from '../lifecycle.js';
import { clocksOf, presentRegistration } from '../present.js';
import type { RegistrationFacts } from '../rules/registration.js';
import * as store from '../store/products.js';
import type { ProductRow, RegistrationRow } from '../store/tables.js';
import { childSubject, mustReadProduct, productSubject, todayOf } from './common.js';

function factsOf(
  k: Kernel,
  r: { procedure: string; type: string; state: string; publicity_end: Date | null },
  p: ProductRow,
): RegistrationFacts {
  return {
    procedure: r.procedure,
    type: r.type,
    from: r.state,
    productState: p.state,
    now: k.clock.now().toISOString(),
    publicityEnd: r.publicity_end ? r.publicity_end.toISOString() : null,
    openObjections: 0, // objections on product registrations come with the catalog's objection desk (not yet wired)
  };
}

/**
 * The operator files a ProductRegistration for an approved product (PM-07). Public-data products take the
 * profile's procedure (PM-08: ordinary); the acceptance clock runs on the working calendar (catalog.md).
 */
export async function submitRegistration(
  k: Kernel,
  actor: Actor,
  input: {
    productId: string;
    registryLevel: 'national' | 'local';
    type: 'first' | 'change' | 'cancellation' | 'revocation';
  },
) {
  return k.db.transaction().execute(async (trx) => {
    const p = mustReadProduct(actor, await store.getProduct(trx, input.productId, true), input.productId);
    const id = randomUUID();
    const now = k.clock.now();
    const procedure = k.profile.get<string>('registration.procedure.publicData');
    await transition(trx, k.workflow, {
      lifecycle: productRegistrationLifecycle,
      action: 'submit',
      actor,
      object: null,
      subject: childSubject('ProductRegistration', p, id),
      facts: factsOf(k, { procedure, type: input.type, state: 'new', publicity_end: null }, p),
      input,
      values: {
        id,
        product_id: p.id,
        type: input.type,
        procedure,
        registry_level: input.registryLevel,
        registrant_org_id: p.operator_org_id,
        jurisdiction_id: p.jurisdiction_id ?? '',
        clocks: JSON.stringify({
          acceptDue: k.calendar.dueAt(now, k.profile.get<number>('registration.acceptDays')).toISOString(),
        }),
        created_by: actor.userId ?? null,
      },
    });
    return presentRegistration((await store.getRegistration(trx, id))!);
  });
}

export type RegistryAction = 'accept' | 'pass_first_review' | 'post_publicity' | 'complete' | 'reject' | 'not_accept';

/** The registry desk: accept, first review → second review (PM-08), publicity, registration, or refusal. */
export async function decideRegistration(
  k: Kernel,
  actor: Actor,
  id: string,
  action: RegistryAction,
  reason: string | null,
) {
  return k.db.transaction().execute(async (trx) => {
    const r = await store.getRegistration(trx, id, true);
    const p = r ? await store.getProduct(trx, r.product_id, true) : undefined;
    if (!r || !p) throw notFound('ProductRegistration', id);
    mustReadProduct(actor, p, p.id);
    return advance(k, trx, actor, r, p, action, reason);
  });
}

async function advance(
  k: Kernel,
  trx: Tx,
  actor: Actor,
  r: RegistrationRow,
  p: ProductRow,
  action: RegistryAction,
  reason: string | null,
) {
  const now = k.clock.now();
  const clocks = clocksOf(r);
  const values: Record<string, unknown> = {};
  if (action === 'accept' || action === 'pass_first_review')
    clocks[action === 'accept' ? 'reviewDue' : 'secondReviewDue'] = k.calendar
      .dueAt(now, k.profile.get<number>('registration.reviewDays'))
      .toISOString();
  if (action === 'post_publicity') {
    // Publicity starts the day after the decision and runs registration.publicityDays working days.
    values.publicity_start = new Date(endOfShanghaiDay(todayOf(k)).getTime() + 1);
    values.publicity_end = k.calendar.dueAt(now, k.profile.get<number>('registration.publicityDays'));
  }
  if (action === 'complete') {
    values.registration_code = await store.nextRegistrationCode(trx, `DPR-${todayOf(k).slice(0, 4)}-`);
    values.certificate_id = randomUUID();
  }
  if (action === 'reject' || action === 'not_accept')
    values.decision = JSON.stringify({ result: action, reason, decidedBy: actor.userId, decidedAt: now.toISOString() });
  const res = await transition(trx, k.workflow, {
    lifecycle: productRegistrationLifecycle,
    action,
    actor,
    object: r,
    subject: childSubject('ProductRegistration', p, r.id),
    facts: factsOf(k, r, p),
    input: { reason },
    values: { ...values, clocks: JSON.stringify(clocks) },
  });
  if (action === 'complete' && (r.type === 'cancellation' || r.type === 'revocation')) await retire(k, trx, actor, p);
  else if (action === 'complete') {
    // The product is registered with its registration number (PM-07); its certificate is issued.
    await transition(trx, k.workflow, {
      lifecycle: productLifecycle,
      action: 'register',
      actor,
      object: p,
      subject: productSubject(p),
      values: { registration_code: values.registration_code },
    });
  }
  return presentRegistration((await store.getRegistration(trx, res.id))!);
}

/** The registry's clock job: registrations whose publicity ran out without objection are registered. */
export async function runRegistrationClocks(k: Kernel): Promise<number> {
  const due = await store.registrationsPastPublicity(k.db, k.clock.now());
  for (const id of due) {
    await k.db.transaction().execute(async (trx) => {
      const r = await store.getRegistration(trx, id, true);
      const p = r ? await store.getProduct(trx, r.product_id, true) : undefined;
      if (r?.state === 'publicity' && p)
        await advance(k, trx, systemActor('product-registration-clock'), r, p, 'complete', null);
    });
  }
  return due.length;
}

export async function getRegistration(k: Kernel, actor: Actor, id: string) {
  const r = await store.getRegistration(k.db, id);
  const p = r ? await store.getProduct(k.db, r.product_id) : undefined;
  if (!r || !p) throw notFound('ProductRegistration', id);
  mustReadProduct(actor, p, p.id);
  return presentRegistration(r);
}

/**
 * PM-35: the completed cancellation registration retires the product, cancels its earlier registration and
 * withdraws its listings. Contracts already signed run to their end (part 2 ends their deliveries then).
 */
async function retire(k: Kernel, trx: Tx, actor: Actor, p: ProductRow) {
  for (const old of await store.listRegistrations(trx, p.id))
    if (old.state === 'registered' && old.type === 'first')
      await transition(trx, k.workflow, {
        lifecycle: productRegistrationLifecycle,
        action: 'cancel',
        actor,
        object: old,
        subject: childSubject('ProductRegistration', p, old.id),
      });
  for (const l of await store.listListings(trx, p.id))
    if (l.state !== 'withdrawn')
      await transition(trx, k.workflow, {
        lifecycle: listingLifecycle,
        action: 'withdraw',
        actor,
        object: l,
        subject: childSubject('Listing', p, l.id),
        values: { delist_reason: 'cancellation_registration' },
      });
  await transition(trx, k.workflow, {
    lifecycle: productLifecycle,
    action: 'retire_registered',
    actor,
    object: p,
    subject: productSubject(p),
    facts: { cancellationRegistered: true },
  });
}
