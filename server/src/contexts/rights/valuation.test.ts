import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import {
  RA_29,
  RA_31,
  RA_33,
  RA_37,
  classify,
  validUntilOf,
  type ClassificationFacts,
  type ValuationFacts,
} from './rules/index.js';

const p = loadProfile('national-2025');
const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'pass' : r.code);
const pro = (name: string) => ({ name, signed: true, attestsNoPresetValue: true });
const val = (o: Partial<ValuationFacts> = {}): ValuationFacts => ({
  professionals: [pro('甲'), pro('乙')],
  methods: ['income'],
  reconciliationNote: null,
  baseDate: '2026-01-31',
  validUntil: '2027-01-31',
  clientIsGovernmentOrSoe: false,
  approvalFiling: false,
  today: '2026-03-01',
  ...o,
});

describe('RA-29 / RA-31 scenario 10: valuation signatures and validity', () => {
  it('refuses an income-approach appraisal signed by one professional (VALUATION_INVALID)', () => {
    expect(code(RA_29.check(val({ professionals: [pro('甲')] }), p))).toBe('VALUATION_INVALID');
    expect(code(RA_29.check(val({ professionals: [pro('甲'), { ...pro('乙'), signed: false }] }), p))).toBe(
      'VALUATION_INVALID',
    );
    expect(
      code(RA_29.check(val({ professionals: [pro('甲'), { ...pro('乙'), attestsNoPresetValue: false }] }), p)),
    ).toBe('VALUATION_INVALID');
  });
  it('accepts two signers; with base date 2026-01-31 validUntil is 2027-01-31', () => {
    expect(code(RA_29.check(val(), p))).toBe('pass');
    expect(validUntilOf('2026-01-31', p)).toBe('2027-01-31');
    expect(validUntilOf('2024-02-29', p)).toBe('2025-02-28');
  });
  it('needs a reconciliation note with two methods', () => {
    expect(code(RA_29.check(val({ methods: ['income', 'cost'] }), p))).toBe('VALUATION_INVALID');
    expect(code(RA_29.check(val({ methods: ['income', 'cost'], reconciliationNote: '以收益法为准' }), p))).toBe('pass');
  });
  it('refuses validity beyond one year, use after validUntil, and an unfiled SOE engagement', () => {
    expect(code(RA_31.check(val({ validUntil: '2027-02-01' }), p))).toBe('VALUATION_INVALID');
    expect(code(RA_31.check(val({ today: '2027-02-01' }), p))).toBe('VALUATION_INVALID');
    expect(code(RA_31.check(val({ clientIsGovernmentOrSoe: true }), p))).toBe('VALUATION_INVALID');
    expect(code(RA_31.check(val({ clientIsGovernmentOrSoe: true, approvalFiling: true }), p))).toBe('pass');
  });
});

describe('RA-33 scenario 11: SOE price deviation', () => {
  const appraisal = { amountFen: 1_000_000_000, lowFen: null, highFen: null, valid: true }; // ¥10,000,000
  const sale = (priceFen: number, approvingUnitConsent = false) =>
    RA_33.check({ isSoe: true, direction: 'sale', priceFen, valuation: appraisal, approvingUnitConsent }, p);
  it('blocks a sale at ¥8,500,000 until the approving unit consents; ¥9,200,000 passes', () => {
    expect(sale(850_000_000)).toMatchObject({
      ok: false,
      code: 'SOE_DEVIATION_APPROVAL_REQUIRED',
      params: { pct: 85 },
    });
    expect(code(sale(850_000_000, true))).toBe('pass');
    expect(code(sale(920_000_000))).toBe('pass');
    expect(code(sale(900_000_000))).toBe('pass'); // exactly 90 %
  });
  it('blocks a purchase above 110 %, a price outside a range valuation, and a missing or expired valuation', () => {
    const buy = RA_33.check(
      {
        isSoe: true,
        direction: 'purchase',
        priceFen: 1_100_000_001,
        valuation: appraisal,
        approvingUnitConsent: false,
      },
      p,
    );
    expect(code(buy)).toBe('SOE_DEVIATION_APPROVAL_REQUIRED');
    const range = { amountFen: null, lowFen: 900_000_000, highFen: 1_000_000_000, valid: true };
    const out = RA_33.check(
      { isSoe: true, direction: 'sale', priceFen: 1_050_000_000, valuation: range, approvingUnitConsent: true },
      p,
    );
    expect(code(out)).toBe('PRICE_OUTSIDE_RANGE');
    const none = RA_33.check(
      {
        isSoe: true,
        direction: 'sale',
        priceFen: 1,
        valuation: { ...appraisal, valid: false },
        approvingUnitConsent: true,
      },
      p,
    );
    expect(code(none)).toBe('VALUATION_INVALID');
    expect(
      code(
        RA_33.check({ isSoe: false, direction: 'sale', priceFen: 1, valuation: null, approvingUnitConsent: false }, p),
      ),
    ).toBe('pass');
  });
});

describe('RA-35 / RA-37 scenario 9: 入表 classification, prospective only', () => {
  const f = (o: Partial<ClassificationFacts> = {}): ClassificationFacts => ({
    lawfullyOwnedOrControlled: true,
    expectedBenefit: true,
    holding: 'internal_rd',
    meetsCas1: false,
    rdPhase: 'development',
    meetsCas6Art9: true,
    readyForUse: false,
    meetsCas6: true,
    ...o,
  });
  it('accumulates a development-phase product in 开发支出 and moves it to 无形资产 when ready', () => {
    expect(classify(f())).toBe('development_expenditure');
    expect(classify(f({ readyForUse: true }))).toBe('intangible');
    expect(classify(f({ rdPhase: 'research' }))).toBe('expensed');
    expect(classify(f({ holding: 'for_sale', meetsCas1: true }))).toBe('inventory');
    expect(classify(f({ expectedBenefit: false }))).toBe('out_of_scope');
    expect(classify(f({ holding: 'other' }))).toBe('unrecognized');
  });
  it('refuses capitalizing research-phase spending from 2023 (RETROACTIVE_CAPITALIZATION)', () => {
    const r = RA_37.check(
      { costs: [{ incurredOn: '2023-11-30', expensed: true, capitalize: true, rdPhase: 'research' }] },
      p,
    );
    expect(r).toMatchObject({ ok: false, code: 'RETROACTIVE_CAPITALIZATION', params: { from: '2024-01-01' } });
    const ok = RA_37.check(
      { costs: [{ incurredOn: '2024-03-01', expensed: false, capitalize: true, rdPhase: 'development' }] },
      p,
    );
    expect(code(ok)).toBe('pass');
  });
});
