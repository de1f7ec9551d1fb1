import { fail, pass, rule } from '../../../kernel/workflow/rules.js';

/** What LAB-31 judges a Listing on: the free basis of the Order the product was derived from (null: none). */
export interface DerivedFromFacts {
  derivedFromFreeBasis?: string | null;
}

// labs.md LAB-31 (000:L63): outputs of a free research Order (freeBasis = lab_research) never enter a Listing.
export const LAB_31 = rule('LAB-31', (f: DerivedFromFacts) =>
  f.derivedFromFreeBasis === 'lab_research' ? fail('DERIVED_FROM_FREE_RESEARCH', {}, 422) : pass(),
);
