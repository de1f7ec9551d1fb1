import { z } from 'zod';
import { Indicator } from './model.js';

/** labs.md evaluation and exit (LAB-20, LAB-22…LAB-26, LAB-30): inputs and views. */

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Uuid = z.string().uuid();
const Stamp = z.object({ by: z.string().nullable(), at: z.string() });

// LAB-25: what makes an evaluation `fail` whatever its scores (000:L61).
export const MISCONDUCT_KINDS = ['refusal', 'obstruction', 'evasion', 'fraud'] as const;
export const Misconduct = z.object({
  kind: z.enum(MISCONDUCT_KINDS),
  facts: z.string().min(1).max(2000),
  evidenceRefs: z.array(z.string().max(200)).max(50).default([]),
});
export type Misconduct = z.infer<typeof Misconduct>;
export const IndicatorScore = z.object({
  indicatorCode: z.string().min(1).max(50),
  score: z.number().min(0).max(100),
  note: z.string().max(2000).default(''),
});
export type IndicatorScore = z.infer<typeof IndicatorScore>;

// ---- Evaluation (LAB-22) ----
export const CommissionEvaluationInput = z.object({
  year: z.number().int().min(2026).max(2100),
  evaluatorOrgId: Uuid,
});
export type CommissionEvaluationInput = z.infer<typeof CommissionEvaluationInput>;
export const ConflictDeclarationInput = z.object({
  hasConflict: z.boolean(),
  statement: z.string().min(1).max(2000),
});
export type ConflictDeclarationInput = z.infer<typeof ConflictDeclarationInput>;
export const SubmitEvaluationInput = z.object({
  scores: z.array(IndicatorScore).min(1).max(100),
  misconduct: z.array(Misconduct).max(20).default([]),
});
export type SubmitEvaluationInput = z.infer<typeof SubmitEvaluationInput>;
export const SeriousInput = z.object({ reason: z.string().min(1).max(2000) });

export const ConflictDeclaration = Stamp.extend({ hasConflict: z.boolean(), statement: z.string() });
export const Serious = Stamp.extend({ reason: z.string() });

export const LabEvaluationView = z.object({
  id: z.string(),
  evaluationNo: z.string(),
  labId: z.string(),
  labNo: z.string(),
  labName: z.string(),
  year: z.number().int(),
  evaluatorOrgId: z.string(),
  evaluator: z.string(),
  /** The guide's indicator set, as it stood when the evaluation was commissioned. */
  indicators: z.array(Indicator),
  initiatorConcurrence: Stamp.nullable(),
  conflictDeclaration: ConflictDeclaration.nullable(),
  scores: z.array(IndicatorScore),
  misconduct: z.array(Misconduct),
  total: z.number().int().nullable(),
  result: z.enum(['pass', 'fail']).nullable(),
  serious: Serious.nullable(),
  concludedAt: z.string().nullable(),
  state: z.string(),
  version: z.number().int(),
  abilities: z.array(z.string()),
});
export type LabEvaluationView = z.infer<typeof LabEvaluationView>;
export const LabEvaluationList = z.object({ items: z.array(LabEvaluationView) });

// ---- Rectification, termination and the ending (LAB-20, LAB-23, LAB-24, LAB-26, LAB-30) ----
export const OrderRectificationInput = z.object({
  evaluationId: Uuid,
  items: z
    .array(z.object({ finding: z.string().min(1).max(2000), requiredAction: z.string().min(1).max(2000) }))
    .min(1)
    .max(50),
});
export type OrderRectificationInput = z.infer<typeof OrderRectificationInput>;
export const TerminateInput = z.object({ reason: z.string().min(1).max(2000) });
export const DelistInput = z.object({
  basis: z.object({ kind: z.enum(['rectification', 'incident']), ref: Uuid }),
  reason: z.string().min(1).max(2000),
});
export type DelistInput = z.infer<typeof DelistInput>;
export const MergeInput = z.object({ successorLabId: Uuid, reason: z.string().min(1).max(2000) });
export type MergeInput = z.infer<typeof MergeInput>;

export const LabRectification = z.object({
  rectificationId: z.string(),
  evaluationId: z.string(),
  orderedOn: z.string(),
  deadline: z.string(),
  /** Supervision's Rectification state, read live (ordered, submitted, accepted, rejected, overdue, …). */
  state: z.string(),
});
export type LabRectification = z.infer<typeof LabRectification>;
export const LabBan = z.object({
  id: z.string(),
  ruleId: z.enum(['LAB-24', 'LAB-26']),
  startsOn: z.string(),
  endsOn: z.string(),
});
export const BanCandidate = z.object({ orgId: z.string(), uscc: z.string(), serious: z.boolean() });
export const LabTermination = z.object({
  terminatedOn: z.string(),
  reason: z.string(),
  by: z.string().nullable(),
  agreementId: z.string().nullable(),
  rectificationId: z.string().nullable(),
  revokedGrantIds: z.array(z.string()),
  /** LAB-23: the terminated partner, recorded for the Ban the authority's decision brings (LAB-24/LAB-26). */
  banCandidate: BanCandidate,
  /** The Ban recorded when the authority approved the partner change (labs.md Known gaps). */
  ban: LabBan.optional(),
  /**
   * The partner-change clock (labs.md "Deadlines and clocks", `lab.partnerChangeDays` from the entry into
   * `partner_change_pending`; decision 0100): the last day for the partner change, and once it has run out with the
   * lab still pending, the prompt to the authority to decide revocation (recorded once by the labs clock; the state
   * is unchanged until the authority decides).
   */
  partnerChangeDueOn: z.string().optional(),
  revocationPrompt: z
    .object({
      promptedOn: z.string(),
      notices: z.array(z.object({ recipient: z.enum(['authority']), jurisdictionId: z.string() })),
    })
    .optional(),
});
export type LabTermination = z.infer<typeof LabTermination>;
export const Notice = z.object({ recipient: z.string(), recipientZh: z.string(), at: z.string() });
export const LabEnding = z.object({
  kind: z.enum(['revoked', 'delisted', 'merged']),
  decidedOn: z.string(),
  by: z.string().nullable(),
  reason: z.string(),
  basis: z.object({ kind: z.string(), ref: z.string() }).nullable(),
  changeRequestId: z.string().nullable(),
  successorLabId: z.string().nullable(),
  revokedGrantIds: z.array(z.string()),
  plaqueStatus: z.string().nullable(),
  bans: z.array(LabBan),
  notices: z.array(Notice),
});
export type LabEnding = z.infer<typeof LabEnding>;

export const LabEndingsView = z.object({
  labId: z.string(),
  labNo: z.string(),
  state: z.string(),
  supplyMode: z.string(),
  partnerOrgId: z.string(),
  successorLabId: z.string().nullable(),
  rectification: LabRectification.nullable(),
  termination: LabTermination.nullable(),
  ending: LabEnding.nullable(),
  evaluations: z.array(LabEvaluationView),
  abilities: z.array(z.string()),
});
export type LabEndingsView = z.infer<typeof LabEndingsView>;
