import { fail, pass, rule } from '../../../kernel/workflow/rules.js';
import { GRADE_RANK, MASKING_ALIASES, MASKING_METHODS, type Grade } from '../model.js';

// ScenarioApplication rules (authorization.md AUTH-09…16). Pure: the service loads the facts.

/** One demand item with what the catalog says about its field. */
export interface DemandFact {
  id?: string;
  resourceId: string;
  resourceNameZh: string;
  fieldCode: string;
  fieldNameZh: string;
  justification: string;
  masking: string;
  legalBasis?: { kind: string; evidenceFileId: string } | null;
  /** Catalog facts; undefined when the resource or field is unknown. */
  registered: boolean;
  /** REG-03: false for a field added after the resource's registration (catalog `GrantableField.registered`). */
  fieldRegistered?: boolean;
  inCatalog: boolean;
  fieldKnown: boolean;
  grade: Grade | null;
  resourceGrade: Grade | null;
  personal: boolean;
}

export interface SubmissionFacts {
  application: {
    scenarioTitle: string;
    serviceObjects: string[];
    regions: string[];
    industries: string[];
    servicePeriod: { from: string; to: string };
    outcomeText: string;
    indicators: string[];
    developmentMethods: string[];
    usageTimeLimit: string;
  };
  items: DemandFact[];
  agreement: { validTo: string | null; inForce: boolean };
}

/** The effective grade: a field inherits its resource's grade if higher (就高从严, AUTH-16). */
export function effectiveGrade(f: Pick<DemandFact, 'grade' | 'resourceGrade'>): Grade | null {
  if (!f.grade) return null;
  if (f.resourceGrade && GRADE_RANK[f.resourceGrade] > GRADE_RANK[f.grade]) return f.resourceGrade;
  return f.grade;
}

/** The sandbox's masking name for a requested method (spec aliases accepted). */
export function normalizeMasking(method: string): string {
  return MASKING_ALIASES[method] ?? method;
}
export const isKnownMasking = (m: string) => (MASKING_METHODS as readonly string[]).includes(normalizeMasking(m));

/** A core field, or a field of a core resource (AUTH-14). */
export const isCoreItem = (i: Pick<DemandFact, 'fieldKnown' | 'grade' | 'resourceGrade'>) =>
  i.fieldKnown && (i.grade === 'core' || i.resourceGrade === 'core');

/**
 * AUTH-07 at request time: every requested resource is registered (002:L101), and every requested
 * field too (REG-03: a field added after the registration is not grantable until a `change`
 * registration covers it). Core items are AUTH-14's to refuse.
 */
export const AUTH_07_REQUEST = rule('AUTH-07', (f: { items: DemandFact[] }) => {
  const live = f.items.filter((i) => !isCoreItem(i));
  const bad = [...new Set(live.filter((i) => !i.registered).map((i) => i.resourceNameZh))];
  if (bad.length) return fail('RESOURCE_NOT_REGISTERED', { resource: bad.join('、'), names: bad.join('、') });
  const newFields = [
    ...new Set(
      live
        .filter((i) => i.fieldKnown && i.fieldRegistered === false)
        .map((i) => `${i.resourceNameZh}.${i.fieldNameZh}`),
    ),
  ];
  return newFields.length ? fail('FIELD_NOT_REGISTERED', { fields: newFields.join('、') }) : pass();
});

