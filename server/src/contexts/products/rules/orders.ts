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

/** PM-21: the contract's term ends no later than the Grant and the OperationAgreement. */
export const PM_21 = rule('PM-21', (f: { termTo: string; grantEnd: string | null }) =>
  f.grantEnd && f.termTo > f.grantEnd
    ? fail('TERM_EXCEEDS_GRANT', { termTo: f.termTo, grantEnd: f.grantEnd }, 422)
    : pass(),
);
