import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import type { RuleResult } from '../../kernel/workflow/rules.js';
import { retentionClassOf } from '../../kernel/workflow/lifecycle.js';
import { eligibleFrom, retentionPeriod } from '../ledger/rules.js';
import {
  certificateLifecycle,
  dataAssetLifecycle,
  objectionLifecycle,
  registrationLifecycle,
  valuationLifecycle,
} from './lifecycle.js';
import { RA_06, RA_26, RA_28, RA_30, RA_36, usageStale, valuationRetentionYears } from './rules/index.js';

// Rules of issue 17 part B, each with a case that fails when the rule is broken (rights-assets.md "Rules").
const code = (r: RuleResult) => (r.ok ? 'pass' : r.code);
const national = loadProfile('national-2025');
const DALI_CHECKS = [
  'identity',
  'asset_info',
  'lawful_acquisition',
  'rights_relation',
  'no_dispute',
  'no_prohibited_content',
  'lawful_use_limits',
];

describe('RA-06 Dali substantive checks', () => {
  const dali = loadProfile('dali');
  it('refuses a passing Dali report that leaves a check unconfirmed (SUBSTANTIVE_CHECKS_INCOMPLETE)', () => {
    const r = RA_06.check({ passed: true, checks: DALI_CHECKS.slice(0, 6) }, dali);
    expect(code(r)).toBe('SUBSTANTIVE_CHECKS_INCOMPLETE');
    expect(r.ok ? null : r.params.missing).toBe('lawful_use_limits');
  });
  it('passes with all seven, a failing report, and any report elsewhere', () => {
    expect(code(RA_06.check({ passed: true, checks: DALI_CHECKS }, dali))).toBe('pass');
    expect(code(RA_06.check({ passed: false, checks: [] }, dali))).toBe('pass');
    expect(code(RA_06.check({ passed: true, checks: [] }, loadProfile('shenzhen')))).toBe('pass');
  });
  it('guards the evaluator report transition', () => {
    expect(registrationLifecycle.transitions.report.rules).toContain(RA_06);
  });
});

describe('RA-24 retention per profile (ledger class registration)', () => {
  it('keeps rights records under the registration class', () => {
    for (const l of [registrationLifecycle, objectionLifecycle, certificateLifecycle])
      expect(l.retentionClass, l.objectType).toBe('registration');
  });
  it('applies each profile’s reg.retentionYears: Shenzhen/Anhui ≥30, Guizhou 20, Dali 15', () => {
    const years = (p: string) => retentionPeriod('registration', loadProfile(p))?.years;
    expect(years('shenzhen')).toBeGreaterThanOrEqual(30);
    expect(years('anhui')).toBeGreaterThanOrEqual(30);
    expect(years('guangdong')).toBe(30);
    expect(years('tianjin')).toBe(30);
    expect(years('guizhou')).toBe(20);
    expect(years('dali')).toBe(15);
  });
  it('nothing is eligible for erasure before the period ends (Dali cancellation 2026-03-01 → 2041-03-02)', () => {
    expect(eligibleFrom('registration', '2026-03-01', loadProfile('dali'))).toBe('2041-03-02');
  });
});

describe('RA-32 valuation archives', () => {
  it('keeps statutory (government/SOE) engagements 30 years, others 15', () => {
    expect(valuationRetentionYears({ clientIsGovernmentOrSoe: true }, national)).toBe(30);
    expect(valuationRetentionYears({ clientIsGovernmentOrSoe: false }, national)).toBe(15);
  });
  it('the ledger keeps a statutory engagement’s entries 30 years and another’s 15 (class per valuation)', () => {
    const statutory = retentionClassOf(valuationLifecycle, { client_is_soe: true });
    const other = retentionClassOf(valuationLifecycle, { client_is_soe: false });
    expect([statutory, other]).toEqual(['valuation_statutory', 'valuation']);
    expect(eligibleFrom(statutory, '2026-03-01', national)).toBe('2056-03-02');
    expect(eligibleFrom(other, '2026-03-01', national)).toBe('2041-03-02');
  });
});

