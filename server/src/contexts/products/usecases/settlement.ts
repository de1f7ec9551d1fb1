import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { logIdFor } from '../../../kernel/ledger/append.js';
import type { Tx } from '../../../kernel/db/tables.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { canRead, type Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { settlementLifecycle } from '../lifecycle.js';
import type { BillLine } from '../model-market.js';
import { presentSettlement, sharesOf } from '../present-market.js';
import { periodDays, tallyUses } from '../rules/bill.js';
import { type SharePartyIn, splitShares } from '../rules/settlement.js';
import * as market from '../store/market.js';
import type { ContractRow, SettlementRow } from '../store/market.js';
import * as pricing from '../store/pricing.js';

// Settlement and revenue sharing (PM-13, PM-24…PM-27): a period's usage becomes a bill to the buyer's customer
// sub-account at a third-party settlement agent (the platform never holds funds), split by contribution.

const DEFAULT_AGENT = '中国银行股份有限公司珠海分行';

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

// parties is the jsonb array approveRevenueShare wrote (SharePartyIn[]).
const partiesOf = (v: unknown): SharePartyIn[] => (Array.isArray(v) ? (v as SharePartyIn[]) : []);

/** The product's approved split, or the operator alone (100 %) when none is approved yet. */
async function sharePartiesOf(trx: Tx, c: ContractRow): Promise<SharePartyIn[]> {
  const share = await market.currentShareOf(trx, c.product_id);
  const parties = share ? partiesOf(share.parties) : [];
  return parties.length
    ? parties
    : [
        {
          orgId: c.operator_org_id,
          role: 'operator',
          inputType: 'platform',
          contributionBp: 10_000,
          fiscalTreatment: 'commercial',
        },
      ];
}

/** One bill line from the records of a period, with the filed price, the cap beside it and the covering checkpoint. */
async function lineOf(
  k: Kernel,
  trx: Tx,
  c: ContractRow,
  kind: 'usage' | 'adjustment',
  period: string,
  price: { filingNo: string | null; capFen: number | null },
): Promise<BillLine> {
  const { from, to } = periodDays(period);
  const uses = await market.usageWithSeqs(trx, logIdFor(k.ledger, 'audit'), c.id, from, to);
  const t = tallyUses(uses, Number(c.unit_price_fen), c.free_basis);
  let maxSeq: number | null = uses.length ? -1 : null;
  for (const u of uses) maxSeq = maxSeq === null || u.seq === null ? null : Math.max(maxSeq, Number(u.seq));
  const cp = maxSeq === null ? undefined : await market.checkpointCovering(trx, logIdFor(k.ledger, 'audit'), maxSeq);
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
    amountFen: t.amountFen,
    recordsDigest: t.digest,
    recordCount: t.count,
    checkpoint: cp ? { log: 'audit', treeSize: Number(cp.tree_size), rootHash: cp.root_hash } : null,
  };
}

async function priceOf(trx: Tx, c: ContractRow) {
  const f = c.price_filing_id ? await pricing.getFiling(trx, c.price_filing_id) : undefined;
  const cap = f?.fee_cap_id ? await pricing.getFeeCap(trx, f.fee_cap_id) : undefined;
  return { filingNo: f?.filing_no ?? null, capFen: cap ? Number(cap.cap_fen) : null };
}

/**
 * A late record (its day in a period already settled) is billed as an adjustment line now: the prior period
 * recomputed, less what its closed bill charged. The closed bill itself is never changed.
 */
async function adjustmentOf(
  k: Kernel,
  trx: Tx,
  c: ContractRow,
  period: string,
  price: Awaited<ReturnType<typeof priceOf>>,
) {
  const { prev } = periodDays(period);
  const prior = await market.settlementOf(trx, c.id, prev);
  if (!prior) return null;
  const now = await lineOf(k, trx, c, 'adjustment', prev, price);
  const billed = (Array.isArray(prior.lines) ? (prior.lines as BillLine[]) : [])
    .filter((l) => l.period === prev)
    .reduce((s, l) => ({ qty: s.qty + l.billableQty, fen: s.fen + l.amountFen, n: s.n + l.recordCount }), {
      qty: 0,
      fen: 0,
      n: 0,
    });
  if (now.recordCount === billed.n) return null;
  return { ...now, billableQty: now.billableQty - billed.qty, amountFen: now.amountFen - billed.fen };
}

/**
 * The operator settles a contract's period: one bill (usage line, plus an adjustment line for late records) to
 * the buyer's customer sub-account, its receivable posted in the ledger, the split fixed by contribution
 * (largest remainder in fen, so the shares sum to the total). Free use is never billed (PM-13, FREE_USE_CHARGED).
 */
