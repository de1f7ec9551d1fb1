import { fail, pass, rule } from '../../../kernel/workflow/rules.js';

/** A FeeCap being reported (PM-14). */
export interface FeeCapFacts {
  writtenReportRef: string | null;
  isTrial: boolean;
  /** The revenue cycle the regular cap references, if any, and whether its MPR approval is recorded. */
  cycleApproved: boolean;
  /** True once the operator has a closed (full) operating year under the agreement. */
  hasFullOperatingYear: boolean;
  coversProduct: boolean;
}

// PM-14: a cap needs its written report; a regular cap an approved MPR; a trial cap only before a full year (NDRC-65).
export const PM_14_CAP = rule('PM-14', (f: FeeCapFacts) => {
  if (!f.writtenReportRef) return fail('WRITTEN_REPORT_REQUIRED', {}, 422);
  if (f.isTrial && f.hasFullOperatingYear) return fail('TRIAL_CAP_NOT_ALLOWED', {}, 422);
  if (!f.isTrial && !f.cycleApproved) return fail('MPR_NOT_APPROVED', {}, 422);
  return f.coversProduct ? pass() : fail('CAP_WITHOUT_PRODUCT', {}, 422);
});

/** A PriceFiling being filed against a cap (PM-13…PM-17). */
export interface FilingFacts {
  category: string;
  priceFen: number;
  chargingUnit: string;
  unitDefinition: string;
  cap: {
    state: string;
    chargingUnit: string;
    unitDefinition: string;
    capFen: number;
    coversProduct: boolean;
    effectiveTo: string;
  } | null;
  today: string;
  pricingBasis: string;
  scenario: string;
  scopeOfUse: string;
  method: string;
  discounts: { name: string; eligibility: string }[];
}

// PM-13: governance and public-welfare products are free: price 0 (NDRC-65; 002:L233).
export const PM_13 = rule('PM-13', (f: FilingFacts) =>
  f.category === 'public_governance_welfare' && f.priceFen !== 0
    ? fail('FREE_USE_CHARGED', { priceFen: f.priceFen }, 422)
    : pass(),
);

// PM-14: no industry product is charged for without a FeeCap in force.
export const PM_14_FILING = rule('PM-14', (f: FilingFacts) => {
  if (f.category !== 'industry' || f.priceFen === 0) return pass();
  return f.cap && f.cap.state === 'in_force' && f.today <= f.cap.effectiveTo
    ? pass()
    : fail('FEE_CAP_NOT_IN_FORCE', { state: f.cap?.state ?? null }, 422);
});

// PM-15: the filed price ≤ the cap, for the same charging unit and unit definition (NDRC-65).
export const PM_15 = rule('PM-15', (f: FilingFacts) => {
  if (!f.cap) return pass();
  const same =
    f.cap.coversProduct && f.cap.chargingUnit === f.chargingUnit && f.cap.unitDefinition === f.unitDefinition;
  if (!same) return fail('UNIT_NOT_COVERED', { unit: f.chargingUnit, unitDefinition: f.unitDefinition }, 422);
  return f.priceFen <= f.cap.capFen
    ? pass()
    : fail('PRICE_ABOVE_CAP', { priceFen: f.priceFen, capFen: f.cap.capFen }, 422);
});

/** The filing's required items as the refusal names them to people (the keys stay for the form beside it). */
const FILING_ITEMS = {
  pricingBasis: { zh: '定价依据', en: 'pricing basis' },
  scenario: { zh: '应用场景', en: 'scenario' },
  scopeOfUse: { zh: '使用范围', en: 'scope of use' },
  method: { zh: '定价方法', en: 'pricing method' },
} as const;

// PM-16: a filing states its pricing basis, scenario, scope of use and method (002:L185).
export const PM_16 = rule('PM-16', (f: FilingFacts) => {
  const missing = (Object.keys(FILING_ITEMS) as (keyof typeof FILING_ITEMS)[]).filter((k) => !f[k].trim());
  if (!missing.length) return pass();
  const fieldsZh = missing.map((k) => FILING_ITEMS[k].zh).join('、');
  const fieldsEn = missing.map((k) => FILING_ITEMS[k].en).join(', ');
  return fail('FILING_INCOMPLETE', { fields: missing, fieldsZh, fieldsEn }, 422);
});

// PM-17: discounts exist only through a published eligibility rule (002:L189; 004:L13391).
export const PM_17_DISCOUNTS = rule('PM-17', (f: FilingFacts) => {
  const bad = f.discounts.filter((d) => !d.eligibility.trim()).map((d) => d.name);
  return bad.length ? fail('DISCOUNT_UNPUBLISHED', { discounts: bad }, 422) : pass();
});

/** PM-17: the one price a buyer may be charged: the filed price less only a published discount (integer fen, rounded down). */
export function orderUnitPriceFen(
  filing: { priceFen: number; discounts: { name: string; pct: number }[] },
  discount?: string,
) {
  const d = discount ? filing.discounts.find((x) => x.name === discount) : undefined;
  return d ? Math.floor((filing.priceFen * (100 - d.pct)) / 100) : filing.priceFen;
}

export const PM_17 = rule('PM-17', (f: { chargedUnitFen: number; allowedUnitFen: number }) =>
  f.chargedUnitFen === f.allowedUnitFen
    ? pass()
    : fail('PRICE_NOT_FILED', { chargedUnitFen: f.chargedUnitFen, allowedUnitFen: f.allowedUnitFen }, 422),
);
