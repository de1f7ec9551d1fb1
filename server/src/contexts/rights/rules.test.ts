import { addYears } from '../../kernel/calendar/calendar.js';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import type { ObjectInfo } from './model.js';
import {
  RA_01,
  RA_02,
  RA_04,
  RA_05_INDEPENDENT,
  RA_05_REPORT,
  RA_07,
  RA_09_DIRECT,
  RA_09_PUBLISH,
  RA_10,
  RA_12_DISPOSAL,
  RA_12_OBJECTION,
  RA_13,
  RA_14,
  RA_17,
  SECOND_REVIEW_FIRST,
  groundsKey,
  renewalWindowOpens,
  renewedValidTo,
  validityOf,
  type ObjectionFacts,
  type SubmitFacts,
} from './rules/index.js';

const sz = loadProfile('shenzhen');
const gd = loadProfile('guangdong');
const gz = loadProfile('guizhou');
const tj = loadProfile('tianjin');
const ah = loadProfile('anhui');

const info: ObjectInfo = {
  name: 'x',
  version: '1',
  form: 'dataset',
  source: 'authorized',
  acquisitionMethod: '',
  updateCycle: 'monthly',
  scenarios: [],
  scope: '',
  grade: 'general',
  declaredGrounds: [],
};
const base = {
  state: 'registered',
  holderOrgId: 'H',
  rightType: 'product_operation',
  certStatus: 'valid',
  certValidTo: '2027-06-30',
  objectionStanding: false,
};
const facts = (o: Partial<SubmitFacts> = {}): SubmitFacts => ({
  regType: 'first',
  rightType: 'product_operation',
  applicantOrgId: 'H',
  holderOrgId: 'H',
  counterpartyOrgId: null,
  contentAgreed: true,
  objectInfo: info,
  evidenceCount: 1,
  exchangeTradeRef: null,
  base: null,
  selfRiskUndertaking: false,
  today: '2026-03-01',
  ...o,
});
const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'pass' : r.code);

describe('RA-01 base registration', () => {
  it('refuses a non-first type without a registered first registration of the same right', () => {
    expect(code(RA_01.check(facts({ regType: 'pledge' }), sz))).toBe('BASE_REGISTRATION_REQUIRED');
    expect(code(RA_01.check(facts({ regType: 'pledge', base: { ...base, state: 'publicity' } }), sz))).toBe(
      'BASE_REGISTRATION_REQUIRED',
    );
    expect(code(RA_01.check(facts({ regType: 'pledge', base: { ...base, state: 'not_first' } }), sz))).toBe(
      'BASE_REGISTRATION_REQUIRED',
    );
    expect(code(RA_01.check(facts({ regType: 'pledge', base: { ...base, rightType: 'processing_use' } }), sz))).toBe(
      'BASE_REGISTRATION_REQUIRED',
    );
  });
  it('passes a first registration, and a later one on a registered base', () => {
    expect(code(RA_01.check(facts(), sz))).toBe('pass');
    expect(code(RA_01.check(facts({ regType: 'pledge', base }), sz))).toBe('pass');
  });
});

describe('RA-02 applicant is the holder', () => {
  it('refuses a first registration applied for by someone else, or without agreed content', () => {
    expect(code(RA_02.check(facts({ applicantOrgId: 'X' }), sz))).toBe('NOT_HOLDER');
    expect(code(RA_02.check(facts({ contentAgreed: false }), sz))).toBe('CONTENT_NOT_AGREED');
  });
  it('refuses a cancellation (RA-16) by an org that does not hold the base', () => {
    expect(code(RA_02.check(facts({ regType: 'cancellation', applicantOrgId: 'X', holderOrgId: 'X', base }), sz))).toBe(
      'NOT_HOLDER',
    );
    expect(code(RA_02.check(facts({ regType: 'cancellation', base }), sz))).toBe('pass');
  });
});

describe('RA-04 refusal grounds', () => {
  it('refuses core data and declared prohibited grounds with the ground named', () => {
    const r = RA_04.check({ objectInfo: { ...info, grade: 'core' } }, sz);
    expect(r).toMatchObject({ ok: false, code: 'NOT_REGISTRABLE', params: { ground: 'core_data' } });
    const d = RA_04.check({ objectInfo: { ...info, declaredGrounds: ['ownership_dispute'] } }, sz);
    expect(d).toMatchObject({ ok: false, params: { ground: 'ownership_dispute' } });
  });
  it('passes important (not core) data with no ground', () => {
    expect(code(RA_04.check({ objectInfo: { ...info, grade: 'important' } }, sz))).toBe('pass');
  });
});

