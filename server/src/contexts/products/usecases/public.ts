import { getGrantForUse } from '../../authorization/service.js';
import { VALUE_TYPES } from '../../catalog/model.js';
import { getOrganization } from '../../identity/service.js';
import { notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor } from '../../../kernel/workflow/actor.js';
import type { ProductCategory, PublicProductDetailView, PublicProductView } from '../model.js';
import * as pstore from '../store/pricing.js';
import * as store from '../store/products.js';

/** Operator names for the public catalogue, read through the identity context (public register data). */
async function orgNames(k: Kernel, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of new Set(ids)) {
    try {
      out.set(id, (await getOrganization(k, systemActor('products-public'), id)).org.name_zh);
    } catch {
      out.set(id, '');
    }
  }
  return out;
}

/**
 * The public catalogue (no login): products with a live listing, each with its effective prices beside the
 * cap (PM-18). Never buyers, orders or contract amounts.
 */
export async function publicProducts(
  k: Kernel,
  q: { page: number; pageSize: number; form?: string; category?: string; q?: string },
) {
  const { rows, total } = await store.listLiveProducts(k.db, q, q.pageSize, (q.page - 1) * q.pageSize);
  const prices = await pstore.publicPrices(
    k.db,
    rows.map((r) => r.id),
  );
  const names = await orgNames(
    k,
    rows.map((r) => r.operator_org_id),
  );
  const items = rows.map((r) => catalogueItem(r, names, prices));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

function catalogueItem(
  r: store.PublicProductRow,
  names: Map<string, string>,
  prices: Awaited<ReturnType<typeof pstore.publicPrices>>,
): PublicProductView {
  return {
    id: r.id,
    code: r.code,
    name: r.name_zh,
    operator: names.get(r.operator_org_id) ?? '',
    form: r.form,
    category: r.category,
    prices: prices
      .filter((p) => p.product_id === r.id)
      .map((p) => ({ unit: p.charging_unit, priceFen: p.price_fen, capFen: p.cap_fen ?? p.price_fen })),
  };
}

/** The use a buyer agrees to, by category (PM-13: governance and welfare use is free; industry use is priced). */
const USE_SCOPE_ZH: Record<ProductCategory, string> = {
  public_governance_welfare: '限于已批准场景内的公共治理和公益用途；不得转售，不得用于重新识别个人。',
  industry: '限于已批准场景内的产业用途，按备案价格计费；合同须在平台备案后方可交付，不得转售，不得用于重新识别个人。',
};

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const knownType = (t: string): string => ((VALUE_TYPES as readonly string[]).includes(t) ? t : 'other');

/**
 * The sample schema: each field the product uses (`fields_used` holds the granted fields' Chinese names) with the
 * value type its Grant recorded. Only name and type leave here: no values, masking, grade or personal flags, and
 * no field codes. A name no longer found on the grants keeps type `other`.
 */
async function sampleSchema(k: Kernel, grantIds: string[], used: string[]) {
  const grants = await Promise.all(grantIds.map((id) => getGrantForUse(k.db, id)));
  const types = new Map<string, string>();
  for (const f of grants.flatMap((g) => g?.resources.flatMap((r) => r.fields) ?? []))
    if (!types.has(f.nameZh)) types.set(f.nameZh, knownType(f.dataType));
  return used.map((name) => ({ name, valueType: types.get(name) ?? 'other' }));
}

/** A buyer's product page without login (issue 15): live listings only, anything else is 404. */
export async function publicProduct(k: Kernel, id: string): Promise<PublicProductDetailView> {
  const p = await store.getLiveProduct(k.db, id);
  if (!p) throw notFound('DataProduct', id);
  const [prices, names, schema] = await Promise.all([
    pstore.publicPrices(k.db, [p.id]),
    orgNames(k, [p.operator_org_id]),
    sampleSchema(k, strings(p.grant_ids), strings(p.fields_used)),
  ]);
  const category = p.category as ProductCategory; // written by this context from PRODUCT_CATEGORIES
  return {
    ...catalogueItem(p, names, prices),
    terms: {
      scope: USE_SCOPE_ZH[category] ?? USE_SCOPE_ZH.industry,
      deliveryModes: strings(p.delivery_modes),
      validTo: p.valid_to ? new Date(p.valid_to).toISOString().slice(0, 10) : null,
      registrationCode: p.registration_code,
      personalInfo: p.personal_info,
    },
    sampleSchema: schema,
  };
}

/** 收费公示 (PM-18): every effective price with its cap and filing number. A free product's cap is its 0 price. */
export async function publicPrices(k: Kernel) {
  const rows = await pstore.publicPrices(k.db, null);
  return {
    items: rows.map((p) => ({
      productId: p.product_id,
      unit: p.charging_unit,
      priceFen: p.price_fen,
      capFen: p.cap_fen ?? p.price_fen,
      filingNo: p.filing_no,
    })),
  };
}
