import { addDays } from '../../kernel/calendar/calendar.js';
import { activeActorRoles, type Actor } from '../../kernel/workflow/actor.js';
import { LabTermination } from './model-endings.js';
import {
  AgreementView as AgreementViewSchema,
  ChangeDiff,
  ChangeRequestView as ChangeRequestViewSchema,
  type ChangeRequestView,
  DataScopeLine,
  Director,
  DuplicateNote,
  Indicator,
  Plaque,
  PlatformAttestation,
  Review,
  SignAgreementInput,
  Supplement,
  type AgreementView,
  type ApplicationView,
  type CreditWarning,
  type GuideView,
  type LabView,
  type PublicLabView,
} from './model.js';
import type { AgreementRow, ApplicationRow, ChangeRow, GuideRow, LabRow } from './store.js';
import { asStrings } from './usecases/common.js';
import { contentOf } from './usecases/applications.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
export type Names = Map<string, string>;

/** Does the actor act as the supervising authority of this row's jurisdiction? */
const supervises = (a: Actor, jurisdictionId: string) =>
  activeActorRoles(a, 'authority').some((r) => r.jurisdictionId === jurisdictionId);

export function presentGuide(g: GuideRow): GuideView {
  return {
    id: g.id,
    guideNo: g.guide_no,
    title: g.title,
    year: g.year,
    window: { from: g.window_from, to: g.window_to },
    domains: asStrings(g.domains),
    indicators: Indicator.array().parse(g.indicators),
    description: g.description,
    authorityOrgId: g.authority_org_id,
    publishedAt: iso(g.published_at),
    state: g.state,
    version: g.version,
  };
}

// Review decisions reach the applicants once the application is decided or returned (labs.md LabApplication).
const DECIDED = ['returned', 'shortlisted', 'not_selected', 'withdrawn'];

function applicationAbilities(a: ApplicationRow, actor: Actor): string[] {
  const initiator = actor.orgId === a.initiator_org_id;
  const partner = actor.orgId === a.partner_org_id;
  const authority = supervises(actor, a.jurisdiction_id);
  const byState: Record<string, string[]> = {
    draft: initiator ? ['edit', 'submit', 'withdraw'] : partner ? ['edit'] : [],
    returned: initiator ? ['edit', 'submit', 'withdraw'] : partner ? ['edit'] : [],
    submitted: [...(initiator ? ['withdraw'] : []), ...(authority ? ['accept'] : [])],
    under_review: authority ? ['note', 'return', 'shortlist', 'not_select'] : [],
  };
  return byState[a.state] ?? [];
}

export function presentApplication(
  a: ApplicationRow,
  actor: Actor,
  names: Names,
  creditWarnings: CreditWarning[] = [],
): ApplicationView {
  const c = contentOf(a);
  const authority = supervises(actor, a.jurisdiction_id);
  return {
    id: a.id,
    applicationNo: a.application_no,
    guideId: a.guide_id,
    initiatorOrgId: a.initiator_org_id,
    partnerOrgId: a.partner_org_id,
    initiator: names.get(a.initiator_org_id) ?? '',
    partner: names.get(a.partner_org_id) ?? '',
    name: a.name,
    domain: a.domain,
    scenarioCode: a.scenario_code,
    scenarioSummary: a.scenario_summary,
    researchDirection: a.research_direction,
    applicationForm: c.applicationForm,
    constructionPlan: c.constructionPlan,
    securityCommitmentFileId: a.security_commitment_file_id,
    agreementDraftFileId: a.agreement_draft_file_id,
    seals: c.seals,
    director: c.director,
    securityOfficerUserId: a.security_officer_user_id,
    similar: authority ? c.similar : [],
    creditWarnings: authority ? creditWarnings : [],
    duplicateNote: authority ? DuplicateNote.nullable().parse(a.duplicate_note) : null,
    directorAttested: a.director_attested,
    reviews: authority || DECIDED.includes(a.state) ? Review.array().parse(a.reviews) : [],
    shortlistRound: a.shortlist_round,
    labId: a.lab_id,
    submittedAt: iso(a.submitted_at),
    decidedAt: iso(a.decided_at),
    state: a.state,
    version: a.version,
    abilities: applicationAbilities(a, actor),
  };
}

