import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { notFound } from '../../../kernel/http/errors.js';
import { PageQuery } from '../../../kernel/http/pagination.js';
import { requireAuthenticated, type App } from '../../../kernel/http/server.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { definePermissions } from '../../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../../kernel/workflow/lifecycle.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { IdParams } from '../model.js';

/**
 * CatalogTask: work a catalog clock or rule opens for one organization, with a working-day
 * due date (rectification CAT-06, class review SHR-05, cancellation follow-up REG-04, change
 * filing REG-03/CLS-08/OBJ-01, T−1 reminders). Opened by the system; the assignee closes it.
 */
definePermissions({
  'catalog_task.open': { kind: 'write', roles: ['system'], actors: ['system'], relationships: ['any'] },
  'catalog_task.close': {
    kind: 'write',
    roles: ['org_admin', 'reviewer', 'catalog_manager', 'security_officer', 'signatory', 'system'],
    actors: ['any', 'system'],
    relationships: ['owner'],
  },
});

export const catalogTaskLifecycle = defineLifecycle({
  objectType: 'CatalogTask',
  table: 'catalog_task',
  states: ['open', 'done'],
  transitions: {
    open: { from: [NEW], to: 'open', permission: 'catalog_task.open', eventType: 'catalog_task.open' },
    close: { from: ['open'], to: 'done', permission: 'catalog_task.close', eventType: 'catalog_task.close' },
  },
});

export type TaskKind = 'rectification' | 'class_review' | 'cancellation_followup' | 'change_filing' | 'reminder';

export interface TaskSpec {
  kind: TaskKind;
  ruleId: string;
  assigneeOrgId: string;
  jurisdictionId: string;
  jurisdictionPath?: string[];
  resourceId?: string | null;
  subjectType?: string;
  subjectId?: string;
  dedupeKey: string;
  details?: Record<string, unknown>;
  dueAt?: Date | null;
}

type Db = Kysely<any> | Transaction<any>;

/** Opens the task unless one with the same cause exists (clocks may run twice). True if opened now. */
export async function openTask(trx: Transaction<any>, k: Kernel, t: TaskSpec): Promise<boolean> {
  const existing = await trx
    .selectFrom('catalog_task')
    .select('id')
    .where('dedupe_key', '=', t.dedupeKey)
    .executeTakeFirst();
  if (existing) return false;
  await transition(trx, k.workflow, {
    lifecycle: catalogTaskLifecycle,
    action: 'open',
    actor: systemActor('catalog-tasks'),
    object: null,
    subject: {
      type: 'CatalogTask',
      jurisdictionId: t.jurisdictionId,
      jurisdictionPath: t.jurisdictionPath,
      ownerOrgId: t.assigneeOrgId,
    },
    input: { kind: t.kind, ruleId: t.ruleId, subjectId: t.subjectId ?? t.resourceId ?? null },
    values: {
      id: randomUUID(),
      kind: t.kind,
      rule_id: t.ruleId,
      assignee_org_id: t.assigneeOrgId,
      jurisdiction_id: t.jurisdictionId,
      resource_id: t.resourceId ?? null,
      subject_type: t.subjectType ?? null,
      subject_id: t.subjectId ?? null,
      dedupe_key: t.dedupeKey,
      details: JSON.stringify(t.details ?? {}),
      due_at: t.dueAt ?? null,
    },
  });
  return true;
}

/** Closes the open tasks of a kind on a resource once what they asked for is done (system). */
export async function closeTasksOf(
  trx: Transaction<any>,
  k: Kernel,
  resourceId: string,
  kind: TaskKind,
  by: Record<string, unknown>,
): Promise<number> {
  const open = await trx
    .selectFrom('catalog_task')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .where('kind', '=', kind)
    .where('state', '=', 'open')
    .forUpdate()
    .execute();
  for (const t of open) {
    await transition(trx, k.workflow, {
      lifecycle: catalogTaskLifecycle,
      action: 'close',
      actor: systemActor('catalog-tasks'),
      object: t as any,
      input: by,
      subject: {
        type: 'CatalogTask',
        id: t.id as string,
        jurisdictionId: t.jurisdiction_id as string,
        ownerOrgId: t.assignee_org_id as string,
      },
    });
  }
  return open.length;
}

export async function listTasksOf(
  db: Db,
  orgId: string,
  q: { kind?: string; state?: string; limit: number; offset: number },
) {
  let s = db.selectFrom('catalog_task').selectAll().where('assignee_org_id', '=', orgId);
  if (q.kind) s = s.where('kind', '=', q.kind);
  if (q.state) s = s.where('state', '=', q.state);
  return s.orderBy('due_at').orderBy('created_at').limit(q.limit).offset(q.offset).execute();
}

/** The authority org(s) of a jurisdiction: who gets authority tasks (REG-04). */
export async function authorityOrgsOf(db: Db, jurisdictionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('org_actor_role')
    .select('org_id')
    .where('actor', '=', 'authority')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('state', '=', 'active')
    .execute();
  return [...new Set(rows.map((r) => r.org_id as string))];
}

function presentTask(t: Record<string, any>) {
  return {
    id: t.id,
    kind: t.kind,
    ruleId: t.rule_id,
    assigneeOrgId: t.assignee_org_id,
    resourceId: t.resource_id,
    subjectType: t.subject_type,
    subjectId: t.subject_id,
    details: t.details,
    dueAt: t.due_at ? new Date(t.due_at).toISOString() : null,
    overdue: t.overdue,
    state: t.state,
    version: t.version,
  };
}

export function taskRoutes(app: App, k: Kernel) {
  const tags = ['catalog'];
  const Query = PageQuery.extend({
    kind: z.enum(['rectification', 'class_review', 'cancellation_followup', 'change_filing', 'reminder']).optional(),
    state: z.enum(['open', 'done']).optional(),
  });
  app.get('/api/v1/catalog-tasks', { schema: { tags, querystring: Query } }, async (req) => {
    const a = requireAuthenticated(req);
    const rows = a.orgId
      ? await listTasksOf(k.db, a.orgId, {
          ...req.query,
          limit: req.query.pageSize,
          offset: (req.query.page - 1) * req.query.pageSize,
        })
      : [];
    return { items: rows.map(presentTask), page: req.query.page, pageSize: req.query.pageSize };
  });
  app.post('/api/v1/catalog-tasks/:id/close', { schema: { tags, params: IdParams } }, async (req) =>
    closeTask(k, requireAuthenticated(req), req.params.id),
  );
}

async function closeTask(k: Kernel, a: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const t = await trx.selectFrom('catalog_task').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!t || t.assignee_org_id !== a.orgId) throw notFound('CatalogTask', id);
    const res = await transition(trx, k.workflow, {
      lifecycle: catalogTaskLifecycle,
      action: 'close',
      actor: a,
      object: t as any,
      subject: {
        type: 'CatalogTask',
        id,
        jurisdictionId: t.jurisdiction_id as string,
        ownerOrgId: t.assignee_org_id as string,
      },
      values: { done_by: a.userId ?? null },
    });
    // SHR-05: closing a class review records it; the next one is due share.reviewMonths later.
    if (t.kind === 'class_review' && t.resource_id)
      await trx
        .updateTable('data_resource')
        .set({ class_reviewed_at: k.clock.now() })
        .where('id', '=', t.resource_id)
        .execute();
    return res;
  });
}
