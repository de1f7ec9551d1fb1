import { randomUUID } from 'node:crypto';
import { notFound } from '../../../kernel/http/errors.js';
import type { Tx } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { listingLifecycle, productLifecycle } from '../lifecycle.js';
import { presentListing } from '../present.js';
import type { ListingFacts } from '../rules/listing.js';
import { negativeMatches } from '../rules/product.js';
import * as market from '../store/market.js';
import * as store from '../store/products.js';
import type { ListingRow, ProductRow } from '../store/tables.js';
import { childSubject, mustReadProduct, productSubject, strings, todayOf } from './common.js';

const dayOf = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** PM-07, PM-09, PM-10, PM-12 facts: the product's review, registration and negative-list matches. */
async function listingFacts(
  k: Kernel,
  trx: Tx,
  p: ProductRow,
  l: { venue: 'platform' | 'exchange'; exchangeOrgId: string | null },
  restrictedApproved: boolean,
): Promise<ListingFacts> {
  const review = await store.latestReview(trx, p.id);
  return {
    productState: p.state,
    category: p.category,
    venue: l.venue,
    exchangeOrgId: l.exchangeOrgId,
    reviewState: review?.state ?? null,
    reviewValidUntil: dayOf(review?.valid_until ?? null),
    registrationCode: p.registration_code,
    matches: negativeMatches(
      { categoryTags: strings(p.category_tags), fieldNames: strings(p.fields_used), maxGrade: p.max_grade },
      k.profile,
    ),
    restrictedApproved,
    exchangeRequired: k.profile.get<string>('market.exchangeRequired'),
    today: todayOf(k),
    derivedFromFreeBasis: p.derived_from_order_id
      ? ((await market.getOrder(trx, p.derived_from_order_id))?.free_basis ?? null)
      : null,
  };
}

/**
 * Lists a product on the platform, or files a listing made on an exchange. Both pass the same checks on every
 * venue (PM-10 negative list first, then PM-07/PM-09 review and registration, PM-12 venue). A restricted-list
 * match waits `pending` for the authority's approval; otherwise the listing goes live and the product with it.
 */
export async function requestListing(
  k: Kernel,
  actor: Actor,
  input: {
    productId: string;
    venue: 'platform' | 'exchange';
    exchangeOrgId: string | null;
    exchangeListingRef: string | null;
  },
) {
  return k.db.transaction().execute(async (trx) => {
    const p = mustReadProduct(actor, await store.getProduct(trx, input.productId, true), input.productId);
    const facts = await listingFacts(k, trx, p, input, false);
    const restricted = facts.matches.filter((e) => e.level === 'restricted').map((e) => e.id);
    const id = randomUUID();
    const registration = (await store.listRegistrations(trx, p.id)).filter((r) => r.state === 'registered').at(-1);
    await transition(trx, k.workflow, {
      lifecycle: listingLifecycle,
      action: 'request',
      actor,
      object: null,
      subject: childSubject('Listing', p, id),
      facts: { ...facts, restrictedApproved: true }, // a restricted match is decided at go-live, below
      input,
      values: {
        id,
        product_id: p.id,
        venue: input.venue,
        exchange_org_id: input.exchangeOrgId,
        exchange_listing_ref: input.exchangeListingRef,
        registration_id: registration?.id ?? null,
        restricted_entries: JSON.stringify(restricted),
        created_by: actor.userId ?? null,
      },
    });
    const l = (await store.getListing(trx, id, true))!;
    if (!restricted.length) await goLive(k, trx, actor, l, p, facts, 'go_live');
    return presentListing((await store.getListing(trx, id))!);
  });
}

async function goLive(
  k: Kernel,
  trx: Tx,
  actor: Actor,
  l: ListingRow,
  p: ProductRow,
  facts: ListingFacts,
  action: 'go_live' | 'approve_restricted',
) {
  await transition(trx, k.workflow, {
    lifecycle: listingLifecycle,
    action,
    actor,
    object: l,
    subject: childSubject('Listing', p, l.id),
    facts,
    values: action === 'approve_restricted' ? { approved_by: actor.userId ?? null } : {},
  });
  // The product appears on the public catalogue when its first listing goes live (registered → active).
  if (p.state === 'registered')
    await transition(trx, k.workflow, {
      lifecycle: productLifecycle,
      action: 'go_live',
      actor,
      object: p,
      subject: productSubject(p),
    });
}

/** The authority approves one listing of a product on the restricted (谨慎) list (PM-10). */
export async function approveRestrictedListing(k: Kernel, actor: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const l = await store.getListing(trx, id, true);
    const p = l ? await store.getProduct(trx, l.product_id, true) : undefined;
    if (!l || !p) throw notFound('Listing', id);
    mustReadProduct(actor, p, p.id);
    const v = {
      venue: l.venue === 'exchange' ? ('exchange' as const) : ('platform' as const),
      exchangeOrgId: l.exchange_org_id,
    };
    await goLive(k, trx, actor, l, p, await listingFacts(k, trx, p, v, true), 'approve_restricted');
    return presentListing((await store.getListing(trx, id))!);
  });
}

export async function listListingsOf(k: Kernel, actor: Actor, productId: string) {
  mustReadProduct(actor, await store.getProduct(k.db, productId), productId);
  return { items: (await store.listListings(k.db, productId)).map(presentListing) };
}
