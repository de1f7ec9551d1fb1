import { fail, pass, rule } from '../../../kernel/workflow/rules.js';
import { GRADE_RANK, type Grade } from '../model.js';

export const OPEN_EVIDENCE_KINDS = ['desensitization', 'declassification', 'right_holder_consent'] as const;
export interface OpenEvidence {
  kind: (typeof OPEN_EVIDENCE_KINDS)[number];
  ref: string;
  sm3Hash?: string;
}

// OPN-02: leaving `not_open` needs desensitization or declassification evidence, or the
// right-holder's consent (003:L556; 004:L19793–19797).
export const OPN_02 = rule(
  'OPN-02',
  (f: { openClassFrom?: string | null; openClass: string; openClassEvidence?: OpenEvidence | null }) => {
    if (f.openClassFrom !== 'not_open' || f.openClass === 'not_open') return pass();
    return f.openClassEvidence?.ref?.trim()
      ? pass()
      : fail('OPEN_CLASS_EVIDENCE_REQUIRED', { from: 'not_open', to: f.openClass }, 422);
  },
);

/** OPN-01 / CLS-07 read this: PI counts as desensitized once OPN-02 evidence of that kind is recorded. */
export const desensitizedBy = (e?: OpenEvidence | null) =>
  !!e && (e.kind === 'desensitization' || e.kind === 'right_holder_consent');

// CAT-04: a resource shared in from another jurisdiction (its providing unit's home jurisdiction is
// outside the resource's) enters the catalogs only with the providing unit's consent (002:L101).
export const CAT_04 = rule('CAT-04', (f: { sharedFromOtherRegion: boolean; providerConsentRecorded: boolean }) =>
  f.sharedFromOtherRegion && !f.providerConsentRecorded ? fail('PROVIDER_CONSENT_REQUIRED', {}, 409) : pass(),
);

// CAT-07: a lower-level catalog is reviewed at its own level (`same`) or by the parent jurisdiction's
// authority (`parent`, sichuan), per `catalog.subCatalogApprover` (004:L23487–23493; 004:L33006–33010).
// identity IAM-11: for this approval only, the "owning jurisdiction" of IAM-10 is the level chosen here.
export const CAT_07 = rule(
  'CAT-07',
  (f: { jurisdictionPath: string[]; actorAuthorityJurisdictions: string[] }, profile) => {
    const want = profile.get<'same' | 'parent'>('catalog.subCatalogApprover');
    const path = f.jurisdictionPath;
    const level = want === 'parent' && path.length > 1 ? path[path.length - 2]! : path[path.length - 1]!;
    return f.actorAuthorityJurisdictions.includes(level)
      ? pass()
      : fail('CATALOG_APPROVER_LEVEL', { approver: want }, 403);
  },
);

export interface ImportantReviewFacts {
  grade: Grade | null;
  importantCatalogRef?: string | null;
  riskAssessmentRef?: string | null;
  securityApprovedBy?: string | null;
  reviewerId?: string | null;
}

// CLS-06: before the authorized catalog, important data needs a security-risk assessment, an
// important-data catalog entry, and the authority security officer's approval besides the
// reviewer's (a second person) (004:L3105–3107; 004:L2656–2660; 001:L110). The "at most
// conditional opening" half is OPN-01's; the Grant half is authorization's AUTH-15 endorsement.
export const CLS_06 = rule('CLS-06', (f: ImportantReviewFacts) => {
  if (!f.grade || GRADE_RANK[f.grade] < GRADE_RANK.important) return pass();
  const missing: string[] = [];
  if (!f.riskAssessmentRef?.trim()) missing.push('riskAssessmentRef');
  if (!f.importantCatalogRef?.trim()) missing.push('importantCatalogRef');
  if (!f.securityApprovedBy) missing.push('securityApproval');
  else if (f.reviewerId && f.securityApprovedBy === f.reviewerId) missing.push('secondPerson');
  return missing.length ? fail('IMPORTANT_DATA_REVIEW_INCOMPLETE', { missing: missing.join(', ') }, 409) : pass();
});

// CLS-04 after publication: a confirmed field's grade may be raised, never set lower (004:L19929).
export const CLS_04_NO_LOWERING = rule('CLS-04', (f: { publishedGrade?: Grade | null; grade?: Grade }) =>
  f.publishedGrade && f.grade && GRADE_RANK[f.grade] < GRADE_RANK[f.publishedGrade]
    ? fail('GRADE_LOWERING_FORBIDDEN', { from: f.publishedGrade, to: f.grade }, 422)
    : pass(),
);
