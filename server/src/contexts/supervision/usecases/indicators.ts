import { badInput } from '../../../kernel/http/errors.js';
import { logIdFor } from '../../../kernel/ledger/append.js';
import { integrate } from '../../../kernel/ledger/sequencer.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { IndicatorSets, type IndicatorSet, type Score, type ScoredKind } from '../model-evaluation.js';
import { autoScore, indicatorSetFor } from '../rules-evaluation.js';
import { countEvents, logSize } from '../store-drafting.js';
import { MAIN_LOG, periodInstants } from './report-drafting.js';

/** Indicator sets from the profile (EVA-07: versioned) and automatic indicators from platform data. */

/** Every version of every kind's set, as the profile holds them (a deployment override is parsed the same way). */
export const indicatorSets = (k: Kernel) => IndicatorSets.parse(k.profile.get<unknown>('evaluation.indicatorSets'));

/** The set version in force for a period start; none configured is bad input, not a crash. */
export function setInForce(k: Kernel, kind: ScoredKind, periodFrom: string): IndicatorSet {
  const s = indicatorSetFor(indicatorSets(k)[kind] ?? [], periodFrom);
  if (!s) throw badInput('INDICATOR_SET_MISSING', { kind, periodFrom });
  return s;
}

/** A version by its name (EVA-07: an evaluation is always scored against the set it was scheduled with). */
export function setByVersion(k: Kernel, kind: ScoredKind, version: string): IndicatorSet {
  const s = (indicatorSets(k)[kind] ?? []).find((x) => x.version === version);
  if (!s) throw badInput('INDICATOR_SET_MISSING', { kind, version });
  return s;
}

/**
 * Automatic indicators: each counts its named query over the subject's period at one checkpoint of the main log
 * (store-drafting.ts), so the score carries what anyone needs to recompute it.
 */
export async function autoScores(
  k: Kernel,
  set: IndicatorSet,
  orgId: string,
  period: { from: string; to: string },
): Promise<Score[]> {
  const auto = set.indicators.filter((i) => i.method === 'auto');
  if (!auto.length) return [];
  await integrate(k, MAIN_LOG);
  const logId = logIdFor(k.ledger, MAIN_LOG);
  const checkpointSize = await logSize(k.db, logId);
  const scope = { orgId, ...periodInstants(period.from, period.to), logId, checkpointSize };
  const counts = await countEvents(
    k.db,
    auto.map((i) => i.metricQuery!),
    scope,
  );
  const out: Score[] = auto.map((i) => ({
    indicatorCode: i.code,
    score: autoScore(i, counts[i.metricQuery!]!),
    evidenceRefs: [],
    auto: true,
    metric: { queryId: i.metricQuery!, value: counts[i.metricQuery!]!, checkpointSize },
  }));
  return out;
}
