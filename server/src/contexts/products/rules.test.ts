import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import type { CheckItem } from './model.js';
import {
  FREE_USE,
  PM_01,
  PM_02,
  PM_03,
  PM_04,
  PM_11,
  PM_05,
  PM_06,
  PM_07,
  PM_07_REGISTRABLE,
  PM_08,
  PM_09,
  PM_10,
  PM_12,
  PM_13,
  PM_14_CAP,
  PM_14_FILING,
  PM_15,
  PM_16,
  PM_17,
  PM_17_DISCOUNTS,
  PM_20,
  PUBLICITY_CLEARED,
  automaticChecks,
  freeBasisFor,
  irreversibilityResult,
  mprPosition,
  negativeMatches,
  orderUnitPriceFen,
  type FeeCapFacts,
  type FilingFacts,
  type FreeUseFacts,
  type ListingFacts,
  type ProductFacts,
  type RegistrationFacts,
} from './rules/index.js';

const zh = loadProfile('zhuhai');
const luohu = loadProfile('luohu');
const guizhou = loadProfile('guizhou');
const shenzhen = loadProfile('shenzhen');

const field = (
  code: string,
  nameZh: string,
  o: Partial<{ grade: string; personalInfo: boolean; directIdentifier: boolean }> = {},
) => ({
  code,
  nameZh,
  dataType: 'string',
  grade: 'general',
  personalInfo: false,
  directIdentifier: false,
  ...o,
});

const product = (o: Partial<ProductFacts> = {}): ProductFacts => ({
  scenarioState: 'approved',
  scenarioApplicationId: 'S1',
  grantScenarioIds: ['S1'],
  grantsFound: 1,
  grantsCited: 1,
  grantsNotHeld: [],
  grantsInactive: [],
  requestedFields: ['统一社会信用代码', 'qymc'],
  grantedFields: [
    field('tyshxydm', '统一社会信用代码'),
    field('qymc', '企业名称'),
    field('xm', '姓名', { personalInfo: true }),
  ],
  personalInfo: 'none',
  form: 'verification_service',
  categoryTags: [],
  hasDeclaration: true,
  today: '2026-06-01',
  grantValidTo: '2027-06-01',
  inputResources: [{ id: 'R1', nameZh: '企业登记信息', state: 'published', coreFields: [] }],
  ...o,
});

const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'pass' : r.code);

describe('PM-11 only published, non-confidential inputs', () => {
  it('passes published inputs; refuses an unpublished one (INPUT_NOT_PUBLISHED) and a core one (INPUT_CONFIDENTIAL)', () => {
    expect(code(PM_11.check(product(), zh))).toBe('pass');
    const draft = { id: 'R2', nameZh: '未开放数据', state: 'classified', coreFields: [] };
    expect(code(PM_11.check(product({ inputResources: [draft] }), zh))).toBe('INPUT_NOT_PUBLISHED');
    expect(code(PM_11.check(product({ inputResources: [{ ...draft, state: null }] }), zh))).toBe('INPUT_NOT_PUBLISHED');
    const secret = { id: 'R3', nameZh: '涉密数据', state: 'published', coreFields: ['坐标'] };
    expect(code(PM_11.check(product({ inputResources: [secret] }), zh))).toBe('INPUT_CONFIDENTIAL');
  });
});

describe('PM-01 approved scenario', () => {
  it('passes a product on the approved scenario its grants serve', () =>
    expect(PM_01.check(product(), zh).ok).toBe(true));
  it('refuses an unapproved scenario', () =>
    expect(code(PM_01.check(product({ scenarioState: 'under_review' }), zh))).toBe('SCENARIO_NOT_APPROVED'));
  it('refuses a grant opened for another scenario', () =>
    expect(code(PM_01.check(product({ grantScenarioIds: ['S1', 'S2'] }), zh))).toBe('SCENARIO_NOT_APPROVED'));
});

