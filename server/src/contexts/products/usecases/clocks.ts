import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { listingLifecycle, reviewLifecycle } from '../lifecycle.js';
import * as store from '../store/products.js';
import { childSubject, todayOf } from './common.js';
import { runDisclosureClocks } from './disclosures.js';
import { runPricingClocks } from './pricing.js';
import { runRegistrationClocks } from './registrations.js';

/**
 * Review validity (products-market.md "Deadlines"): a passed review expires at validUntil and the product's
 * live listings are suspended (PM-09); existing contracts continue.
 */
export async function runReviewClocks(k: Kernel): Promise<number> {
  const actor = systemActor('review-clock');
  return k.db.transaction().execute(async (trx) => {
    const due = await store.reviewsExpiring(trx, todayOf(k));
    for (const r of due) {
      const p = (await store.getProduct(trx, r.product_id, true))!;
      await transition(trx, k.workflow, {
        lifecycle: reviewLifecycle,
        action: 'expire',
        actor,
        object: r,
        subject: childSubject('ComplianceReview', p, r.id),
      });
      for (const l of await store.liveListingsOf(trx, p.id))
        await transition(trx, k.workflow, {
          lifecycle: listingLifecycle,
          action: 'lapse',
          actor,
          object: l,
          subject: childSubject('Listing', p, l.id),
        });
    }
    return due.length;
  });
}

/** Every products-market clock, once (the background task and tests call it). */
export async function runProductClocks(k: Kernel) {
  return {
    registrations: await runRegistrationClocks(k),
    pricing: await runPricingClocks(k),
    reviews: await runReviewClocks(k),
    disclosures: await runDisclosureClocks(k),
  };
}