/** AUTH-09: all eight items of 002:L177; each demand item a catalog field with a justification ≥ N chars. */
export const AUTH_09 = rule('AUTH-09', (f: SubmissionFacts, p) => {
  const a = f.application;
  const missing = [
    !a.scenarioTitle && 'scenario',
    !a.serviceObjects.length && 'serviceObjects',
    !(a.regions.length || a.industries.length) && 'serviceScope',
    !(a.servicePeriod.from && a.servicePeriod.to && a.servicePeriod.from <= a.servicePeriod.to) && 'servicePeriod',
    !(a.outcomeText && a.indicators.length) && 'expectedOutcome',
    !f.items.length && 'demandList',
    !a.developmentMethods.length && 'developmentMethods',
    !a.usageTimeLimit && 'usageTimeLimit',
  ].filter(Boolean) as string[];
  if (missing.length) return fail('APPLICATION_INCOMPLETE', { fields: missing.join(',') }, 422);
  const wildcard = f.items.find((i) => i.fieldCode === '*' || i.fieldCode.toLowerCase() === 'all');
  if (wildcard) return fail('ALL_FIELDS_FORBIDDEN', { resource: wildcard.resourceNameZh }, 422);
  const outside = f.items.filter((i) => i.registered && (!i.fieldKnown || !i.inCatalog));
  if (outside.length) return fail('FIELD_NOT_IN_CATALOG', { field: outside.map((i) => i.fieldCode).join('、') }, 422);
  const min = p.get<number>('authorization.minJustificationChars');
  const short = f.items.filter((i) => [...i.justification.trim()].length < min);
  return short.length
    ? fail('JUSTIFICATION_REQUIRED', { field: short.map((i) => i.fieldNameZh || i.fieldCode).join('、'), min }, 422)
    : pass();
});

/** AUTH-10: servicePeriod and usageTimeLimit end no later than the agreement's validTo (002:L115). */
export const AUTH_10 = rule('AUTH-10', (f: SubmissionFacts) => {
  if (!f.agreement.inForce || !f.agreement.validTo) return fail('AGREEMENT_NOT_IN_FORCE', {});
  const over = [
    f.application.servicePeriod.to > f.agreement.validTo && 'servicePeriod',
    f.application.usageTimeLimit > f.agreement.validTo && 'usageTimeLimit',
  ].filter(Boolean);
  return over.length
    ? fail('PERIOD_EXCEEDS_AGREEMENT', { fields: over.join(','), validTo: f.agreement.validTo }, 422)
    : pass();
});

/**
 * AUTH-14: a core field, or any field of a core resource, is never requested or granted. It runs
 * BEFORE AUTH-07 everywhere: core resources are never registered, so a registration check first
 * would answer RESOURCE_NOT_REGISTERED and hide the grade (scenario 5).
 */
export const AUTH_14 = rule('AUTH-14', (f: { items: DemandFact[] }) => {
  const core = f.items.filter(isCoreItem);
  return core.length
    ? fail('CORE_DATA_NOT_GRANTABLE', {
        field: core.map((i) => i.fieldNameZh).join('、'),
        names: core.map((i) => i.fieldNameZh).join('、'),
      })
    : pass();
});

/** AUTH-16: ungraded fields are refused; personal fields need de-identification or a recorded legal basis. */
export const AUTH_16 = rule('AUTH-16', (f: { items: DemandFact[] }) => {
  const ungraded = f.items.filter((i) => i.fieldKnown && !i.grade);
  if (ungraded.length)
    return fail('CLASSIFICATION_MISSING', { field: ungraded.map((i) => i.fieldNameZh).join('、') }, 422);
  const unknownMasking = f.items.filter((i) => !isKnownMasking(i.masking));
  if (unknownMasking.length)
    return fail('MASKING_METHOD_UNKNOWN', { field: unknownMasking.map((i) => i.fieldNameZh).join('、') }, 422);
  const clear = f.items.filter(
    (i) => i.personal && normalizeMasking(i.masking) === 'none' && !(i.legalBasis?.kind && i.legalBasis.evidenceFileId),
  );
  return clear.length
    ? fail('PERSONAL_DATA_NEEDS_DEIDENTIFICATION', { field: clear.map((i) => i.fieldNameZh).join('、') }, 422)
    : pass();
});

/** The facts of an approval: the reviewer's per-item decisions against consents and grades. */
export interface ApprovalItemFact extends DemandFact {
  consent: 'pending' | 'consent' | 'refuse';
  decision: 'accepted' | 'accepted_with_conditions' | 'rejected' | null;
  decisionReason: string;
}
export interface ApprovalFacts {
  items: ApprovalItemFact[];
  reviewer: { userId: string; orgId: string };
  applicantOrgId: string;
  riskAssessment: { fileId?: string; responsiblePerson?: string; coversImportantFields?: boolean };
  firstApproval: { userId: string; orgId: string } | null;
}