describe('RA-05 independent substantive review', () => {
  const rf = { evaluatorOrgId: 'E', evaluatorIsEvaluator: true, partyOrgIds: ['H'], reportPassed: true };
  it('refuses a related or non-evaluator org, and a decision without a passing report', () => {
    expect(code(RA_05_INDEPENDENT.check({ ...rf, partyOrgIds: ['H', 'E'] }, sz))).toBe('EVALUATOR_NOT_INDEPENDENT');
    expect(code(RA_05_INDEPENDENT.check({ ...rf, evaluatorIsEvaluator: false }, sz))).toBe('EVALUATOR_NOT_INDEPENDENT');
    expect(code(RA_05_INDEPENDENT.check({ ...rf, evaluatorOrgId: null }, sz))).toBe('EVALUATOR_NOT_INDEPENDENT');
    expect(code(RA_05_REPORT.check({ ...rf, reportPassed: false }, sz))).toBe('SUBSTANTIVE_REPORT_MISSING');
    expect(code(RA_05_REPORT.check({ ...rf, reportPassed: null }, sz))).toBe('SUBSTANTIVE_REPORT_MISSING');
  });
  it('needs no evaluator where the registry reviews itself (guangdong)', () => {
    expect(code(RA_05_INDEPENDENT.check({ ...rf, evaluatorOrgId: null }, gd))).toBe('pass');
    expect(code(RA_05_REPORT.check({ ...rf, reportPassed: null }, gd))).toBe('pass');
  });
  it('sends a Guangdong ordinary procedure to second review first, not a simple one', () => {
    const route = { regType: 'first' as const, procedure: 'ordinary', fromSecondReview: false };
    expect(code(SECOND_REVIEW_FIRST.check(route, gd))).toBe('SECOND_REVIEW_REQUIRED');
    expect(code(SECOND_REVIEW_FIRST.check({ ...route, procedure: 'simple' }, gd))).toBe('pass');
    expect(code(SECOND_REVIEW_FIRST.check({ ...route, fromSecondReview: true }, gd))).toBe('pass');
    expect(code(SECOND_REVIEW_FIRST.check(route, sz))).toBe('pass');
  });
});

describe('RA-07 materials waived for exchange trades', () => {
  it('refuses no evidence and no exchange reference; passes either', () => {
    expect(code(RA_07.check({ evidenceCount: 0, exchangeTradeRef: null }, sz))).toBe('EVIDENCE_REQUIRED');
    expect(code(RA_07.check({ evidenceCount: 0, exchangeTradeRef: 'SZDE-1' }, sz))).toBe('pass');
  });
});

describe('RA-09 Shenzhen publicity only for first registrations', () => {
  const r = (regType: 'first' | 'license' | 'transfer') => ({
    regType,
    procedure: 'ordinary',
    fromSecondReview: false,
  });
  it('refuses publicity for a Shenzhen transfer and direct registration for a first one', () => {
    expect(code(RA_09_PUBLISH.check(r('transfer'), sz))).toBe('PUBLICITY_NOT_APPLICABLE');
    expect(code(RA_09_DIRECT.check(r('first'), sz))).toBe('PUBLICITY_REQUIRED');
    expect(code(RA_09_DIRECT.check(r('license'), sz))).toBe('pass');
  });
  it('keeps publicity for transfers where the profile does (anhui)', () => {
    expect(code(RA_09_DIRECT.check(r('transfer'), ah))).toBe('PUBLICITY_REQUIRED');
  });
});

describe('RA-10 who applies', () => {
  it('refuses a transfer not filed by the new holder', () => {
    expect(code(RA_10.check(facts({ regType: 'transfer', base, applicantOrgId: 'H', holderOrgId: 'H' }), sz))).toBe(
      'TRANSFER_BY_NEW_HOLDER',
    );
    expect(code(RA_10.check(facts({ regType: 'transfer', base, applicantOrgId: 'N', holderOrgId: 'N' }), sz))).toBe(
      'pass',
    );
  });
  it('refuses a Tianjin change without the other party', () => {
    expect(code(RA_10.check(facts({ regType: 'change', base }), tj))).toBe('JOINT_APPLICATION_REQUIRED');
    expect(code(RA_10.check(facts({ regType: 'change', base, counterpartyOrgId: 'C' }), tj))).toBe('pass');
    expect(code(RA_10.check(facts({ regType: 'change', base }), sz))).toBe('pass');
  });
});

