import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../kernel/profiles/index.js';
import { IndicatorSets, type IndicatorSet, type Score } from './model-evaluation.js';
import { EVA_PERIOD, EVA_SCORES, EVA_SET, indicatorSetFor, scoreSheet } from './rules-evaluation.js';

const p = loadProfile('zhuhai');
const sets = IndicatorSets.parse(p.get('evaluation.indicatorSets'));
const op = sets.operator_quarterly![0]!;
const lab = sets.lab_annual![0]!;
const manual = (set: IndicatorSet, score: number, o: Record<string, number> = {}): Score[] =>
  set.indicators
    .filter((i) => i.method !== 'auto')
    .map((i) => ({
      indicatorCode: i.code,
      score: o[i.code] ?? (i.method === 'binary' ? 100 : score),
      evidenceRefs: [],
      auto: false,
      metric: null,
    }));
const auto = (set: IndicatorSet, score: number): Score[] =>
  set.indicators
    .filter((i) => i.method === 'auto')
    .map((i) => ({ indicatorCode: i.code, score, evidenceRefs: [], auto: true, metric: null }));

describe('EVA-01/EVA-02/EVA-05: indicator set versions', () => {
  it('the profile’s sets are valid: four dimensions weighing 100, indicators 100 per dimension', () => {
    expect(EVA_SET.check({ kind: 'operator_quarterly', set: op }, p).ok).toBe(true);
    expect(EVA_SET.check({ kind: 'lab_annual', set: lab }, p).ok).toBe(true);
  });
  it('"Bad input": weights that do not sum to 100 reject the version', () => {
    const bad = { ...op, dimensions: op.dimensions.map((d, i) => (i === 0 ? { ...d, weight: 31 } : d)) };
    expect(EVA_SET.check({ kind: 'operator_quarterly', set: bad }, p)).toMatchObject({
      ok: false,
      code: 'WEIGHTS_NOT_100',
    });
    const badInd = {
      ...op,
      indicators: op.indicators.map((i) => (i.code === 'innovation' ? { ...i, weight: 90 } : i)),
    };
    expect(EVA_SET.check({ kind: 'operator_quarterly', set: badInd }, p)).toMatchObject({
      ok: false,
      params: { problem: 'weights:innovation' },
    });
  });
  it('EVA-02: an operator set without staff management is refused; EVA-05: a lab set needs the lab dimensions', () => {
    const noStaff = {
      ...op,
      indicators: op.indicators
        .filter((i) => i.code !== 'staff_mgmt')
        .map((i) => (i.code === 'security_measures' ? { ...i, weight: 70 } : i)),
    };
    expect(EVA_SET.check({ kind: 'operator_quarterly', set: noStaff }, p)).toMatchObject({
      ok: false,
      params: { problem: 'missing:staff_mgmt' },
    });
    expect(EVA_SET.check({ kind: 'lab_annual', set: op }, p)).toMatchObject({
      ok: false,
      params: { problem: 'dimensions' },
    });
  });
  it('EVA-07: the version in force is the newest effective on the period start', () => {
    const v2 = { ...op, version: '2027.1', effectiveFrom: '2027-01-01' };
    expect(indicatorSetFor([op, v2], '2026-10-01')?.version).toBe('2026.1');
    expect(indicatorSetFor([op, v2], '2027-01-01')?.version).toBe('2027.1');
    expect(indicatorSetFor([v2], '2026-10-01')).toBeUndefined();
  });
});

describe('EVA-02 / EVA-05 periods', () => {
  it('operators per calendar quarter, labs per 12 months', () => {
    const f = (kind: 'operator_quarterly' | 'lab_annual', from: string, to: string) =>
      EVA_PERIOD.check({ kind, from, to }, p).ok;
    expect(f('operator_quarterly', '2026-07-01', '2026-09-30')).toBe(true);
    expect(f('operator_quarterly', '2026-07-01', '2026-10-31')).toBe(false);
    expect(f('operator_quarterly', '2026-08-01', '2026-10-31')).toBe(false);
    expect(f('lab_annual', '2026-03-15', '2027-03-14')).toBe(true);
    expect(f('lab_annual', '2026-03-15', '2026-12-31')).toBe(false);
  });
});

describe('EVA-07 scores against the set; EVA-06 hard fails; EVA-03/EVA-05 results', () => {
  it('refuses unknown, automatic, duplicate, non-binary and missing scores', () => {
    const ok = manual(op, 80);
    expect(EVA_SCORES.check({ set: op, entered: ok }, p).ok).toBe(true);
    const code = (entered: { indicatorCode: string; score: number }[]) => {
      const r = EVA_SCORES.check({ set: op, entered }, p);
      return r.ok ? 'ok' : r.code;
    };
    expect(code([...ok, { indicatorCode: 'nope', score: 1 }])).toBe('INDICATOR_UNKNOWN');
    expect(code([...ok, { indicatorCode: 'incident_free', score: 100 }])).toBe('AUTO_INDICATOR_ENTERED');
    expect(code([...ok, ok[0]!])).toBe('INDICATOR_SCORED_TWICE');
    expect(code(ok.slice(1))).toBe('INDICATORS_UNSCORED');
    const labScores = manual(lab, 80);
    const r = EVA_SCORES.check(
      { set: lab, entered: labScores.map((s) => (s.indicatorCode === 'no_obstruction' ? { ...s, score: 50 } : s)) },
      p,
    );
    expect(r).toMatchObject({ ok: false, code: 'BINARY_INDICATOR_SCORE' });
  });
  it('operator: dimension means weighted into a whole-point total and a band (EVA-03)', () => {
    const s = scoreSheet('operator_quarterly', op, [...manual(op, 90), ...auto(op, 100)], p);
    expect(s.dimensionScores.compliance).toBe(93); // 90×0.4 + 90×0.3 + 100×0.3
    expect(s).toMatchObject({ result: 'excellent', hardFailReasons: [] });
    expect(scoreSheet('operator_quarterly', op, [...manual(op, 50), ...auto(op, 50)], p).result).toBe('fail');
  });
  it('lab: pass at evaluation.lab.passScore; a hard fail (obstruction, no compliant product) fails whatever the total', () => {
    expect(scoreSheet('lab_annual', lab, [...manual(lab, 60), ...auto(lab, 100)], p).result).toBe('pass');
    expect(scoreSheet('lab_annual', lab, [...manual(lab, 40), ...auto(lab, 40)], p).result).toBe('fail');
    const fraud = scoreSheet('lab_annual', lab, [...manual(lab, 100, { no_obstruction: 0 }), ...auto(lab, 100)], p);
    expect(fraud.total).toBeGreaterThanOrEqual(90);
    expect(fraud).toMatchObject({ result: 'fail', hardFailReasons: ['no_obstruction'] });
    const noProduct = scoreSheet(
      'lab_annual',
      lab,
      [...manual(lab, 100, { compliant_product: 0 }), ...auto(lab, 100)],
      p,
    );
    expect(noProduct.hardFailReasons).toEqual(['compliant_product']);
  });
});
