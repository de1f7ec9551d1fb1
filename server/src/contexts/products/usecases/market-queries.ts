import { addDays } from '../../../kernel/calendar/calendar.js';
import { notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { authorize, canRead, type Subject } from '../../../kernel/workflow/authorize.js';
import { orgNames } from '../../identity/service.js';
import type { BillItemView, SettlementRunView, UsageSeriesView } from '../model-market-read.js';
import { type Names, presentBillItems, presentContractItem, presentOrderItem, sideOf } from '../present-market-read.js';
import { sharesOf } from '../present-market.js';
import { periodDays } from '../rules/bill.js';
import * as market from '../store/market.js';
import type { ContractRow, SettlementRow } from '../store/market.js';
import * as reads from '../store/market-queries.js';
import { todayOf } from './common.js';
import { contractSubject, orderSubject } from './orders.js';
import { settlementSubject } from './settlement.js';

// The market's read side (issue 15): the caller's orders, contracts, usage and bills. Each list is narrowed in SQL
// to the caller's org or readable jurisdictions and then filtered by canRead with the same subjects the writes use;
// an actor without an org (a public caller) reads nothing. Abilities follow the permission evaluator (style.md §2).

interface Page {
  page: number;
  pageSize: number;
}

function readerOf(actor: Actor): reads.Reader | null {
  if (!actor.orgId) return null;
  return { orgId: actor.orgId, jurisdictionIds: actor.readableJurisdictionIds };
}

const pageOfRows = <T>(rows: T[], p: Page) => ({
  items: rows.slice((p.page - 1) * p.pageSize, p.page * p.pageSize),
  total: rows.length,
  page: p.page,
  pageSize: p.pageSize,
});

const may = (k: Kernel, actor: Actor, perm: string, s: Subject) =>
  authorize(actor, perm, s, k.clock.now(), k.profile).allowed;

async function namesFor(k: Kernel, orgIds: (string | null)[], productIds: string[]): Promise<Names> {
  const [org, product] = await Promise.all([orgNames(k.db, orgIds), reads.productNames(k.db, productIds)]);
  return { org, product };
}

export async function listMyOrders(k: Kernel, actor: Actor, q: Page & reads.OrderFilter) {
  const r = readerOf(actor);
  if (!r) return pageOfRows([], q);
  const rows = (await reads.ordersFor(k.db, r, q)).filter((o) => canRead(actor, orderSubject(o)));
  const contracts = await reads.contractsOfOrders(
    k.db,
    rows.map((o) => o.id),
  );
  const names = await namesFor(
    k,
    rows.flatMap((o) => [o.buyer_org_id, o.operator_org_id]),
    rows.map((o) => o.product_id),
  );
  const items = rows.map((o) => {
    const c = contracts.get(o.id);
    const contractOwner: Subject = {
      type: 'Contract',
      jurisdictionId: o.jurisdiction_id,
      ownerOrgId: o.operator_org_id,
      partyOrgIds: [o.buyer_org_id],
    };
    const open = ['submitted', 'venue_review'].includes(o.state) && !c;
    return presentOrderItem(o, c, names, sideOf(actor.orgId, o.buyer_org_id, o.operator_org_id), {
      drawContract: open && may(k, actor, 'contract.file', contractOwner),
    });
  });
  return pageOfRows(items, q);
}

const settleSubject = (c: ContractRow): Subject => ({
  type: 'Settlement',
  jurisdictionId: c.jurisdiction_id,
  ownerOrgId: c.operator_org_id,
  partyOrgIds: [c.buyer_org_id],
});

export async function listMyContracts(k: Kernel, actor: Actor, q: Page & reads.OrderFilter & { orderId?: string }) {
  const r = readerOf(actor);
  if (!r) return pageOfRows([], q);
  const rows = (await reads.contractsFor(k.db, r, q)).filter((c) => canRead(actor, contractSubject(c)));
  const [names, counts] = await Promise.all([
    namesFor(
      k,
      rows.flatMap((c) => [c.buyer_org_id, c.operator_org_id]),
      rows.map((c) => c.product_id),
    ),
    reads.deliveryCounts(
      k.db,
      rows.map((c) => c.id),
    ),
  ]);
  const items = rows.map((c) => {
    const writer = may(k, actor, 'contract.file', contractSubject(c));
    return presentContractItem(
      c,
      names,
      sideOf(actor.orgId, c.buyer_org_id, c.operator_org_id),
      counts.get(c.id) ?? 0,
      {
        file: writer && c.state === 'draft',
        deliver: writer && c.state === 'active',
        settle: c.state === 'active' && c.free_basis === 'none' && may(k, actor, 'settlement.run', settleSubject(c)),
      },
    );
  });
  return pageOfRows(items, q);
}

const OUTCOMES = ['billable', 'free', 'rejected_quota', 'rejected_expired'] as const;

/**
 * A contract's usage as both sides see it: quantity per day and outcome, the quota counted this day and month
 * (billable and free uses, PM-24), and the outcome totals of the window. The contract is checked before any read.
 */
export async function usageSeries(
  k: Kernel,
  actor: Actor,
  q: { contractId: string; from?: string; to?: string },
): Promise<UsageSeriesView> {
  const c = await market.getContract(k.db, q.contractId);
  if (!c || !canRead(actor, contractSubject(c))) throw notFound('Contract', q.contractId);
  const today = todayOf(k);
  const to = q.to ?? today;
  const from = q.from ?? periodDays(periodDays(today.slice(0, 7)).prev).from;
  const monthStart = `${today.slice(0, 7)}-01`;
  const [rows, month] = await Promise.all([
    reads.usageByDay(k.db, c.id, from, to),
    reads.usageByDay(k.db, c.id, monthStart, today),
  ]);
  const counted = (xs: reads.DayOutcome[]) =>
    xs.filter((x) => x.outcome === 'billable' || x.outcome === 'free').reduce((a, x) => a + x.n, 0);
  const outcomes = { billable: 0, free: 0, rejected_quota: 0, rejected_expired: 0 };
  const byDay = new Map<string, { day: string; billable: number; free: number; rejected: number }>();
  for (let d = from; d <= to; d = addDays(d, 1)) byDay.set(d, { day: d, billable: 0, free: 0, rejected: 0 });
  for (const x of rows) {
    const o = OUTCOMES.find((y) => y === x.outcome);
    if (o) outcomes[o] += x.n;
    const slot = byDay.get(x.day);
    if (!slot) continue;
    if (x.outcome === 'billable') slot.billable += x.n;
    else if (x.outcome === 'free') slot.free += x.n;
    else slot.rejected += x.n;
  }
  const names = await namesFor(k, [], [c.product_id]);
  return {
    contractId: c.id,
    productName: names.product.get(c.product_id)?.name_zh ?? '',
    unit: c.unit,
    from,
    to,
    side: sideOf(actor.orgId, c.buyer_org_id, c.operator_org_id),
    quota: {
      perDay: c.quota_per_day,
      perMonth: c.quota_per_month,
      usedToday: counted(month.filter((x) => x.day === today)),
      usedThisMonth: counted(month),
      today,
    },
    days: [...byDay.values()],
    outcomes,
  };
}

async function visibleBills(k: Kernel, actor: Actor, period?: string): Promise<SettlementRow[]> {
  const r = readerOf(actor);
  if (!r) return [];
  return (await reads.settlementsFor(k.db, r, period)).filter((s) => canRead(actor, settlementSubject(s)));
}

const shareOrgs = (s: SettlementRow) => (Array.isArray(s.share_org_ids) ? s.share_org_ids.map(String) : []);

function billItemsOf(k: Kernel, actor: Actor, rows: SettlementRow[], names: Names): BillItemView[] {
  return rows.flatMap((s) => {
    const runner = may(k, actor, 'settlement.run', settlementSubject(s));
    return presentBillItems(s, names, sideOf(actor.orgId, s.buyer_org_id, s.operator_org_id, shareOrgs(s)), {
      verify: true,
      confirm: runner && ['billed', 'paid_partial'].includes(s.state),
      distribute: runner && s.state === 'paid',
    });
  });
}

const billNames = (k: Kernel, rows: SettlementRow[], extraOrgs: string[] = []) =>
  namesFor(
    k,
    [...rows.flatMap((s) => [s.buyer_org_id, s.operator_org_id]), ...extraOrgs],
    rows.map((s) => s.product_id),
  );

/** The caller's bill lines (as buyer, operator or share party), each with its filed price, cap and checkpoint. */
export async function listMyBills(k: Kernel, actor: Actor, q: Page & { period?: string; state?: string }) {
  const rows = (await visibleBills(k, actor, q.period)).filter((s) => !q.state || s.state === q.state);
  return pageOfRows(billItemsOf(k, actor, rows, await billNames(k, rows)), q);
}

const mayRun = (k: Kernel, actor: Actor) =>
  !!actor.orgId && may(k, actor, 'settlement.run', { type: 'Settlement', ownerOrgId: actor.orgId });

/** The settlement runs the caller may see, one line per period. */
export async function listSettlementRuns(k: Kernel, actor: Actor) {
  const by = new Map<
    string,
    { period: string; bills: number; totalFen: number; receivedFen: number; distributed: number }
  >();
  for (const s of await visibleBills(k, actor)) {
    const x = by.get(s.period) ?? { period: s.period, bills: 0, totalFen: 0, receivedFen: 0, distributed: 0 };
    x.bills += 1;
    x.totalFen += Number(s.total_fen);
    x.receivedFen += Number(s.amount_received_fen);
    if (s.state === 'distributed' || s.state === 'closed') x.distributed += 1;
    by.set(s.period, x);
  }
  const items = [...by.values()].sort((a, b) => (a.period < b.period ? 1 : -1));
  return { items, mayRun: mayRun(k, actor), currentPeriod: todayOf(k).slice(0, 7) };
}

/** One period's run: bills, receivables per customer sub-account, the split per party, and what is left to bill. */
export async function settlementRun(k: Kernel, actor: Actor, period: string): Promise<SettlementRunView> {
  const rows = await visibleBills(k, actor, period);
  const shareIds = rows.flatMap((s) => sharesOf(s).map((x) => x.orgId));
  const pending = await pendingContracts(k, actor, period, new Set(rows.map((s) => s.contract_id)));
  const names = await billNames(k, rows, [...shareIds, ...pending.flatMap((c) => [c.buyer_org_id])]);
  const pendingNames = await reads.productNames(
    k.db,
    pending.map((c) => c.product_id),
  );
  const subs = new Map<string, SettlementRunView['subAccounts'][number]>();
  const shares = new Map<string, SettlementRunView['shares'][number]>();
  for (const s of rows) {
    const sub = subs.get(s.customer_sub_account_no) ?? {
      subAccountNo: s.customer_sub_account_no,
      buyerName: names.org.get(s.buyer_org_id) ?? '',
      bills: 0,
      dueFen: 0,
      receivedFen: 0,
    };
    sub.bills += 1;
    sub.dueFen += Number(s.total_fen);
    sub.receivedFen += Number(s.amount_received_fen);
    subs.set(sub.subAccountNo, sub);
    const done = s.state === 'distributed' || s.state === 'closed';
    for (const x of sharesOf(s)) {
      const key = `${x.orgId}|${x.role}`;
      const acc = shares.get(key) ?? { ...x, amountFen: 0, orgName: names.org.get(x.orgId) ?? '', distributedFen: 0 };
      acc.amountFen += x.amountFen;
      if (done) acc.distributedFen += x.amountFen;
      shares.set(key, acc);
    }
  }
  return {
    period,
    totalFen: rows.reduce((a, s) => a + Number(s.total_fen), 0),
    receivedFen: rows.reduce((a, s) => a + Number(s.amount_received_fen), 0),
    bills: billItemsOf(k, actor, rows, names),
    subAccounts: [...subs.values()],
    shares: [...shares.values()],
    pending: pending.map((c) => ({
      contractId: c.id,
      productName: pendingNames.get(c.product_id)?.name_zh ?? '',
      buyerName: names.org.get(c.buyer_org_id) ?? '',
    })),
    mayRun: mayRun(k, actor),
  };
}

/** The caller's own active, charged contracts whose term overlaps the period and that have no bill for it yet. */
async function pendingContracts(k: Kernel, actor: Actor, period: string, billed: Set<string>) {
  if (!actor.orgId || !mayRun(k, actor)) return [];
  const { from, to } = periodDays(period);
  const day = (d: Date | string) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));
  const own = await reads.contractsFor(k.db, { orgId: actor.orgId, jurisdictionIds: [] }, { state: 'active' });
  const open = own.filter(
    (c) =>
      c.operator_org_id === actor.orgId &&
      c.free_basis === 'none' &&
      !billed.has(c.id) &&
      day(c.term_from) <= to &&
      day(c.term_to) >= from &&
      may(k, actor, 'settlement.run', settleSubject(c)),
  );
  // Decision 0084: only what a run would bill — a period fee, or billable use in the period (no zero-fen bill).
  const used = await market.withBillableUse(
    k.db,
    open.filter((c) => c.unit !== 'period').map((c) => c.id),
    from,
    to,
  );
  return open.filter((c) => c.unit === 'period' || used.has(c.id));
}
