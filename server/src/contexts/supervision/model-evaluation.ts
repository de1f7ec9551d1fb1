import { z } from 'zod';
import { EvaluationAction, EvaluationView } from './model.js';

/** Indicator sets and scored evaluations (supervision.md IndicatorSet, Evaluation; EVA-02, EVA-05…07). */

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const Indicator = z.object({
  code: z.string(),
  dimension: z.string(),
  name: z.string(),
  weight: z.number().positive(),
  method: z.enum(['auto', 'manual', 'binary']),
  /** auto only: the named platform query (store-drafting.ts) and how its count becomes a 0–100 score. */
  metricQuery: z.string().optional(),
  scoring: z.object({ direction: z.enum(['deduct', 'award']), per: z.number().positive() }).optional(),
  hardFail: z.boolean().default(false),
});
export type Indicator = z.infer<typeof Indicator>;
export const IndicatorSet = z.object({
  version: z.string(),
  effectiveFrom: Day,
  dimensions: z.array(z.object({ code: z.string(), name: z.string(), weight: z.number() })).min(1),
  indicators: z.array(Indicator).min(1),
});
export type IndicatorSet = z.infer<typeof IndicatorSet>;
export const SCORED_KINDS = ['operator_quarterly', 'lab_annual'] as const;
export type ScoredKind = (typeof SCORED_KINDS)[number];
export const IndicatorSets = z.record(z.string(), z.array(IndicatorSet));

/** One indicator's score; auto ones carry the query and the checkpoint they were computed at. */
export const Score = z.object({
  indicatorCode: z.string(),
  score: z.number().min(0).max(100),
  evidenceRefs: z.array(z.string()).default([]),
  auto: z.boolean().default(false),
  metric: z
    .object({ queryId: z.string(), value: z.number(), checkpointSize: z.number().int() })
    .nullable()
    .default(null),
});
export type Score = z.infer<typeof Score>;

export const ScheduleEvaluationInput = z.object({
  subjectKind: z.enum(SCORED_KINDS),
  subjectOrgId: z.string().uuid(),
  agreementId: z.string().uuid().optional(),
  labId: z.string().optional(),
  /** The third-party evaluator organization that will enter the scores. */
  evaluatorOrgId: z.string().uuid(),
  period: z.object({ from: Day, to: Day }),
});
export type ScheduleEvaluationInput = z.infer<typeof ScheduleEvaluationInput>;
export const EnterScoresInput = z.object({
  scores: z
    .array(
      z.object({
        indicatorCode: z.string(),
        score: z.number().min(0).max(100),
        evidenceRefs: z.array(z.string()).default([]),
      }),
    )
    .min(1),
  actions: z.array(EvaluationAction).default([]),
});
export type EnterScoresInput = z.infer<typeof EnterScoresInput>;
export const ObjectEvaluationInput = z.object({
  grounds: z.string().trim().min(5).max(5000),
  evidenceFileIds: z.array(z.string()).default([]),
});
export const DecideObjectionInput = z.object({
  decision: z.enum(['upheld', 'partly_upheld', 'dismissed']),
  reason: z.string().trim().min(1).max(5000),
});
export const EvaluationObjection = z.object({
  grounds: z.string(),
  evidenceFileIds: z.array(z.string()),
  filedAt: z.string(),
  dueAt: z.string(),
  decision: z.enum(['upheld', 'partly_upheld', 'dismissed']).nullable(),
  reason: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type EvaluationObjection = z.infer<typeof EvaluationObjection>;

export const EvaluationSheetView = EvaluationView.extend({
  scores: z.array(Score),
  hardFailReasons: z.array(z.string()),
  objection: EvaluationObjection.nullable(),
  supersedesId: z.string().nullable(),
  labId: z.string().nullable(),
});
export type EvaluationSheetView = z.infer<typeof EvaluationSheetView>;
export const IndicatorSetView = IndicatorSet.extend({ subjectKind: z.string() });
export const IndicatorSetList = z.object({ items: z.array(IndicatorSetView) });
