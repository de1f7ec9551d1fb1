import type { ObjectionView, TerminationView } from './model-enforcement.js';
import { LiabilityReferral, ExternalRemedyInput } from './model-enforcement.js';
import type { ObjectionRow, TerminationRow } from './store-enforcement.js';
import { asStrings } from './usecases/common.js';
import { cascadeOf } from './usecases/termination.js';

/** Presenters of the enforcement views (issue 16 part A); jsonb columns hold what we wrote from these schemas. */
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const presentTermination = (r: TerminationRow): TerminationView => ({
  id: r.id,
  state: r.state,
  version: r.version,
  targetType: r.target_type,
  targetId: r.target_id,
  subjectOrgId: r.subject_org_id,
  reasonCode: r.reason_code,
  facts: r.facts,
  evidenceFileIds: asStrings(r.evidence_file_ids),
  negotiationRecordFileId: r.negotiation_record_file_id,
  basis: r.basis as TerminationView['basis'],
  liabilityReferral: r.liability_referral ? LiabilityReferral.parse(r.liability_referral) : null,
  cascade: cascadeOf(r),
  decidedAt: iso(r.decided_at),
  effectiveAt: iso(r.effective_at),
  woundDownAt: iso(r.wound_down_at),
});

export const presentObjection = (r: ObjectionRow): ObjectionView => ({
  id: r.id,
  state: r.state,
  version: r.version,
  targetType: r.target_type,
  targetId: r.target_id,
  filedByOrgId: r.filed_by_org_id,
  grounds: r.grounds,
  evidenceFileIds: asStrings(r.evidence_file_ids),
  filedAt: r.filed_at.toISOString(),
  dueAt: r.due_at.toISOString(),
  provisional: r.provisional,
  decision: r.decision,
  decisionReason: r.decision_reason,
  suspendTarget: r.suspend_target,
  decidedAt: iso(r.decided_at),
  late: r.late,
  externalRemedy: r.external_remedy ? ExternalRemedyInput.parse(r.external_remedy) : null,
});