describe('PM-02 fields within the grants', () => {
  it('accepts codes and Chinese names of granted fields', () => expect(PM_02.check(product(), zh).ok).toBe(true));
  it('names the ungranted field', () => {
    const r = PM_02.check(product({ requestedFields: ['qymc', '法定代表人身份证号'] }), zh);
    expect(r).toMatchObject({ ok: false, code: 'GRANT_SCOPE_EXCEEDED', params: { fields: ['法定代表人身份证号'] } });
  });
  it('refuses a grant the producer does not hold', () =>
    expect(code(PM_02.check(product({ grantsNotHeld: ['GR-2026-0009'] }), zh))).toBe('GRANT_NOT_HELD'));
  it('refuses an unknown grant', () =>
    expect(code(PM_02.check(product({ grantsFound: 0 }), zh))).toBe('GRANT_NOT_HELD'));
  it('refuses an expired grant', () =>
    expect(code(PM_02.check(product({ grantsInactive: ['GR-1'] }), zh))).toBe('GRANT_NOT_USABLE'));
});

describe('PM-03 / CR-3 no raw personal data', () => {
  it('passes enterprise fields', () => expect(PM_03.check(product(), zh).ok).toBe(true));
  it('fails a personal field the product does not declare anonymised', () =>
    expect(PM_03.check(product({ requestedFields: ['姓名'] }), zh)).toMatchObject({
      code: 'RAW_PERSONAL_DATA',
      params: { fields: ['姓名'] },
    }));
  it('fails a directly identifying personal field even when "anonymised"', () => {
    const f = product({
      requestedFields: ['sfzh'],
      personalInfo: 'anonymised',
      grantedFields: [field('sfzh', '身份证号', { personalInfo: true, directIdentifier: true })],
    });
    expect(code(PM_03.check(f, zh))).toBe('RAW_PERSONAL_DATA');
    expect(automaticChecks(f, zh)['CR-3']).toBe('fail');
  });
});

describe('PM-04 personal info and grade', () => {
  it('refuses a personalInfo value other than none/anonymised', () =>
    expect(code(PM_04.check(product({ personalInfo: 'raw' }), zh))).toBe('RAW_PERSONAL_DATA'));
  it('refuses core data', () => {
    const f = product({ requestedFields: ['hx'], grantedFields: [field('hx', '核心', { grade: 'core' })] });
    expect(code(PM_04.check(f, zh))).toBe('CORE_DATA');
  });
  it('passes none', () => expect(PM_04.check(product(), zh).ok).toBe(true));
});

const item = (c: CheckItem['code'], result: CheckItem['result'], checked = true): CheckItem => ({
  code: c,
  result,
  evidenceFileIds: [],
  checkedBy: checked ? 'org-e:user' : null,
  checkedAt: checked ? '2026-06-01T00:00:00Z' : null,
  automatic: false,
  note: null,
  minK: null,
});
const allPass = (['CR-1', 'CR-2', 'CR-3', 'CR-4', 'CR-5', 'CR-6', 'CR-7', 'CR-8', 'CR-9'] as const).map((c) =>
  item(c, 'pass'),
);
const decision = (o = {}) => ({
  items: allPass,
  deciderOrgId: 'authority',
  producerOrgIds: ['op'],
  checkerOrgIds: ['org-e'],
  needsEvaluatorReport: false,
  evaluatorReportId: null,
  ...o,
});

describe('PM-05 checklist CR-1…CR-9', () => {
  it('passes when every item passes or does not apply', () => expect(PM_05.check(decision(), zh).ok).toBe(true));
  it('names failed and unchecked items', () => {
    const items = allPass.map((i) =>
      i.code === 'CR-3' ? item('CR-3', 'fail') : i.code === 'CR-6' ? item('CR-6', 'pass', false) : i,
    );
    expect(PM_05.check(decision({ items }), zh)).toMatchObject({
      code: 'CHECKLIST_NOT_PASSED',
      params: { items: ['CR-3', 'CR-6'] },
    });
  });
  it('requires the evaluator report when personal information or important data is involved', () =>
    expect(code(PM_05.check(decision({ needsEvaluatorReport: true }), zh))).toBe('EVALUATOR_REPORT_REQUIRED'));
  it('computes CR-7 from the negative list and CR-8 from the declaration', () => {
    const a = automaticChecks(product({ categoryTags: ['privacy'], hasDeclaration: false }), zh);
    expect([a['CR-7'], a['CR-8'], a['CR-1'], a['CR-9'], a['CR-5']]).toEqual(['fail', 'fail', 'pass', 'pass', 'n_a']);
  });
  it('CR-2 fails when the grant period is over', () =>
    expect(automaticChecks(product({ today: '2027-07-01' }), zh)['CR-2']).toBe('fail'));
  it('CR-6 fails below review.irreversibility.minK (10)', () => {
    expect(irreversibilityResult(9, 'pass', zh)).toBe('fail');
    expect(irreversibilityResult(null, 'pass', zh)).toBe('fail');
    expect(irreversibilityResult(10, 'pass', zh)).toBe('pass');
  });
});

