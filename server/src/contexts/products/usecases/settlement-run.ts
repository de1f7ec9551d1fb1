import { randomUUID } from 'node:crypto';
import type { Tx } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { logIdFor } from '../../../kernel/ledger/append.js';
import { latestCheckpoint, signCheckpointIfDue } from '../../../kernel/ledger/checkpoint.js';
import { integrate } from '../../../kernel/ledger/sequencer.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import type { Subject } from '../../../kernel/workflow/authorize.js';
import { type TransitionRequest, transitionMany } from '../../../kernel/workflow/transition.js';
import { settlementLifecycle } from '../lifecycle.js';
import type { BillLine } from '../model-market.js';
import { AppError } from '../../../kernel/http/errors.js';
import {
  chargeable,
  laneDigest,
  lineAmountFen,
  periodDays,
  quantitiesOf,
  recordLanes,
  termOverlaps,
} from '../rules/bill.js';
import { type SharePartyIn, splitShares } from '../rules/settlement.js';
import * as market from '../store/market.js';
import type { ContractRow, SettlementRow } from '../store/market.js';
import * as pricing from '../store/pricing.js';

// Settlement in one pass (PM-13, PM-24…PM-27; decision 0074): every contract of a period is tallied by ONE
// GROUP BY (quantities by outcome and the digest lanes), its late records by one more over the previous period
// (only for contracts whose closed bill counted fewer records than exist now), and all bills are written by ONE
// transitionMany (one multi-row INSERT, the events and ledger entries in two round trips).

export const DEFAULT_AGENT = '中国银行股份有限公司珠海分行';

/** The operator owns a settlement; the buyer and every share party are parties to it. */
export const settlementSubject = (
  s: Pick<SettlementRow, 'id' | 'operator_org_id' | 'buyer_org_id' | 'jurisdiction_id' | 'share_org_ids'>,
): Subject => ({
  type: 'Settlement',
  id: s.id,
  jurisdictionId: s.jurisdiction_id,
  ownerOrgId: s.operator_org_id,
  partyOrgIds: [s.buyer_org_id, ...(Array.isArray(s.share_org_ids) ? s.share_org_ids.map(String) : [])],
});

/** A contract's records of one period as a line counts them. */
interface Tally {
  count: number;
  billableQty: number;
  freeQty: number;
  rejectedQty: number;
  hi: bigint;
  lo: bigint;
}

const emptyTally = (): Tally => ({ count: 0, billableQty: 0, freeQty: 0, rejectedQty: 0, hi: 0n, lo: 0n });

/**
 * The period's scan for a batch run, started on its own connection BEFORE the run's transaction (decision 0084):
 * its rows are the records up to the arrival cut-off — all committed before the cut-off was read, and never edited
 * — so any snapshot taken after the cut-off counts the same, and on PostgreSQL the scan overlaps the ledger seal
 * and the contract locks. Every contract of the period is grouped; the run keeps those it bills. On PGlite (one
 * connection) it is awaited before the transaction opens, so the transaction never waits on it.
 */
export function scanPeriod(k: Kernel, period: string, cutoff: number): Promise<market.UsageTally[]> {
  const { from, to } = periodDays(period);
  return market.tallyPeriod(k.db, null, from, to, cutoff);
}

