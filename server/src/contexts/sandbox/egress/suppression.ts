/**
 * EGR-05 complementary suppression. A table's row and column totals are usually known to the
 * recipient (published elsewhere, or the population itself), so a line (row or column of the
 * cross-tab) holding exactly one hidden cell gives that cell away: total − the visible cells.
 * Every line must therefore hide none or at least two cells. The heuristic is the classic one:
 * in a line with a single hidden cell, also hide its smallest visible cell, and repeat until no
 * line has exactly one (each extra cell can open a new line, hence the loop).
 */

/** One count cell of the output, placed on the cross-tab: `row` = first dimension, `col` = the other dimensions. */
export interface Cell {
  row: string;
  col: string;
  value: number;
  hidden: boolean;
}

/** The indexes of the cells to hide besides those already hidden (primary suppression). */
export function complementaryCells(cells: readonly Cell[]): number[] {
  const hidden = cells.map((c) => c.hidden);
  const lines = linesOf(cells);
  const added: number[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const inLine = line.filter((i) => hidden[i]);
      if (inLine.length !== 1) continue;
      const pick = partnerIn(line, cells, hidden);
      if (pick === null) continue; // a line of one cell: its total is the cell itself, nothing can cover it
      hidden[pick] = true;
      added.push(pick);
      changed = true;
    }
  }
  return added;
}

/** Rows of the cross-tab, its columns, and (for a one-dimensional table) the whole table against its grand total. */
function linesOf(cells: readonly Cell[]): number[][] {
  const byRow = new Map<string, number[]>();
  const byCol = new Map<string, number[]>();
  cells.forEach((c, i) => {
    byRow.set(c.row, [...(byRow.get(c.row) ?? []), i]);
    byCol.set(c.col, [...(byCol.get(c.col) ?? []), i]);
  });
  return [...byRow.values(), ...byCol.values()].filter((l) => l.length > 1);
}

// The smallest visible non-zero cell loses least; a zero is taken only when nothing else is left
// (EGR-05 keeps zeros visible, but a lone hidden cell beside zeros equals the line's total).
function partnerIn(line: number[], cells: readonly Cell[], hidden: boolean[]): number | null {
  const open = line.filter((i) => !hidden[i]);
  if (!open.length) return null;
  const nonZero = open.filter((i) => cells[i]!.value !== 0);
  const pool = nonZero.length ? nonZero : open;
  return pool.reduce((best, i) => (cells[i]!.value < cells[best]!.value ? i : best));
}
