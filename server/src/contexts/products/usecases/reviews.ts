import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Executor } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { productLifecycle, reviewLifecycle } from '../lifecycle.js';
import type { CheckItem } from '../model.js';
import { checklistOf, presentReview } from '../present.js';
import { matchFields } from '../rules/product.js';
import { automaticChecks, irreversibilityResult, needsEvaluatorReport, type DecisionFacts } from '../rules/review.js';
import * as store from '../store/products.js';
import type { ProductRow, ReviewRow } from '../store/tables.js';
import { childSubject, mustReadProduct, productSubject, todayOf } from './common.js';
import { loadProductFacts } from './facts.js';
import { factsInputOf } from './products.js';

type ManualLine = {
  code: 'CR-4' | 'CR-5' | 'CR-6';
  result: CheckItem['result'];
  evidenceFileIds: string[];
  note: string | null;
  minK: number | null;
};

/** The open review of a product, locked; 409 NO_OPEN_REVIEW when none is in check. */
async function openReview(trx: Executor, productId: string): Promise<ReviewRow> {
  const r = await store.latestReview(trx, productId, true);
  if (!r || r.state !== 'in_check')
    throw new AppError(409, 'INVALID_TRANSITION', { action: 'check', from: r?.state ?? null });
  return r;
}

/**
 * An evaluator or authority reviewer records CR-4 (security assessment), CR-5 (PIIA) and CR-6
 * (irreversibility, minimum k against review.irreversibility.minK). The other lines are computed.
 */
export async function checkItems(
  k: Kernel,
  actor: Actor,
  productId: string,
  input: { items: ManualLine[]; evaluatorReportId?: string | null },
) {
  return k.db.transaction().execute(async (trx) => {
    const p = await store.getProduct(trx, productId, true);
    if (!p) throw notFound('DataProduct', productId);
    const r = await openReview(trx, productId);
    const at = k.clock.now().toISOString();
    const by = `${actor.orgId ?? ''}:${actor.userId ?? ''}`;
    const items = checklistOf(r).map((i): CheckItem => {
      const m = input.items.find((x) => x.code === i.code);
      if (!m) return i;
      const result = m.code === 'CR-6' ? irreversibilityResult(m.minK, m.result, k.profile) : m.result;
      return {
        ...i,
        result,
        evidenceFileIds: m.evidenceFileIds,
        note: m.note,
        minK: m.minK,
        checkedBy: by,
        checkedAt: at,
      };
    });
    await transition(trx, k.workflow, {
      lifecycle: reviewLifecycle,
      action: 'check',
      actor,
      object: r,
      subject: childSubject('ComplianceReview', p, r.id),
      facts: decisionFacts(p, r, items, actor, null),
      input: { items: input.items.map((i) => ({ code: i.code, result: i.result, minK: i.minK })) },
      values: {
        items: JSON.stringify(items),
        ...(input.evaluatorReportId !== undefined ? { evaluator_report_id: input.evaluatorReportId } : {}),
      },
    });
    return presentReview((await store.getReview(trx, r.id))!);
  });
}

/** PM-05/PM-06 facts: the checklist, who checked and who decides, and whether a third-party report is due. */
function decisionFacts(
  p: ProductRow,
  r: ReviewRow,
  items: CheckItem[],
  actor: Actor,
  piUsed: boolean | null,
): DecisionFacts {
  const checkerOrgIds = items
    .filter((i) => !i.automatic && i.checkedBy)
    .map((i) => String(i.checkedBy).split(':')[0] ?? '');
  return {
    items,
    deciderOrgId: actor.orgId ?? null,
    producerOrgIds: [p.producer_org_id, p.operator_org_id],
    checkerOrgIds,
    needsEvaluatorReport: needsEvaluatorReport(piUsed ?? p.personal_info === 'anonymised', p.max_grade),
    evaluatorReportId: r.evaluator_report_id,
  };
}

const ACTIONS = { passed: 'pass', failed: 'fail', returned: 'return' } as const;
const PRODUCT_ACTIONS = { passed: 'approve', failed: 'reject', returned: 'return' } as const;

/**
 * The authority decides the review (PM-05, PM-06). The computed lines are re-run on the current grants
 * first, so a grant narrowed since submission fails its CR line. Passing approves the product; failing
 * rejects it; returning sends it back to draft.
 */
export async function decideReview(
  k: Kernel,
  actor: Actor,
  productId: string,
  input: { decision: 'passed' | 'failed' | 'returned'; reason: string | null },
) {
  const pre = mustReadProduct(actor, await store.getProduct(k.db, productId), productId);
  const { facts } = await loadProductFacts(k, pre.producer_org_id, factsInputOf(pre));
  const auto = automaticChecks(facts, k.profile);
  const piUsed = matchFields(facts.requestedFields, facts.grantedFields).used.some((f) => f.personalInfo);
  return k.db.transaction().execute(async (trx) => {
    const p = mustReadProduct(actor, await store.getProduct(trx, productId, true), productId);
    const r = await openReview(trx, productId);
    const items = checklistOf(r).map((i) => (i.automatic && auto[i.code] ? { ...i, result: auto[i.code]! } : i));
    const f = decisionFacts(p, r, items, actor, piUsed);
    const now = k.clock.now();
    const months = k.profile.get<number>('review.validityMonths');
    const validUntil = addMonths(todayOf(k), months);
    await transition(trx, k.workflow, {
      lifecycle: reviewLifecycle,
      action: ACTIONS[input.decision],
      actor,
      object: r,
      subject: childSubject('ComplianceReview', p, r.id),
      facts: f,
      input,
      values: {
        items: JSON.stringify(items),
        decision: input.decision,
        decided_by: actor.userId ?? null,
        decided_at: now,
        reason: input.reason,
        valid_until: input.decision === 'passed' ? validUntil : null,
      },
    });
    const res = await transition(trx, k.workflow, {
      lifecycle: productLifecycle,
      action: PRODUCT_ACTIONS[input.decision],
      actor,
      object: p,
      subject: productSubject(p),
      facts: f,
      input,
    });
    return { ...res, review: presentReview((await store.getReview(trx, r.id))!) };
  });
}

/** The same day `n` months later (review.validityMonths); the 31st of a short month rolls into the next. */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1 + n, d)).toISOString().slice(0, 10);
}
