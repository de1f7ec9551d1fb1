import { randomUUID } from 'node:crypto';
import type { Executor } from '../../../kernel/db/tables.js';
import { AppError } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { productLifecycle, reviewLifecycle } from '../lifecycle.js';
import type { CheckItem, CreateProductInput } from '../model.js';
import { presentProduct, presentReview } from '../present.js';
import { automaticChecks } from '../rules/review.js';
import { matchFields, maxGradeOf } from '../rules/product.js';
import * as market from '../store/market.js';
import * as store from '../store/products.js';
import type { ProductRow } from '../store/tables.js';
import { categoryOf, loadProductFacts } from './facts.js';
import { childSubject, mustReadProduct, productSubject, strings, todayOf } from './common.js';
import { jurisdictionDivisionCode } from '../../identity/service.js';
import { CHECK_ITEMS } from '../model.js';

/**
 * Creates a DataProduct in `draft` from the producer's own Grants (PM-01 approved scenario, PM-02 granted
 * fields only, PM-04 no raw personal or core data). Category, free-data origin and grade are derived.
 */
export async function createProduct(k: Kernel, actor: Actor, input: CreateProductInput) {
  const producer = actor.orgId ?? '';
  const { facts, grants, scenario } = await loadProductFacts(k, producer, {
    ...input,
    hasDeclaration: !!input.declaration,
  });
  // LAB-14 counts a lab's products: only a product on the lab's own Grants may carry its labId (no tagging a lab).
  if (input.labId && input.labId !== facts.lab?.labId)
    throw new AppError(422, 'LAB_ID_NOT_OF_GRANT', { labId: input.labId }, { ruleId: 'LAB-14' });
  await mustOwnDerivedOrder(k, producer, input.derivedFromOrderId);
  const g = grants[0];
  const { used } = matchFields(input.fieldsUsed, facts.grantedFields);
  const id = randomUUID();
  const year = todayOf(k).slice(0, 4);
  return k.db.transaction().execute(async (trx) => {
    const values = {
      id,
      code: await store.nextProductCode(trx, `DP-${await divisionOf(trx, g?.jurisdictionId)}-${year}-`),
      name_zh: input.name,
      form: input.form,
      category: categoryOf(scenario?.purposeCategory ?? 'industry'),
      scenario_application_id: scenario?.id ?? null,
      grant_ids: JSON.stringify(input.grantIds),
      fields_used: JSON.stringify(used.map((f) => f.nameZh)),
      category_tags: JSON.stringify(input.categoryTags),
      source_unit_org_ids: JSON.stringify(scenario?.sourceUnitOrgIds ?? []),
      producer_org_id: producer,
      operator_org_id: g?.operatorOrgId ?? producer,
      // A product on a lab Grant belongs to that lab (LAB-14), and only such a product does.
      lab_id: facts.lab?.labId ?? null,
      // A lab product's IP belongs to the lab partner that made it (000:L34); otherwise to the producer.
      ip_owner_org_id: producer,
      derived_from_order_id: input.derivedFromOrderId,
      built_from_free_data: scenario ? categoryOf(scenario.purposeCategory) === 'public_governance_welfare' : false,
      personal_info: input.personalInfo,
      max_grade: maxGradeOf(used),
      delivery_modes: JSON.stringify(input.deliveryModes),
      declaration: input.declaration ? JSON.stringify(input.declaration) : null,
      valid_to: facts.grantValidTo,
      description: input.description,
      service_id: input.serviceId,
      jurisdiction_id: g?.jurisdictionId ?? null,
      jurisdiction_path: JSON.stringify(g?.jurisdictionPath ?? []),
      created_by: actor.userId ?? null,
    };
    const subject = {
      type: 'DataProduct',
      id,
      jurisdictionId: values.jurisdiction_id,
      jurisdictionPath: g?.jurisdictionPath ?? [],
      ownerOrgId: producer,
    };
    await transition(trx, k.workflow, {
      lifecycle: productLifecycle,
      action: 'create',
      actor,
      object: null,
      subject,
      facts,
      input: { name: input.name, form: input.form, grantIds: input.grantIds },
      values,
    });
    return presentProduct((await store.getProduct(trx, id))!);
  });
}