/** The period's tallies per contract: the one scan, plus the lanes of rows written before the lanes existed. */
async function tallies(
  trx: Tx,
  ids: string[],
  period: string,
  cutoff: number,
  scanned?: Promise<market.UsageTally[]>,
): Promise<Map<string, Tally>> {
  const { from, to } = periodDays(period);
  const out = new Map<string, Tally>();
  const byContract = new Map<string, market.UsageTally[]>();
  const wanted = new Set(ids);
  for (const r of scanned ? await scanned : await market.tallyPeriod(trx, ids, from, to, cutoff))
    if (wanted.has(r.contract_id)) byContract.set(r.contract_id, [...(byContract.get(r.contract_id) ?? []), r]);
  for (const [id, rows] of byContract) {
    const q = quantitiesOf(rows.map((r) => ({ outcome: r.outcome, quantity: Number(r.qty) })));
    out.set(id, {
      ...q,
      count: rows.reduce((s, r) => s + r.n, 0),
      hi: rows.reduce((s, r) => s + BigInt(r.hi), 0n),
      lo: rows.reduce((s, r) => s + BigInt(r.lo), 0n),
    });
  }
  for (const u of await market.unsealedUses(trx, ids, from, to, cutoff)) {
    const t = out.get(u.contract_id) ?? emptyTally(); // always present: the GROUP BY counted every row
    const l = recordLanes(u);
    t.hi += BigInt(l.hi);
    t.lo += BigInt(l.lo);
    out.set(u.contract_id, t);
  }
  return out;
}

interface Price {
  filingNo: string | null;
  capFen: number | null;
}

async function pricesOf(trx: Tx, contracts: ContractRow[]): Promise<Map<string, Price>> {
  const ids = [...new Set(contracts.map((c) => c.price_filing_id).filter((x): x is string => !!x))];
  const { filings, caps } = await pricing.filingsWithCaps(trx, ids);
  const out = new Map<string, Price>();
  for (const c of contracts) {
    const f = filings.find((x) => x.id === c.price_filing_id);
    const cap = f?.fee_cap_id ? caps.find((x) => x.id === f.fee_cap_id) : undefined;
    out.set(c.id, { filingNo: f?.filing_no ?? null, capFen: cap ? Number(cap.cap_fen) : null });
  }
  return out;
}

function lineOf(
  c: ContractRow,
  t: Tally,
  kind: BillLine['kind'],
  period: string,
  price: Price,
  checkpoint: BillLine['checkpoint'],
  arrivalCutoff: number,
): BillLine {
  return {
    kind,
    period,
    unit: c.unit,
    billableQty: t.billableQty,
    freeQty: t.freeQty,
    rejectedQty: t.rejectedQty,
    unitPriceFen: Number(c.unit_price_fen),
    filingNo: price.filingNo,
    capFen: price.capFen,
    amountFen: lineAmountFen(termsOf(c, period), t.billableQty),
    recordsDigest: laneDigest(t.count, t.hi, t.lo),
    digestScheme: 'sm3-lanes',
    recordCount: t.count,
    checkpoint,
    arrivalCutoff,
  };
}

const day = (d: Date | string) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/** What a line's amount depends on besides its records (rules/bill.ts lineAmountFen). */
export const termsOf = (c: ContractRow, period: string) => ({
  unit: c.unit,
  unitPriceFen: Number(c.unit_price_fen),
  freeBasis: c.free_basis,
  inTerm: termOverlaps(day(c.term_from), day(c.term_to), period),
});

/**
 * Late records (PM-24): a contract whose previous period's closed bill counted fewer records than exist now gets
 * an adjustment line — the previous period recomputed, less what the closed bill charged. The closed bill itself
 * is never changed. Only contracts with such a bill are counted, and only those whose count moved are tallied.
 */
async function adjustments(trx: Tx, contracts: ContractRow[], period: string, cutoff: number) {
  const { prev } = periodDays(period);
  const priors = await market.settlementsOf(
    trx,
    contracts.map((c) => c.id),
    prev,
  );
  const out = new Map<string, { tally: Tally; billed: { qty: number; fen: number } }>();
  if (!priors.length) return out;
  const billed = new Map(
    priors.map((p) => {
      const ls = (Array.isArray(p.lines) ? (p.lines as BillLine[]) : []).filter((l) => l.period === prev);
      return [
        p.contract_id,
        ls.reduce((s, l) => ({ qty: s.qty + l.billableQty, fen: s.fen + l.amountFen, n: s.n + l.recordCount }), {
          qty: 0,
          fen: 0,
          n: 0,
        }),
      ];
    }),
  );
  const { from, to } = periodDays(prev);
  const moved = (await market.countPeriod(trx, [...billed.keys()], from, to, cutoff))
    .filter((r) => r.n !== billed.get(r.contract_id)?.n)
    .map((r) => r.contract_id);
  if (!moved.length) return out;
  for (const [id, tally] of await tallies(trx, moved, prev, cutoff)) out.set(id, { tally, billed: billed.get(id)! });
  return out;
}

