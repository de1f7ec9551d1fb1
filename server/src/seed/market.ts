import { randomUUID } from 'node:crypto';
import {
  contractLifecycle,
  deliveryLifecycle,
  orderLifecycle,
  revenueShareLifecycle,
  settlementLifecycle,
} from '../contexts/products/lifecycle.js';
import { periodDays, tallyUses } from '../contexts/products/rules/bill.js';
import { splitShares, type SharePartyIn } from '../contexts/products/rules/settlement.js';
import { insertUsagesSql, type UsageInsert } from '../contexts/products/service.js';
import { shanghaiDate } from '../kernel/calendar/calendar.js';
import { sm3Hex } from '../kernel/crypto/sm3.js';
import type { Tx } from '../kernel/db/tables.js';
import type { Kernel } from '../kernel/kernel.js';
import { appendEvents } from '../kernel/ledger/append.js';
import { actorRef, systemActor } from '../kernel/workflow/actor.js';
import { importObject } from '../kernel/workflow/transition.js';
import { demoId } from './ids.js';
import { jid, oid } from './identity.js';

// Demo market of products-market.md part 2: orders in each delivery mode (contracts filed on the platform), a
// month of metered usage on the API contract, and last month's settlement run distributed 70/20/10 (the source
// unit's share as treasury non-tax revenue), so operator.admin, buyer.admin and the parties each see one.

const j = (v: unknown) => JSON.stringify(v);
// The demo products' jurisdiction (their Grant's): the authority and regulator read the market records there.
const J = jid('440400');
const CALLS_PER_DAY = 40;
const PARTIES: SharePartyIn[] = [
  {
    orgId: oid('zh-operator'),
    role: 'operator',
    inputType: 'platform',
    contributionBp: 7000,
    fiscalTreatment: 'commercial',
  },
  {
    orgId: oid('zh-collab'),
    role: 'collaborator',
    inputType: 'processing',
    contributionBp: 2000,
    fiscalTreatment: 'commercial',
  },
  {
    orgId: oid('zh-samr'),
    role: 'source_unit',
    inputType: 'data',
    contributionBp: 1000,
    fiscalTreatment: 'treasury_non_tax',
  },
];
// Each delivery mode on a demo product that allows it; file and seat deliveries wait for egress / a workspace.
const ORDERS = [
  { key: 'api', product: 'status-verify', mode: 'api_key', priceFen: 60, unit: 'call', delivered: true },
  { key: 'model', product: 'status-verify', mode: 'model_service', priceFen: 60, unit: 'call', delivered: true },
  {
    key: 'file',
    product: 'district-dataset',
    mode: 'file_egress',
    priceFen: 150_000,
    unit: 'period',
    delivered: false,
  },
  {
    key: 'seat',
    product: 'district-dataset',
    mode: 'sandbox_seat',
    priceFen: 150_000,
    unit: 'period',
    delivered: false,
  },
] as const;

export async function seedMarket(trx: Tx, k: Kernel): Promise<void> {
  const today = shanghaiDate(k.clock.now());
  const { prev } = periodDays(today.slice(0, 7));
  const from = periodDays(prev).from;
  const termTo = `${Number(today.slice(0, 4)) + 1}${today.slice(4, 7)}-01`;
  for (const o of ORDERS) await seedOrder(trx, k, o, from, termTo);
  await importObject(
    trx,
    k.workflow,
    revenueShareLifecycle,
    'approved',
    {
      id: demoId('revenue-share:status-verify'),
      product_id: demoId('product:status-verify'),
      parties: j(PARTIES),
      effective_from: from,
    },
    systemActor('demo-seed'),
  );
  await seedUsageAndSettlement(trx, k, prev);
}