/**
 * LAB-31 reads the freeBasis of the Order a product says it was derived from, so that Order must be one the maker
 * bought: naming another organization's Order would stamp the product with a basis not its own. Another's Order and
 * one that does not exist get the same answer, so the check tells nothing about other organizations' Orders.
 */
async function mustOwnDerivedOrder(k: Kernel, producer: string, orderId: string | null | undefined) {
  if (!orderId) return;
  const o = await market.getOrder(k.db, orderId);
  if (o?.buyer_org_id !== producer)
    throw new AppError(422, 'DERIVED_ORDER_NOT_OURS', { orderId }, { ruleId: 'LAB-31' });
}

/** The checklist as it opens: computed lines filled by the platform, CR-4…CR-6 waiting for a checker. */
export function openChecklist(auto: Partial<Record<CheckItem['code'], CheckItem['result']>>, at: string): CheckItem[] {
  return CHECK_ITEMS.map((code) => ({
    code,
    result: auto[code] ?? 'fail',
    evidenceFileIds: [],
    checkedBy: auto[code] ? 'platform' : null,
    checkedAt: auto[code] ? at : null,
    automatic: !!auto[code],
    note: null,
    minK: null,
  }));
}

/** Submits the product for review (draft → in_review) and opens its ComplianceReview (in_check). */
export async function submitProduct(k: Kernel, actor: Actor, id: string) {
  const pre = mustReadProduct(actor, await store.getProduct(k.db, id), id);
  const { facts } = await loadProductFacts(k, pre.producer_org_id, factsInputOf(pre));
  return k.db.transaction().execute(async (trx) => {
    const p = mustReadProduct(actor, await store.getProduct(trx, id, true), id);
    const res = await transition(trx, k.workflow, {
      lifecycle: productLifecycle,
      action: 'submit',
      actor,
      object: p,
      subject: productSubject(p),
      facts,
    });
    const reviewId = randomUUID();
    const now = k.clock.now().toISOString();
    await transition(trx, k.workflow, {
      lifecycle: reviewLifecycle,
      action: 'open',
      actor,
      object: null,
      subject: childSubject('ComplianceReview', p, reviewId),
      values: {
        id: reviewId,
        product_id: p.id,
        product_version: p.product_version,
        items: JSON.stringify(openChecklist(automaticChecks(facts, k.profile), now)),
      },
    });
    return { ...res, review: presentReview((await store.getReview(trx, reviewId))!) };
  });
}

/** The stored product as the fact loader needs it (the rules judge what was saved, not a new input). */
export function factsInputOf(p: ProductRow) {
  return {
    grantIds: strings(p.grant_ids),
    fieldsUsed: strings(p.fields_used),
    personalInfo: p.personal_info,
    form: p.form,
    categoryTags: strings(p.category_tags),
    hasDeclaration: p.declaration !== null,
    serviceId: p.service_id,
  };
}

/** A product with its reviews, for whoever may read it. */
export async function getProductDetail(k: Kernel, actor: Actor, id: string) {
  const p = mustReadProduct(actor, await store.getProduct(k.db, id), id);
  const reviews = await store.listReviews(k.db, id);
  return { ...presentProduct(p), reviews: reviews.map(presentReview) };
}

/** The caller's own products (producer or operator); authorities and regulators see their jurisdiction's. */
export async function listProducts(k: Kernel, actor: Actor, q: { page: number; pageSize: number; state?: string }) {
  const { rows, total } = await store.listProducts(
    k.db,
    { orgId: actor.orgId ?? NO_ORG, jurisdictionIds: actor.readableJurisdictionIds },
    q.state,
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  return { items: rows.map(presentProduct), total, page: q.page, pageSize: q.pageSize };
}

const NO_ORG = '00000000-0000-0000-0000-000000000000';

/** The product code names the Grant's jurisdiction by its division code (440400), never by a slice of its id. */
async function divisionOf(trx: Executor, jurisdictionId: string | undefined): Promise<string> {
  return (jurisdictionId && (await jurisdictionDivisionCode(trx, jurisdictionId))) || '000000';
}
