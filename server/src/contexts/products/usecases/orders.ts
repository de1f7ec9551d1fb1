import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../../../kernel/crypto/jcs.js';
import { sm3Hex } from '../../../kernel/crypto/sm3.js';
import { notFound } from '../../../kernel/http/errors.js';
import type { Tx } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { loadUserActor } from '../../identity/service.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { canRead, type Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { contractLifecycle, orderLifecycle } from '../lifecycle.js';
import type { ContractInput, OrderInput } from '../model-market.js';
import { presentContract, presentOrder } from '../present-market.js';
import { freeBasisFor } from '../rules/free-use.js';
import { orderUnitPriceFen } from '../rules/pricing.js';
import * as market from '../store/market.js';
import type { ContractRow, OrderRow } from '../store/market.js';
import * as pricing from '../store/pricing.js';
import * as products from '../store/products.js';
import { strings, todayOf } from './common.js';
import { labGovernanceFree, labStatus } from './lab-status.js';
import { contractFiled, filedFacts } from './contract-followers.js';

// Order → Contract (products-market.md "Order", "Contract"; PM-01, PM-07, PM-13, PM-17, PM-19, PM-21, PM-22).

/** The buyer owns its order; the operator is a party. */
export const orderSubject = (
  o: Pick<OrderRow, 'id' | 'buyer_org_id' | 'operator_org_id' | 'jurisdiction_id'>,
): Subject => ({
  type: 'Order',
  id: o.id,
  jurisdictionId: o.jurisdiction_id,
  ownerOrgId: o.buyer_org_id,
  partyOrgIds: o.operator_org_id ? [o.operator_org_id] : [],
});

/** The operator owns the contract it files; the buyer is a party. */
export const contractSubject = (c: ContractRow): Subject => ({
  type: 'Contract',
  id: c.id,
  jurisdictionId: c.jurisdiction_id,
  ownerOrgId: c.operator_org_id,
  partyOrgIds: [c.buyer_org_id],
});

const yuan = (fen: number) => `${Math.trunc(fen / 100)}.${String(Math.abs(fen % 100)).padStart(2, '0')}`;

/**
 * The buyer orders a live product. The free basis is derived (PM-13 governance/welfare, PM-19 source-unit right);
 * an industry order freezes the effective filed price (PM-17), so every price traces to a filing.
 */
export async function placeOrder(k: Kernel, actor: Actor, input: OrderInput) {
  if (!actor.orgId) throw notFound('DataProduct', input.productId);
  const buyerOrgId = actor.orgId;
  return k.db.transaction().execute(async (trx) => {
    const p = await products.getProduct(trx, input.productId);
    if (!p) throw notFound('DataProduct', input.productId);
    const lab = { labActive: input.labResearch && (await labStatus(trx, buyerOrgId, todayOf(k))) };
    const trader = await traderFacts(k, trx, actor, p.id);
    const freeBasis = freeBasisFor({
      useCategory: input.useCategory,
      buyerOrgId,
      product: {
        category: p.category,
        builtFromFreeData: p.built_from_free_data,
        sourceUnitOrgIds: strings(p.source_unit_org_ids),
      },
      labActive: lab.labActive,
      labResearch: input.labResearch,
      // LAB-29: a lab product's governance use is free only where labs allows it.
      ...(p.lab_id ? { labGovernanceFree: await labGovernanceFree(trx, k.profile, p.lab_id) } : {}),
    });
    const filing = (await pricing.effectiveFilingsOf(trx, p.id, input.unit)).at(-1);
    const allowed = filing
      ? orderUnitPriceFen(
          { priceFen: Number(filing.price_fen), discounts: discountsOf(filing.discounts) },
          input.discount ?? undefined,
        )
      : null;
    const unitPriceFen = freeBasis === 'none' ? (allowed ?? 0) : 0;
    const id = randomUUID();
    const scenario = input.scenario ?? p.scenario_application_id ?? '';
    const row = {
      id,
      buyer_org_id: buyerOrgId,
      operator_org_id: p.operator_org_id,
      jurisdiction_id: p.jurisdiction_id,
    };
    await transition(trx, k.workflow, {
      lifecycle: orderLifecycle,
      action: 'place',
      actor,
      object: null,
      subject: orderSubject(row),
      facts: {
        productState: p.state,
        productScenario: p.scenario_application_id,
        scenario,
        freeBasis,
        allowedUnitFen: allowed,
        chargedUnitFen: unitPriceFen,
        labResearch: input.labResearch,
        ...lab,
        ...trader,
      },
      input,
      values: {
        ...row,
        product_id: p.id,
        use_category: input.useCategory,
        free_basis: freeBasis,
        purpose: input.purpose,
        scenario,
        quantity: input.quantity,
        unit: input.unit,
        unit_price_fen: unitPriceFen,
        price_filing_id: freeBasis === 'none' ? (filing?.id ?? null) : null,
        estimated_amount: yuan(unitPriceFen * input.quantity),
      },
    });
    return presentOrder((await market.getOrder(trx, id))!);
  });
}

/**
 * PM-33 facts: the exchange orgs of the venues the product is (or is being) listed on, whether the buyer org is
 * an exchange, and which of those exchanges the submitting user is an active member of (identity's port).
 */
