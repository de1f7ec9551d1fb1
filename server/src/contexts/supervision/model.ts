import { z } from 'zod';

/** supervision.md objects: enums, inputs and the views every route answers with. */

export const REPORT_KINDS = [
  'lab_usage_quarterly',
  'operator_security_semiannual',
  'operator_operating_periodic',
  'operator_audit_materials',
] as const;
export const ReportKind = z.enum(REPORT_KINDS);
export type ReportKind = z.infer<typeof ReportKind>;

export const INCIDENT_TYPES = [
  'loss',
  'leak',
  'tampering',
  'destruction',
  'unapproved_egress',
  'hidden_relationship_risk',
  'harm_risk',
  'other',
] as const;
export const SEVERITIES = ['especially_major', 'major', 'relatively_major', 'general'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const DIMENSIONS = ['compliance', 'security', 'effectiveness', 'innovation'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const IdParams = z.object({ id: z.string().uuid() });

// ---- Reports (REP) ----
export const Figure = z.object({
  key: z.string(),
  value: z.number(),
  queryId: z.string(),
  checkpointSize: z.number().int(),
});
export type Figure = z.infer<typeof Figure>;
export const Draft = z.object({ figures: z.array(Figure), narrative: z.string() });
export type Draft = z.infer<typeof Draft>;
export const Correction = z.object({
  key: z.string(),
  computedValue: z.number(),
  reportedValue: z.number(),
  reason: z.string(),
});
export type Correction = z.infer<typeof Correction>;

export const ScheduleReportInput = z.object({
  kind: ReportKind,
  subjectOrgId: z.string().uuid(),
  period: z.object({ from: Day, to: Day }),
});
export const DraftReportInput = z.object({ figures: z.array(Figure).default([]), narrative: z.string().default('') });
export const SubmitReportInput = z.object({
  sealRef: z.string().optional(),
  corrections: z
    .array(z.object({ key: z.string(), reportedValue: z.number(), reason: z.string().optional() }))
    .default([]),
});
export const ReviewReportInput = z.object({
  outcome: z.enum(['accepted', 'returned']),
  comments: z.string().optional(),
});

export const ReportView = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.string(),
  version: z.number().int(),
  subjectOrgId: z.string(),
  toOrgIds: z.array(z.string()),
  period: z.object({ from: z.string(), to: z.string() }),
  dueAt: z.string(),
  provisional: z.boolean(),
  draft: Draft.nullable(),
  corrections: z.array(Correction),
  signedBy: z.string().nullable(),
  sealRef: z.string().nullable(),
  submittedAt: z.string().nullable(),
  late: z.boolean(),
  reviewComments: z.string().nullable(),
  escalatedAt: z.string().nullable(),
});
export type ReportView = z.infer<typeof ReportView>;

