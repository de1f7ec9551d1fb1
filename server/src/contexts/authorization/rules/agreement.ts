import { addDays } from '../../../kernel/calendar/calendar.js';
import { fail, pass, rule } from '../../../kernel/workflow/rules.js';
import { QUALIFICATION_ITEMS, TERMINATION_REASONS, type Candidate } from '../model.js';

// OperationAgreement rules (authorization.md AUTH-01…08, AUTH-23, AUTH-25). Pure: facts in, result out.

export interface CatalogEntryFact {
  resourceId: string;
  nameZh: string;
  registered: boolean;
  sharedFromOtherRegion?: boolean;
  providerConsentRecorded?: boolean;
  consent: 'pending' | 'consent' | 'refuse';
  /** The resource is graded core (AUTH-14). */
  core?: boolean;
  /** Entry fields the catalog reports `registered: false` (REG-03: added after the registration). */
  unregisteredFields?: string[];
}
export interface SelectionFacts {
  method: string;
  catalog: CatalogEntryFact[];
}

/** AUTH-01: selection uses one of the profile's methods (002:L211). */
export const AUTH_01 = rule('AUTH-01', (f: SelectionFacts, p) => {
  const allowed = p.get<string[]>('authorization.selectionMethods');
  return allowed.includes(f.method)
    ? pass()
    : fail('SELECTION_METHOD_INVALID', { method: f.method, allowed: allowed.join(',') }, 422);
});

/** AUTH-14 for the agreement catalog: core data never enters it; checked before AUTH-07 (core is never registered). */
export const AUTH_14_CATALOG = rule('AUTH-14', (f: { catalog: CatalogEntryFact[] }) => {
  const core = f.catalog.filter((e) => e.core);
  return core.length
    ? fail('CORE_DATA_NOT_GRANTABLE', {
        field: core.map((e) => e.nameZh).join('、'),
        names: core.map((e) => e.nameZh).join('、'),
      })
    : pass();
});

/**
 * AUTH-07: only registered resources enter the catalog (REG-02), and of them only registered fields
 * (REG-03: a field added after the registration waits for a `change` registration); data shared in
 * from another jurisdiction also needs the providing unit's recorded consent (catalog CAT-04, 002:L101).
 */
export const AUTH_07 = rule('AUTH-07', (f: { catalog: CatalogEntryFact[] }) => {
  const live = f.catalog.filter((e) => !e.core);
  const unregistered = live.filter((e) => !e.registered);
  if (unregistered.length)
    return fail('RESOURCE_NOT_REGISTERED', { resource: names(unregistered), names: names(unregistered) });
  const newFields = live.flatMap((e) => (e.unregisteredFields ?? []).map((c) => `${e.nameZh}.${c}`));
  if (newFields.length) return fail('FIELD_NOT_REGISTERED', { fields: newFields.join('、') });
  const noConsent = live.filter((e) => e.sharedFromOtherRegion && !e.providerConsentRecorded);
  return noConsent.length ? fail('SHARED_IN_CONSENT_MISSING', { resource: names(noConsent) }) : pass();
});
const names = (es: CatalogEntryFact[]) => es.map((e) => e.nameZh).join('、');

/**
 * AUTH-08: every catalog entry carries its source unit's consent (002:L105). This is also identity
 * IAM-12: a resource of another jurisdiction enters an agreement only with its own source unit's consent.
 */
export const AUTH_08 = rule('AUTH-08', (f: { catalog: CatalogEntryFact[] }) => {
  const missing = f.catalog.filter((e) => e.consent !== 'consent');
  return missing.length
    ? fail('CATALOG_CONSENT_MISSING', { resource: missing.map((e) => e.nameZh).join('、') })
    : pass();
});

export interface AwardFacts {
  candidate: Candidate | undefined;
  /** The selection notice date: AUTH-03 counts back from it. */
  noticeAt: string;
  /** Platform Incidents of the candidate (dates), besides its declaration. */
  platformIncidentDates: string[];
  today: string;
}

/** AUTH-02: every qualification item `pass` with evidence; no override (002:L49–91). */
export const AUTH_02 = rule('AUTH-02', (f: AwardFacts) => {
  if (!f.candidate) return fail('CANDIDATE_UNKNOWN', {}, 422);
  const q = f.candidate.qualification;
  const failed = Object.values(QUALIFICATION_ITEMS)
    .flat()
    .filter((item) => q[item]?.result !== 'pass' || !q[item]?.evidenceFileIds.length);
  return failed.length ? fail('QUALIFICATION_FAILED', { items: failed.join(',') }) : pass();
});

/** AUTH-03: no network- or data-security incident in the N years before the notice date (002:L91). */
export const AUTH_03 = rule('AUTH-03', (f: AwardFacts, p) => {
  const years = p.get<number>('authorization.incidentFreeYears');
  const from = `${Number(f.noticeAt.slice(0, 4)) - years}${f.noticeAt.slice(4)}`;
  const dates = [...(f.candidate?.declaredIncidents ?? []).map((i) => i.date), ...f.platformIncidentDates];
  const hit = dates.filter((d) => d > from && d <= f.noticeAt);
  return hit.length
    ? fail('QUALIFICATION_FAILED', { items: 'no_security_incident', incidentDates: hit.join(','), years })
    : pass();
});

