import { getOrganization } from '../../identity/service.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor } from '../../../kernel/workflow/actor.js';
import type { PublicProductView } from '../model.js';
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
  const items: PublicProductView[] = rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name_zh,
    operator: names.get(r.operator_org_id) ?? '',
    form: r.form,
    category: r.category,
    prices: prices
      .filter((p) => p.product_id === r.id)
      .map((p) => ({ unit: p.charging_unit, priceFen: p.price_fen, capFen: p.cap_fen ?? p.price_fen })),
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
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
