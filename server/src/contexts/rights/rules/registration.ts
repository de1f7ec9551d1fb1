import { addDays, addYears } from '../../../kernel/calendar/calendar.js';
import type { Profile } from '../../../kernel/profiles/index.js';
import { fail, pass, rule } from '../../../kernel/workflow/rules.js';
import type { ObjectInfo, RegType } from '../model.js';

/**
 * RightsRegistration rules (rights-assets.md "Rules"), pure: facts in, pass/fail out. Each is
 * named by its spec ID; the profile supplies every number and list.
 */

/** What the base registration looks like to a later registration (RA-01, RA-12, RA-14). */
export interface BaseFacts {
  state: string;
  holderOrgId: string;
  rightType: string;
  /** The base's current certificate, if any. */
  certStatus: string | null;
  certValidTo: string | null;
  /** An accepted, unresolved objection stands against the base (RA-12). */
  objectionStanding: boolean;
}

export interface SubmitFacts {
  regType: RegType;
  rightType: string;
  applicantOrgId: string;
  holderOrgId: string;
  counterpartyOrgId: string | null;
  contentAgreed: boolean;
  objectInfo: ObjectInfo;
  evidenceCount: number;
  exchangeTradeRef: string | null;
  base: BaseFacts | null;
  selfRiskUndertaking: boolean;
  /** Civil date of submission (Asia/Shanghai). */
  today: string;
}

const DISPOSALS: readonly RegType[] = ['transfer', 'pledge', 'license', 'change', 'cancellation', 'trade', 'trust'];

// RA-01: every type but `first` needs an existing, registered first registration of the unit (004:L13769–13773).
export const RA_01 = rule('RA-01', (f: SubmitFacts) => {
  if (f.regType === 'first') return pass();
  if (!f.base || f.base.state !== 'registered') return fail('BASE_REGISTRATION_REQUIRED', { regType: f.regType }, 422);
  if (f.base.rightType !== f.rightType)
    return fail('BASE_REGISTRATION_REQUIRED', { regType: f.regType, rightType: f.base.rightType }, 422);
  return pass();
});

// RA-02: a first-registration applicant is the holder and agreed the content with interested parties
// (004:L13779–13783; L32495); a later registration (other than a transfer, RA-10) is applied for by
// the base's holder (RA-16: the holder applies to cancel).
export const RA_02 = rule('RA-02', (f: SubmitFacts) => {
  if (f.regType === 'first') {
    if (f.applicantOrgId !== f.holderOrgId) return fail('NOT_HOLDER', {}, 422);
    if (!f.contentAgreed) return fail('CONTENT_NOT_AGREED', {}, 422);
    return pass();
  }
  if (f.regType === 'transfer' || !f.base) return pass();
  return f.base.holderOrgId === f.applicantOrgId && f.holderOrgId === f.applicantOrgId
    ? pass()
    : fail('NOT_HOLDER', {}, 422);
});

// RA-04: refuse core or state-secret data, unlawful acquisition, missing source authorization,
// unresolved disputes, prohibited trade or content (004:L13901–13909; L23093–23105).
export const RA_04 = rule('RA-04', (f: Pick<SubmitFacts, 'objectInfo'>, p: Profile) => {
  const grounds = new Set(p.get<string[]>('reg.refusalGrounds'));
  const found = f.objectInfo.declaredGrounds.filter((g) => grounds.has(g));
  if (f.objectInfo.grade === 'core' && grounds.has('core_data')) found.push('core_data');
  return found.length ? fail('NOT_REGISTRABLE', { ground: [...new Set(found)].join(', ') }, 422) : pass();
});

// RA-07: materials are required unless a mutually recognized exchange already holds them (004:L13826–13828).
export const RA_07 = rule('RA-07', (f: Pick<SubmitFacts, 'evidenceCount' | 'exchangeTradeRef'>) =>
  f.evidenceCount > 0 || f.exchangeTradeRef ? pass() : fail('EVIDENCE_REQUIRED', {}, 422),
);

