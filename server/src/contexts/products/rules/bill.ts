import { sm3Hex } from '../../../kernel/crypto/sm3.js';

/** One UsageRecord as a bill counts it. */
export interface MeteredUse {
  id: string;
  idempotency_key: string;
  outcome: string;
  quantity: number;
}

/**
 * A bill line recomputed from its records alone (anyone holding the records can redo it): billable quantity ×
 * the filed price, free and rejected uses counted but never charged (PM-13, PM-19, PM-24), and the SM3 digest
 * over the records sorted by id.
 */
export function tallyUses(uses: MeteredUse[], unitPriceFen: number, freeBasis: string) {
  let billableQty = 0;
  let freeQty = 0;
  let rejectedQty = 0;
  const sorted = [...uses].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const u of sorted) {
    if (u.outcome === 'billable') billableQty += u.quantity;
    else if (u.outcome === 'free') freeQty += u.quantity;
    else rejectedQty += u.quantity;
  }
  const amountFen = freeBasis === 'none' ? billableQty * unitPriceFen : 0;
  const digest = sm3Hex(sorted.map((u) => `${u.id}|${u.idempotency_key}|${u.outcome}|${u.quantity}`).join('\n'));
  return { billableQty, freeQty, rejectedQty, amountFen, digest, count: sorted.length };
}

/** The first and last day of a `YYYY-MM` period, and the period before it. */
export function periodDays(period: string) {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}`, prev };
}
