import { z } from 'zod';

/**
 * Lab duties while active (labs.md LAB-14…LAB-18; decision 0085): the typed view of `GET /labs/{id}/duties`, read
 * by the lab dashboard (labs-web) and by the annual evaluation (findings). Dates are YYYY-MM-DD (Asia/Shanghai),
 * instants ISO strings.
 */

export const DUTY_KINDS = ['products', 'trainings', 'security_policy', 'usage_reports', 'issue_reports'] as const;
export type DutyKind = (typeof DUTY_KINDS)[number];
export const DUTY_STATES = ['ok', 'due', 'overdue'] as const;
export type DutyState = (typeof DUTY_STATES)[number];

/** One piece of evidence behind a duty: a product, training, policy version, report or incident. */
export const DutyEvidence = z.object({
  type: z.enum(['DataProduct', 'Training', 'SecurityPolicy', 'Report', 'Incident']),
  id: z.string(),
  label: z.string(),
  /** The date the evidence counts on (review passed, training held, policy approved, report due, discovered). */
  on: z.string().nullable(),
  state: z.string().nullable(),
});
export type DutyEvidence = z.infer<typeof DutyEvidence>;

export const DutyView = z.object({
  /** Stable key: `<kind>:<period.from>` (one row per duty and period). */
  key: z.string(),
  kind: z.enum(DUTY_KINDS),
  ruleId: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  /** The last day to meet it; null for a duty that is met at once each time (LAB-18). */
  dueOn: z.string().nullable(),
  state: z.enum(DUTY_STATES),
  /** What the rule asks and what the lab has (counts; for the policy, the age in months). */
  expected: z.number().int(),
  actual: z.number().int(),
  shortfall: z.number().int(),
  /** Shown before the due date (e.g. LAB-15: no training yet by 30 Sep). */
  warning: z.string().nullable(),
  evidence: z.array(DutyEvidence),
});
export type DutyView = z.infer<typeof DutyView>;

/** A finding recorded for the evaluation when a duty's period ended unmet (stored in `lab.duty_findings`). */
export const DutyFinding = z.object({
  ruleId: z.string(),
  kind: z.enum(DUTY_KINDS),
  period: z.object({ from: z.string(), to: z.string() }),
  expected: z.number().int(),
  actual: z.number().int(),
  recordedAt: z.string(),
});
export type DutyFinding = z.infer<typeof DutyFinding>;

/** LAB-17 pre-fill: per filed DataScopeLine (its Grant), jobs and EgressRequests in the period. */
export const UsageLineView = z.object({
  dataResourceId: z.string(),
  grantId: z.string().nullable(),
  rawAllowed: z.boolean(),
  jobs: z.number().int(),
  egress: z.number().int(),
});

export const LabDutiesView = z.object({
  labId: z.string(),
  labNo: z.string(),
  labState: z.string(),
  asOf: z.string(),
  /** The co-construction period (= certification period). */
  period: z.object({ from: z.string(), to: z.string() }).nullable(),
  duties: z.array(DutyView),
  findings: z.array(DutyFinding),
  usagePrefill: z.object({ period: z.object({ from: z.string(), to: z.string() }), lines: z.array(UsageLineView) }),
  abilities: z.array(z.string()),
});
export type LabDutiesView = z.infer<typeof LabDutiesView>;

export const RecordTrainingInput = z.object({
  title: z.string().min(1).max(200),
  heldOn: z.string().date(),
  hours: z.number().positive().max(100),
  attendeeUserIds: z.array(z.string().uuid()).default([]),
  signInSheetRef: z.string().max(200).nullable().default(null),
});
export type RecordTrainingInput = z.infer<typeof RecordTrainingInput>;

export const TrainingView = z.object({
  id: z.string(),
  labId: z.string().nullable(),
  title: z.string(),
  kind: z.string(),
  heldOn: z.string(),
  hours: z.number(),
  attendeeCount: z.number().int(),
  signInSheetRef: z.string().nullable(),
});
export const TrainingList = z.object({ items: z.array(TrainingView) });

/** LAB-16: a new version of the lab's security policy (the file is uploaded first; its id comes here). */
export const SecurityPolicyInput = z.object({
  version: z.string().min(1).max(40),
  approvedAt: z.string().date(),
  fileId: z.string().min(1).max(200),
});
export const SecurityPolicy = SecurityPolicyInput;
export type SecurityPolicy = z.infer<typeof SecurityPolicy>;

/** LAB-18: the partner reports a data problem; it becomes a supervision Incident naming the lab. */
export const IssueReportInput = z.object({
  type: z.enum(['loss', 'leak', 'tampering', 'destruction', 'unapproved_egress', 'harm_risk', 'other']),
  severity: z.enum(['general', 'relatively_major', 'major', 'especially_major']),
  discoveredAt: z.string().datetime({ offset: true }),
  description: z.string().min(1).max(4000),
  personalData: z.boolean().default(false),
  /** INC-02: name the lab's Grants on the Incident, which stops processing on them at once. */
  stopProcessing: z.boolean().default(false),
});
export type IssueReportInput = z.infer<typeof IssueReportInput>;

export const IssueReportView = z.object({
  incidentId: z.string(),
  incidentNo: z.string(),
  /** LAB-18: reported within `lab.issueReportHours` of discovery. */
  onTime: z.boolean(),
});