// RA-10: a transfer is filed by the new holder (004:L13830–13832); a Tianjin change is joint (L6722).
export const RA_10 = rule('RA-10', (f: SubmitFacts, p: Profile) => {
  if (f.regType === 'transfer') {
    const ok = f.applicantOrgId === f.holderOrgId && !!f.base && f.base.holderOrgId !== f.holderOrgId;
    return ok ? pass() : fail('TRANSFER_BY_NEW_HOLDER', {}, 422);
  }
  if (f.regType === 'change' && p.get<boolean>('reg.jointChange') && !f.counterpartyOrgId)
    return fail('JOINT_APPLICATION_REQUIRED', {}, 422);
  return pass();
});

// RA-12: a disposal applicant during a standing objection gets written notice and proceeds only
// with a signed self-risk undertaking (004:L13893–13899).
export const RA_12_DISPOSAL = rule('RA-12', (f: SubmitFacts) => {
  if (!DISPOSALS.includes(f.regType) || !f.base?.objectionStanding || f.selfRiskUndertaking) return pass();
  return fail('SELF_RISK_UNDERTAKING_REQUIRED', {}, 409);
});

/** The first day a renewal is accepted: `cert.renewalWindowMonths` calendar months before validTo. */
export function renewalWindowOpens(validTo: string, months: number): string {
  const [y, m, d] = validTo.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 - months, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  return addDays(t.toISOString().slice(0, 10), Math.min(d, last) - 1);
}

// RA-14: renewal only inside the renewal window (004:L32684–32688; L6878–6880).
export const RA_14 = rule('RA-14', (f: SubmitFacts, p: Profile) => {
  if (f.regType !== 'renewal' || !f.base?.certValidTo) return pass();
  const opens = renewalWindowOpens(f.base.certValidTo, p.get<number>('cert.renewalWindowMonths'));
  return f.today >= opens && f.today <= f.base.certValidTo
    ? pass()
    : fail('RENEWAL_WINDOW_CLOSED', { opens, closes: f.base.certValidTo }, 409);
});

export const SUBMIT_RULES = [RA_01, RA_02, RA_04, RA_07, RA_10, RA_12_DISPOSAL, RA_14] as const;

/** RA-05 facts: who reviews and what they reported. */
export interface ReviewFacts {
  evaluatorOrgId: string | null;
  evaluatorIsEvaluator: boolean;
  partyOrgIds: string[];
  reportPassed: boolean | null;
}

// RA-05: substantive review by an independent, unrelated evaluator (004:L13779; L22985–22999).
export const RA_05_INDEPENDENT = rule('RA-05', (f: ReviewFacts, p: Profile) => {
  if (p.get<string>('reg.substantiveBy') !== 'evaluator') return pass();
  return f.evaluatorOrgId && f.evaluatorIsEvaluator && !f.partyOrgIds.includes(f.evaluatorOrgId)
    ? pass()
    : fail('EVALUATOR_NOT_INDEPENDENT', {}, 422);
});

// RA-05: where `reg.substantiveBy` is the evaluator, the substantive review passes only on its passing report.
export const RA_05_REPORT = rule('RA-05', (f: ReviewFacts, p: Profile) => {
  if (p.get<string>('reg.substantiveBy') !== 'evaluator') return pass();
  return f.reportPassed === true ? pass() : fail('SUBSTANTIVE_REPORT_MISSING', {}, 409);
});

// RA-06: where the profile lists substantive checks (Dali: identity, asset information, lawful acquisition of the
// asset and its raw data, the rights relation, no dispute, no prohibited content, lawful use limits;
// 004:L30106–30125), a passing report must confirm every one of them.
export const RA_06 = rule('RA-06', (f: { passed: boolean; checks: string[] }, p: Profile) => {
  const missing = p.get<string[]>('reg.substantiveChecks').filter((c) => !f.checks.includes(c));
  return f.passed && missing.length
    ? fail('SUBSTANTIVE_CHECKS_INCOMPLETE', { missing: missing.join(', ') }, 422)
    : pass();
});

export interface RouteFacts {
  regType: RegType;
  procedure: string;
  fromSecondReview: boolean;
}