// ---- Incidents (INC) ----
export const Notification = z.object({
  recipient: z.string(),
  dueAt: z.string(),
  sentAt: z.string().nullable(),
  channel: z.string().nullable(),
  refNo: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;
export const Affected = z.object({
  grantIds: z.array(z.string().uuid()).default([]),
  dataResourceIds: z.array(z.string()).default([]),
  labIds: z.array(z.string()).default([]),
  productIds: z.array(z.string()).default([]),
  personalData: z.boolean().default(false),
  recordEstimate: z.number().int().nonnegative().nullable().default(null),
});
export type Affected = z.infer<typeof Affected>;

export const OpenIncidentInput = z.object({
  type: z.enum(INCIDENT_TYPES),
  severity: Severity,
  cii: z.boolean(),
  discoveredAt: z.string().datetime({ offset: true }),
  affected: Affected,
  description: z.string().min(1),
  /** INC-05: central and state organs report to their own cyberspace unit within 2 h. */
  centralOrgan: z.boolean().default(false),
});
export type OpenIncidentInput = z.infer<typeof OpenIncidentInput>;
export const ReclassifyInput = z.object({ severity: Severity, reason: z.string().min(1) });
export const NotificationSentInput = z.object({
  recipient: z.string(),
  channel: z.string().default('in_app'),
  refNo: z.string().optional(),
});

export const IncidentView = z.object({
  id: z.string(),
  incidentNo: z.string(),
  state: z.string(),
  version: z.number().int(),
  type: z.string(),
  severity: z.string(),
  cii: z.boolean(),
  discoveredAt: z.string(),
  reportedAt: z.string(),
  reporterOrgId: z.string(),
  affected: Affected,
  description: z.string(),
  processingStoppedAt: z.string().nullable(),
  suspendedGrantIds: z.array(z.string()),
  notifications: z.array(Notification),
});
export type IncidentView = z.infer<typeof IncidentView>;

// ---- Evaluations (EVA) ----
export const DimensionScores = z.object({
  compliance: z.number().min(0).max(100),
  security: z.number().min(0).max(100),
  effectiveness: z.number().min(0).max(100),
  innovation: z.number().min(0).max(100),
});
export type DimensionScores = z.infer<typeof DimensionScores>;
export const EVALUATION_ACTIONS = [
  'accept',
  'renewal_eligible',
  'renewal_ineligible',
  'scope_expand',
  'scope_reduce',
  'rectify',
  'propose_termination',
] as const;
export const EvaluationAction = z.enum(EVALUATION_ACTIONS);
export type EvaluationAction = z.infer<typeof EvaluationAction>;

export const ScoreEvaluationInput = z.object({
  subjectKind: z.enum(['operator_quarterly', 'operator_term']),
  subjectOrgId: z.string().uuid(),
  agreementId: z.string().uuid().optional(),
  period: z.object({ from: Day, to: Day }),
  dimensionScores: DimensionScores,
  actions: z.array(EvaluationAction).default([]),
});
export type ScoreEvaluationInput = z.infer<typeof ScoreEvaluationInput>;

export const EvaluationView = z.object({
  id: z.string(),
  state: z.string(),
  version: z.number().int(),
  subjectKind: z.string(),
  subjectOrgId: z.string(),
  agreementId: z.string().nullable(),
  period: z.object({ from: z.string(), to: z.string() }),
  indicatorSetVersion: z.string(),
  evaluatorOrgId: z.string(),
  // Operator evaluations have the four EVA-01 dimensions; lab ones (EVA-05) their own four: keyed by code.
  dimensionScores: z.record(z.string(), z.number()),
  total: z.number(),
  result: z.string(),
  actions: z.array(z.string()),
  availableActions: z.array(z.string()),
  concludedAt: z.string().nullable(),
});
export type EvaluationView = z.infer<typeof EvaluationView>;

// ---- Regulator's desk ----
export const OverviewView = z.object({
  incidents: z.object({ open: z.number().int(), bySeverity: z.record(z.string(), z.number().int()) }),
  reports: z.object({
    scheduled: z.number().int(),
    submitted: z.number().int(),
    overdue: z.number().int(),
    escalated: z.number().int(),
  }),
  evaluations: z.object({ final: z.number().int(), failed: z.number().int() }),
});
export type OverviewView = z.infer<typeof OverviewView>;

// ---- Rectification (ENF-01, ENF-02) ----
export const RectificationItem = z.object({
  finding: z.string().min(1),
  requiredAction: z.string().min(1),
  evidenceFileIds: z.array(z.string()).default([]),
  rejectionReason: z.string().nullable().default(null),
});
export type RectificationItem = z.infer<typeof RectificationItem>;
export const OrderRectificationInput = z.object({
  subjectOrgId: z.string().uuid(),
  measure: z.enum(['interview', 'rectification']),
  basis: z.object({
    kind: z.enum(['finding', 'incident', 'evaluation', 'overdue_report']),
    ref: z.string().optional(),
  }),
  items: z.array(z.object({ finding: z.string().min(1), requiredAction: z.string().min(1) })).min(1),
  /** Calendar-day deadline; defaults to today + `rectification.defaultDays` (CAL-03 moves a rest day on). */
  deadline: Day.optional(),
});
export type OrderRectificationInput = z.infer<typeof OrderRectificationInput>;
export const SubmitRectificationInput = z.object({ evidence: z.array(z.array(z.string())) });
export const DecideRectificationInput = z.object({
  outcome: z.enum(['accepted', 'rejected']),
  reasons: z.array(z.string()).default([]),
});
export const RectificationView = z.object({
  id: z.string(),
  state: z.string(),
  version: z.number().int(),
  subjectOrgId: z.string(),
  measure: z.string(),
  basis: z.object({ kind: z.string(), ref: z.string().optional() }),
  items: z.array(RectificationItem),
  deadline: z.string(),
  suspension: z
    .object({
      agreementIds: z.array(z.string()),
      collaborationIds: z.array(z.string()),
      suspendedAt: z.string(),
      restoredAt: z.string().nullable(),
    })
    .nullable(),
});
export type RectificationView = z.infer<typeof RectificationView>;

// ---- Credit records (CRD) ----
export const RecordCreditInput = z.object({
  subjectUscc: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/),
  subjectOrgId: z.string().uuid().optional(),
  kind: z.enum(['good_faith', 'bad_faith']),
  area: z.enum(['production', 'trading', 'application', 'management', 'security']),
  facts: z.string().min(1),
  jointPunishment: z.boolean().default(false),
});
export const DetermineCreditInput = z.object({ basisDecisionId: z.string().min(1) });
export const PublishCreditInput = z.object({ publicUntil: Day });
export const RepairCreditInput = z.object({ evidence: z.string().min(1) });
export const CreditRecordView = z.object({
  id: z.string(),
  state: z.string(),
  version: z.number().int(),
  subjectUscc: z.string(),
  subjectOrgId: z.string().nullable(),
  kind: z.string(),
  area: z.string(),
  facts: z.string(),
  basisDecisionId: z.string().nullable(),
  publicFrom: z.string().nullable(),
  publicUntil: z.string().nullable(),
  jointPunishment: z.boolean(),
  repair: z.object({ requestedAt: z.string(), evidence: z.string(), decidedAt: z.string() }).nullable(),
});
export type CreditRecordView = z.infer<typeof CreditRecordView>;
/** What the public sees of a published record (CRD-02): no internal ids. */
export const PublicCreditRecordView = CreditRecordView.pick({
  id: true,
  subjectUscc: true,
  kind: true,
  area: true,
  facts: true,
  publicFrom: true,
  publicUntil: true,
  jointPunishment: true,
});
export type PublicCreditRecordView = z.infer<typeof PublicCreditRecordView>;
export const PublicCreditList = z.object({ items: z.array(PublicCreditRecordView) });

// ---- Bans (ENF-07) ----
export const BAN_SCOPES = ['lab_application', 'operator_selection', 'collaborator_admission'] as const;
export const RecordBanInput = z.object({
  subjectUscc: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/),
  orgId: z.string().uuid().optional(),
  scope: z.enum(BAN_SCOPES),
  reason: z.string().min(1),
  basisDecisionId: z.string().min(1),
  startsOn: Day,
  endsOn: Day,
});
export const BanCheckQuery = z.object({ uscc: z.string().min(1), scope: z.enum(BAN_SCOPES) });
export const BanView = z.object({
  id: z.string(),
  state: z.string(),
  version: z.number().int(),
  subjectUscc: z.string(),
  orgId: z.string().nullable(),
  scope: z.string(),
  reason: z.string(),
  basisDecisionId: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
});
export type BanView = z.infer<typeof BanView>;
export const BanCheckView = z.object({ banned: z.boolean(), bans: z.array(BanView) });
