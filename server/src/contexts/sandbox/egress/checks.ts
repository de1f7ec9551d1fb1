import { discreteGaussian, discreteLaplace, fromMicro, gaussianSigma } from './dp.js';
import { identifierKind } from './identifiers.js';
import type { AggregateShape } from './shape.js';
import { complementaryCells, type Cell } from './suppression.js';

export interface FieldFacts {
  personalInfo: boolean;
  directIdentifier: boolean;
  method: string;
}

export interface EgressPolicyFacts {
  allowedOutputKinds: string[];
  minGroupSize: number;
  smallCellSuppression: boolean;
  dp: { mechanism: 'laplace' | 'gaussian'; epsilonBudget: number; delta?: number } | null;
}

export interface CheckInput {
  outputKind: string;
  policy: EgressPolicyFacts;
  shape: AggregateShape;
  /** view column → its grant facts. */
  fields: Map<string, FieldFacts>;
  /** Output rows, in shape.columns order. */
  rows: unknown[][];
  /** Distinct subjects behind each row, and the sorted sketch of their hashes. */
  subjectCounts: number[];
  sketches: BigUint64Array[];
  /** Sketches released earlier for the same Grant and dimensions, by row key (EGR-06). */
  previous: Map<string, BigUint64Array[]>;
  differencingGuard: boolean;
  k: number;
  dpBudget: { totalMicro: number; spentMicro: number; perReleaseMicro: number; delta: number };
}

export interface AutoCheck {
  check: string;
  /** `flagged`: passed to review with findings the reviewer must look at (EGR-08 artifacts). */
  result: 'pass' | 'modified' | 'fail' | 'flagged';
  detail: Record<string, unknown>;
}
export interface CheckFailure {
  ruleId: string;
  code: string;
  params: Record<string, unknown>;
}

export interface CheckOutcome {
  autoChecks: AutoCheck[];
  failures: CheckFailure[];
  rows: unknown[][];
  rowKeys: string[];
  keptSketches: BigUint64Array[];
  suppressedRows: number;
  epsilonChargedMicro: number;
}

/**
 * The automatic egress checks (EGR-01..07), pure: blocking checks first (kind, identifiers,
 * DP budget), then the modifying ones (k per row, small cells, differencing, noise).
 */
export function runEgressChecks(x: CheckInput): CheckOutcome {
  const checks: AutoCheck[] = [];
  const failures: CheckFailure[] = [];
  const out: CheckOutcome = {
    autoChecks: checks,
    failures,
    rows: [],
    rowKeys: [],
    keptSketches: [],
    suppressedRows: 0,
    epsilonChargedMicro: 0,
  };
  const kindOk = x.policy.allowedOutputKinds.includes(x.outputKind);
  checks.push({ check: 'EGR-01', result: kindOk ? 'pass' : 'fail', detail: { kind: x.outputKind } });
  if (!kindOk) failures.push({ ruleId: 'EGR-01', code: 'EGRESS_KIND_NOT_ALLOWED', params: { kind: x.outputKind } });
  const ident = identifierCheck(x);
  checks.push({ check: 'EGR-02', result: ident ? 'fail' : 'pass', detail: ident ?? {} });
  if (ident) failures.push({ ruleId: 'EGR-02', code: 'DIRECT_IDENTIFIER_IN_OUTPUT', params: ident });
  const dp = dpPlan(x);
  if (dp.failure) failures.push(dp.failure);
  if (x.policy.dp)
    checks.push({
      check: 'EGR-07',
      result: dp.failure ? 'fail' : 'modified',
      detail: { columns: dp.columns, epsilon: fromMicro(dp.needMicro) },
    });
  if (failures.length) return out;
  suppress(x, out);
  if (dp.columns.length) {
    addNoise(x, out.rows, dp.columns);
    out.epsilonChargedMicro = dp.needMicro;
  }
  if (!out.rows.length) failures.push({ ruleId: 'EGR-04', code: 'EGRESS_ALL_SUPPRESSED', params: {} });
  return out;
}

const DIM_ROLE = 'dimension';

function identifierCheck(x: CheckInput): Record<string, unknown> | null {
  for (const c of x.shape.columns) {
    const f = c.field ? x.fields.get(c.field) : undefined;
    if (!f) continue;
    const derived = f.directIdentifier || f.personalInfo || f.method === 'hmac_pseudonym' || f.method === 'sm4_token';
    if (derived && (c.role === DIM_ROLE || c.role === 'sum' || c.role === 'avg')) return { column: c.name };
  }
  const usccAllowed = x.outputKind === 'record_list';
  const dims = x.shape.columns.map((c, i) => (c.role === DIM_ROLE ? i : -1)).filter((i) => i >= 0);
  for (const row of x.rows) {
    for (const i of dims) {
      const v = row[i];
      if (typeof v !== 'string') continue;
      const kind = identifierKind(v, usccAllowed);
      if (kind) return { column: x.shape.columns[i]!.name, kind };
    }
  }
  return null;
}