/** RA-09: does this type go through publicity in this profile? */
export const needsPublicity = (regType: RegType, p: Profile) => p.get<string[]>('reg.publicityTypes').includes(regType);
/** Guangdong: ordinary procedure has a second review by the compliance committee (004:L11446–11454). */
export const needsSecondReview = (f: RouteFacts, p: Profile) =>
  !f.fromSecondReview && p.get<boolean>('reg.secondReview') && f.procedure === 'ordinary';

// RA-09: types that skip publicity go from review straight to the certificate (004:L13810; L13834).
export const RA_09_PUBLISH = rule('RA-09', (f: RouteFacts, p: Profile) =>
  needsPublicity(f.regType, p) ? pass() : fail('PUBLICITY_NOT_APPLICABLE', { regType: f.regType }, 409),
);
export const RA_09_DIRECT = rule('RA-09', (f: RouteFacts, p: Profile) =>
  needsPublicity(f.regType, p) ? fail('PUBLICITY_REQUIRED', { regType: f.regType }, 409) : pass(),
);
export const SECOND_REVIEW_FIRST = rule('RA-05', (f: RouteFacts, p: Profile) =>
  needsSecondReview(f, p) ? fail('SECOND_REVIEW_REQUIRED', {}, 409) : pass(),
);

/** Objection facts (RA-12, RA-13). */
export interface ObjectionFacts {
  registrationState: string;
  phase: 'during_publicity' | 'post_registration' | null;
  holderRefused: boolean;
  /** Grounds keys of this registration's lapsed objections. */
  lapsedGroundsKeys: string[];
  groundsKey: string;
}

// RA-13: anyone may object during publicity; after registration only where the profile allows it.
export const RA_13 = rule('RA-13', (f: ObjectionFacts, p: Profile) => {
  if (f.phase === 'during_publicity') return pass();
  if (f.phase === 'post_registration' && p.get<boolean>('obj.postRegistration')) return pass();
  return fail('OBJECTION_NOT_OPEN', { state: f.registrationState }, 409);
});

// RA-12: a Shenzhen post-registration objection needs the holder's refusal first; a lapsed objection
// refiled on the same grounds is refused (004:L13881–13899).
export const RA_12_OBJECTION = rule('RA-12', (f: ObjectionFacts, p: Profile) => {
  if (f.lapsedGroundsKeys.includes(f.groundsKey)) return fail('OBJECTION_BARRED', {}, 409);
  if (f.phase === 'post_registration' && p.get<boolean>('obj.requireHolderRefusal') && !f.holderRefused)
    return fail('OBJECTION_PREMATURE', {}, 422);
  return pass();
});

/** Same grounds = same words once case, spacing and punctuation are set aside (RA-12). */
export function groundsKey(grounds: string): string {
  return grounds
    .toLowerCase()
    .replace(/[\s\p{P}]+/gu, '')
    .normalize('NFKC');
}

export const REVOCATION_GROUNDS = ['fraud', 'security_incident', 'court_decision', 'administrative_decision'] as const;

// RA-17: revocation only on fraud, a major data-security incident or a court/administrative decision.
export const RA_17 = rule('RA-17', (f: { ground: string }) =>
  (REVOCATION_GROUNDS as readonly string[]).includes(f.ground)
    ? pass()
    : fail('REVOCATION_GROUND_REQUIRED', { allowed: REVOCATION_GROUNDS.join(', ') }, 422),
);

/** Validity of a new certificate (`cert.validityYears`; Guizhou: capped by the agreement end). */
export function validityOf(from: string, p: Profile, agreementEnd?: string): string {
  const to = addYears(from, p.get<number>('cert.validityYears'));
  return p.get<boolean>('cert.capByAgreementEnd') && agreementEnd && agreementEnd < to ? agreementEnd : to;
}

/** Renewal: the new validity runs `cert.renewalYears` from the old expiry (004:L32684–32690). */
export const renewedValidTo = (oldValidTo: string, p: Profile) =>
  addYears(oldValidTo, p.get<number>('cert.renewalYears'));

/** RA-11: when a trade, pledge or licence must be filed (data IP: `ip.filingWD`; else `reg.changeDueWD`). */
export function filingWorkingDays(rightType: string, p: Profile): number {
  return rightType === 'data_ip' ? p.get<number>('ip.filingWD') : p.get<number>('reg.changeDueWD');
}