// parties is the jsonb array approveRevenueShare wrote (SharePartyIn[]).
const partiesOf = (v: unknown): SharePartyIn[] => (Array.isArray(v) ? (v as SharePartyIn[]) : []);

/** Each product's approved split, or the operator alone (100 %) when none is approved yet. */
async function splitsOf(trx: Tx, contracts: ContractRow[]): Promise<Map<string, SharePartyIn[]>> {
  const shares = await market.currentSharesOf(trx, [...new Set(contracts.map((c) => c.product_id))]);
  const out = new Map<string, SharePartyIn[]>();
  for (const c of contracts) {
    const parties = partiesOf(shares.get(c.product_id)?.parties);
    out.set(
      c.id,
      parties.length
        ? parties
        : [
            {
              orgId: c.operator_org_id,
              role: 'operator',
              inputType: 'platform',
              contributionBp: 10_000,
              fiscalTreatment: 'commercial',
            },
          ],
    );
  }
  return out;
}

export interface BillRequest {
  /** Contracts to bill, locked by the caller. */
  contracts: ContractRow[];
  period: string;
  settlementAgent: string;
  /** A single-contract run: a contract with nothing to bill is refused (NOTHING_TO_BILL); a batch skips it. */
  billIdle: boolean;
  /** The run's arrival cut-off (readArrivalCutoff, before the run's transaction): only records up to it count. */
  arrivalCutoff: number;
  /** The checkpoint sealUsage signed over every record up to the cut-off (null: find a covering one now). */
  sealed: BillLine['checkpoint'];
  /** A batch run's period scan (scanPeriod), started before the transaction. */
  scanned?: Promise<market.UsageTally[]>;
}

/**
 * The arrival cut-off of a run (decision 0074), in its own short transaction before the run's: a late record
 * arriving during the run is left to the next bill, and every line names the cut-off so verifying it recounts
 * exactly its records, forever.
 */
export const readArrivalCutoff = (k: Kernel) => k.db.transaction().execute((trx) => market.arrivalCutoff(trx));

/**
 * Decision 0084: before a run bills, every record it will count is put in a signed audit-log checkpoint, so each
 * line names a tree that holds its records and "verify this bill" proves them at once (no 待生成检查点). Called
 * after readArrivalCutoff: the records up to the cut-off committed with their ledger entries, which the sequencer
 * integrates here; a checkpoint is signed only when the latest one does not cover the tree yet (LED-07). A refused
 * signature (an inconsistent log) is not papered over: the run then names no checkpoint (usageCheckpoint decides).
 */
export async function sealUsage(k: Kernel): Promise<BillLine['checkpoint']> {
  const { logId, treeSize } = await integrate(k, 'audit');
  let cp = await latestCheckpoint(k.db, logId);
  if (!cp || Number(cp.tree_size) < treeSize) {
    const s = await signCheckpointIfDue(k, 'audit', { force: true });
    cp = s.signed ? s.checkpoint : undefined;
  }
  return cp ? { log: 'audit', treeSize: Number(cp.tree_size), rootHash: cp.root_hash } : null;
}

/**
 * Bills a period for many contracts at once: one bill per contract (usage line, plus an adjustment line for
 * late records) to the buyer's customer sub-account at the third-party agent, the split fixed by contribution
 * (largest remainder in fen, so the shares sum to the total), the receivable posted in each bill's ledger entry.
 * Free use is never billed (PM-13 on the transition refuses a free-basis contract with FREE_USE_CHARGED).
 */
