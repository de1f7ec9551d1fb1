import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Tx } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { canRead } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { feeCapLifecycle, priceFilingLifecycle } from '../lifecycle.js';
import type { FeeCapInput, PriceFilingInput } from '../model.js';
import { discountsOf, presentFeeCap, presentFiling } from '../present.js';
import type { FeeCapFacts, FilingFacts } from '../rules/pricing.js';
import * as pstore from '../store/pricing.js';
import * as store from '../store/products.js';
import type { FeeCapRow, PriceFilingRow, ProductRow } from '../store/tables.js';
import { capSubject, filingSubject, mustReadProduct, strings, todayOf } from './common.js';

const dayOf = (d: Date | string) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/** The jurisdiction an authority sets caps in: the product's, or its own authority role's. */
function authorityJurisdiction(actor: Actor, p: ProductRow | undefined): { id: string; path: string[] } {
  if (p?.jurisdiction_id) return { id: p.jurisdiction_id, path: strings(p.jurisdiction_path) };
  const r = actor.actorRoles.find((x) => x.actor === 'authority' && x.status === 'active');
  return { id: r?.jurisdictionId ?? '', path: r?.jurisdictionPath ?? [] };
}

/** The authority sets a FeeCap (上限收费标准) in draft for one product or a product class (NDRC-65). */
export async function createFeeCap(k: Kernel, actor: Actor, input: FeeCapInput) {
  return k.db.transaction().execute(async (trx) => {
    const p = input.productId ? await store.getProduct(trx, input.productId) : undefined;
    if (input.productId && !p) throw notFound('DataProduct', input.productId);
    const j = authorityJurisdiction(actor, p);
    const id = randomUUID();
    const values = {
      id,
      authority_org_id: actor.orgId ?? '',
      operation_agreement_id: input.operationAgreementId,
      operator_org_id: input.operatorOrgId,
      jurisdiction_id: j.id,
      product_id: input.productId,
      product_class: input.productClass,
      charging_unit: input.chargingUnit,
      unit_definition: input.unitDefinition,
      cap_fen: input.capFen,
      tax_inclusive: input.taxInclusive,
      basis: JSON.stringify(input.basis),
      is_trial: input.isTrial,
      revenue_cycle_id: input.revenueCycleId,
      written_report_ref: input.writtenReportRef,
      effective_from: input.effectiveFrom,
      effective_to: input.effectiveTo,
      created_by: actor.userId ?? null,
    };
    await transition(trx, k.workflow, {
      lifecycle: feeCapLifecycle,
      action: 'create',
      actor,
      object: null,
      subject: {
        type: 'FeeCap',
        id,
        jurisdictionId: j.id,
        jurisdictionPath: j.path,
        ownerOrgId: values.authority_org_id,
      },
      input,
      values,
    });
    return presentFeeCap((await pstore.getFeeCap(trx, id))!);
  });
}

async function capFacts(trx: Tx, c: FeeCapRow): Promise<FeeCapFacts> {
  const cycle = c.revenue_cycle_id ? await pstore.getCycle(trx, c.revenue_cycle_id) : undefined;
  return {
    writtenReportRef: c.written_report_ref,
    isTrial: c.is_trial,
    cycleApproved: !!cycle && !!cycle.approval_doc_no && cycle.operation_agreement_id === c.operation_agreement_id,
    hasFullOperatingYear: await pstore.hasClosedCycle(trx, c.operation_agreement_id),
    coversProduct: !!(c.product_id || c.product_class),
  };
}

const pathOf = async (trx: Tx, c: { jurisdiction_id: string }, productId: string | null) => {
  const p = productId ? await store.getProduct(trx, productId) : undefined;
  return p ? strings(p.jurisdiction_path) : [c.jurisdiction_id];
};

