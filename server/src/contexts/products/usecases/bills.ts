import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { logIdFor } from '../../../kernel/ledger/append.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { assertAuthorized, canRead } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { inclusion } from '../../ledger/service.js';
import { revenueShareLifecycle } from '../lifecycle.js';
import type { BillLine, RevenueShareInput } from '../model-market.js';
import { billLinesOf, sharesOf } from '../present-market.js';
import { lineAmountFen, periodDays, tallyUses } from '../rules/bill.js';
import { termsOf } from './settlement-run.js';
import type { SharePartyIn } from '../rules/settlement.js';
import * as market from '../store/market.js';
import * as products from '../store/products.js';
import { mustReadProduct, productSubject } from './common.js';
import { confirmPayment, settlementSubject } from './settlement.js';

// Bills anyone can check, revenue-share approval and bank-statement reconciliation (PM-24…PM-27).

const PROOFS_PER_LINE = 50;

/**
 * "Verify this bill": every line recomputed from its UsageRecords (quantity × filed price, the records' SM3
 * digest), the shares summed against the total, and inclusion proofs of the records in the line's audit-log
 * checkpoint (the first PROOFS_PER_LINE records; any record can be proved through the public ledger API).
 */
export async function verifySettlement(k: Kernel, actor: Actor, id: string) {
  const s = await market.getSettlement(k.db, id);
  if (!s || !canRead(actor, settlementSubject(s))) throw notFound('Settlement', id);
  const c = (await market.getContract(k.db, s.contract_id))!;
  const lines = [];
  const proofs = [];
  for (const l of billLinesOf(s)) {
    const r = await recompute(k, c, l);
    lines.push(r.line);
    proofs.push(...r.proofs);
  }
  const sharesSumToTotal = sharesOf(s).reduce((a, x) => a + x.amountFen, 0) === Number(s.total_fen);
  const ok = sharesSumToTotal && lines.every((l) => l.digestMatches && l.billedFen === l.recomputedFen);
  return { settlementId: s.id, ok, lines, sharesSumToTotal, proofs };
}

async function recompute(k: Kernel, c: market.ContractRow, l: BillLine) {
  const { from, to } = periodDays(l.period);
  // Only the records the run counted (arrival <= its cut-off): late ones belong to the next bill's adjustment.
  const cutoff = l.arrivalCutoff ?? null;
  const uses = await market.usageRecordsOf(k.db, c.id, from, to, cutoff);
  const t = tallyUses(uses, l.unitPriceFen, c.free_basis, l.digestScheme ?? 'sm3-sorted');
  // The amount from the records and the contract's terms (a `period` fee is owed for a period in term, decision
  // 0084); an adjustment line bills only what its period's closed bill did not; its digest covers the whole period.
  const terms = { ...termsOf(c, l.period), unit: l.unit, unitPriceFen: l.unitPriceFen };
  const recomputedFen = l.kind === 'adjustment' ? l.amountFen : lineAmountFen(terms, t.billableQty);
  const line = {
    period: l.period,
    billedFen: l.amountFen,
    recomputedFen,
    digestMatches: t.digest === l.recordsDigest,
    recordCount: t.count,
  };
  const proofs = [];
  const seqs = await market.usageSeqs(k.db, logIdFor(k.ledger, 'audit'), c.id, from, to, cutoff);
  // A bill made before its records were sealed (before decision 0084) names none: the first signed checkpoint
  // that holds them all now proves them instead (the proof names its tree size).
  const treeSize = l.checkpoint?.treeSize ?? (await coveringTree(k, seqs));
  if (treeSize !== null) {
    // A record sequenced after the checkpoint (a late one) is proved by the later bill that adjusts for it.
    const inTree = seqs.filter((r) => r.seq !== null && Number(r.seq) < treeSize);
    for (const r of inTree.slice(0, PROOFS_PER_LINE)) {
      if (r.seq === null) continue;
      const p = await inclusion(k, 'audit', Number(r.seq), treeSize);
      proofs.push({ recordId: r.id, ...p });
    }
  }
  return { line, proofs };
}

async function coveringTree(k: Kernel, seqs: { seq: number | null }[]): Promise<number | null> {
  if (!seqs.length || seqs.some((r) => r.seq === null)) return null;
  const max = Math.max(...seqs.map((r) => Number(r.seq)));
  const cp = await market.checkpointCovering(k.db, logIdFor(k.ledger, 'audit'), max);
  return cp ? Number(cp.tree_size) : null;
}