describe('PM-06 reviewers outside the producer', () => {
  it('refuses a decider from the producing organization', () =>
    expect(code(PM_06.check(decision({ deciderOrgId: 'op' }), zh))).toBe('REVIEWER_RELATED'));
  it('refuses a checker from the producing organization', () =>
    expect(code(PM_06.check(decision({ checkerOrgIds: ['op'] }), zh))).toBe('REVIEWER_RELATED'));
  it('passes independent reviewers', () => expect(PM_06.check(decision(), zh).ok).toBe(true));
});

const reg = (o: Partial<RegistrationFacts> = {}): RegistrationFacts => ({
  procedure: 'ordinary',
  type: 'first',
  from: 'second_review',
  productState: 'approved',
  now: '2026-06-20T00:00:00Z',
  publicityEnd: '2026-06-15T00:00:00Z',
  openObjections: 0,
  ...o,
});

describe('PM-07 / PM-08 registration', () => {
  it('PM-08 refuses publicity straight from formal review in the ordinary procedure', () => {
    expect(code(PM_08.check(reg({ from: 'formal_review' }), zh))).toBe('SECOND_REVIEW_REQUIRED');
    expect(PM_08.check(reg({ from: 'formal_review', procedure: 'simple' }), zh).ok).toBe(true);
    expect(PM_08.check(reg(), zh).ok).toBe(true);
  });
  it('PM-35 cancels only a registered product, and retiring one needs the cancellation registration', async () => {
    const { PM_35 } = await import('./rules/registration.js');
    expect(PM_07_REGISTRABLE.check(reg({ type: 'cancellation', productState: 'active' }), zh).ok).toBe(true);
    expect(code(PM_07_REGISTRABLE.check(reg({ type: 'cancellation', productState: 'approved' }), zh))).toBe(
      'NOT_REGISTERED',
    );
    expect(code(PM_35.check({ cancellationRegistered: false }, zh))).toBe('CANCELLATION_REGISTRATION_REQUIRED');
    expect(PM_35.check({ cancellationRegistered: true }, zh).ok).toBe(true);
  });
  it('PM-07 registers only an approved product', () =>
    expect(code(PM_07_REGISTRABLE.check(reg({ productState: 'in_review' }), zh))).toBe('NOT_REVIEWED'));
  it('issues the code only after publicity without objections', () => {
    expect(code(PUBLICITY_CLEARED.check(reg({ now: '2026-06-10T00:00:00Z' }), zh))).toBe('PUBLICITY_NOT_ENDED');
    expect(code(PUBLICITY_CLEARED.check(reg({ openObjections: 1 }), zh))).toBe('OBJECTION_OPEN');
    expect(PUBLICITY_CLEARED.check(reg(), zh).ok).toBe(true);
  });
  it('public data takes the ordinary procedure by default', () =>
    expect(zh.get('registration.procedure.publicData')).toBe('ordinary'));
});

const listing = (o: Partial<ListingFacts> = {}): ListingFacts => ({
  productState: 'registered',
  category: 'industry',
  venue: 'platform',
  exchangeOrgId: null,
  reviewState: 'passed',
  reviewValidUntil: '2027-06-01',
  registrationCode: 'DPR-2026-000001',
  matches: [],
  restrictedApproved: false,
  exchangeRequired: 'none',
  today: '2026-06-01',
  ...o,
});

describe('PM-09 passed, unexpired review', () => {
  it('passes', () => expect(PM_09.check(listing(), zh).ok).toBe(true));
  it('refuses a review not passed', () =>
    expect(code(PM_09.check(listing({ reviewState: 'in_check' }), zh))).toBe('NOT_REVIEWED'));
  it('refuses an expired review', () =>
    expect(code(PM_09.check(listing({ today: '2027-06-02' }), zh))).toBe('NOT_REVIEWED'));
});