/** The authority reports the cap with its written report (PM-14); it is in force from effectiveFrom. */
export async function reportFeeCap(k: Kernel, actor: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const c = await pstore.getFeeCap(trx, id, true);
    if (!c) throw notFound('FeeCap', id);
    const path = await pathOf(trx, c, c.product_id);
    if (!canRead(actor, capSubject(c, path))) throw notFound('FeeCap', id);
    const res = await transition(trx, k.workflow, {
      lifecycle: feeCapLifecycle,
      action: 'report',
      actor,
      object: c,
      subject: capSubject(c, path),
      facts: await capFacts(trx, c),
    });
    if (dayOf(c.effective_from) <= todayOf(k)) await enforce(k, trx, (await pstore.getFeeCap(trx, id, true))!, path);
    const now = (await pstore.getFeeCap(trx, id))!;
    return { id: res.id, state: now.state, version: now.version, feeCap: presentFeeCap(now) };
  });
}

async function enforce(k: Kernel, trx: Tx, c: FeeCapRow, path: string[]) {
  await transition(trx, k.workflow, {
    lifecycle: feeCapLifecycle,
    action: 'enforce',
    actor: systemActor('fee-cap-clock'),
    object: c,
    subject: capSubject(c, path),
  });
}

/** What PM-13…PM-17 judge a filing on: the product's category, the cap it cites, and its stated basis. */
async function filingFacts(k: Kernel, trx: Tx, f: PriceFilingRow, p: ProductRow): Promise<FilingFacts> {
  const c = f.fee_cap_id ? await pstore.getFeeCap(trx, f.fee_cap_id) : undefined;
  return {
    category: p.category,
    priceFen: Number(f.price_fen),
    chargingUnit: f.charging_unit,
    unitDefinition: f.unit_definition,
    cap: c
      ? {
          state: c.state,
          chargingUnit: c.charging_unit,
          unitDefinition: c.unit_definition,
          capFen: Number(c.cap_fen),
          coversProduct: c.product_id === p.id || (!c.product_id && c.product_class === p.form),
          effectiveTo: dayOf(c.effective_to),
        }
      : null,
    today: todayOf(k),
    pricingBasis: f.pricing_basis,
    scenario: f.scenario,
    scopeOfUse: f.scope_of_use,
    method: f.method,
    discounts: discountsOf(f),
  };
}

/**
 * The operator files its actual price (定价备案) under the cap (PM-15) with basis, scenario, scope and method
 * (PM-16); a governance or welfare product files 0 (PM-13). The authority may return it within the window.
 */
export async function filePrice(k: Kernel, actor: Actor, input: PriceFilingInput) {
  return k.db.transaction().execute(async (trx) => {
    const p = mustReadProduct(actor, await store.getProduct(trx, input.productId, true), input.productId);
    const id = randomUUID();
    const subject = filingSubject(
      { id, jurisdiction_id: p.jurisdiction_id ?? '', operator_org_id: p.operator_org_id },
      strings(p.jurisdiction_path),
    );
    await transition(trx, k.workflow, {
      lifecycle: priceFilingLifecycle,
      action: 'create',
      actor,
      object: null,
      subject,
      input,
      values: {
        id,
        filing_no: await pstore.nextFilingNo(trx, `PF-${todayOf(k).slice(0, 4)}-`),
        product_id: p.id,
        fee_cap_id: input.feeCapId,
        operator_org_id: p.operator_org_id,
        jurisdiction_id: p.jurisdiction_id ?? '',
        charging_unit: input.chargingUnit,
        unit_definition: input.unitDefinition,
        price_fen: input.priceFen,
        pricing_basis: input.pricingBasis,
        scenario: input.scenario,
        scope_of_use: input.scopeOfUse,
        method: input.method,
        pricing_method: input.pricingMethod,
        discounts: JSON.stringify(input.discounts),
        effective_from: input.effectiveFrom,
        created_by: actor.userId ?? null,
      },
    });
    const f = (await pstore.getFiling(trx, id, true))!;
    const res = await transition(trx, k.workflow, {
      lifecycle: priceFilingLifecycle,
      action: 'file',
      actor,
      object: f,
      subject,
      facts: await filingFacts(k, trx, f, p),
      values: { filed_at: k.clock.now() },
    });
    return { ...res, filing: presentFiling((await pstore.getFiling(trx, id))!) };
  });
}