describe('RA-12 Shenzhen objections', () => {
  const of = (o: Partial<ObjectionFacts> = {}): ObjectionFacts => ({
    registrationState: 'registered',
    phase: 'post_registration',
    holderRefused: true,
    lapsedGroundsKeys: [],
    groundsKey: groundsKey('数据来源不合法'),
    ...o,
  });
  it('bars refiling a lapsed objection on the same grounds, whitespace and punctuation aside', () => {
    expect(code(RA_12_OBJECTION.check(of({ lapsedGroundsKeys: [groundsKey(' 数据来源 不合法。')] }), sz))).toBe(
      'OBJECTION_BARRED',
    );
    expect(code(RA_12_OBJECTION.check(of({ lapsedGroundsKeys: [groundsKey('另一理由')] }), sz))).toBe('pass');
  });
  it('needs the holder’s refusal before a post-registration objection', () => {
    expect(code(RA_12_OBJECTION.check(of({ holderRefused: false }), sz))).toBe('OBJECTION_PREMATURE');
  });
  it('holds a disposal during a standing objection until a self-risk undertaking is uploaded', () => {
    const standing = { ...base, objectionStanding: true };
    expect(code(RA_12_DISPOSAL.check(facts({ regType: 'transfer', base: standing }), sz))).toBe(
      'SELF_RISK_UNDERTAKING_REQUIRED',
    );
    expect(
      code(RA_12_DISPOSAL.check(facts({ regType: 'transfer', base: standing, selfRiskUndertaking: true }), sz)),
    ).toBe('pass');
    expect(code(RA_12_DISPOSAL.check(facts({ regType: 'renewal', base: standing }), sz))).toBe('pass');
  });
});

describe('RA-13 objections during publicity; after registration only where allowed', () => {
  const of = (phase: ObjectionFacts['phase']): ObjectionFacts => ({
    registrationState: 'x',
    phase,
    holderRefused: true,
    lapsedGroundsKeys: [],
    groundsKey: 'k',
  });
  it('accepts during publicity everywhere; refuses post-registration in guangdong and outside both', () => {
    expect(code(RA_13.check(of('during_publicity'), gd))).toBe('pass');
    expect(code(RA_13.check(of('post_registration'), gd))).toBe('OBJECTION_NOT_OPEN');
    expect(code(RA_13.check(of('post_registration'), ah))).toBe('pass');
    expect(code(RA_13.check(of(null), sz))).toBe('OBJECTION_NOT_OPEN');
  });
});

describe('RA-14 renewal window', () => {
  it('opens one month before expiry (guizhou 2027-06-30 → 2027-05-30) and closes at expiry', () => {
    expect(renewalWindowOpens('2027-06-30', 1)).toBe('2027-05-30');
    expect(renewalWindowOpens('2027-03-31', 1)).toBe('2027-02-28');
    const f = (today: string) => facts({ regType: 'renewal', base, today });
    expect(code(RA_14.check(f('2027-06-05'), gz))).toBe('pass');
    expect(code(RA_14.check(f('2027-05-29'), gz))).toBe('RENEWAL_WINDOW_CLOSED');
    expect(code(RA_14.check(f('2027-07-01'), gz))).toBe('RENEWAL_WINDOW_CLOSED');
  });
  it('renews Guizhou for 2 years from the old expiry (scenario 5: 2027-06-30 → 2029-06-30)', () => {
    expect(renewedValidTo('2027-06-30', gz)).toBe('2029-06-30');
  });
});

describe('RA-17 revocation grounds', () => {
  it('refuses a revocation without a listed ground', () => {
    expect(code(RA_17.check({ ground: 'dislike' }, sz))).toBe('REVOCATION_GROUND_REQUIRED');
    expect(code(RA_17.check({ ground: 'fraud' }, sz))).toBe('pass');
  });
});

describe('certificate validity per profile', () => {
  it('uses cert.validityYears, capped in guizhou by the agreement end', () => {
    expect(validityOf('2026-03-01', sz)).toBe('2029-03-01');
    expect(validityOf('2026-03-01', loadProfile('dali'))).toBe('2027-03-01');
    expect(validityOf('2026-03-01', gz)).toBe('2028-03-01');
    expect(validityOf('2026-03-01', gz, '2027-01-31')).toBe('2027-01-31');
    expect(validityOf('2026-03-01', sz, '2027-01-31')).toBe('2029-03-01');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
  });
});
