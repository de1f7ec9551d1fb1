/** PM-24: the outcome a meter records for one use (billable, free, or rejected and still recorded). */
export type UsageOutcome = 'billable' | 'free' | 'rejected_quota' | 'rejected_expired';

export function usageOutcome(f: {
  day: string;
  validFrom: string;
  validTo: string;
  used: number;
  quota: number;
  freeBasis: string;
}): UsageOutcome {
  if (f.day < f.validFrom || f.day > f.validTo) return 'rejected_expired';
  if (f.used >= f.quota) return 'rejected_quota';
  return f.freeBasis !== 'none' ? 'free' : 'billable';
}

/** One bill line: billable quantity × the contract's frozen (filed) price; free and rejected uses never bill. */
export function billLine(f: { billableQty: number; unitPriceFen: number; freeBasis: string }) {
  return f.freeBasis !== 'none' ? 0 : f.billableQty * f.unitPriceFen;
}