/** The authority accepts a filing before the window ends (it takes effect) or returns it with a reason. */
export async function decideFiling(
  k: Kernel,
  actor: Actor,
  id: string,
  action: 'accept' | 'return',
  reason: string | null,
) {
  return k.db.transaction().execute(async (trx) => {
    const f = await pstore.getFiling(trx, id, true);
    const p = f ? await store.getProduct(trx, f.product_id, true) : undefined;
    if (!f || !p) throw notFound('PriceFiling', id);
    if (!canRead(actor, filingSubject(f, strings(p.jurisdiction_path)))) throw notFound('PriceFiling', id);
    if (action === 'return' && !reason) throw new AppError(422, 'REASON_REQUIRED', { field: 'reason' });
    if (action === 'accept') await supersedePrevious(k, trx, f);
    const res = await transition(trx, k.workflow, {
      lifecycle: priceFilingLifecycle,
      action,
      actor,
      object: f,
      subject: filingSubject(f, strings(p.jurisdiction_path)),
      facts: await filingFacts(k, trx, f, p),
      values: action === 'return' ? { return_reason: reason } : {},
    });
    return { ...res, filing: presentFiling((await pstore.getFiling(trx, id))!) };
  });
}

/** One effective price per product and charging unit: the new one supersedes the old. */
async function supersedePrevious(k: Kernel, trx: Tx, f: PriceFilingRow) {
  for (const old of await pstore.effectiveFilingsOf(trx, f.product_id, f.charging_unit)) {
    if (old.id === f.id) continue;
    await transition(trx, k.workflow, {
      lifecycle: priceFilingLifecycle,
      action: 'supersede',
      actor: systemActor('price-filing-clock'),
      object: old,
      subject: filingSubject(old, [old.jurisdiction_id]),
    });
  }
}

/**
 * The pricing clock: reported caps come into force at effectiveFrom; filed prices take effect once both
 * effectiveFrom and the return window (pricing.filingObjectionDays working days) have passed (PM-18).
 */
export async function runPricingClocks(k: Kernel): Promise<{ caps: number; filings: number }> {
  const today = todayOf(k);
  const now = k.clock.now();
  return k.db.transaction().execute(async (trx) => {
    let caps = 0;
    let filings = 0;
    for (const c of await pstore.capsDue(trx, today)) {
      if (c.state !== 'reported') continue;
      await enforce(k, trx, c, [c.jurisdiction_id]);
      caps++;
    }
    const days = k.profile.get<number>('pricing.filingObjectionDays');
    for (const f of await pstore.filingsDue(trx, today)) {
      if (!f.filed_at || k.calendar.dueAt(f.filed_at, days) > now) continue;
      const p = (await store.getProduct(trx, f.product_id))!;
      await supersedePrevious(k, trx, f);
      await transition(trx, k.workflow, {
        lifecycle: priceFilingLifecycle,
        action: 'effect',
        actor: systemActor('price-filing-clock'),
        object: f,
        subject: filingSubject(f, [f.jurisdiction_id]),
        facts: await filingFacts(k, trx, f, p),
      });
      filings++;
    }
    return { caps, filings };
  });
}

/** Caps the caller set (authority) or that bind it (operator); everything under a readable jurisdiction. */
export async function listFeeCaps(k: Kernel, actor: Actor) {
  const rows = await pstore.listFeeCaps(k.db, actor.orgId ?? '', actor.readableJurisdictionIds);
  return { items: rows.map(presentFeeCap) };
}

export async function listFilings(k: Kernel, actor: Actor) {
  const rows = await pstore.listFilings(k.db, actor.orgId ?? '', actor.readableJurisdictionIds);
  return { items: rows.map(presentFiling) };
}