const accepted = (i: ApprovalItemFact) => i.decision === 'accepted' || i.decision === 'accepted_with_conditions';

/** AUTH-11: accept or reject, with a reason, for every item; the authority never reviews its own org's request. */
export const AUTH_11 = rule('AUTH-11', (f: ApprovalFacts) => {
  if (f.reviewer.orgId === f.applicantOrgId) return fail('SELF_REVIEW_FORBIDDEN', {}, 403);
  const undecided = f.items.filter((i) => !i.decision || !i.decisionReason.trim());
  if (undecided.length)
    return fail('ITEM_DECISION_REQUIRED', { field: undecided.map((i) => i.fieldNameZh).join('、') }, 422);
  return f.items.some(accepted) ? pass() : fail('NOTHING_ACCEPTED', {}, 422);
});

/** AUTH-12: each accepted item has its source unit's consent; silence is not consent; a refusal is final. */
export const AUTH_12 = rule('AUTH-12', (f: ApprovalFacts) => {
  const refused = f.items.filter((i) => accepted(i) && i.consent === 'refuse');
  if (refused.length) return fail('SOURCE_UNIT_REFUSED', { field: refused.map((i) => i.fieldNameZh).join('、') });
  const silent = f.items.filter((i) => accepted(i) && i.consent !== 'consent');
  return silent.length
    ? fail('SOURCE_UNIT_CONSENT_MISSING', { field: silent.map((i) => i.fieldNameZh).join('、') })
    : pass();
});

/** AUTH-13: a risk assessment is attached and a responsible person named (004:L3099–3117). */
export const AUTH_13 = rule('AUTH-13', (f: ApprovalFacts) =>
  f.riskAssessment.fileId && f.riskAssessment.responsiblePerson ? pass() : fail('RISK_ASSESSMENT_MISSING', {}, 422),
);

/** AUTH-15: important fields need specific risk coverage and a second, different authority approver. */
export const AUTH_15 = rule('AUTH-15', (f: ApprovalFacts, p) => {
  const important = f.items.filter((i) => accepted(i) && effectiveGrade(i) === 'important');
  if (!important.length) return pass();
  const fields = important.map((i) => i.fieldNameZh).join('、');
  if (!f.riskAssessment.coversImportantFields) return fail('IMPORTANT_RISK_COVERAGE_MISSING', { field: fields }, 422);
  if (!p.get<boolean>('authorization.importantSecondApprover')) return pass();
  const first = f.firstApproval;
  return first && first.userId !== f.reviewer.userId && first.orgId === f.reviewer.orgId
    ? pass()
    : fail('SECOND_APPROVAL_REQUIRED', { field: fields });
});

/** REG-02 / AUTH-07 again at approval: a registration cancelled or a field unregistered since submission blocks the Grant. */
export const AUTH_07_APPROVAL = rule('AUTH-07', (f: ApprovalFacts, p) =>
  AUTH_07_REQUEST.check({ items: f.items.filter(accepted) }, p),
);
/** AUTH-14 and AUTH-16 again at approval, over the accepted items only (masking may have changed). */
export const AUTH_14_APPROVAL = rule('AUTH-14', (f: ApprovalFacts, p) =>
  AUTH_14.check({ items: f.items.filter(accepted) }, p),
);
export const AUTH_16_APPROVAL = rule('AUTH-16', (f: ApprovalFacts, p) =>
  AUTH_16.check({ items: f.items.filter(accepted) }, p),
);

/** Does this approval need a first endorsement before the final one (AUTH-15)? */
export function needsSecondApprover(
  items: Pick<ApprovalItemFact, 'decision' | 'grade' | 'resourceGrade'>[],
  secondApproverOn: boolean,
): boolean {
  return (
    secondApproverOn &&
    items.some(
      (i) =>
        (i.decision === 'accepted' || i.decision === 'accepted_with_conditions') && effectiveGrade(i) === 'important',
    )
  );
}
