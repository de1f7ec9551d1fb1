import type { Profile } from '../../../kernel/profiles/index.js';
import { fail, pass, rule } from '../../../kernel/workflow/rules.js';

/** Valuation (评估) rules RA-29, RA-31, RA-33; amounts are integer fen. */

export interface Professional {
  name: string;
  signed: boolean;
  /** RA-29: each signer attests in the report that no value was preset. */
  attestsNoPresetValue: boolean;
}

export interface ValuationFacts {
  professionals: Professional[];
  methods: string[];
  /** Required with two or more methods: the differences and the final choice explained. */
  reconciliationNote: string | null;
  baseDate: string;
  validUntil: string;
  clientIsGovernmentOrSoe: boolean;
  approvalFiling: boolean;
  /** Civil date (Asia/Shanghai) the valuation is used on. */
  today: string;
}

/** validUntil = baseDate + `val.validityMonths` (RA-31: at most one year; counted from baseDate, ours). */
export function validUntilOf(baseDate: string, p: Profile): string {
  const [y, m, d] = baseDate.split('-').map(Number) as [number, number, number];
  const months = m - 1 + p.get<number>('val.validityMonths');
  const year = y + Math.floor(months / 12);
  const month = (months % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

// RA-29: at least `val.minProfessionals` professionals sign, each attesting no preset value; with two or
// more methods the reconciliation is explained (004:L30368–30376; L3652–3656; L3864–3868).
export const RA_29 = rule('RA-29', (f: ValuationFacts, p: Profile) => {
  const signers = f.professionals.filter((x) => x.signed && x.attestsNoPresetValue);
  if (signers.length < p.get<number>('val.minProfessionals'))
    return fail('VALUATION_INVALID', { reason: 'professionals', signed: signers.length }, 422);
  if (f.methods.length >= 2 && !f.reconciliationNote?.trim())
    return fail('VALUATION_INVALID', { reason: 'reconciliation' }, 422);
  return pass();
});

// RA-31: valid for at most `val.validityMonths` from the base date, unusable after; government and SOE
// engagements are approved or filed (004:L30409–30417).
export const RA_31 = rule('RA-31', (f: ValuationFacts, p: Profile) => {
  if (f.validUntil > validUntilOf(f.baseDate, p)) return fail('VALUATION_INVALID', { reason: 'validity' }, 422);
  if (f.today > f.validUntil) return fail('VALUATION_INVALID', { reason: 'expired', validUntil: f.validUntil }, 409);
  if (f.clientIsGovernmentOrSoe && !f.approvalFiling)
    return fail('VALUATION_INVALID', { reason: 'approval_filing' }, 409);
  return pass();
});

export interface SoePriceFacts {
  isSoe: boolean;
  direction: 'sale' | 'contribution' | 'purchase';
  priceFen: number;
  /** The referenced valuation: a point amount or a range, and whether it is valid today (RA-29, RA-31). */
  valuation: { amountFen: number | null; lowFen: number | null; highFen: number | null; valid: boolean } | null;
  approvingUnitConsent: boolean;
}

// RA-33: an SOE's transfer, contribution or acquisition references a valid valuation; a sale below
// `soe.lowPct` % or a purchase above `soe.highPct` % of it needs the approving unit's written consent;
// a range valuation requires the price inside it (004:L3438–3446).
export const RA_33 = rule('RA-33', (f: SoePriceFacts, p: Profile) => {
  if (!f.isSoe) return pass();
  const v = f.valuation;
  if (!v?.valid) return fail('VALUATION_INVALID', { reason: 'no_valid_valuation' }, 409);
  if (v.lowFen !== null && v.highFen !== null)
    return f.priceFen >= v.lowFen && f.priceFen <= v.highFen ? pass() : fail('PRICE_OUTSIDE_RANGE', {}, 409);
  const amount = v.amountFen ?? 0;
  // Integer comparison: price/amount < low% ⇔ price·100 < amount·low.
  const low = f.direction !== 'purchase' && f.priceFen * 100 < amount * p.get<number>('soe.lowPct');
  const high = f.direction === 'purchase' && f.priceFen * 100 > amount * p.get<number>('soe.highPct');
  if ((low || high) && !f.approvingUnitConsent)
    return fail('SOE_DEVIATION_APPROVAL_REQUIRED', { pct: Math.round((f.priceFen * 100) / Math.max(amount, 1)) }, 409);
  return pass();
});

/**
 * RA-32: a valuation archive is kept ≥30 years for a statutory engagement (法定评估业务: government and SOE
 * clients, whose reports are approved or filed, RA-31) and ≥15 years otherwise (004:L30425–30429;
 * `retention.valuationYears`, ledger.md class `valuation`).
 */
/** RA-32 as the ledger keeps it: a statutory engagement's entries in class `valuation_statutory`, others `valuation`. */
export const valuationRetentionClass = (clientIsGovernmentOrSoe: boolean) =>
  clientIsGovernmentOrSoe ? 'valuation_statutory' : 'valuation';

export function valuationRetentionYears(v: { clientIsGovernmentOrSoe: boolean }, p: Profile): number {
  const y = p.get<{ statutory: number; other: number }>('retention.valuationYears');
  return v.clientIsGovernmentOrSoe ? y.statutory : y.other;
}