async function traderFacts(k: Kernel, trx: Tx, actor: Actor, productId: string) {
  const venueExchangeOrgIds = [
    ...new Set(
      (await products.listListings(trx, productId))
        .filter((l) => l.venue === 'exchange' && l.exchange_org_id && l.state !== 'withdrawn')
        .map((l) => l.exchange_org_id!),
    ),
  ];
  const userExchangeOrgIds: string[] = [];
  if (actor.userId)
    for (const org of venueExchangeOrgIds)
      if (org !== actor.orgId && (await loadUserActor(trx, actor.userId, org, k.clock.now())))
        userExchangeOrgIds.push(org);
  return {
    buyerOrgId: actor.orgId ?? '',
    venueExchangeOrgIds,
    buyerIsExchange: actor.actorRoles.some((r) => r.actor === 'exchange' && r.status === 'active'),
    userExchangeOrgIds,
  };
}

// discounts is a jsonb array this context wrote ({name, pct}[]).
const discountsOf = (v: unknown): { name: string; pct: number }[] =>
  Array.isArray(v) ? (v as { name: string; pct: number }[]) : [];

export async function getOrder(k: Kernel, actor: Actor, id: string) {
  const o = await market.getOrder(k.db, id);
  if (!o || !canRead(actor, orderSubject(o))) throw notFound('Order', id);
  return presentOrder(o);
}

/**
 * The operator draws the contract of a submitted order on the platform (PM-21: its term within the product's
 * grant validity). It is not yet filed: delivery waits for `fileContract` (PM-22).
 */
export async function drawContract(k: Kernel, actor: Actor, input: ContractInput) {
  return k.db.transaction().execute(async (trx) => {
    const o = await market.getOrder(trx, input.orderId, true);
    if (!o || !canRead(actor, orderSubject(o))) throw notFound('Order', input.orderId);
    const p = (await products.getProduct(trx, o.product_id))!;
    const id = randomUUID();
    const subject: Subject = {
      type: 'Contract',
      id,
      jurisdictionId: p.jurisdiction_id,
      ownerOrgId: p.operator_org_id,
      partyOrgIds: [o.buyer_org_id],
    };
    const grantEnd = p.valid_to ? p.valid_to.toISOString().slice(0, 10) : null;
    await transition(trx, k.workflow, {
      lifecycle: contractLifecycle,
      action: 'draw',
      actor,
      object: null,
      subject,
      facts: { termTo: input.termTo, grantEnd, onwardTransfer: input.onwardTransfer },
      input,
      values: {
        id,
        order_id: o.id,
        product_id: o.product_id,
        buyer_org_id: o.buyer_org_id,
        operator_org_id: p.operator_org_id,
        purpose: o.purpose,
        scenario: o.scenario,
        delivery_mode: input.deliveryMode,
        term_from: input.termFrom,
        term_to: input.termTo,
        onward_transfer: input.onwardTransfer,
        quota_per_day: input.quotaPerDay,
        quota_per_month: input.quotaPerMonth,
        unit: o.unit,
        unit_price_fen: o.unit_price_fen,
        free_basis: o.free_basis,
        price_filing_id: o.price_filing_id,
        amount: o.estimated_amount,
        content: input.content,
        customer_sub_account_no: input.customerSubAccountNo ?? `SA-${o.buyer_org_id.slice(0, 8).toUpperCase()}`,
        jurisdiction_id: p.jurisdiction_id,
      },
    });
    return presentContract((await market.getContract(trx, id))!);
  });
}

/** What the SM3 digest covers: the contract's terms as filed (canonical JSON, so anyone can recompute it). */
export const contractDigest = (c: ContractRow) =>
  sm3Hex(
    canonicalJson({
      id: c.id,
      orderId: c.order_id,
      productId: c.product_id,
      buyerOrgId: c.buyer_org_id,
      operatorOrgId: c.operator_org_id,
      purpose: c.purpose,
      scenario: c.scenario,
      deliveryMode: c.delivery_mode,
      termFrom: c.term_from instanceof Date ? c.term_from.toISOString().slice(0, 10) : String(c.term_from),
      termTo: c.term_to instanceof Date ? c.term_to.toISOString().slice(0, 10) : String(c.term_to),
      unit: c.unit,
      unitPriceFen: Number(c.unit_price_fen),
      content: c.content,
    }),
  );

/**
 * PM-22: the sealed contract is filed on the platform; its SM3 digest goes into the ledger in the transition's
 * payload, and the order becomes `contracted`.
 */
export async function fileContract(k: Kernel, actor: Actor, id: string, filedWith: 'platform' | 'exchange') {
  return k.db.transaction().execute(async (trx) => {
    const c = await market.getContract(trx, id, true);
    if (!c || !canRead(actor, contractSubject(c))) throw notFound('Contract', id);
    const digest = contractDigest(c);
    await transition(trx, k.workflow, {
      lifecycle: contractLifecycle,
      action: 'file',
      actor,
      object: c,
      subject: contractSubject(c),
      values: { filed_with: filedWith, filed_at: k.clock.now(), sm3: digest },
      payload: { sm3: digest, filedWith },
    });
    await contractFiled(k, await filedFacts(k, trx, c, filedWith, actor));
    const o = await market.getOrder(trx, c.order_id, true);
    if (o && (o.state === 'submitted' || o.state === 'venue_review'))
      await transition(trx, k.workflow, {
        lifecycle: orderLifecycle,
        action: 'contract',
        actor,
        object: o,
        subject: { ...orderSubject(o), ownerOrgId: c.operator_org_id, partyOrgIds: [o.buyer_org_id] },
      });
    return presentContract((await market.getContract(trx, id))!);
  });
}

export async function getContract(k: Kernel, actor: Actor, id: string) {
  const c = await market.getContract(k.db, id);
  if (!c || !canRead(actor, contractSubject(c))) throw notFound('Contract', id);
  return presentContract(c);
}