export async function billContracts(k: Kernel, trx: Tx, actor: Actor, r: BillRequest) {
  const ids = r.contracts.map((c) => c.id);
  const period = periodDays(r.period);
  const used = await tallies(trx, ids, r.period, r.arrivalCutoff, r.scanned);
  const late = await adjustments(trx, r.contracts, r.period, r.arrivalCutoff);
  const prices = await pricesOf(trx, r.contracts);
  const splits = await splitsOf(trx, r.contracts);
  const cp = r.sealed ? null : await market.usageCheckpoint(trx, logIdFor(k.ledger, 'audit'));
  const checkpoint = r.sealed ?? (cp ? { log: 'audit', treeSize: Number(cp.tree_size), rootHash: cp.root_hash } : null);
  const reqs: TransitionRequest<{ freeBasis: string }>[] = [];
  for (const c of r.contracts) {
    const t = used.get(c.id);
    const adj = late.get(c.id);
    const price = prices.get(c.id)!;
    const lines: BillLine[] = [];
    if (c.free_basis === 'none') {
      lines.push(lineOf(c, t ?? emptyTally(), 'usage', r.period, price, checkpoint, r.arrivalCutoff));
      if (adj) {
        const now = lineOf(c, adj.tally, 'adjustment', period.prev, price, checkpoint, r.arrivalCutoff);
        lines.push({
          ...now,
          billableQty: now.billableQty - adj.billed.qty,
          amountFen: now.amountFen - adj.billed.fen,
        });
      }
    }
    // No zero-fen bill (decision 0084): a priced contract with no billable use and no period fee is not billed; a
    // free one still reaches PM-13 on the transition, which refuses it (FREE_USE_CHARGED).
    if (c.free_basis === 'none' && !chargeable(lines)) {
      if (r.billIdle) throw new AppError(422, 'NOTHING_TO_BILL', { contractId: c.id, period: r.period });
      continue;
    }
    reqs.push(billRequest(actor, c, r, lines, splits.get(c.id)!));
  }
  const done = await transitionMany(trx, k.workflow, reqs);
  return done.map((d, i) => ({
    id: d.id,
    contractId: String(reqs[i]!.values!.contract_id),
    totalFen: Number(reqs[i]!.values!.total_fen),
  }));
}

function billRequest(
  actor: Actor,
  c: ContractRow,
  r: BillRequest,
  lines: BillLine[],
  parties: SharePartyIn[],
): TransitionRequest<{ freeBasis: string }> {
  const totalFen = lines.reduce((s, l) => s + l.amountFen, 0);
  const sub = c.customer_sub_account_no ?? `SA-${c.buyer_org_id.slice(0, 8).toUpperCase()}`;
  const row = {
    id: randomUUID(),
    operator_org_id: c.operator_org_id,
    buyer_org_id: c.buyer_org_id,
    jurisdiction_id: c.jurisdiction_id,
    share_org_ids: parties.map((p) => p.orgId),
  };
  return {
    lifecycle: settlementLifecycle,
    action: 'bill',
    actor,
    object: null,
    subject: settlementSubject(row),
    facts: { freeBasis: c.free_basis },
    input: { contractId: c.id, period: r.period, settlementAgent: r.settlementAgent },
    values: {
      ...row,
      share_org_ids: JSON.stringify(row.share_org_ids),
      contract_id: c.id,
      product_id: c.product_id,
      period: r.period,
      customer_sub_account_no: sub,
      settlement_agent: r.settlementAgent,
      total_fen: totalFen,
      lines: JSON.stringify(lines),
      shares: JSON.stringify(splitShares(totalFen, parties)),
    },
    // The receivable: debit the customer's sub-account at the agent, credit the contract's unearned revenue.
    payload: { receivable: { debit: `receivable:${sub}`, credit: `unearned:${c.id}`, amountFen: totalFen }, lines },
  };
}
