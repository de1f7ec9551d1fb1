/**
 * PM-28: a cycle's industry revenue against its maximum permitted revenue (最高准许收入). The cycle's
 * allowance is its MPR less the excess carried from the prior cycle; the excess is what lies above it (NDRC-65).
 * The platform never blocks sales on the MPR: it records and reports the position. Integer fen throughout.
 */
export function mprPosition(
  c: { mprFen: number; deductionFromPriorFen: number; actualIndustryRevenueFen: number },
  warnPct: number,
) {
  const allowanceFen = Math.max(0, c.mprFen - c.deductionFromPriorFen);
  const excessFen = Math.max(0, c.actualIndustryRevenueFen - allowanceFen);
  const warn = c.actualIndustryRevenueFen * 100 >= allowanceFen * warnPct;
  return { allowanceFen, excessFen, warn };
}
