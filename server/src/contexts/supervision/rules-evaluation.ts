import type { Profile } from '../../kernel/profiles/index.js';
import { fail, pass, rule } from '../../kernel/workflow/rules.js';
import type { Indicator, IndicatorSet, Score, ScoredKind } from './model-evaluation.js';
import { resultOf } from './rules.js';
import { addDays, addMonths } from '../../kernel/calendar/calendar.js';

/** supervision.md EVA-02, EVA-05…EVA-07 on indicator sets and scored evaluations. Pure. */

/** EVA-02: what every operator indicator set must cover (002:L239, L213). */
export const EVA_02_REQUIRED = ['mgmt_rules', 'staff_mgmt', 'compliant_use', 'security_measures', 'service_results'];
/** EVA-05: the four dimensions of a lab evaluation (000:L58–59). */
export const EVA_05_DIMENSIONS = ['operations_management', 'data_security', 'outputs', 'application_benefits'];
/** EVA-01: the four dimensions of an operator evaluation (002:L139). */
export const EVA_01_DIMENSIONS = ['compliance', 'security', 'effectiveness', 'innovation'];

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * EVA-01 / EVA-02 / EVA-05 / "Bad input": an IndicatorSet version is refused unless its dimensions are the kind's
 * four with weights summing to 100, each dimension's indicator weights sum to 100, every auto indicator names a
 * query, and an operator set covers EVA-02's required subjects.
 */
export const EVA_SET = rule('EVA-02', (f: { kind: ScoredKind; set: IndicatorSet }) => {
  const dims = f.set.dimensions.map((d) => d.code);
  const want = f.kind === 'lab_annual' ? EVA_05_DIMENSIONS : EVA_01_DIMENSIONS;
  if (dims.length !== want.length || want.some((d) => !dims.includes(d)))
    return fail('INDICATOR_SET_INVALID', { problem: 'dimensions', version: f.set.version }, 422);
  const total = sum(f.set.dimensions.map((d) => d.weight));
  if (total !== 100) return fail('WEIGHTS_NOT_100', { total }, 422);
  for (const d of dims) {
    const w = sum(f.set.indicators.filter((i) => i.dimension === d).map((i) => i.weight));
    if (w !== 100) return fail('INDICATOR_SET_INVALID', { problem: `weights:${d}`, version: f.set.version }, 422);
  }
  const badAuto = f.set.indicators.find((i) => i.method === 'auto' && (!i.metricQuery || !i.scoring));
  if (badAuto) return fail('INDICATOR_SET_INVALID', { problem: `auto:${badAuto.code}`, version: f.set.version }, 422);
  const codes = f.set.indicators.map((i) => i.code);
  const missing = f.kind === 'operator_quarterly' ? EVA_02_REQUIRED.filter((c) => !codes.includes(c)) : [];
  return missing.length
    ? fail('INDICATOR_SET_INVALID', { problem: `missing:${missing.join(',')}`, version: f.set.version }, 422)
    : pass();
});

/** EVA-07: the version in force for a period — the newest whose effectiveFrom is on or before the period start. */
export function indicatorSetFor(sets: IndicatorSet[], periodFrom: string): IndicatorSet | undefined {
  return [...sets]
    .filter((s) => s.effectiveFrom <= periodFrom)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}

/**
 * EVA-02: an operator is assessed per calendar quarter (`supervision.assessmentMonths`); EVA-05: a lab per year
 * (12 months from the period's first day).
 */
export const EVA_PERIOD = rule('EVA-02', (f: { kind: ScoredKind; from: string; to: string }, p: Profile) => {
  const months = f.kind === 'lab_annual' ? 12 : p.get<number>('supervision.assessmentMonths');
  const startsOk = f.kind === 'lab_annual' || /-(01|04|07|10)-01$/.test(f.from);
  const endsOk = addDays(addMonths(f.from, months), -1) === f.to;
  return startsOk && endsOk ? pass() : fail('EVALUATION_PERIOD_INVALID', { months, from: f.from, to: f.to }, 422);
});

/**
 * EVA-07 / EVA-06: scores are entered against the evaluation's own set — every manual and binary indicator once,
 * binary ones 0 or 100, none unknown, none automatic (those are computed from platform data).
 */
export const EVA_SCORES = rule(
  'EVA-07',
  (f: { set: IndicatorSet; entered: { indicatorCode: string; score: number }[] }) => {
    const byCode = new Map(f.set.indicators.map((i) => [i.code, i]));
    const seen = new Set<string>();
    for (const e of f.entered) {
      const i = byCode.get(e.indicatorCode);
      if (!i) return fail('INDICATOR_UNKNOWN', { code: e.indicatorCode, version: f.set.version }, 422);
      if (i.method === 'auto') return fail('AUTO_INDICATOR_ENTERED', { code: e.indicatorCode }, 422);
      if (seen.has(e.indicatorCode)) return fail('INDICATOR_SCORED_TWICE', { code: e.indicatorCode }, 422);
      if (i.method === 'binary' && e.score !== 0 && e.score !== 100)
        return fail('BINARY_INDICATOR_SCORE', { code: e.indicatorCode }, 422);
      seen.add(e.indicatorCode);
    }
    const missing = f.set.indicators.filter((i) => i.method !== 'auto' && !seen.has(i.code)).map((i) => i.code);
    return missing.length ? fail('INDICATORS_UNSCORED', { codes: missing.join(', ') }, 422) : pass();
  },
);

/** An automatic indicator's score from its count: `deduct` takes `per` off 100 per unit, `award` gives `per` per unit. */
export function autoScore(i: Indicator, count: number): number {
  const per = i.scoring?.per ?? 0;
  return i.scoring?.direction === 'award' ? Math.min(100, per * count) : Math.max(0, 100 - per * count);
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * EVA-01/EVA-03 (operators) and EVA-05/EVA-06 (labs): dimension scores are the weighted mean of their indicators,
 * the total the weighted sum of dimensions (whole points). A lab passes at `evaluation.lab.passScore` unless a
 * hard-fail indicator scored 0 (EVA-06: obstruction or fraud; no compliant product), whatever the total.
 */
export function scoreSheet(kind: ScoredKind, set: IndicatorSet, scores: Score[], p: Profile) {
  const byCode = new Map(scores.map((s) => [s.indicatorCode, s.score]));
  const dimensionScores: Record<string, number> = {};
  for (const d of set.dimensions) {
    const ind = set.indicators.filter((i) => i.dimension === d.code);
    dimensionScores[d.code] = round1(
      sum(ind.map((i) => (byCode.get(i.code) ?? 0) * i.weight)) / sum(ind.map((i) => i.weight)),
    );
  }
  const total = Math.round(sum(set.dimensions.map((d) => dimensionScores[d.code]! * d.weight)) / 100);
  const hardFailReasons = set.indicators.filter((i) => i.hardFail && byCode.get(i.code) === 0).map((i) => i.code);
  const result =
    kind === 'lab_annual'
      ? hardFailReasons.length || total < p.get<number>('evaluation.lab.passScore')
        ? 'fail'
        : 'pass'
      : hardFailReasons.length
        ? 'fail'
        : resultOf(total, p);
  return { dimensionScores, total, result, hardFailReasons };
}

/** ENF-09 for evaluations: an objection is filed against a final result only, by the evaluated org. */
export const EVA_OBJECTION = rule('ENF-09', (f: { grounds: string }) =>
  f.grounds.trim().length >= 5 ? pass() : fail('OBJECTION_GROUNDS_REQUIRED', {}, 422),
);
