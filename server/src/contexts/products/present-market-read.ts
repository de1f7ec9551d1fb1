import type { BillItemView, ContractItemView, MarketSide, OrderItemView } from './model-market-read.js';
import { billLinesOf, presentContract, presentOrder } from './present-market.js';
import type { ContractRow, OrderRow, SettlementRow } from './store/market.js';
import type { ProductNameRow } from './store/market-queries.js';

// Row → view presenters of the market's read side. Names come from identity's orgNames port and the product rows;
// an org the lookup does not know reads as '' (the page shows 其他单位), never as its id.

export interface Names {
  org: Map<string, string>;
  product: Map<string, ProductNameRow>;
}

/** How the caller stands to a record (the pages word their columns and buttons by it). */
export function sideOf(
  orgId: string | undefined,
  buyer: string,
  operator: string | null,
  parties: string[] = [],
): MarketSide {
  if (orgId && orgId === buyer) return 'buyer';
  if (orgId && orgId === operator) return 'operator';
  if (orgId && parties.includes(orgId)) return 'party';
  return 'observer';
}

const partiesOf = (n: Names, productId: string, buyer: string, operator: string | null) => ({
  productName: n.product.get(productId)?.name_zh ?? '',
  productCode: n.product.get(productId)?.code ?? '',
  buyerName: n.org.get(buyer) ?? '',
  operatorName: (operator && n.org.get(operator)) || '',
});

export const presentOrderItem = (
  o: OrderRow,
  c: ContractRow | undefined,
  n: Names,
  side: MarketSide,
  abilities: OrderItemView['abilities'],
): OrderItemView => ({
  ...presentOrder(o),
  ...partiesOf(n, o.product_id, o.buyer_org_id, o.operator_org_id),
  side,
  operatorOrgId: o.operator_org_id,
  estimatedFen: Number(o.unit_price_fen) * Number(o.quantity),
  contractId: c?.id ?? null,
  contractState: c?.state ?? null,
  abilities,
});

export const presentContractItem = (
  c: ContractRow,
  n: Names,
  side: MarketSide,
  deliveryCount: number,
  abilities: ContractItemView['abilities'],
): ContractItemView => ({
  ...presentContract(c),
  ...partiesOf(n, c.product_id, c.buyer_org_id, c.operator_org_id),
  side,
  deliveryCount,
  abilities,
});

/** One item per bill line; each carries its bill's state, parties and totals. */
export const presentBillItems = (
  s: SettlementRow,
  n: Names,
  side: MarketSide,
  abilities: BillItemView['abilities'],
): BillItemView[] =>
  billLinesOf(s).map((l) => ({
    ...l,
    settlementId: s.id,
    state: s.state,
    contractId: s.contract_id,
    productName: n.product.get(s.product_id)?.name_zh ?? '',
    buyerName: n.org.get(s.buyer_org_id) ?? '',
    operatorName: n.org.get(s.operator_org_id) ?? '',
    side,
    customerSubAccountNo: s.customer_sub_account_no,
    settlementAgent: s.settlement_agent,
    billTotalFen: Number(s.total_fen),
    amountReceivedFen: Number(s.amount_received_fen),
    createdAt: s.created_at.toISOString(),
    abilities,
  }));
