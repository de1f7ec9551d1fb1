import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { notFound } from '../../../kernel/http/errors.js';
import { PageQuery } from '../../../kernel/http/pagination.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { definePermissions } from '../../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../../kernel/workflow/lifecycle.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { presentTask } from '../present.js';
import { type Executor, type Tx } from '../../../kernel/db/tables.js';

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

type Db = Executor;

/** Opens the task unless one with the same cause exists (clocks may run twice). True if opened now. */
export async function openTask(trx: Tx, k: Kernel, t: TaskSpec): Promise<boolean> {
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
  trx: Tx,
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
      object: t,
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

export async function closeTask(k: Kernel, a: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const t = await trx.selectFrom('catalog_task').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!t || t.assignee_org_id !== a.orgId) throw notFound('CatalogTask', id);
    const res = await transition(trx, k.workflow, {
      lifecycle: catalogTaskLifecycle,
      action: 'close',
      actor: a,
      object: t,
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

export const TaskQuery = PageQuery.extend({
  kind: z.enum(['rectification', 'class_review', 'cancellation_followup', 'change_filing', 'reminder']).optional(),
  state: z.enum(['open', 'done']).optional(),
});
export type TaskQuery = z.infer<typeof TaskQuery>;

/** The actor's unit's catalog tasks (a user with no unit has none). */
export async function listTasks(k: Kernel, a: Actor, q: TaskQuery) {
  const rows = a.orgId
    ? await listTasksOf(k.db, a.orgId, {
        ...q,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      })
    : [];
  return { items: rows.map(presentTask), page: q.page, pageSize: q.pageSize };
}