/** AUTH-04: blacklist checks dated within M days before the award (002:L53). */
export const AUTH_04 = rule('AUTH-04', (f: AwardFacts, p) => {
  const maxAge = p.get<number>('authorization.blacklistCheckMaxAgeDays');
  const at = f.candidate?.blacklistCheckedAt;
  return at && at <= f.today && at >= addDays(f.today, -maxAge)
    ? pass()
    : fail('BLACKLIST_CHECK_STALE', { checkedAt: at ?? '-', maxAgeDays: maxAge });
});

/** AUTH-05: a named data-security officer, a security department and extranet access (002:L67, L77). */
export const AUTH_05 = rule('AUTH-05', (f: AwardFacts) => {
  const c = f.candidate;
  const missing = [
    !c?.securityOfficerUserId && 'securityOfficer',
    !c?.securityDepartment && 'securityDepartment',
    !c?.extranetAccess && 'extranetAccess',
  ].filter(Boolean);
  return missing.length ? fail('SECURITY_PREREQUISITES_MISSING', { missing: missing.join(',') }) : pass();
});

/** Signing: the signed text and annexes are recorded with SM3 hashes (awarded → active guard). */
export const AUTH_06_SIGNED = rule(
  'AUTH-06',
  (f: { documents: { sm3: string }[]; validFrom: string; today: string }) => {
    if (!f.documents.length) return fail('SIGNED_DOCUMENTS_REQUIRED', {}, 422);
    // Dates are server-stamped; a term cannot start before today (no back-dating).
    return f.validFrom < f.today ? fail('BACKDATING_FORBIDDEN', { validFrom: f.validFrom }, 422) : pass();
  },
);

/** AUTH-06: direct renewal only when the profile allows it and the last Evaluation says `renewal_eligible`. */
export const AUTH_06 = rule('AUTH-06', (f: { latestEvaluationActions: string[] }, p) => {
  const allowed = p.get<boolean>('authorization.directRenewalAllowed');
  if (!allowed) return fail('RENEWAL_NOT_ALLOWED', { reason: 'reselection_required' });
  return f.latestEvaluationActions.includes('renewal_eligible')
    ? pass()
    : fail('RENEWAL_NOT_ALLOWED', { reason: 'not_renewal_eligible' });
});

/** validTo = validFrom + term − 1 day (calendar, AUTH-06). */
export function agreementValidTo(validFrom: string, termYears: number): string {
  const end = `${Number(validFrom.slice(0, 4)) + termYears}${validFrom.slice(4)}`;
  // 29 Feb + n years falls on 1 Mar in non-leap years; JS Date normalizes it.
  const norm = new Date(`${end}T00:00:00Z`);
  const iso = Number.isNaN(norm.getTime()) ? addDays(`${end.slice(0, 8)}28`, 1) : norm.toISOString().slice(0, 10);
  return addDays(iso, -1);
}

export interface TerminationFacts {
  reasonCode?: string;
  evidenceFileIds: string[];
  negotiationRecordFileId?: string;
}

/** AUTH-23: one of the 9 reason codes with evidence; reason 6 also needs a negotiation record (002:L143–161). */
export const AUTH_23 = rule('AUTH-23', (f: TerminationFacts) => {
  if (!f.reasonCode || !(TERMINATION_REASONS as readonly string[]).includes(f.reasonCode))
    return fail('TERMINATION_REASON_REQUIRED', { reasonCode: f.reasonCode ?? '-' }, 422);
  if (!f.evidenceFileIds.length && f.reasonCode !== 'expired_or_operator_withdrawal')
    return fail('TERMINATION_EVIDENCE_REQUIRED', {}, 422);
  if (f.reasonCode === 'delivery_failure_unresolved' && !f.negotiationRecordFileId)
    return fail('NEGOTIATION_RECORD_REQUIRED', {}, 422);
  return pass();
});

/**
 * AUTH-28: an Evaluation result can support termination reason 7 (`evaluation_failed`, 002:L157) — and
 * only an Evaluation can: the latest one must have failed or carry `termination_support`.
 */
export const AUTH_28_TERMINATION = rule(
  'AUTH-28',
  (f: TerminationFacts & { latestEvaluation?: { result: string; actions: string[] } | null }) => {
    if (f.reasonCode !== 'evaluation_failed') return pass();
    const e = f.latestEvaluation;
    return e && (e.result === 'fail' || e.actions.includes('termination_support'))
      ? pass()
      : fail('EVALUATION_RESULT_REQUIRED', {}, 409);
  },
);

/** AUTH-25: only a missed rectification deadline moves the agreement to termination_pending (002:L243). */
export const AUTH_25 = rule('AUTH-25', (f: { rectificationDeadline: string | null; today: string }) =>
  f.rectificationDeadline && f.today > f.rectificationDeadline
    ? pass()
    : fail('RECTIFICATION_DEADLINE_NOT_PASSED', { deadline: f.rectificationDeadline ?? '-' }),
);