function labAbilities(l: LabRow, actor: Actor): string[] {
  const party = actor.orgId === l.initiator_org_id || actor.orgId === l.partner_org_id;
  const authority = supervises(actor, l.jurisdiction_id);
  const out: string[] = [];
  if (party && ['shortlisted', 'agreement_filed'].includes(l.state)) out.push('attest');
  if (actor.orgId === l.initiator_org_id && l.state === 'shortlisted') out.push('draft_agreement');
  if (authority && l.state === 'agreement_filed') out.push('certify');
  return out;
}

export function presentLab(l: LabRow, actor: Actor, names: Names, agreementFilingDays: number): LabView {
  return {
    id: l.id,
    labNo: l.lab_no,
    applicationId: l.application_id,
    name: l.name,
    domain: l.domain,
    initiatorOrgId: l.initiator_org_id,
    partnerOrgId: l.partner_org_id,
    initiator: names.get(l.initiator_org_id) ?? '',
    partner: names.get(l.partner_org_id) ?? '',
    scenarioCode: l.scenario_code,
    scenarioSummary: l.scenario_summary,
    researchDirection: l.research_direction,
    director: Director.parse(l.director),
    securityOfficerUserId: l.security_officer_user_id,
    platformAttestation: PlatformAttestation.nullable().parse(l.platform_attestation),
    supplyMode: l.supply_mode,
    currentAgreementId: l.current_agreement_id,
    shortlistedOn: l.shortlisted_on,
    agreementDueOn: addDays(l.shortlisted_on, agreementFilingDays),
    certifiedAt: l.certified_at,
    validTo: l.valid_to,
    plaque: Plaque.nullable().parse(l.plaque),
    revocationPromptedOn: l.termination
      ? (LabTermination.parse(l.termination).revocationPrompt?.promptedOn ?? null)
      : null,
    state: l.state,
    version: l.version,
    abilities: labAbilities(l, actor),
  };
}

function agreementAbilities(g: AgreementRow, actor: Actor, initiatorOrgId: string): string[] {
  if (g.state === 'draft' && actor.orgId === initiatorOrgId) return ['edit', 'sign'];
  if (g.state === 'signed' && supervises(actor, g.jurisdiction_id)) return ['file'];
  return [];
}

export function presentAgreement(g: AgreementRow, actor: Actor, initiatorOrgId: string): AgreementView {
  const party = (v: unknown) => AgreementParty.parse(v);
  return {
    id: g.id,
    agreementNo: g.agreement_no,
    labId: g.lab_id,
    agreementVersion: g.agreement_version,
    dataScope: DataScopeLine.array().parse(g.data_scope),
    purpose: g.purpose,
    usePeriod: { from: g.use_from, to: g.use_to },
    duties: party(g.duties),
    rights: party(g.rights),
    securityMeasures: SecurityMeasures.parse(g.security_measures),
    initiatorProductUse: g.initiator_product_use,
    seals: SignAgreementInput.shape.seals.element.array().parse(g.seals),
    signedAt: g.signed_at,
    filedAt: iso(g.filed_at),
    filingNo: g.filing_no,
    supplements: Supplement.array().parse(g.supplements),
    grantIds: asStrings(g.grant_ids),
    state: g.state,
    version: g.version,
    abilities: agreementAbilities(g, actor, initiatorOrgId),
  };
}

const AgreementParty = AgreementViewSchema.shape.duties;
const SecurityMeasures = AgreementViewSchema.shape.securityMeasures;

/** The public list's fixed shape (issue 18): certified labs only, so certifiedAt and validTo are set. */
export function presentPublicLab(l: LabRow, names: Names): PublicLabView {
  return {
    id: l.id,
    labNo: l.lab_no,
    name: l.name,
    initiator: names.get(l.initiator_org_id) ?? '',
    partner: names.get(l.partner_org_id) ?? '',
    state: l.state,
    certifiedAt: l.certified_at ?? '',
    validTo: l.valid_to ?? '',
  };
}

export function presentChange(c: ChangeRow): ChangeRequestView {
  return {
    id: c.id,
    requestNo: c.request_no,
    labId: c.lab_id,
    kinds: asStrings(c.kinds),
    claimedKind: c.claimed_kind,
    track: c.track,
    diff: ChangeDiff.parse(c.diff),
    reason: c.reason,
    supplementaryAgreementFileId: c.supplementary_agreement_file_id,
    decision: ChangeRequestViewSchema.shape.decision.parse(c.decision),
    grantIds: asStrings(c.grant_ids),
    decidedAt: iso(c.decided_at),
    createdAt: c.created_at.toISOString(),
    state: c.state,
    version: c.version,
  };
}