/** PM-26: the operator approves a product's split (percentages to two decimals, kept as integer basis points). */
export async function approveRevenueShare(k: Kernel, actor: Actor, input: RevenueShareInput) {
  return k.db.transaction().execute(async (trx) => {
    const p = mustReadProduct(actor, await products.getProduct(trx, input.productId), input.productId);
    const parties: SharePartyIn[] = input.parties.map((x) => ({
      orgId: x.orgId,
      role: x.role,
      inputType: x.inputType,
      contributionBp: Math.round(x.contributionPct * 100),
      fiscalTreatment: x.fiscalTreatment,
    }));
    const prior = await market.currentShareOf(trx, p.id);
    const id = randomUUID();
    await transition(trx, k.workflow, {
      lifecycle: revenueShareLifecycle,
      action: 'approve',
      actor,
      object: null,
      subject: { ...productSubject(p), type: 'RevenueShare', id },
      facts: { parties },
      input,
      values: { id, product_id: p.id, parties: JSON.stringify(parties), effective_from: input.effectiveFrom },
    });
    if (prior)
      await transition(trx, k.workflow, {
        lifecycle: revenueShareLifecycle,
        action: 'supersede',
        actor,
        object: prior,
        subject: { ...productSubject(p), type: 'RevenueShare', id: prior.id },
      });
    return {
      id,
      state: 'approved',
      productId: p.id,
      parties: input.parties,
      effectiveFrom: input.effectiveFrom,
    };
  });
}

interface StatementRow {
  line: number;
  subAccountNo: string;
  amountFen: number;
}

/** CSV lines `subAccountNo,amountFen[,reference]`; a header line (non-numeric amount) is skipped. */
export function parseStatementCsv(csv: string): StatementRow[] {
  return csv
    .split(/\r?\n/)
    .map((l, i) => ({ i, cells: l.split(',').map((x) => x.trim()) }))
    .filter((r) => r.cells.length >= 2 && /^\d+$/.test(r.cells[1]!))
    .map((r) => ({ line: r.i + 1, subAccountNo: r.cells[0]!, amountFen: Number(r.cells[1]) }));
}

/** The first sheet of an Excel statement, columns A (sub-account) and B (amount in fen). */
export async function parseStatementXlsx(b64: string): Promise<StatementRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(b64, 'base64') as unknown as ArrayBuffer); // exceljs types ask for an ArrayBuffer; it reads Buffers
  } catch {
    throw new AppError(422, 'STATEMENT_UNREADABLE', {});
  }
  const out: StatementRow[] = [];
  wb.worksheets[0]?.eachRow((row, n) => {
    const a = String(row.getCell(1).value ?? '').trim();
    const b = String(row.getCell(2).value ?? '').trim();
    if (a && /^\d+$/.test(b)) out.push({ line: n, subAccountNo: a, amountFen: Number(b) });
  });
  return out;
}

/**
 * PM-25: only a settling party (an operator's administrator or signatory; never a regulator or a buyer)
 * imports a bank statement. Checked before the body is read (security by default), on the caller's own org.
 */
export function assertMayReconcile(k: Kernel, actor: Actor) {
  const subject = { type: 'Settlement', ownerOrgId: actor.orgId ?? null };
  assertAuthorized(actor, 'settlement.run', subject, k.clock.now(), k.profile);
}

/**
 * PM-25 reconciliation: each statement line confirms the oldest open bill of its sub-account; a line with no
 * open bill, or above what is due, is reported as a mismatch and changes nothing.
 */
export async function reconcileStatement(k: Kernel, actor: Actor, rows: StatementRow[]) {
  const matched = [];
  const mismatches = [];
  for (const r of rows) {
    type Res = { reason: string } | { settlementId: string; receivedFen: number; state: string };
    const res = await k.db.transaction().execute(async (trx): Promise<Res> => {
      const open = (await market.openSettlementsOfSubAccount(trx, r.subAccountNo)).filter((s) =>
        canRead(actor, settlementSubject(s)),
      )[0];
      if (!open) return { reason: 'NO_OPEN_BILL' };
      if (Number(open.amount_received_fen) + r.amountFen > Number(open.total_fen))
        return { reason: 'SETTLEMENT_MISMATCH' };
      const v = await confirmPayment(k, actor, open.id, r.amountFen, trx);
      return { settlementId: v.id, receivedFen: r.amountFen, state: v.state };
    });
    if ('reason' in res) mismatches.push({ line: r.line, subAccountNo: r.subAccountNo, reason: res.reason });
    else matched.push(res);
  }
  return { matched, mismatches };
}
