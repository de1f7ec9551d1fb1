import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { forbidden } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { activeActorRoles, type Actor } from '../../../kernel/workflow/actor.js';
import { grantFlows } from '../../authorization/service.js';
import { orgNames } from '../../identity/service.js';
import { orderFlows } from '../../products/service.js';
import { egressFlows } from '../../sandbox/service.js';
import type { FlowEdgeView, FlowsView, TodoItemView, TodoView } from '../model-desk.js';
import { RectificationItem } from '../model.js';
import * as desk from '../store-desk.js';
import { today } from './common.js';
import { notificationsOf } from './incidents.js';

/**
 * The flow map and the to-do list of the supervisory desk (supervision.md "What users see", issue 16). The
 * regulator reads every jurisdiction it is given, the authority its own; nobody else supervises (403).
 */
export function supervisorReach(actor: Actor): string[] {
  if (!activeActorRoles(actor).some((r) => r.actor === 'authority' || r.actor === 'regulator'))
    throw forbidden('FORBIDDEN', { reason: 'NOT_SUPERVISOR' });
  return actor.readableJurisdictionIds;
}

/** Grants (source unit → operator), egress (workspace org → recipient) and orders (operator → buyer) in reach. */
export async function getFlows(k: Kernel, actor: Actor): Promise<FlowsView> {
  const reach = supervisorReach(actor);
  const [grants, egress, orders] = await Promise.all([
    grantFlows(k.db, reach),
    egressFlows(k.db, reach),
    orderFlows(k.db, reach),
  ]);
  type Raw = Omit<FlowEdgeView, 'fromName' | 'toName'>;
  const raw: Raw[] = [
    ...grants.map((g) => edge('grant', g.sourceOrgId, g.operatorOrgId, 'Grant', g.grantIds, g.suspended)),
    ...egress.map((e) => edge('egress', e.fromOrgId, e.toOrgId, 'EgressRequest', e.egressIds, 0)),
    ...orders.map((o) => edge('order', o.operatorOrgId, o.buyerOrgId, 'Order', o.orderIds, 0)),
  ];
  const names = await orgNames(
    k.db,
    raw.flatMap((e) => [e.fromOrgId, e.toOrgId]),
  );
  // An org this reader cannot name (outside the registry) still shows as a node, never as a raw id.
  const name = (id: string) => names.get(id) ?? '—';
  return { edges: raw.map((e) => ({ ...e, fromName: name(e.fromOrgId), toName: name(e.toOrgId) })) };
}

function edge(
  kind: FlowEdgeView['kind'],
  fromOrgId: string,
  toOrgId: string,
  objectType: string,
  objectIds: string[],
  suspended: number,
) {
  return { kind, fromOrgId, toOrgId, objectType, objectIds, count: objectIds.length, suspended };
}

const DAY_MS = 86_400_000;
/** Whole Asia/Shanghai calendar days from `due` (an instant, or a civil date) to `today`; positive when past due. */
function daysPast(todayStr: string, due: Date | string): number {
  const d = typeof due === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(due) ? due : shanghaiDate(new Date(due));
  return Math.round((Date.parse(`${todayStr}T00:00:00Z`) - Date.parse(`${d}T00:00:00Z`)) / DAY_MS);
}

/**
 * What is due for the authority (supervision.md "Overdue list" and "Deadlines for the next 30 days"): submitted
 * reports and rectifications to review, overdue ones, resolved incidents to close and incident notifications
 * still unsent. Most overdue first.
 */
export async function getTodo(k: Kernel, actor: Actor): Promise<TodoView> {
  const reach = supervisorReach(actor);
  const day = today(k);
  const now = k.clock.now().toISOString();
  const rows = await desk.listTodoRows(k.db, reach);
  type Raw = Omit<TodoItemView, 'orgName' | 'daysOverdue'> & { due: Date | string | null };
  const raw: Raw[] = [];
  for (const r of rows.reports)
    raw.push({
      kind: r.state === 'submitted' ? 'report_review' : 'report_overdue',
      objectType: 'Report',
      objectId: r.id,
      title: `${r.period_from} ~ ${r.period_to}`,
      reportKind: r.kind,
      orgId: r.subject_org_id,
      dueAt: r.due_at.toISOString(),
      due: r.state === 'submitted' ? null : r.due_at,
    });
  for (const r of rows.rectifications)
    raw.push({
      kind: r.state === 'submitted' ? 'rectification_review' : 'rectification_overdue',
      objectType: 'Rectification',
      objectId: r.id,
      title: RectificationItem.array().parse(r.items)[0]?.finding ?? '',
      reportKind: null,
      orgId: r.subject_org_id,
      dueAt: r.deadline,
      due: r.state === 'submitted' ? null : r.deadline,
    });
  for (const r of rows.incidents) {
    const unsent = notificationsOf(r).filter((n) => !n.sentAt);
    const first = unsent.sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
    if (r.state === 'resolved' && !unsent.length)
      raw.push({ ...incidentTodo(r, 'incident_close'), dueAt: null, due: null });
    else if (first)
      raw.push({
        ...incidentTodo(r, 'incident_notification'),
        dueAt: first.dueAt,
        due: first.dueAt < now ? first.dueAt : null,
      });
  }
  const names = await orgNames(
    k.db,
    raw.map((r) => r.orgId),
  );
  const items = raw.map(({ due, ...r }) => ({
    ...r,
    orgName: names.get(r.orgId) ?? '—',
    daysOverdue: due ? Math.max(daysPast(day, due), 0) : null,
  }));
  return { items: items.sort((a, b) => (b.daysOverdue ?? -1) - (a.daysOverdue ?? -1)) };
}

function incidentTodo(r: { id: string; incident_no: string; reporter_org_id: string }, kind: TodoItemView['kind']) {
  return {
    kind,
    objectType: 'Incident',
    objectId: r.id,
    title: r.incident_no,
    reportKind: null,
    orgId: r.reporter_org_id,
  };
}
