import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { PageQuery } from '../../../kernel/http/pagination.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { changeRequestLifecycle, resourceLifecycle } from '../lifecycle.js';
import { readClassification } from '../model.js';
import { loadReadable, resourceFacts, resourceSubject, visibilityOf } from './resources.js';
import { parsePatch, registeredContentChanged, type ParsedPatch } from './patch.js';
import { insertPatchedFields, openChangeFiling } from './change-effects.js';
import * as store from '../store.js';
import { presentChangeRequestItem } from '../present.js';
import { type Tx } from '../../../kernel/db/tables.js';

export const ChangeInput = z.object({
  type: z.enum(['add', 'modify', 'remove']),
  resourceId: z.uuid(),
  catalogType: z.literal('authorized_operation').default('authorized_operation'),
  diff: z
    .array(z.object({ op: z.string(), path: z.string(), value: z.unknown().optional() }))
    .max(200)
    .default([]),
  reason: z.string().max(2000).optional(),
  /** CLS-06 for important data: the security-risk assessment and the important-data catalog entry. */
  riskAssessmentRef: z.string().min(1).max(500).optional(),
  importantCatalogRef: z.string().min(1).max(200).optional(),
});
export type ChangeInput = z.infer<typeof ChangeInput>;

/**
 * CAT-03: an authorized-operation entry changes only through a ChangeRequest the source unit
 * consents to (skipped when the source unit proposes it); the authority applies it.
 * CLS-05 refuses core data at proposal and again at application.
 */
export async function proposeChange(k: Kernel, actor: Actor, input: ChangeInput) {
  return k.db.transaction().execute(async (trx) => {
    const r = await loadReadable(trx, actor, input.resourceId, true);
    if (input.type === 'modify') await checkModify(trx, r.id, input.diff);
    const facts = { ...(await resourceFacts(trx, r)), target: 'authorized_catalog' as const };
    if (input.type !== 'add') Object.assign(facts, { fields: [], grade: null });
    const own = actor.orgId === r.source_unit_org_id;
    return transition(trx, k.workflow, {
      lifecycle: changeRequestLifecycle,
      action: own ? 'propose_own' : 'propose',
      actor,
      object: null,
      facts,
      input,
      subject: { ...resourceSubject(r), type: 'ChangeRequest', partyOrgIds: actor.orgId ? [actor.orgId] : [] },
      values: {
        id: randomUUID(),
        type: input.type,
        target_resource_id: r.id,
        catalog_type: input.catalogType,
        diff: JSON.stringify(input.diff),
        reason: input.reason ?? null,
        requested_by: actor.userId ?? null,
        requested_by_org_id: actor.orgId ?? null,
        consent_by: own ? (actor.userId ?? null) : null,
        important_review: JSON.stringify({
          riskAssessmentRef: input.riskAssessmentRef ?? null,
          importantCatalogRef: input.importantCatalogRef ?? null,
        }),
      },
    });
  });
}

export async function decideChange(
  k: Kernel,
  actor: Actor,
  id: string,
  action: 'consent' | 'refuse' | 'apply' | 'security_approve',
  reason?: string,
) {
  return k.db.transaction().execute(async (trx) => {
    const c = await store.getChangeRequest(trx, id, true);
    if (!c) throw notFound('ChangeRequest', id);
    const r = await loadReadable(trx, actor, c.target_resource_id as string, true);
    if (
      actor.orgId !== c.requested_by_org_id &&
      actor.orgId !== r.source_unit_org_id &&
      !visibilityOf(actor).jurisdictionIds.includes(r.jurisdiction_id)
    )
      throw notFound('ChangeRequest', id);
    const facts = {
      ...(await resourceFacts(trx, r)),
      target: 'authorized_catalog' as const,
      reason,
      ...importantFacts(c, r, actor),
    };
    if (c.type !== 'add') Object.assign(facts, { grade: null, fields: facts.fields.filter((f) => f.grade !== 'core') });
    const values =
      action === 'consent'
        ? { consent_by: actor.userId }
        : action === 'refuse'
          ? { refusal_reason: reason }
          : action === 'security_approve'
            ? {
                security_review: JSON.stringify({
                  by: actor.userId,
                  at: k.clock.now().toISOString(),
                  note: reason ?? null,
                }),
              }
            : { review_by: actor.userId };
    const res = await transition(trx, k.workflow, {
      lifecycle: changeRequestLifecycle,
      action,
      actor,
      object: c,
      subject: { ...resourceSubject(r), type: 'ChangeRequest' },
      facts,
      input: { reason },
      values,
    });
    if (action === 'apply')
      await applyToCatalog(
        trx,
        k,
        actor,
        r,
        c.type,
        id,
        // The diff was checked by parsePatch when proposed (ChangeInput.diff; JSON we wrote).
        c.type === 'modify' ? parsePatch(c.diff as ChangeInput['diff']) : null,
      );
    return res;
  });
}