describe('PM-07 registered before listing', () => {
  it('refuses an approved but unregistered product', () =>
    expect(code(PM_07.check(listing({ productState: 'approved', registrationCode: null }), zh))).toBe(
      'NOT_REGISTERED',
    ));
});

describe('PM-10 negative list', () => {
  it('matches by category tag, field name or grade', () => {
    expect(
      negativeMatches({ categoryTags: ['privacy'], fieldNames: [], maxGrade: 'general' }, zh).map((e) => e.id),
    ).toEqual(['NL-NAT-1']);
    expect(negativeMatches({ categoryTags: [], fieldNames: ['企业名称'], maxGrade: 'general' }, zh)).toEqual([]);
  });
  it('shenzhen adds its own prohibited entries', () =>
    expect(
      negativeMatches({ categoryTags: ['public_not_opened'], fieldNames: [], maxGrade: 'general' }, shenzhen).map(
        (e) => e.id,
      ),
    ).toEqual(['NL-SZ-1']));
  it('refuses a prohibited match on every venue', () => {
    const m = negativeMatches({ categoryTags: ['privacy'], fieldNames: [], maxGrade: 'general' }, zh);
    for (const venue of ['platform', 'exchange'] as const)
      expect(
        PM_10.check(listing({ matches: m, venue, exchangeOrgId: 'x', restrictedApproved: true }), zh),
      ).toMatchObject({
        code: 'NEGATIVE_LIST_MATCH',
        params: { entries: ['NL-NAT-1'] },
      });
  });
  it('a restricted match needs the authority, per listing', () => {
    const m = [{ id: 'NL-R', level: 'restricted' as const, tags: ['x'], grades: [], sourceZh: '谨慎清单' }];
    expect(code(PM_10.check(listing({ matches: m }), zh))).toBe('RESTRICTED_LIST_APPROVAL_REQUIRED');
    expect(PM_10.check(listing({ matches: m, restrictedApproved: true }), zh).ok).toBe(true);
  });
});

describe('PM-12 venue', () => {
  it('guizhou requires an exchange', () => {
    const f = listing({ exchangeRequired: guizhou.get<string>('market.exchangeRequired') });
    expect(code(PM_12.check(f, guizhou))).toBe('VENUE_NOT_ALLOWED');
    expect(PM_12.check({ ...f, venue: 'exchange', exchangeOrgId: 'ex' }, guizhou).ok).toBe(true);
  });
  it('luohu allows the platform only for free public-welfare supply', () => {
    const f = listing({ exchangeRequired: luohu.get<string>('market.exchangeRequired') });
    expect(code(PM_12.check(f, luohu))).toBe('VENUE_NOT_ALLOWED');
    expect(PM_12.check({ ...f, category: 'public_governance_welfare' }, luohu).ok).toBe(true);
  });
  it('an exchange listing names its exchange', () =>
    expect(code(PM_12.check(listing({ venue: 'exchange' }), zh))).toBe('VENUE_NOT_ALLOWED'));
});

const cap = {
  state: 'in_force',
  chargingUnit: 'call',
  unitDefinition: '每次调用',
  capFen: 80,
  coversProduct: true,
  effectiveTo: '2030-12-31',
};
const filingFacts = (o: Partial<FilingFacts> = {}): FilingFacts => ({
  category: 'industry',
  priceFen: 60,
  chargingUnit: 'call',
  unitDefinition: '每次调用',
  cap,
  today: '2026-06-01',
  pricingBasis: '成本',
  scenario: '核验',
  scopeOfUse: '贷前',
  method: 'API',
  discounts: [],
  ...o,
});

describe('PM-13 free governance and welfare products', () => {
  it('refuses a non-zero price on a governance/welfare product', () =>
    expect(code(PM_13.check(filingFacts({ category: 'public_governance_welfare' }), zh))).toBe('FREE_USE_CHARGED'));
  it('accepts 0', () =>
    expect(PM_13.check(filingFacts({ category: 'public_governance_welfare', priceFen: 0 }), zh).ok).toBe(true));
});