async function seedOrder(trx: Tx, k: Kernel, o: (typeof ORDERS)[number], from: string, termTo: string) {
  const actor = systemActor('demo-seed');
  const productId = demoId(`product:${o.product}`);
  const orderId = demoId(`market-order:${o.key}`);
  const contractId = demoId(`market-contract:${o.key}`);
  const base = {
    buyer_org_id: oid('buyer'),
    product_id: productId,
    purpose: '普惠金融贷前核验',
    scenario: '普惠金融贷前核验',
    jurisdiction_id: J,
  };
  await importObject(
    trx,
    k.workflow,
    orderLifecycle,
    o.delivered ? 'delivering' : 'contracted',
    {
      id: orderId,
      ...base,
      use_category: 'industry',
      quantity: o.unit === 'call' ? 100_000 : 12,
      unit: o.unit,
      unit_price_fen: o.priceFen,
      price_filing_id: demoId(`price-filing:${o.product}`),
      operator_org_id: oid('zh-operator'),
    },
    actor,
  );
  const terms = { ...base, id: contractId, order_id: orderId, delivery_mode: o.mode, term_from: from, term_to: termTo };
  await importObject(
    trx,
    k.workflow,
    contractLifecycle,
    'active',
    {
      ...terms,
      operator_org_id: oid('zh-operator'),
      quota_per_day: 10_000,
      quota_per_month: 200_000,
      unit: o.unit,
      unit_price_fen: o.priceFen,
      price_filing_id: demoId(`price-filing:${o.product}`),
      content: '乙方按备案价格向甲方提供数据产品服务；甲方不得向第三方转让交付物。',
      customer_sub_account_no: `SA-BUYER-${o.key.toUpperCase()}`,
      filed_with: 'platform',
      filed_at: new Date(`${from}T02:00:00Z`),
      sm3: sm3Hex(j(terms)),
    },
    actor,
  );
  if (o.delivered)
    await importObject(
      trx,
      k.workflow,
      deliveryLifecycle,
      'active',
      {
        id: demoId(`market-delivery:${o.key}`),
        contract_id: contractId,
        mode: o.mode,
        model_endpoint: o.mode === 'model_service' ? '/api/v1/data-services/enterprise-verify/score' : null,
        quota: 200_000,
        valid_from: from,
        valid_to: termTo,
      },
      actor,
    );
}

/** Last month's calls on the API contract (each an audit-log event), settled, paid and distributed. */
async function seedUsageAndSettlement(trx: Tx, k: Kernel, period: string) {
  const { from, to } = periodDays(period);
  const contractId = demoId('market-contract:api');
  const rows: UsageInsert[] = [];
  for (let d = 1; d <= Number(to.slice(8)); d++)
    for (let i = 0; i < CALLS_PER_DAY; i++) {
      const day = `${period}-${String(d).padStart(2, '0')}`;
      rows.push({
        id: randomUUID(),
        contract_id: contractId,
        order_id: demoId('market-order:api'),
        meter: 'gateway',
        idempotency_key: `demo-market-${day}-${i}`,
        outcome: i === CALLS_PER_DAY - 1 && d % 10 === 0 ? 'rejected_quota' : 'billable',
        buyer_org_id: oid('buyer'),
        api_key_id: null,
        template_id: null,
        template_version: null,
        input_hmac: null,
        subject_hmac: null,
        latency_ms: 12,
        shanghai_day: day,
        occurred_at: new Date(`${day}T03:00:00Z`),
      });
    }
  await insertUsagesSql(rows).execute(trx);
  await appendEvents(
    trx,
    k.workflow.ledger,
    rows.map((u) => ({
      log: 'audit' as const,
      objectType: 'UsageRecord',
      objectId: u.id,
      objectVersion: 1,
      eventType: 'UsageRecord.recorded',
      action: 'meter',
      fromState: null,
      toState: u.outcome,
      actor: actorRef(systemActor('demo-seed')),
      retentionClass: 'trading',
      // `after` is what ledger audit compares metered rows with (LED-11).
      payload: {
        after: { templateId: null, contractId, inputHmac: null, outcome: u.outcome },
        idempotencyKey: u.idempotency_key,
        quantity: 1,
      },
    })),
  );
  const t = tallyUses(
    rows.map((u) => ({ id: u.id, idempotency_key: u.idempotency_key, outcome: u.outcome, quantity: 1 })),
    60,
    'none',
  );
  const line = {
    kind: 'usage',
    period,
    unit: 'call',
    billableQty: t.billableQty,
    freeQty: t.freeQty,
    rejectedQty: t.rejectedQty,
    unitPriceFen: 60,
    filingNo: `PF-${from.slice(0, 4)}-000101`,
    capFen: 80,
    amountFen: t.amountFen,
    recordsDigest: t.digest,
    digestScheme: 'sm3-lanes',
    recordCount: t.count,
    checkpoint: null, // the seed's entries are sequenced after it; a new run names the checkpoint
  };
  await importObject(
    trx,
    k.workflow,
    settlementLifecycle,
    'distributed',
    {
      id: demoId(`settlement:api:${period}`),
      contract_id: contractId,
      product_id: demoId('product:status-verify'),
      operator_org_id: oid('zh-operator'),
      buyer_org_id: oid('buyer'),
      period,
      customer_sub_account_no: 'SA-BUYER-API',
      settlement_agent: '中国银行股份有限公司珠海分行',
      total_fen: t.amountFen,
      amount_received_fen: t.amountFen,
      lines: j([line]),
      shares: j(splitShares(t.amountFen, PARTIES)),
      share_org_ids: j(PARTIES.map((p) => p.orgId)),
      jurisdiction_id: J,
    },
    systemActor('demo-seed'),
  );
}