/** CLS-06 facts: the refs the proposal carried (or the resource classification's) and who approved security. */
function importantFacts(c: store.ChangeRequestRow, r: store.ResourceRow, actor: Actor) {
  const ir = (c.important_review ?? {}) as { riskAssessmentRef?: string | null; importantCatalogRef?: string | null };
  return {
    riskAssessmentRef: ir.riskAssessmentRef ?? null,
    importantCatalogRef: ir.importantCatalogRef ?? readClassification(r.classification).importantCatalogRef ?? null,
    securityApprovedBy: (c.security_review as { by?: string } | null)?.by ?? null,
    reviewerId: actor.userId ?? null,
  };
}

/** A `modify` carries a non-empty, applicable patch; a new field's code is not taken (scenario 1). */
async function checkModify(trx: Tx, resourceId: string, diff: ChangeInput['diff']) {
  const p = parsePatch(diff);
  if (!diff.length) throw new AppError(422, 'CHANGE_DIFF_INVALID', { index: 0, reason: 'empty' });
  const codes = new Set((await store.listFields(trx, resourceId)).map((f) => f.code));
  const taken = p.addFields.find((f) => codes.has(f.code));
  if (taken) throw new AppError(422, 'CHANGE_DIFF_INVALID', { index: 0, reason: `field ${taken.code} exists` });
}

/**
 * Applying adds or removes the authorized-operation CatalogItem, or applies a `modify` patch
 * (new fields, replaced entry keys); the resource version goes up (CAT-03). A patch that changes
 * registered content opens the REG-03 change filing.
 */
async function applyToCatalog(
  trx: Tx,
  k: Kernel,
  actor: Actor,
  r: store.ResourceRow,
  type: string,
  changeId: string,
  patch: ParsedPatch | null,
) {
  const types = new Set(r.catalog_types);
  if (type === 'add') {
    await store.addCatalogItem(trx, {
      id: randomUUID(),
      catalog_type: 'authorized_operation',
      jurisdiction_id: r.jurisdiction_id,
      resource_id: r.id,
      resource_version: r.version + 1,
      consent_ref: changeId,
      added_at: k.clock.now(),
    });
    types.add('authorized_operation');
  } else if (type === 'remove') {
    await trx
      .updateTable('catalog_item')
      .set({ removed_at: k.clock.now() })
      .where('resource_id', '=', r.id)
      .where('catalog_type', '=', 'authorized_operation')
      .where('removed_at', 'is', null)
      .execute();
    types.delete('authorized_operation');
  }
  await transition(trx, k.workflow, {
    lifecycle: resourceLifecycle,
    action: 'catalog_change',
    actor,
    object: r,
    subject: resourceSubject(r),
    input: { changeId, type },
    values: { catalog_types: [...types], ...(patch ? patchColumns(patch) : {}) },
  });
  if (!patch) return;
  await insertPatchedFields(trx, r.id, patch);
  await store.reindexResource(trx, r.id);
  const changed = registeredContentChanged(patch);
  if (changed.length && r.registration_status === 'registered')
    await openChangeFiling(trx, k, r, 'REG-03', { changeId, changed });
}

function patchColumns(p: ParsedPatch): Record<string, unknown> {
  const cols: Record<string, string> = {
    nameZh: 'name_zh',
    summary: 'summary',
    keywords: 'keywords',
    domain: 'domain',
    dataType: 'data_type',
    openMode: 'open_mode',
    format: 'format',
    updateFrequency: 'update_frequency',
    shareConditions: 'share_conditions',
    openConditions: 'open_conditions',
  };
  return Object.fromEntries(
    Object.entries(p.resource)
      .filter(([key]) => cols[key])
      .map(([key, v]) => [cols[key]!, v]),
  );
}

/**
 * The change requests the actor's unit asked for, owns the resource of, or supervises (the same
 * relationships the decisions check), newest first, with the next decisions it may take.
 */
export async function listChanges(k: Kernel, a: Actor, q: PageQuery) {
  const rows = await store.listChangeRequests(k.db, a, q.pageSize, (q.page - 1) * q.pageSize);
  const items = rows.map((c) => presentChangeRequestItem(a, c));
  return { items, total: rows.length, page: q.page, pageSize: q.pageSize };
}
