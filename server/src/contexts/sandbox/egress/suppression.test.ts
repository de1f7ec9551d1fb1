import { describe, expect, it } from 'vitest';
import { runEgressChecks, type CheckInput } from './checks.js';
import { toMicro } from './dp.js';
import type { AggregateShape } from './shape.js';
import { complementaryCells, type Cell } from './suppression.js';

/** The attacker of EGR-05: knows every row and column total, solves any line with one hidden cell, repeatedly. */
function recoverable(cells: readonly Cell[]): number[] {
  const known = cells.map((c) => !c.hidden);
  const groups = new Map<string, number[]>();
  cells.forEach((c, i) => {
    for (const key of [`r:${c.row}`, `c:${c.col}`]) groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const lines = [...groups.values()].filter((l) => l.length > 1);
  const found: number[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const unknown = line.filter((i) => !known[i]);
      if (unknown.length !== 1) continue;
      known[unknown[0]!] = true;
      found.push(unknown[0]!);
      changed = true;
    }
  }
  return found;
}

// 街道 × 注册资本档位 counts; 黄贝街道 × 5000万以上 has 3 enterprises (k = 10).
const TABLE: [string, string, number][] = [
  ['东门街道', '100万以下', 120],
  ['东门街道', '100万-5000万', 64],
  ['东门街道', '5000万以上', 21],
  ['黄贝街道', '100万以下', 88],
  ['黄贝街道', '100万-5000万', 40],
  ['黄贝街道', '5000万以上', 3],
  ['桂园街道', '100万以下', 70],
  ['桂园街道', '100万-5000万', 35],
  ['桂园街道', '5000万以上', 12],
];
const grid = (hidden: (v: number) => boolean): Cell[] =>
  TABLE.map(([row, col, value]) => ({ row, col, value, hidden: hidden(value) }));

describe('EGR-05 complementary suppression', () => {
  it('the naive approach leaks: with only the small cell hidden, its row total gives it back', () => {
    const naive = grid((v) => v > 0 && v < 10);
    expect(recoverable(naive)).toEqual([5]);
  });

  it('hides complementary cells so that no hidden cell can be solved from row and column totals', () => {
    const cells = grid((v) => v > 0 && v < 10);
    const extra = complementaryCells(cells);
    expect(extra.length).toBeGreaterThanOrEqual(3); // one in its row, one in its column, and the corner that closes them
    for (const i of extra) cells[i]!.hidden = true;
    expect(recoverable(cells)).toEqual([]);
    // The smallest cells are taken: 12 (same column) and 40 (same row), then 35 closes the rectangle.
    expect(extra.map((i) => TABLE[i]![2]).sort((a, b) => a - b)).toEqual([12, 35, 40]);
  });

  it('a one-dimensional table hides a second row against its grand total', () => {
    const cells: Cell[] = [5, 200, 40, 90].map((value, i) => ({ row: `d${i}`, col: '', value, hidden: value < 10 }));
    expect(recoverable(cells)).toEqual([0]);
    const extra = complementaryCells(cells);
    expect(extra).toEqual([2]);
  });

  it('hides nothing more when no cell is small', () => {
    expect(complementaryCells(grid(() => false))).toEqual([]);
  });
});

describe('EGR-05 inside the egress checks (runEgressChecks)', () => {
  const shape: AggregateShape = {
    view: '市场主体登记',
    columns: [
      { name: '所属街道', role: 'dimension', field: '所属街道' },
      { name: '注册资本档位', role: 'dimension', field: '注册资本档位' },
      { name: '企业数', role: 'count', field: null },
    ],
    dimensions: ['所属街道', '注册资本档位'],
  };
  const input = (smallCellSuppression: boolean): CheckInput => ({
    outputKind: 'aggregate_table',
    policy: { allowedOutputKinds: ['aggregate_table'], minGroupSize: 10, smallCellSuppression, dp: null },
    shape,
    fields: new Map([
      ['所属街道', { personalInfo: false, directIdentifier: false, method: 'none' }],
      ['注册资本档位', { personalInfo: false, directIdentifier: false, method: 'none' }],
    ]),
    rows: TABLE.map((r) => [...r]),
    // Each row stands for enough subjects (EGR-04 passes); only the count cell is small.
    subjectCounts: TABLE.map(() => 50),
    sketches: TABLE.map(() => new BigUint64Array()),
    previous: new Map(),
    differencingGuard: false,
    k: 10,
    dpBudget: { totalMicro: toMicro(10), spentMicro: 0, perReleaseMicro: toMicro(1), delta: 1e-6 },
  });
  const asCells = (rows: unknown[][]): Cell[] =>
    rows.map((r) => ({ row: String(r[0]), col: String(r[1]), value: Number(r[2]), hidden: r[2] === null }));

  it('the released table keeps the small cell unrecoverable and reports the complementary cells', () => {
    const out = runEgressChecks(input(true));
    expect(out.failures).toEqual([]);
    expect(out.rows[5]![2]).toBeNull();
    expect(recoverable(asCells(out.rows))).toEqual([]);
    expect(out.autoChecks.find((c) => c.check === 'EGR-05')).toMatchObject({
      result: 'modified',
      detail: { suppressedCells: 1, complementaryCells: 3 },
    });
  });

  it('a row removed below k (EGR-04) is protected too: its value is not solved from the totals', () => {
    const x = input(true);
    x.subjectCounts = TABLE.map((_, i) => (i === 1 ? 4 : 50));
    const out = runEgressChecks(x);
    const cells = asCells(x.rows).map((c, i) => ({
      ...c,
      hidden: i === 1 || out.rows.find((r) => r[0] === c.row && r[1] === c.col)?.[2] === null,
    }));
    expect(recoverable(cells)).toEqual([]);
  });

  it('zeros stay visible', () => {
    const x = input(true);
    x.rows = x.rows.map((r, i) => (i === 0 ? [r[0], r[1], 0] : r));
    const out = runEgressChecks(x);
    expect(out.rows[0]![2]).toBe(0);
  });
});
