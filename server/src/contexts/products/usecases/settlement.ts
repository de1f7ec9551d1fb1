import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Tx } from '../../../kernel/db/tables.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { assertAuthorized, canRead } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { settlementLifecycle } from '../lifecycle.js';
import type { SettlementBatchInput } from '../model-market.js';
import { presentSettlement, sharesOf } from '../present-market.js';
import * as market from '../store/market.js';
import { contractSubject } from './orders.js';
import {
  billContracts,
  DEFAULT_AGENT,
  readArrivalCutoff,
  scanPeriod,
  sealUsage,
  settlementSubject,
} from './settlement-run.js';

// Settlement and revenue sharing (PM-13, PM-24…PM-27): a period's usage becomes a bill to the buyer's customer
// sub-account at a third-party settlement agent (the platform never holds funds), split by contribution. The
// billing itself is settlement-run.ts (one pass over every contract of the period).

export { settlementSubject };

/** The operator settles one contract's period (the same one-pass billing, over one contract). */
export async function runSettlement(
  k: Kernel,
  actor: Actor,
  input: { contractId: string; period: string; settlementAgent?: string },
) {
  // Who may bill this contract is checked before the ledger is sealed for it (the bill transition checks it again).
  const pre = await market.getContract(k.db, input.contractId);
  if (!pre || !canRead(actor, contractSubject(pre))) throw notFound('Contract', input.contractId);
  const owner = { type: 'Settlement', ownerOrgId: pre.operator_org_id, jurisdictionId: pre.jurisdiction_id };
  assertAuthorized(actor, 'settlement.run', owner, k.clock.now(), k.profile);
  const arrivalCutoff = await readArrivalCutoff(k);
  const sealed = await sealUsage(k);
  return k.db.transaction().execute(async (trx) => {
    const c = await market.getContract(trx, input.contractId, true);
    if (!c) throw notFound('Contract', input.contractId);
    if (await market.settlementOf(trx, c.id, input.period))
      throw new AppError(409, 'SETTLEMENT_EXISTS', { period: input.period });
    const [bill] = await billContracts(k, trx, actor, {
      contracts: [c],
      period: input.period,
      settlementAgent: input.settlementAgent ?? DEFAULT_AGENT,
      billIdle: true,
      arrivalCutoff,
      sealed,
    });
    return presentSettlement((await market.getSettlement(trx, bill!.id))!);
  });
}

/**
 * A settlement run: the operator bills a period for every priced contract of its own that has usage in it (or
 * late records of the period before) and no bill for it yet. Running it again bills only what is new, so it is
 * idempotent. Who may run it is checked on the operator org before any row is read.
 */
export async function runSettlementBatch(k: Kernel, actor: Actor, input: SettlementBatchInput) {
  const operatorOrgId = input.operatorOrgId ?? actor.orgId ?? '';
  assertAuthorized(
    actor,
    'settlement.run',
    { type: 'Settlement', ownerOrgId: operatorOrgId },
    k.clock.now(),
    k.profile,
  );
  const arrivalCutoff = await readArrivalCutoff(k);
  // A run over a few named contracts reads them through their index inside the transaction; a period run scans
  // once, beside the seal and the locks (scanPeriod).
  const few = input.contractIds && input.contractIds.length <= market.INDEXED_CONTRACTS;
  const scanned = few ? undefined : scanPeriod(k, input.period, arrivalCutoff);
  scanned?.catch(() => undefined); // a failed scan is thrown where it is awaited, never left unhandled
  if (scanned && k.database.kind === 'pglite') await scanned;
  const sealed = await sealUsage(k);
  return k.db.transaction().execute(async (trx) => {
    const contracts = await market.contractsToSettle(trx, operatorOrgId, input.period, input.contractIds ?? null);
    const bills = contracts.length
      ? await billContracts(k, trx, actor, {
          contracts,
          period: input.period,
          settlementAgent: input.settlementAgent ?? DEFAULT_AGENT,
          billIdle: false,
          arrivalCutoff,
          sealed,
          scanned,
        })
      : [];
    return {
      period: input.period,
      operatorOrgId,
      billed: bills.length,
      totalFen: bills.reduce((s, b) => s + b.totalFen, 0),
      items: bills,
    };
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
