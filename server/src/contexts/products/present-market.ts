import type { BillLine, ContractView, DeliveryView, OrderView, SettlementView } from './model-market.js';
import type { ContractRow, DeliveryRow, OrderRow, SettlementRow } from './store/market.js';
import type { ShareLine } from './rules/settlement.js';

// Row → view presenters of part 2. jsonb columns (lines, shares) are written by the settlement run itself.
const day = (d: Date | string): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const presentOrder = (o: OrderRow): OrderView => ({
  id: o.id,
  state: o.state,
  version: o.version,
  productId: o.product_id,
  buyerOrgId: o.buyer_org_id,
  useCategory: o.use_category,
  freeBasis: o.free_basis,
  purpose: o.purpose,
  scenario: o.scenario,
  quantity: Number(o.quantity),
  unit: o.unit,
  unitPriceFen: Number(o.unit_price_fen),
  priceFilingId: o.price_filing_id,
  createdAt: o.created_at.toISOString(),
});

export const presentContract = (c: ContractRow): ContractView => ({
  id: c.id,
  state: c.state,
  version: c.version,
  orderId: c.order_id,
  productId: c.product_id,
  buyerOrgId: c.buyer_org_id,
  operatorOrgId: c.operator_org_id,
  deliveryMode: c.delivery_mode,
  termFrom: day(c.term_from),
  termTo: day(c.term_to),
  quotaPerDay: c.quota_per_day,
  quotaPerMonth: c.quota_per_month,
  unit: c.unit,
  unitPriceFen: Number(c.unit_price_fen),
  freeBasis: c.free_basis,
  filedWith: c.filed_with,
  filedAt: iso(c.filed_at),
  sm3: c.sm3,
  customerSubAccountNo: c.customer_sub_account_no,
});

export const presentDelivery = (d: DeliveryRow): DeliveryView => ({
  id: d.id,
  state: d.state,
  version: d.version,
  contractId: d.contract_id,
  mode: d.mode,
  apiKeyId: d.api_key_id,
  egressRequestId: d.egress_request_id,
  workspaceId: d.workspace_id,
  modelEndpoint: d.model_endpoint,
  quota: Number(d.quota),
  validFrom: day(d.valid_from),
  validTo: day(d.valid_to),
});

// lines and shares are arrays the settlement run wrote (BillLine[], ShareLine[]).
export const billLinesOf = (s: SettlementRow): BillLine[] => (Array.isArray(s.lines) ? (s.lines as BillLine[]) : []);
export const sharesOf = (s: SettlementRow): ShareLine[] =>
  Array.isArray(s.shares) ? (s.shares as unknown as ShareLine[]) : [];

export const presentSettlement = (s: SettlementRow): SettlementView => ({
  id: s.id,
  state: s.state,
  version: s.version,
  contractId: s.contract_id,
  productId: s.product_id,
  operatorOrgId: s.operator_org_id,
  buyerOrgId: s.buyer_org_id,
  period: s.period,
  customerSubAccountNo: s.customer_sub_account_no,
  settlementAgent: s.settlement_agent,
  totalFen: Number(s.total_fen),
  amountReceivedFen: Number(s.amount_received_fen),
  lines: billLinesOf(s),
  shares: sharesOf(s),
  createdAt: s.created_at.toISOString(),
});