function dpPlan(x: CheckInput): { columns: number[]; needMicro: number; failure?: CheckFailure } {
  if (!x.policy.dp) return { columns: [], needMicro: 0 };
  const aggs = x.shape.columns.map((c, i) => ({ c, i })).filter((e) => e.c.role !== DIM_ROLE);
  const unsupported = aggs.find((e) => e.c.role !== 'count');
  if (unsupported)
    return {
      columns: [],
      needMicro: 0,
      failure: { ruleId: 'EGR-07', code: 'DP_COLUMN_UNSUPPORTED', params: { column: unsupported.c.name } },
    };
  const needMicro = aggs.length * x.dpBudget.perReleaseMicro;
  const remaining = x.dpBudget.totalMicro - x.dpBudget.spentMicro;
  if (needMicro > remaining) {
    return {
      columns: [],
      needMicro,
      failure: {
        ruleId: 'EGR-07',
        code: 'DP_BUDGET_EXHAUSTED',
        params: { remaining: fromMicro(remaining), needed: fromMicro(needMicro) },
      },
    };
  }
  return { columns: aggs.map((e) => e.i), needMicro };
}

/** EGR-04 (k per row), EGR-05 (small count cells and their complements), EGR-06 (differencing). */
function suppress(x: CheckInput, out: CheckOutcome) {
  const dims = x.shape.columns.map((c, i) => (c.role === DIM_ROLE ? i : -1)).filter((i) => i >= 0);
  const counts = x.shape.columns.map((c, i) => (c.role === 'count' ? i : -1)).filter((i) => i >= 0);
  const removed: ('k' | 'diff' | null)[] = x.rows.map((row, r) => {
    if (x.subjectCounts[r]! < x.k) return 'k';
    const key = JSON.stringify(dims.map((i) => row[i] ?? null));
    const earlier = x.differencingGuard ? (x.previous.get(key) ?? []) : [];
    const near = earlier.some((p) => {
      const d = symmetricDifference(p, x.sketches[r]!, x.k);
      return d > 0 && d < x.k;
    });
    return near ? 'diff' : null;
  });
  const rows = x.rows.map((row) => row.slice());
  const small = x.policy.smallCellSuppression ? smallCells(x, rows, removed, dims, counts) : { cells: 0, extra: 0 };
  for (let r = 0; r < rows.length; r++) {
    if (removed[r]) continue;
    out.rows.push(rows[r]!);
    out.rowKeys.push(JSON.stringify(dims.map((i) => rows[r]![i] ?? null)));
    out.keptSketches.push(x.sketches[r]!);
  }
  const belowK = removed.filter((w) => w === 'k').length;
  const diffs = removed.filter((w) => w === 'diff').length;
  out.suppressedRows = belowK + diffs;
  out.autoChecks.push({
    check: 'EGR-04',
    result: belowK ? 'modified' : 'pass',
    detail: { k: x.k, suppressedRows: belowK },
  });
  out.autoChecks.push({
    check: 'EGR-05',
    result: small.cells + small.extra ? 'modified' : 'pass',
    detail: { suppressedCells: small.cells, complementaryCells: small.extra },
  });
  out.autoChecks.push({
    check: 'EGR-06',
    result: diffs ? 'modified' : 'pass',
    detail: { removedRows: diffs, reason: diffs ? 'differencing' : undefined },
  });
}

/**
 * EGR-05: count cells from 1 to k−1 become null (zeros stay); then, per count column, the
 * complementary cells that keep every hidden value (removed rows included) from being solved
 * out of the row and column totals (suppression.ts).
 */
function smallCells(
  x: CheckInput,
  rows: unknown[][],
  removed: readonly (string | null)[],
  dims: number[],
  counts: number[],
) {
  let cells = 0;
  let extra = 0;
  for (const i of counts) {
    const grid: Cell[] = rows.map((row, r) => {
      const v = Number(row[i]);
      const primary = !removed[r] && v > 0 && v < x.k;
      if (primary) {
        row[i] = null;
        cells++;
      }
      return {
        row: String(dims.length ? row[dims[0]!] : ''),
        col: JSON.stringify(dims.slice(1).map((d) => row[d] ?? null)),
        value: Number.isFinite(v) ? v : 0,
        hidden: !!removed[r] || primary,
      };
    });
    for (const r of complementaryCells(grid)) {
      if (removed[r]) continue;
      rows[r]![i] = null;
      extra++;
    }
  }
  return { cells, extra };
}

/** |A Δ B| for sorted hash sketches, stopping once it reaches `cap`. */
export function symmetricDifference(a: BigUint64Array, b: BigUint64Array, cap: number): number {
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length && d < cap) {
    if (a[i]! === b[j]!) {
      i++;
      j++;
    } else if (a[i]! < b[j]!) {
      d++;
      i++;
    } else {
      d++;
      j++;
    }
  }
  return Math.min(cap, d + (a.length - i) + (b.length - j));
}

function addNoise(x: CheckInput, rows: unknown[][], cols: number[]) {
  const dp = x.policy.dp!;
  const eps = fromMicro(x.dpBudget.perReleaseMicro);
  for (const row of rows) {
    for (const i of cols) {
      if (row[i] === null) continue;
      const noise =
        dp.mechanism === 'gaussian'
          ? discreteGaussian(gaussianSigma(eps, dp.delta ?? x.dpBudget.delta))
          : discreteLaplace(1 / eps);
      row[i] = Math.max(0, Number(row[i]) + noise);
    }
  }
}
