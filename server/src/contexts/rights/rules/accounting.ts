import type { Profile } from '../../../kernel/profiles/index.js';
import { fail, pass, rule } from '../../../kernel/workflow/rules.js';

/** 入表 accounting classification (RA-34, RA-35, RA-37; 财政部 rule 004:L2721–2958). */

export type AccountingClass =
  | 'out_of_scope'
  | 'inventory'
  | 'expensed'
  | 'development_expenditure'
  | 'intangible'
  | 'unrecognized';

export interface ClassificationFacts {
  lawfullyOwnedOrControlled: boolean;
  expectedBenefit: boolean;
  holding: 'for_sale' | 'internal_rd' | 'own_use' | 'other';
  meetsCas1: boolean;
  rdPhase?: 'research' | 'development';
  meetsCas6Art9: boolean;
  readyForUse: boolean;
  meetsCas6: boolean;
}

/** RA-35's decision procedure, step by step (004:L2740–2821). */
export function classify(f: ClassificationFacts): AccountingClass {
  if (!f.lawfullyOwnedOrControlled || !f.expectedBenefit) return 'out_of_scope';
  if (f.holding === 'for_sale' && f.meetsCas1) return 'inventory';
  if (f.holding === 'internal_rd') {
    if (f.rdPhase !== 'development' || !f.meetsCas6Art9) return 'expensed';
    return f.readyForUse ? 'intangible' : 'development_expenditure';
  }
  if (f.holding === 'own_use' && f.meetsCas6) return 'intangible';
  return 'unrecognized';
}

export interface CostLine {
  incurredOn: string;
  /** Already expensed in the books. */
  expensed: boolean;
  /** The user marks it capitalizable now. */
  capitalize: boolean;
  rdPhase?: 'research' | 'development';
}

// RA-37: applied prospectively from `acct.effectiveDate`; spending expensed before it is never
// capitalized, and research-phase spending is expensed (CAS 6) (004:L2956–2958).
export const RA_37 = rule('RA-37', (f: { costs: CostLine[] }, p: Profile) => {
  const from = p.get<string>('acct.effectiveDate');
  const bad = f.costs.filter((c) => c.capitalize && c.incurredOn < from && (c.expensed || c.rdPhase === 'research'));
  return bad.length ? fail('RETROACTIVE_CAPITALIZATION', { from, lines: bad.length }, 422) : pass();
});

export interface RecognitionFacts {
  pastTransactionOrEvent: boolean;
  ownedOrControlled: boolean;
  expectedInflow: boolean;
  reliableMeasurement: boolean;
}

// RA-34: a card needs all four recognition criteria; otherwise the item stays in the memo book (004:L16064–16122).
export const RA_34 = rule('RA-34', (f: RecognitionFacts) => {
  const unmet = Object.entries(f)
    .filter(([, v]) => !v)
    .map(([k]) => k);
  return unmet.length ? fail('RECOGNITION_CRITERIA_UNMET', { criteria: unmet.join(', ') }, 422) : pass();
});
