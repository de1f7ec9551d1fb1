import { ownTables, type Executor } from '../../../kernel/db/tables.js';
import type { ProductsTables } from '../store/tables.js';

/** A lab's product and the first ComplianceReview it passed (labs.md LAB-14 counts these). */
export interface LabProductReview {
  productId: string;
  code: string;
  name: string;
  productState: string;
  /** When its first passing ComplianceReview was decided (ISO), or null when none passed yet. */
  passedAt: string | null;
}

/**
 * labs.md LAB-14's read port: the products tied to a lab (`data_product.lab_id`, set when the lab's partner drafts
 * it) with the first passing review of each. Labs decides which of them fall in its co-construction period.
 */
export async function labProductReviews(db: Executor, labId: string): Promise<LabProductReview[]> {
  const rows = await ownTables<ProductsTables>(db)
    .selectFrom('data_product as p')
    .leftJoin('compliance_review as r', (j) =>
      j.onRef('r.product_id', '=', 'p.id').on('r.decision', '=', 'passed').on('r.decided_at', 'is not', null),
    )
    .select(['p.id', 'p.code', 'p.name_zh', 'p.state'])
    .select((eb) => eb.fn.min('r.decided_at').as('passed_at'))
    .where('p.lab_id', '=', labId)
    .groupBy(['p.id', 'p.code', 'p.name_zh', 'p.state'])
    .orderBy('p.code')
    .execute();
  return rows.map((r) => ({
    productId: r.id,
    code: r.code,
    name: r.name_zh,
    productState: r.state,
    passedAt: r.passed_at ? new Date(r.passed_at).toISOString() : null,
  }));
}

/** labs.md LAB-32's read port: a lab product's IP owner (the lab partner), or null when it is not a lab product. */
export async function labProductIpOwner(db: Executor, productId: string): Promise<string | null> {
  const p = await ownTables<ProductsTables>(db)
    .selectFrom('data_product')
    .select(['lab_id', 'ip_owner_org_id'])
    .where('id', '=', productId)
    .executeTakeFirst();
  return p?.lab_id ? p.ip_owner_org_id : null;
}
