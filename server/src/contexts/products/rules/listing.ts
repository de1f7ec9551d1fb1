import { fail, pass, rule } from '../../../kernel/workflow/rules.js';
import type { NegativeEntry } from './product.js';

/** What a Listing is judged on (PM-07, PM-09, PM-10, PM-12). */
export interface ListingFacts {
  productState: string;
  category: string;
  venue: 'platform' | 'exchange';
  exchangeOrgId: string | null;
  /** The latest review's state and validity (ISO day). */
  reviewState: string | null;
  reviewValidUntil: string | null;
  registrationCode: string | null;
  matches: NegativeEntry[];
  restrictedApproved: boolean;
  exchangeRequired: string;
  today: string;
  /** LAB-31: the freeBasis of the Order the product was derived from (null: not derived from one). */
  derivedFromFreeBasis?: string | null;
}

const entriesOf = (m: NegativeEntry[]) => ({ entries: m.map((e) => e.id), sources: m.map((e) => e.sourceZh) });

// PM-10: a product on the negative list is never listed, on any venue; a restricted entry needs the authority.
export const PM_10 = rule('PM-10', (f: ListingFacts) => {
  const prohibited = f.matches.filter((e) => e.level === 'prohibited');
  if (prohibited.length) return fail('NEGATIVE_LIST_MATCH', entriesOf(prohibited), 422);
  const restricted = f.matches.filter((e) => e.level === 'restricted');
  return restricted.length && !f.restrictedApproved
    ? fail('RESTRICTED_LIST_APPROVAL_REQUIRED', entriesOf(restricted), 422)
    : pass();
});

// PM-09: a listing needs a passed review that has not expired (000:L35; 004:L11383).
export const PM_09 = rule('PM-09', (f: ListingFacts) =>
  f.reviewState === 'passed' && !!f.reviewValidUntil && f.today <= f.reviewValidUntil
    ? pass()
    : fail('NOT_REVIEWED', { reviewState: f.reviewState, validUntil: f.reviewValidUntil }, 422),
);

// PM-07: registered (with its registration number) before published or traded (002:L121, L179).
export const PM_07 = rule('PM-07', (f: ListingFacts) =>
  ['registered', 'active'].includes(f.productState) && f.registrationCode
    ? pass()
    : fail('NOT_REGISTERED', { state: f.productState }, 422),
);

// PM-12: the venue must be one the profile allows (004:L31738–31740; 002:L185).
export const PM_12 = rule('PM-12', (f: ListingFacts) => {
  if (f.venue === 'exchange' && !f.exchangeOrgId) return fail('VENUE_NOT_ALLOWED', { venue: f.venue }, 422);
  const ok =
    f.exchangeRequired === 'none' ||
    f.venue === 'exchange' ||
    (f.exchangeRequired === 'exchange_or_free' && f.category === 'public_governance_welfare');
  return ok ? pass() : fail('VENUE_NOT_ALLOWED', { venue: f.venue, required: f.exchangeRequired }, 422);
});