export async function runSettlement(
  k: Kernel,
  actor: Actor,
  input: { contractId: string; period: string; settlementAgent?: string },
) {
  return k.db.transaction().execute(async (trx) => {
    const c = await market.getContract(trx, input.contractId, true);
    if (!c) throw notFound('Contract', input.contractId);
    if (await market.settlementOf(trx, c.id, input.period))
      throw new AppError(409, 'SETTLEMENT_EXISTS', { period: input.period });
    const price = await priceOf(trx, c);
    const usage = c.free_basis === 'none' ? await lineOf(k, trx, c, 'usage', input.period, price) : null;
    const adj = c.free_basis === 'none' ? await adjustmentOf(k, trx, c, input.period, price) : null;
    const lines = [usage, adj].filter((l): l is BillLine => l !== null);
    const totalFen = lines.reduce((s, l) => s + l.amountFen, 0);
    const parties = await sharePartiesOf(trx, c);
    const shares = splitShares(totalFen, parties);
    const id = randomUUID();
    const sub = c.customer_sub_account_no ?? `SA-${c.buyer_org_id.slice(0, 8).toUpperCase()}`;
    const row = {
      id,
      operator_org_id: c.operator_org_id,
      buyer_org_id: c.buyer_org_id,
      jurisdiction_id: c.jurisdiction_id,
      share_org_ids: parties.map((p) => p.orgId),
    };
    await transition(trx, k.workflow, {
      lifecycle: settlementLifecycle,
      action: 'bill',
      actor,
      object: null,
      subject: settlementSubject(row),
      facts: { freeBasis: c.free_basis },
      input,
      values: {
        ...row,
        share_org_ids: JSON.stringify(row.share_org_ids),
        contract_id: c.id,
        product_id: c.product_id,
        period: input.period,
        customer_sub_account_no: sub,
        settlement_agent: input.settlementAgent ?? DEFAULT_AGENT,
        total_fen: totalFen,
        lines: JSON.stringify(lines),
        shares: JSON.stringify(shares),
      },
      // The receivable: debit the customer's sub-account at the agent, credit the contract's unearned revenue.
      payload: { receivable: { debit: `receivable:${sub}`, credit: `unearned:${c.id}`, amountFen: totalFen }, lines },
    });
    return presentSettlement((await market.getSettlement(trx, id))!);
  });
}

async function mustSettlement(trx: Tx, actor: Actor, id: string) {
  const s = await market.getSettlement(trx, id, true);
  if (!s || !canRead(actor, settlementSubject(s))) throw notFound('Settlement', id);
  return s;
}

/** PM-25: the agent confirms money received on the sub-account; paid in full moves to `paid`, else `paid_partial`. */
export async function confirmPayment(k: Kernel, actor: Actor, id: string, receivedFen: number, trxIn?: Tx) {
  const run = async (trx: Tx) => {
    const s = await mustSettlement(trx, actor, id);
    const received = Number(s.amount_received_fen) + receivedFen;
    const due = Number(s.total_fen);
    await transition(trx, k.workflow, {
      lifecycle: settlementLifecycle,
      action: received === due ? 'confirm' : 'confirm_partial',
      actor,
      object: s,
      subject: settlementSubject(s),
      facts: { dueFen: due, receivedFen: received },
      input: { receivedFen },
      values: { amount_received_fen: received },
    });
    return presentSettlement((await market.getSettlement(trx, id))!);
  };
  return trxIn ? run(trxIn) : k.db.transaction().execute(run);
}

/** PM-26/PM-27: a paid settlement posts one payable per share party (a government share as treasury non-tax revenue). */
export async function distributeSettlement(k: Kernel, actor: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const s = await mustSettlement(trx, actor, id);
    const payables = sharesOf(s).map((x) => ({
      debit: `unearned:${s.contract_id}`,
      credit: x.treasuryNonTax ? `treasury_non_tax:${x.orgId}` : `payable:${x.orgId}`,
      amountFen: x.amountFen,
    }));
    await transition(trx, k.workflow, {
      lifecycle: settlementLifecycle,
      action: 'distribute',
      actor,
      object: s,
      subject: settlementSubject(s),
      payload: { payables },
    });
    return presentSettlement((await market.getSettlement(trx, id))!);
  });
}

export async function listSettlements(k: Kernel, actor: Actor, page: { page: number; pageSize: number }) {
  const rows = (await market.listSettlements(k.db, actor.kind === 'system' ? null : (actor.orgId ?? ''))).filter((s) =>
    canRead(actor, settlementSubject(s)),
  );
  const start = (page.page - 1) * page.pageSize;
  return {
    items: rows.slice(start, start + page.pageSize).map(presentSettlement),
    total: rows.length,
    page: page.page,
    pageSize: page.pageSize,
  };
}

export async function getSettlement(k: Kernel, actor: Actor, id: string) {
  const s = await market.getSettlement(k.db, id);
  if (!s || !canRead(actor, settlementSubject(s))) throw notFound('Settlement', id);
  return presentSettlement(s);
}
