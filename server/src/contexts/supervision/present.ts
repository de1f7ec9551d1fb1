import type {
  BanView,
  CreditRecordView,
  EvaluationView,
  IncidentView,
  PublicCreditRecordView,
  ReportView,
} from './model.js';
import { RectificationView } from './model.js';
import { availableActions, type OperatorResult } from './rules.js';
import type { BanRow, CreditRecordRow, EvaluationRow, IncidentRow, RectificationRow, ReportRow } from './store.js';
import { repairOf } from './usecases/credit.js';
import { itemsOf, suspensionOf } from './usecases/rectifications.js';
import { asStrings } from './usecases/common.js';
import { actionsOf } from './usecases/evaluations.js';
import { affectedOf, notificationsOf } from './usecases/incidents.js';
import { draftOf } from './usecases/reports.js';
import { z } from 'zod';
import { Correction } from './model.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentReport(r: ReportRow): ReportView {
  return {
    id: r.id,
    kind: r.kind,
    state: r.state,
    version: r.version,
    subjectOrgId: r.subject_org_id,
    toOrgIds: asStrings(r.to_org_ids),
    period: { from: r.period_from, to: r.period_to },
    dueAt: r.due_at.toISOString(),
    provisional: r.provisional,
    draft: draftOf(r),
    corrections: Correction.array().parse(r.corrections),
    signedBy: r.signed_by,
    sealRef: r.seal_ref,
    submittedAt: iso(r.submitted_at),
    late: r.late,
    reviewComments: r.review_comments,
    escalatedAt: iso(r.escalated_at),
  };
}

/** `suspended`: the Grants this incident's own transaction suspended (INC-02), when known. */
export function presentIncident(r: IncidentRow, suspended?: string[]): IncidentView {
  const affected = affectedOf(r);
  return {
    id: r.id,
    incidentNo: r.incident_no,
    state: r.state,
    version: r.version,
    type: r.type,
    severity: r.severity,
    cii: r.cii,
    discoveredAt: r.discovered_at.toISOString(),
    reportedAt: r.reported_at.toISOString(),
    reporterOrgId: r.reporter_org_id,
    affected,
    description: r.description,
    processingStoppedAt: iso(r.processing_stopped_at),
    suspendedGrantIds: suspended ?? (r.processing_stopped_at ? affected.grantIds : []),
    notifications: notificationsOf(r),
  };
}

export function presentEvaluation(r: EvaluationRow): EvaluationView {
  return {
    id: r.id,
    state: r.state,
    version: r.version,
    subjectKind: r.subject_kind,
    subjectOrgId: r.subject_org_id,
    agreementId: r.agreement_id,
    period: { from: r.period_from, to: r.period_to },
    indicatorSetVersion: r.indicator_set_version,
    evaluatorOrgId: r.evaluator_org_id,
    dimensionScores: z.record(z.string(), z.number()).parse(r.dimension_scores),
    total: r.total,
    result: r.result,
    actions: actionsOf(r),
    availableActions: availableActions(r.result as OperatorResult),
    concludedAt: iso(r.concluded_at),
  };
}

export function presentRectification(r: RectificationRow): RectificationView {
  return {
    id: r.id,
    state: r.state,
    version: r.version,
    subjectOrgId: r.subject_org_id,
    measure: r.measure,
    basis: RectificationView.shape.basis.parse(r.basis),
    items: itemsOf(r),
    deadline: r.deadline,
    suspension: suspensionOf(r),
  };
}

export function presentCredit(r: CreditRecordRow): CreditRecordView {
  return {
    id: r.id,
    state: r.state,
    version: r.version,
    subjectUscc: r.subject_uscc,
    subjectOrgId: r.subject_org_id,
    kind: r.kind,
    area: r.area,
    facts: r.facts,
    basisDecisionId: r.basis_decision_id,
    publicFrom: r.public_from,
    publicUntil: r.public_until,
    jointPunishment: r.joint_punishment,
    repair: repairOf(r),
  };
}

export function presentPublicCredit(r: CreditRecordRow): PublicCreditRecordView {
  return {
    id: r.id,
    subjectUscc: r.subject_uscc,
    kind: r.kind,
    area: r.area,
    facts: r.facts,
    publicFrom: r.public_from,
    publicUntil: r.public_until,
    jointPunishment: r.joint_punishment,
  };
}

export function presentBan(r: BanRow): BanView {
  return {
    id: r.id,
    state: r.state,
    version: r.version,
    subjectUscc: r.subject_uscc,
    orgId: r.org_id,
    scope: r.scope,
    reason: r.reason,
    basisDecisionId: r.basis_decision_id,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
  };
}
