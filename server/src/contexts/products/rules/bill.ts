import { sm3, sm3Hex } from '../../../kernel/crypto/sm3.js';

/** One UsageRecord as a bill counts it. */
export interface MeteredUse {
  id: string;
  idempotency_key: string;
  outcome: string;
  quantity: number;
}

/**
 * How a line's `recordsDigest` was made. `sm3-sorted` (bills before decision 0074): SM3 over the records sorted by
 * id. `sm3-lanes`: each record's SM3 cut to two signed 64-bit lanes, the lanes summed exactly, and SM3 over the
 * count and the two sums — the same value whatever order the records are read in, so the settlement run gets
 * it from the GROUP BY that sums the quantities (no per-record work at settlement).
 */
export type DigestScheme = 'sm3-sorted' | 'sm3-lanes';

const canonical = (u: MeteredUse) => `${u.id}|${u.idempotency_key}|${u.outcome}|${u.quantity}`;

/** The two lanes a meter writes with its record (usage_record.digest_hi / digest_lo), as decimal strings. */
export function recordLanes(u: MeteredUse): { hi: string; lo: string } {
  const h = sm3(canonical(u));
  return { hi: h.readBigInt64BE(0).toString(), lo: h.readBigInt64BE(8).toString() };
}

/** The `sm3-lanes` digest of a set of records from its count and the exact sums of its lanes. */
export function laneDigest(count: number, hiSum: bigint, loSum: bigint): string {
  return sm3Hex(`usage-set-v1|${count}|${hiSum}|${loSum}`);
}

function digestOf(uses: MeteredUse[], scheme: DigestScheme): string {
  if (scheme === 'sm3-sorted') {
    const sorted = [...uses].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return sm3Hex(sorted.map(canonical).join('\n'));
  }
  let hi = 0n;
  let lo = 0n;
  for (const u of uses) {
    const l = recordLanes(u);
    hi += BigInt(l.hi);
    lo += BigInt(l.lo);
  }
  return laneDigest(uses.length, hi, lo);
}

/** Quantities by outcome: billable is charged, free and rejected uses are counted but never charged. */
export function quantitiesOf(byOutcome: { outcome: string; quantity: number }[]) {
  let billableQty = 0;
  let freeQty = 0;
  let rejectedQty = 0;
  for (const u of byOutcome) {
    if (u.outcome === 'billable') billableQty += u.quantity;
    else if (u.outcome === 'free') freeQty += u.quantity;
    else rejectedQty += u.quantity;
  }
  return { billableQty, freeQty, rejectedQty };
}

/** What a line's amount depends on besides its records: the contract's unit, price, free basis and term. */
export interface LineTerms {
  unit: string;
  unitPriceFen: number;
  freeBasis: string;
  /** The contract's term overlaps the line's period (a `period` fee is charged only then). */
  inTerm: boolean;
}

/**
 * A line's amount in fen (decision 0084). Free use is never charged (PM-13, PM-19). A contract priced per `period`
 * (per service time, NDRC-65 chargingUnit) owes its filed price once for each settlement period its term overlaps,
 * whatever its usage; every other unit owes billable quantity × the filed price.
 */
export function lineAmountFen(t: LineTerms, billableQty: number): number {
  if (t.freeBasis !== 'none') return 0;
  if (t.unit === 'period') return t.inTerm ? t.unitPriceFen : 0;
  return billableQty * t.unitPriceFen;
}

/** A bill is issued only when it charges something or counts billable use: no zero-fen bill for an idle contract. */
export const chargeable = (lines: readonly { amountFen: number; billableQty: number }[]) =>
  lines.some((l) => l.amountFen !== 0 || l.billableQty !== 0);

/** Whether a contract term (days, inclusive) overlaps a `YYYY-MM` period. */
export function termOverlaps(termFrom: string, termTo: string, period: string): boolean {
  const { from, to } = periodDays(period);
  return termFrom <= to && termTo >= from;
}

/**
 * A bill line recomputed from its records alone (anyone holding the records can redo it): billable quantity ×
 * the filed price, free and rejected uses counted but never charged (PM-13, PM-19, PM-24), and the records'
 * digest under the line's scheme.
 */
export function tallyUses(
  uses: MeteredUse[],
  unitPriceFen: number,
  freeBasis: string,
  scheme: DigestScheme = 'sm3-lanes',
) {
  const q = quantitiesOf(uses);
  const amountFen = freeBasis === 'none' ? q.billableQty * unitPriceFen : 0;
  return { ...q, amountFen, digest: digestOf(uses, scheme), count: uses.length };
}

/** The first and last day of a `YYYY-MM` period, and the period before it. */
export function periodDays(period: string) {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}`, prev };
}