describe('RA-26 authorization marks', () => {
  it('marks processing-use and product-operation grants only (MARK_RIGHT_INVALID otherwise)', () => {
    expect(code(RA_26.check({ rightType: 'processing_use' }, national))).toBe('pass');
    expect(code(RA_26.check({ rightType: 'product_operation' }, national))).toBe('pass');
    expect(code(RA_26.check({ rightType: 'resource_holding' }, national))).toBe('MARK_RIGHT_INVALID');
    expect(dataAssetLifecycle.transitions.mark.rules).toContain(RA_26);
  });
});

describe('RA-27 usage sync', () => {
  const at = (d: string) => new Date(`${d}T00:00:00Z`);
  it('flags a public data asset after asset.usageSyncDays without refresh, never a private one', () => {
    const card = { isPublicDataAsset: true, syncedAt: at('2026-01-01'), createdAt: at('2025-12-01') };
    expect(usageStale(card, at('2026-01-31'), national)).toBe(false);
    expect(usageStale(card, at('2026-02-01'), national)).toBe(true);
    expect(usageStale({ ...card, isPublicDataAsset: false }, at('2027-01-01'), national)).toBe(false);
  });
});

describe('RA-28 public data assets as equity or pledge', () => {
  it('refuses a public data asset unless asset.pledgeAllowed; a private asset passes', () => {
    expect(code(RA_28.check({ isPublicDataAsset: true }, national))).toBe('PUBLIC_ASSET_ENCUMBRANCE_FORBIDDEN');
    expect(code(RA_28.check({ isPublicDataAsset: false }, national))).toBe('pass');
    const allowing = {
      id: 'x',
      get: <T>(k: string) => (k === 'asset.pledgeAllowed' ? true : national.get(k)) as T,
      has: () => true,
    };
    expect(code(RA_28.check({ isPublicDataAsset: true }, allowing))).toBe('pass');
  });
});

describe('RA-30 destruction', () => {
  const done = {
    approvalRef: 'A-1',
    securityProcessed: true,
    desensitized: true,
    outsourced: false,
    confidentialityContract: false,
  };
  it('needs approval, security processing and desensitization first', () => {
    expect(code(RA_30.check(done, national))).toBe('pass');
    for (const missing of [{ approvalRef: ' ' }, { securityProcessed: false }, { desensitized: false }])
      expect(code(RA_30.check({ ...done, ...missing }, national))).toBe('DESTRUCTION_STEPS_INCOMPLETE');
  });
  it('needs a confidentiality contract when outsourced', () => {
    expect(code(RA_30.check({ ...done, outsourced: true }, national))).toBe('CONFIDENTIALITY_CONTRACT_REQUIRED');
    expect(code(RA_30.check({ ...done, outsourced: true, confidentialityContract: true }, national))).toBe('pass');
  });
});

describe('RA-36 capitalizable costs', () => {
  const line = (component: string) => ({ component, capitalize: true, expensed: false });
  it('capitalizes the listed components; inventory adds insurance and processing', () => {
    expect(code(RA_36.check({ class: 'intangible', costs: [line('price'), line('visualization')] }, national))).toBe(
      'pass',
    );
    expect(code(RA_36.check({ class: 'intangible', costs: [line('insurance')] }, national))).toBe(
      'COST_NOT_CAPITALIZABLE',
    );
    expect(code(RA_36.check({ class: 'inventory', costs: [line('insurance'), line('processing')] }, national))).toBe(
      'pass',
    );
  });
  it('refuses a service outside the list, but not one already expensed or an expensed class', () => {
    expect(code(RA_36.check({ class: 'development_expenditure', costs: [line('marketing')] }, national))).toBe(
      'COST_NOT_CAPITALIZABLE',
    );
    expect(
      code(RA_36.check({ class: 'intangible', costs: [{ ...line('marketing'), expensed: true }] }, national)),
    ).toBe('pass');
    expect(code(RA_36.check({ class: 'expensed', costs: [line('marketing')] }, national))).toBe('pass');
  });
});