describe('PM-14 fee cap', () => {
  const capFacts = (o: Partial<FeeCapFacts> = {}): FeeCapFacts => ({
    writtenReportRef: 'R',
    isTrial: false,
    cycleApproved: true,
    hasFullOperatingYear: true,
    coversProduct: true,
    ...o,
  });
  it('needs the written report', () =>
    expect(code(PM_14_CAP.check(capFacts({ writtenReportRef: null }), zh))).toBe('WRITTEN_REPORT_REQUIRED'));
  it('a regular cap needs an approved MPR', () =>
    expect(code(PM_14_CAP.check(capFacts({ cycleApproved: false }), zh))).toBe('MPR_NOT_APPROVED'));
  it('a trial cap only before a full operating year', () => {
    expect(code(PM_14_CAP.check(capFacts({ isTrial: true }), zh))).toBe('TRIAL_CAP_NOT_ALLOWED');
    expect(PM_14_CAP.check(capFacts({ isTrial: true, hasFullOperatingYear: false, cycleApproved: false }), zh).ok).toBe(
      true,
    );
  });
  it('no industry charge without a cap in force', () => {
    expect(code(PM_14_FILING.check(filingFacts({ cap: null }), zh))).toBe('FEE_CAP_NOT_IN_FORCE');
    expect(code(PM_14_FILING.check(filingFacts({ cap: { ...cap, state: 'reported' } }), zh))).toBe(
      'FEE_CAP_NOT_IN_FORCE',
    );
    expect(code(PM_14_FILING.check(filingFacts({ today: '2031-01-01' }), zh))).toBe('FEE_CAP_NOT_IN_FORCE');
    expect(PM_14_FILING.check(filingFacts(), zh).ok).toBe(true);
  });
});

describe('PM-15 price at or under the cap', () => {
  it('accepts the cap itself and refuses one fen more', () => {
    expect(PM_15.check(filingFacts({ priceFen: 80 }), zh).ok).toBe(true);
    expect(PM_15.check(filingFacts({ priceFen: 81 }), zh)).toMatchObject({
      code: 'PRICE_ABOVE_CAP',
      params: { priceFen: 81, capFen: 80 },
    });
  });
  it('refuses a unit or unit definition the cap does not cover', () => {
    expect(code(PM_15.check(filingFacts({ chargingUnit: 'period' }), zh))).toBe('UNIT_NOT_COVERED');
    expect(code(PM_15.check(filingFacts({ unitDefinition: '每千次调用' }), zh))).toBe('UNIT_NOT_COVERED');
    expect(code(PM_15.check(filingFacts({ cap: { ...cap, coversProduct: false } }), zh))).toBe('UNIT_NOT_COVERED');
  });
});

describe('PM-16 filing content', () => {
  it('names the missing items', () =>
    expect(PM_16.check(filingFacts({ pricingBasis: ' ', method: '' }), zh)).toMatchObject({
      code: 'FILING_INCOMPLETE',
      params: { fields: ['pricingBasis', 'method'], fieldsZh: '定价依据、定价方法' },
    }));
});

describe('PM-17 one price for the same conditions', () => {
  const f = { priceFen: 60, discounts: [{ name: '小微', pct: 10 }] };
  it('the allowed unit price is the filed price less only a published discount', () => {
    expect(orderUnitPriceFen(f)).toBe(60);
    expect(orderUnitPriceFen(f, '小微')).toBe(54);
    expect(orderUnitPriceFen(f, '私下优惠')).toBe(60);
  });
  it('refuses a charged price that differs from it', () => {
    expect(code(PM_17.check({ chargedUnitFen: 50, allowedUnitFen: 60 }, zh))).toBe('PRICE_NOT_FILED');
    expect(PM_17.check({ chargedUnitFen: 54, allowedUnitFen: 54 }, zh).ok).toBe(true);
  });
  it('refuses a discount without a published eligibility rule', () =>
    expect(code(PM_17_DISCOUNTS.check(filingFacts({ discounts: [{ name: '内部价', eligibility: '' }] }), zh))).toBe(
      'DISCOUNT_UNPUBLISHED',
    ));
});

