import { fail, pass, rule } from '../../../kernel/workflow/rules.js';

export type FreeBasis = 'none' | 'governance_welfare' | 'source_unit_free_right' | 'lab_research';

/** Who orders, for what, and on which product: enough to say whether the use is free (PM-13, PM-19, PM-20). */
export interface FreeUseFacts {
  useCategory: string;
  buyerOrgId: string;
  product: { category: string; builtFromFreeData: boolean; sourceUnitOrgIds: string[] };
  /** The buyer's active Lab, when it orders for lab research (000:L63). */
  labActive: boolean;
  labResearch: boolean;
  /**
   * LAB-29: for a lab product, whether labs lets its public-governance/welfare use be free (the profile switch and
   * the lab's agreement); absent for other products, whose governance use PM-13 makes free.
   */
  labGovernanceFree?: boolean;
}

/** The free basis of an order, or 'none' (industry use at the filed price). */
export function freeBasisFor(f: FreeUseFacts): FreeBasis {
  if (f.product.category === 'public_governance_welfare') return 'governance_welfare';
  // LAB-29: a lab product's governance use is free only where labs allows it; otherwise it is priced as filed.
  if (f.useCategory === 'public_governance_welfare' && f.labGovernanceFree !== false) return 'governance_welfare';
  if (f.product.builtFromFreeData && f.product.sourceUnitOrgIds.includes(f.buyerOrgId)) return 'source_unit_free_right';
  if (f.labResearch && f.labActive) return 'lab_research';
  return 'none';
}

// PM-13 / PM-19 / PM-20: a bill on free use is refused (part 2 applies it to every bill line).
export const FREE_USE = rule('PM-13', (f: { freeBasis: FreeBasis; amountFen: number }) =>
  f.freeBasis !== 'none' && f.amountFen !== 0
    ? fail('FREE_USE_CHARGED', { freeBasis: f.freeBasis, amountFen: f.amountFen }, 422)
    : pass(),
);

// PM-20: a lab_research free order needs an active Lab (000:L63).
export const PM_20 = rule('PM-20', (f: FreeUseFacts) =>
  f.labResearch && !f.labActive ? fail('LAB_NOT_ACTIVE', {}, 422) : pass(),
);
