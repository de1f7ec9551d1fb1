import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';
import { BillLineView, ContractView, OrderView, ShareView } from './model-market.js';

// The market's read views (issue 15 web: orders and contracts, usage, bills, the settlement run page).

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const period = z.string().regex(/^\d{4}-\d{2}$/);

/** How the caller stands to a record: it buys, it sells, or it reads it by jurisdiction (authority, regulator). */
export const MARKET_SIDES = ['buyer', 'operator', 'party', 'observer'] as const;
export const MarketSide = z.enum(MARKET_SIDES);
export type MarketSide = z.infer<typeof MarketSide>;

export const MarketListQuery = PageQuery.extend({
  state: z.string().max(40).optional(),
  productId: z.uuid().optional(),
});
export const ContractListQuery = MarketListQuery.extend({ orderId: z.uuid().optional() });

const Parties = {
  productName: z.string(),
  productCode: z.string(),
  buyerName: z.string(),
  operatorName: z.string(),
  side: MarketSide,
};

export const OrderItemView = OrderView.extend({
  ...Parties,
  operatorOrgId: z.string().nullable(),
  estimatedFen: z.number().int(),
  contractId: z.string().nullable(),
  contractState: z.string().nullable(),
  /** style.md §2: what the caller may do next; the page shows only these buttons. */
  abilities: z.object({ drawContract: z.boolean() }),
});
export type OrderItemView = z.infer<typeof OrderItemView>;

export const ContractItemView = ContractView.extend({
  ...Parties,
  deliveryCount: z.number().int(),
  abilities: z.object({ file: z.boolean(), deliver: z.boolean(), settle: z.boolean() }),
});
export type ContractItemView = z.infer<typeof ContractItemView>;

const MAX_USAGE_DAYS = 400; // a chart of daily points; longer windows are exported month by month
const spanDays = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
export const UsageQuery = z
  .object({ contractId: z.uuid(), from: day.optional(), to: day.optional() })
  .refine((q) => !q.from || !q.to || (q.from <= q.to && spanDays(q.from, q.to) <= MAX_USAGE_DAYS), {
    message: 'from must not be after to, and the window at most 400 days',
    path: ['from'],
  });

export const UsageSeriesView = z.object({
  contractId: z.string(),
  productName: z.string(),
  unit: z.string(),
  from: z.string(),
  to: z.string(),
  side: MarketSide,
  /** The contract's quotas and what counts against them (billable and free uses; PM-24). */
  quota: z.object({
    perDay: z.number().int(),
    perMonth: z.number().int(),
    usedToday: z.number().int(),
    usedThisMonth: z.number().int(),
    today: z.string(),
  }),
  days: z.array(
    z.object({ day: z.string(), billable: z.number().int(), free: z.number().int(), rejected: z.number().int() }),
  ),
  outcomes: z.object({
    billable: z.number().int(),
    free: z.number().int(),
    rejected_quota: z.number().int(),
    rejected_expired: z.number().int(),
  }),
});
export type UsageSeriesView = z.infer<typeof UsageSeriesView>;

export const BillQuery = PageQuery.extend({ period: period.optional(), state: z.string().max(40).optional() });

/** One bill line with its bill: the filed price, the cap beside it and the checkpoint holding its records. */
export const BillItemView = BillLineView.extend({
  settlementId: z.string(),
  state: z.string(),
  contractId: z.string(),
  productName: z.string(),
  buyerName: z.string(),
  operatorName: z.string(),
  side: MarketSide,
  customerSubAccountNo: z.string(),
  settlementAgent: z.string(),
  billTotalFen: z.number().int(),
  amountReceivedFen: z.number().int(),
  createdAt: z.string(),
  abilities: z.object({ verify: z.boolean(), confirm: z.boolean(), distribute: z.boolean() }),
});
export type BillItemView = z.infer<typeof BillItemView>;

export const PeriodParam = z.object({ period });

export const SettlementRunSummaryView = z.object({
  period: z.string(),
  bills: z.number().int(),
  totalFen: z.number().int(),
  receivedFen: z.number().int(),
  distributed: z.number().int(),
});
export const SettlementRunsView = z.object({
  items: z.array(SettlementRunSummaryView),
  /** The operator may start a run (settlement.run); an authority or regulator reads only. */
  mayRun: z.boolean(),
  /** The server's month (Asia/Shanghai, YYYY-MM): the page offers it, never a month from the browser's clock. */
  currentPeriod: z.string(),
});

/** A period's run: its bills, the receivables per customer sub-account, and the split per party. */
export const SettlementRunView = z.object({
  period: z.string(),
  totalFen: z.number().int(),
  receivedFen: z.number().int(),
  bills: z.array(BillItemView),
  subAccounts: z.array(
    z.object({
      subAccountNo: z.string(),
      buyerName: z.string(),
      bills: z.number().int(),
      dueFen: z.number().int(),
      receivedFen: z.number().int(),
    }),
  ),
  shares: z.array(ShareView.extend({ orgName: z.string(), distributedFen: z.number().int() })),
  /** Active contracts of the caller's own that have no bill for the period yet (the run would bill them). */
  pending: z.array(z.object({ contractId: z.string(), productName: z.string(), buyerName: z.string() })),
  mayRun: z.boolean(),
});
export type SettlementRunView = z.infer<typeof SettlementRunView>;
