import { z } from 'zod';
import { TERMINATION_REASONS } from '../authorization/model.js';

/** supervision.md enforcement objects (issue 16 part A): Termination, SupervisoryObjection, drill duties. */

/** ENF-04: the nine coded reasons of the exit mechanism (002:L143–161) are authorization's AUTH-23 list: one list. */
export const AGREEMENT_TERMINATION_REASONS = TERMINATION_REASONS;
/** ENF-05: lab termination codes (000:L51, L53, L60–61). */
export const LAB_TERMINATION_REASONS = [
  'lab_rectification_failed',
  'lab_revoked',
  'lab_delisted',
  'lab_serious_misconduct',
] as const;
export const TERMINATION_TARGETS = ['OperationAgreement', 'Lab'] as const;
export type TerminationTarget = (typeof TERMINATION_TARGETS)[number];

export const ProposeTerminationInput = z.object({
  targetType: z.enum(TERMINATION_TARGETS),
  targetId: z.string().uuid(),
  /** A Lab's partner org (an OperationAgreement names its operator itself). */
  subjectOrgId: z.string().uuid().optional(),
  /** Checked against the target's list by ENF-04 / ENF-05 (a wrong code answers 422, not a schema 400). */
  reasonCode: z.string().min(1),
  facts: z.string().min(1),
  evidenceFileIds: z.array(z.string()).default([]),
  negotiationRecordFileId: z.string().optional(),
  basis: z
    .object({ kind: z.enum(['rectification', 'evaluation', 'incident', 'finding']), ref: z.string().optional() })
    .default({ kind: 'finding' }),
});
export type ProposeTerminationInput = z.infer<typeof ProposeTerminationInput>;

export const LiabilityReferral = z.object({
  to: z.enum(['cyberspace_office', 'public_security', 'court']),
  note: z.string().min(1),
});
export const DecideTerminationInput = z.object({
  liabilityReferral: LiabilityReferral.optional(),
});
export const WithdrawTerminationInput = z.object({ reason: z.string().min(2) });

/** What the wind-down found (ENF-06 / scenario 10): every collaboration, Grant, Workspace and DestructionRecord. */
export const TerminationCascade = z.object({
  agreementTerminationId: z.string().nullable(),
  collaborations: z.array(z.object({ id: z.string(), state: z.string() })),
  grants: z.array(z.object({ id: z.string(), state: z.string() })),
  workspaces: z.array(
    z.object({
      workspaceId: z.string(),
      grantId: z.string(),
      state: z.string(),
      destructionRecordId: z.string().nullable(),
    }),
  ),
  destructionRecords: z.array(z.object({ id: z.string(), state: z.string() })),
});
export type TerminationCascade = z.infer<typeof TerminationCascade>;

export const TerminationView = z.object({
  id: z.string(),
  state: z.string(),
  version: z.number().int(),
  targetType: z.string(),
  targetId: z.string(),
  subjectOrgId: z.string().nullable(),
  reasonCode: z.string(),
  facts: z.string(),
  evidenceFileIds: z.array(z.string()),
  negotiationRecordFileId: z.string().nullable(),
  basis: z.object({ kind: z.string(), ref: z.string().optional() }),
  liabilityReferral: LiabilityReferral.nullable(),
  cascade: TerminationCascade.nullable(),
  decidedAt: z.string().nullable(),
  effectiveAt: z.string().nullable(),
  woundDownAt: z.string().nullable(),
});
export type TerminationView = z.infer<typeof TerminationView>;

// ---- SupervisoryObjection (ENF-09) ----
/** Evaluations are objected to on the Evaluation itself (part B, decision 0079); these are the other targets. */
export const OBJECTION_TARGETS = ['Rectification', 'Suspension', 'Termination', 'Ban', 'CreditRecord'] as const;
export const FileObjectionInput = z.object({
  targetType: z.enum(OBJECTION_TARGETS),
  targetId: z.string().uuid(),
  grounds: z.string(),
  evidenceFileIds: z.array(z.string()).default([]),
});
export type FileObjectionInput = z.infer<typeof FileObjectionInput>;
export const DecideObjectionInput = z.object({
  decision: z.enum(['upheld', 'partly_upheld', 'dismissed']),
  reason: z.string(),
  /** ENF-09 / AUTH-32: only the authority's express word suspends the decision objected to. */
  suspendTarget: z.boolean().default(false),
});
export const ExternalRemedyInput = z.object({
  kind: z.enum(['administrative_reconsideration', 'administrative_litigation']),
  caseNo: z.string().min(1),
  outcome: z.string().optional(),
});
export const ObjectionQuery = z.object({ target: z.string().uuid().optional() });

export const ObjectionView = z.object({
  id: z.string(),
  state: z.string(),
  version: z.number().int(),
  targetType: z.string(),
  targetId: z.string(),
  filedByOrgId: z.string(),
  grounds: z.string(),
  evidenceFileIds: z.array(z.string()),
  filedAt: z.string(),
  dueAt: z.string(),
  provisional: z.boolean(),
  decision: z.string().nullable(),
  decisionReason: z.string().nullable(),
  suspendTarget: z.boolean(),
  decidedAt: z.string().nullable(),
  late: z.boolean(),
  externalRemedy: ExternalRemedyInput.nullable(),
});
export type ObjectionView = z.infer<typeof ObjectionView>;
export const ObjectionList = z.object({ items: z.array(ObjectionView) });

// ---- Emergency drills (INC-07) ----
export const DrillDutyView = z.object({
  planId: z.string(),
  grantId: z.string(),
  holderOrgId: z.string(),
  planState: z.string(),
  lastDrillOn: z.string().nullable(),
  nextDrillDue: z.string().nullable(),
  reminders: z.array(z.string()),
  overdue: z.boolean(),
  /** INC-07: the quarterly assessment the overdue drill counts in, e.g. `2027-Q1`; null while not overdue. */
  findingQuarter: z.string().nullable(),
});
export type DrillDutyView = z.infer<typeof DrillDutyView>;
export const DrillDutyList = z.object({ items: z.array(DrillDutyView) });
