import type { Profile } from '../../kernel/profiles/index.js';
import { DataAssetView, ValuationView } from './model.js';
import { usageStale } from './rules/index.js';
import type {
  EvidenceFile,
  EquityShare,
  ObjectInfo,
  ObjectionView,
  RegistrationClocks,
  RegistrationView,
} from './model.js';
import type { DataAssetRow, ObjectionRow, RegistrationRow, ValuationRow } from './store.js';

/** Row → API shape (style.md examples: presenters with a declared output type). */

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** RA-11: still a draft when its filing window has closed. */
export const filingOverdue = (r: RegistrationRow, now: Date) =>
  r.state === 'draft' && !!r.filing_due_at && new Date(r.filing_due_at) < now;

/** `names`: organization names by id (usecases/orgs.ts `registrationOrgNames`), for the applicant and holder. */
export function presentRegistration(r: RegistrationRow, now: Date, names: Map<string, string>): RegistrationView {
  // jsonb columns below are written by the use cases through the model's schemas.
  const report = r.review_report as { passed: boolean; summary: string; evaluatorOrgId: string } | null;
  const decision = r.decision as { reason?: string; defects?: string[] } | null;
  return {
    id: r.id,
    registrationNo: r.registration_no,
    profile: r.profile,
    regType: r.reg_type,
    rightType: r.right_type,
    subjectKind: r.subject_kind,
    baseRegistrationId: r.base_registration_id,
    registryOrgId: r.registry_org_id,
    applicantOrgId: r.applicant_org_id,
    holderOrgId: r.holder_org_id,
    applicantName: names.get(r.applicant_org_id) ?? null,
    holderName: names.get(r.holder_org_id) ?? null,
    counterpartyOrgId: r.counterparty_org_id,
    evaluatorOrgId: r.evaluator_org_id,
    procedure: r.procedure,
    objectInfo: r.object_info as ObjectInfo,
    equityShares: r.equity_shares as EquityShare[],
    evidence: r.evidence as EvidenceFile[],
    contractDate: r.contract_date,
    filingDueAt: iso(r.filing_due_at),
    filingOverdue: filingOverdue(r, now),
    clocks: r.clocks as RegistrationClocks,
    reviewReport: report
      ? { passed: report.passed, summary: report.summary, evaluatorOrgId: report.evaluatorOrgId }
      : null,
    decision: decision ? { reason: decision.reason, defects: decision.defects } : null,
    state: r.state,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export function presentObjection(o: ObjectionRow): ObjectionView {
  return {
    id: o.id,
    registrationId: o.registration_id,
    objectorName: o.objector_name,
    phase: o.phase,
    grounds: o.grounds,
    acceptedAt: iso(o.accepted_at),
    resolveDueAt: iso(o.resolve_due_at),
    courtFilingRef: o.court_filing_ref,
    outcome: o.outcome,
    state: o.state,
    version: o.version,
  };
}

export function presentValuation(v: ValuationRow): ValuationView {
  const range =
    v.conclusion_low_fen !== null && v.conclusion_high_fen !== null
      ? { lowFen: Number(v.conclusion_low_fen), highFen: Number(v.conclusion_high_fen) }
      : null;
  return {
    id: v.id,
    assetName: v.asset_name,
    clientOrgId: v.client_org_id,
    clientIsSoe: v.client_is_soe,
    stage: v.stage,
    purpose: v.purpose,
    baseDate: v.base_date,
    validUntil: v.valid_until,
    methods: ValuationView.shape.methods.parse(v.methods),
    professionals: ValuationView.shape.professionals.parse(v.professionals),
    conclusionFen: v.conclusion_fen === null ? null : Number(v.conclusion_fen),
    conclusionRange: range,
    dataAssetId: v.data_asset_id,
    state: v.state,
    version: v.version,
    createdAt: new Date(v.created_at).toISOString(),
  };
}

/** `now` and `p` decide the RA-27 usage flag; jsonb columns are parsed through the view's schemas. */
export function presentDataAsset(a: DataAssetRow, now: Date, p: Profile): DataAssetView {
  const block = DataAssetView.shape.basic;
  const S = DataAssetView.shape;
  return {
    id: a.id,
    name: a.name,
    holderOrgId: a.holder_org_id,
    isPublicDataAsset: a.is_public_data_asset,
    bookStatus: a.state, // candidate, memo_book, carded, destroyed (004:L3048–3052)
    basic: block.parse(a.basic),
    rights: block.parse(a.rights),
    usage: block.parse(a.usage),
    management: block.parse(a.management),
    accounting: a.accounting === null ? null : S.accounting.parse(a.accounting),
    bookValueFen: Number(a.book_value_fen),
    marks: S.marks.parse(a.marks),
    encumbrances: S.encumbrances.parse(a.encumbrances),
    destruction: a.destruction === null ? null : S.destruction.parse(a.destruction),
    usageSyncedAt: iso(a.usage_synced_at),
    usageStale: usageStale(
      {
        isPublicDataAsset: a.is_public_data_asset,
        syncedAt: a.usage_synced_at ? new Date(a.usage_synced_at) : null,
        createdAt: new Date(a.created_at),
      },
      now,
      p,
    ),
    createdAt: new Date(a.created_at).toISOString(),
    version: a.version,
  };
}