const use = (o: Partial<FreeUseFacts> = {}): FreeUseFacts => ({
  useCategory: 'industry',
  buyerOrgId: 'bank',
  product: { category: 'industry', builtFromFreeData: true, sourceUnitOrgIds: ['samr'] },
  labActive: false,
  labResearch: false,
  ...o,
});

describe('PM-13 / PM-19 / PM-20 free use', () => {
  it('governance use is free', () =>
    expect(freeBasisFor(use({ useCategory: 'public_governance_welfare' }))).toBe('governance_welfare'));
  it('PM-19: a source unit uses products built from free data free of charge', () => {
    expect(freeBasisFor(use({ buyerOrgId: 'samr' }))).toBe('source_unit_free_right');
    expect(
      freeBasisFor(
        use({
          buyerOrgId: 'samr',
          product: { category: 'industry', builtFromFreeData: false, sourceUnitOrgIds: ['samr'] },
        }),
      ),
    ).toBe('none');
  });
  it('PM-20: lab research is free only in an active lab', () => {
    expect(freeBasisFor(use({ labResearch: true, labActive: true }))).toBe('lab_research');
    expect(code(PM_20.check(use({ labResearch: true }), zh))).toBe('LAB_NOT_ACTIVE');
  });
  it('an industry buyer pays', () => expect(freeBasisFor(use())).toBe('none'));
  it('a bill on free use is FREE_USE_CHARGED; a zero bill passes', () => {
    expect(code(FREE_USE.check({ freeBasis: 'source_unit_free_right', amountFen: 1 }, zh))).toBe('FREE_USE_CHARGED');
    expect(FREE_USE.check({ freeBasis: 'governance_welfare', amountFen: 0 }, zh).ok).toBe(true);
    expect(FREE_USE.check({ freeBasis: 'none', amountFen: 720_000 }, zh).ok).toBe(true);
  });
});

describe('PM-28 maximum permitted revenue', () => {
  it('scenario 7: ¥3,250,000 against ¥3,000,000 leaves an excess of ¥250,000', () =>
    expect(
      mprPosition({ mprFen: 300_000_000, deductionFromPriorFen: 0, actualIndustryRevenueFen: 325_000_000 }, 90),
    ).toEqual({
      allowanceFen: 300_000_000,
      excessFen: 25_000_000,
      warn: true,
    }));
  it('the prior excess lowers the allowance; under it there is no excess', () => {
    const r = mprPosition(
      { mprFen: 300_000_000, deductionFromPriorFen: 25_000_000, actualIndustryRevenueFen: 200_000_000 },
      90,
    );
    expect(r).toEqual({ allowanceFen: 275_000_000, excessFen: 0, warn: false });
  });
  it('warns at pricing.mprWarnPct', () =>
    expect(
      mprPosition(
        { mprFen: 100, deductionFromPriorFen: 0, actualIndustryRevenueFen: 90 },
        zh.get<number>('pricing.mprWarnPct'),
      ).warn,
    ).toBe(true));
});

describe('PM-30 disclosure', () => {
  it('refuses a disclosure without a mandatory section of its role', async () => {
    const { PM_30, disclosureStatus } = await import('./rules/disclosure.js');
    const op = { organization: {}, authorizedResources: [], products: [], feeStandards: [] };
    expect(PM_30.check({ role: 'operator', sections: op }, zh).ok).toBe(true);
    expect(PM_30.check({ role: 'operator', sections: { ...op, feeStandards: undefined } }, zh)).toMatchObject({
      code: 'DISCLOSURE_INCOMPLETE',
      params: { sections: ['feeStandards'] },
    });
    expect(PM_30.check({ role: 'authority', sections: op }, zh)).toMatchObject({ code: 'DISCLOSURE_INCOMPLETE' });
    expect(disclosureStatus(0, '2027-04-01T00:00:00Z', '2027-03-31T15:59:59Z')).toBe('overdue');
    expect(disclosureStatus(0, '2027-03-01T00:00:00Z', '2027-03-31T15:59:59Z')).toBe('pending');
    expect(disclosureStatus(1, '2027-05-01T00:00:00Z', '2027-03-31T15:59:59Z')).toBe('published');
  });
});
