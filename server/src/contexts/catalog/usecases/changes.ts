import { activeActorRoles } from '../../../kernel/workflow/actor.js';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Transaction } from 'kysely';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import { PageQuery } from '../../../kernel/http/pagination.js';
import { requireAuthenticated, type App } from '../../../kernel/http/server.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { changeRequestLifecycle, resourceLifecycle } from '../lifecycle.js';
import { IdParams } from '../model.js';
import { loadReadable, resourceFacts, resourceSubject, visibilityOf } from './resources.js';
import { parsePatch, registeredContentChanged, type ParsedPatch } from './patch.js';
import { insertPatchedFields, openChangeFiling } from './change-effects.js';
import * as store from '../store.js';

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
      object: c as any,
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
        c.type as string,
        id,
        c.type === 'modify' ? parsePatch(c.diff as any) : null,
      );
    return res;
  });
}

/** CLS-06 facts: the refs the proposal carried (or the resource classification's) and who approved security. */
function importantFacts(c: Record<string, any>, r: store.ResourceRow, actor: Actor) {
  const ir = (c.important_review ?? {}) as { riskAssessmentRef?: string | null; importantCatalogRef?: string | null };
  return {
    riskAssessmentRef: ir.riskAssessmentRef ?? null,
    importantCatalogRef: ir.importantCatalogRef ?? r.classification?.importantCatalogRef ?? null,
    securityApprovedBy: (c.security_review as { by?: string } | null)?.by ?? null,
    reviewerId: actor.userId ?? null,
  };
}

/** A `modify` carries a non-empty, applicable patch; a new field's code is not taken (scenario 1). */
async function checkModify(trx: Transaction<any>, resourceId: string, diff: ChangeInput['diff']) {
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
  trx: Transaction<any>,
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

export function changeRoutes(app: App, k: Kernel) {
  const tags = ['catalog'];
  app.post('/api/v1/change-requests', { schema: { tags, body: ChangeInput } }, async (req, reply) => {
    reply.status(201);
    return proposeChange(k, requireAuthenticated(req), req.body);
  });
  app.get('/api/v1/change-requests', { schema: { tags, querystring: PageQuery } }, async (req) => {
    const a = requireAuthenticated(req);
    const rows = await k.db
      .selectFrom('change_request as c')
      .innerJoin('data_resource as r', 'r.id', 'c.target_resource_id')
      .select([
        'c.id',
        'c.type',
        'c.state',
        'c.catalog_type',
        'c.reason',
        'c.diff',
        'c.created_at',
        'r.name_zh as resource_name',
        'c.target_resource_id',
        'r.source_unit_org_id',
        'r.jurisdiction_id',
      ])
      .where((eb) =>
        eb.or([
          eb('c.requested_by_org_id', '=', a.orgId ?? null),
          eb('r.source_unit_org_id', '=', a.orgId ?? null),
          ...(a.readableJurisdictionIds.length ? [eb('r.jurisdiction_id', 'in', a.readableJurisdictionIds)] : []),
        ]),
      )
      .orderBy('c.created_at', 'desc')
      .limit(req.query.pageSize)
      .offset((req.query.page - 1) * req.query.pageSize)
      .execute();
    // What this user may do next on each (style.md §2 abilities; catalog.md ChangeRequest lifecycle); the rules still decide.
    const reviewer = a.roles.includes('reviewer');
    const authorityOf = (j: string) => activeActorRoles(a, 'authority').some((x) => x.jurisdictionId === j);
    const items = rows.map(({ source_unit_org_id, jurisdiction_id, ...c }) => ({
      ...c,
      abilities: {
        consent: reviewer && c.state === 'pending_consent' && source_unit_org_id === a.orgId,
        refuse: reviewer && c.state === 'pending_consent' && source_unit_org_id === a.orgId,
        apply: reviewer && c.state === 'consented' && authorityOf(jurisdiction_id as string),
      },
    }));
    return { items, total: rows.length, page: req.query.page, pageSize: req.query.pageSize };
  });
  app.post(
    '/api/v1/change-requests/:id/:action',
    {
      schema: {
        tags,
        params: IdParams.extend({ action: z.enum(['consent', 'refuse', 'apply', 'security_approve']) }),
        body: z.object({ reason: z.string().max(2000).optional() }).optional(),
      },
    },
    async (req) => decideChange(k, requireAuthenticated(req), req.params.id, req.params.action, req.body?.reason),
  );
}
