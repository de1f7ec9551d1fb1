import { fail, pass, rule } from '../../../kernel/workflow/rules.js';

/** A contract and what delivering under it needs (PM-21…PM-23). */
export interface DeliveryFacts {
  contractState: string;
  /** Where the sealed copy was filed ('platform' or 'exchange'), null for a contract signed off the platform. */
  filedWith: string | null;
  sm3: string | null;
  mode: string;
  productModes: string[];
  egressApproved: boolean;
  workspaceId: string | null;
}

// PM-22: a contract made off the platform is filed on the platform (sealed copy, SM3 digest) before delivery.
export const PM_22 = rule('PM-22', (f: DeliveryFacts) =>
  f.filedWith === null || !f.sm3 ? fail('CONTRACT_NOT_FILED', {}, 422) : pass(),
);

// PM-23: the mode is one the product allows; file_egress needs an approved EgressRequest, sandbox_seat a Workspace.
export const PM_23 = rule('PM-23', (f: DeliveryFacts) => {
  if (!f.productModes.includes(f.mode)) return fail('DELIVERY_MODE_NOT_ALLOWED', { mode: f.mode }, 422);
  if (f.mode === 'file_egress' && !f.egressApproved) return fail('EGRESS_REQUIRED', {}, 422);
  if (f.mode === 'sandbox_seat' && !f.workspaceId) return fail('WORKSPACE_REQUIRED', {}, 422);
  return pass();
});

/** What an order is checked on: the product's state and scenario, and the price it freezes (PM-01, PM-07, PM-14, PM-17). */
export interface OrderFacts {
  productState: string;
  productScenario: string | null;
  scenario: string;
  freeBasis: string;
  /** The effective filed price for the unit (after a published discount), null when none is effective. */
  allowedUnitFen: number | null;
  chargedUnitFen: number;
  /** PM-20: the buyer asks for free lab-research use, and whether it has an active Lab (labs' port). */
  labResearch: boolean;
  labActive: boolean;
  /** PM-33: the buyer org, the exchange orgs of the product's venues, and whether either side is the exchange. */
  buyerOrgId: string;
  venueExchangeOrgIds: string[];
  /** The buyer org itself holds the `exchange` actor role (IAM-09 should already forbid it buying). */
  buyerIsExchange: boolean;
  /** Venue exchange orgs the submitting user is an active member of. */
  userExchangeOrgIds: string[];
}

// PM-07/PM-09: only a live (reviewed, registered, listed) product is ordered.
export const PM_07_ORDER = rule('PM-07', (f: OrderFacts) =>
  f.productState !== 'active' ? fail('NOT_REVIEWED', { state: f.productState }, 422) : pass(),
);

// PM-01: an order for any scenario other than the product's approved one is refused.
export const PM_01_ORDER = rule('PM-01', (f: OrderFacts) =>
  f.productScenario && f.scenario !== f.productScenario ? fail('SCENARIO_NOT_APPROVED', {}, 422) : pass(),
);

// PM-14/PM-17: industry use is charged only at an effective filed price (no hidden per-customer price).
export const PM_17_ORDER = rule('PM-17', (f: OrderFacts) => {
  if (f.freeBasis !== 'none') return pass();
  if (f.allowedUnitFen === null) return fail('NO_EFFECTIVE_PRICE', {}, 422);
  return f.chargedUnitFen !== f.allowedUnitFen
    ? fail('PRICE_NOT_FILED', { chargedUnitFen: f.chargedUnitFen, allowedUnitFen: f.allowedUnitFen }, 422)
    : pass();
});

/**
 * PM-32: the operator may not re-authorize (转授权) granted data (002:L229). A contract letting the buyer pass
 * the deliverables on would hand granted data to parties the Grant never named, so onward transfer is refused.
 * (Patent filing or exclusive publication from public data needs the authority's and the source units'
 * permission: AUTH-29, enforced on egress and rights registration; the market offers no patent function.)
 */
export const PM_32 = rule('PM-32', (f: { onwardTransfer: boolean }) =>
  f.onwardTransfer ? fail('REAUTHORIZATION_FORBIDDEN', {}, 422) : pass(),
);

/** PM-21: the contract's term ends no later than the Grant and the OperationAgreement. */
export const PM_21 = rule('PM-21', (f: { termTo: string; grantEnd: string | null }) =>
  f.grantEnd && f.termTo > f.grantEnd
    ? fail('TERM_EXCEEDS_GRANT', { termTo: f.termTo, grantEnd: f.grantEnd }, 422)
    : pass(),
);

// PM-20: a `lab_research` free order needs a Lab in state `active` (000:L63); the labs context answers.
export const PM_20_ORDER = rule('PM-20', (f: OrderFacts) =>
  f.labResearch && !f.labActive ? fail('LAB_NOT_ACTIVE', {}, 422) : pass(),
);

/**
 * PM-33: an exchange and its staff may not trade on it (004:L8206–8239, Shanghai venue measures Art. 23): an
 * order whose buyer is the venue's exchange org (or any exchange), or whose submitting user is a member of the
 * venue's exchange org, is refused.
 */
export const PM_33 = rule('PM-33', (f: OrderFacts) => {
  if (f.buyerIsExchange || f.venueExchangeOrgIds.includes(f.buyerOrgId))
    return fail('EXCHANGE_MAY_NOT_TRADE', { who: 'org' }, 422);
  return f.userExchangeOrgIds.length ? fail('EXCHANGE_MAY_NOT_TRADE', { who: 'staff' }, 422) : pass();
});
