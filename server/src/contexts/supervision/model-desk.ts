import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.js';
import { BanView, CreditRecordView, IncidentView, RectificationView, ReportView } from './model.js';

/**
 * The supervisory desk (supervision.md "What users see", issue 16): the flow map, the authority's to-do list and
 * the lists the desk pages filter and export. Lists carry the names of the orgs they mention (never a bare id on a
 * Chinese page) and `abilities`, the transitions this actor may take now (style.md §8).
 */

export const FLOW_KINDS = ['grant', 'egress', 'order'] as const;
export const FlowEdgeView = z.object({
  kind: z.enum(FLOW_KINDS),
  fromOrgId: z.string(),
  fromName: z.string(),
  toOrgId: z.string(),
  toName: z.string(),
  count: z.number().int(),
  /** Grants of the edge suspended now (grant edges only; 0 otherwise). */
  suspended: z.number().int(),
  /** The ledger object type of `objectIds` (Grant, EgressRequest, Order): the desk drills down to each. */
  objectType: z.string(),
  objectIds: z.array(z.string()),
});
export type FlowEdgeView = z.infer<typeof FlowEdgeView>;
export const FlowsView = z.object({ edges: z.array(FlowEdgeView) });
export type FlowsView = z.infer<typeof FlowsView>;

export const TODO_KINDS = [
  'report_review',
  'report_overdue',
  'rectification_review',
  'rectification_overdue',
  'incident_close',
  'incident_notification',
] as const;
export const TodoItemView = z.object({
  kind: z.enum(TODO_KINDS),
  objectType: z.string(),
  objectId: z.string(),
  /** Human words for the object: an incident number, a report period, a rectification's first finding. */
  title: z.string(),
  /** The report kind of a report item (labelled on the page), else null. */
  reportKind: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string(),
  dueAt: z.string().nullable(),
  /** Whole days past dueAt (Asia/Shanghai calendar days); 0 or less while not yet due. */
  daysOverdue: z.number().int().nullable(),
});
export type TodoItemView = z.infer<typeof TodoItemView>;
export const TodoView = z.object({ items: z.array(TodoItemView) });
export type TodoView = z.infer<typeof TodoView>;

const Abilities = z.array(z.string());
export const DeskIncidentView = IncidentView.extend({ reporterName: z.string(), abilities: Abilities });
export type DeskIncidentView = z.infer<typeof DeskIncidentView>;
export const GrantLabelView = z.object({ id: z.string(), grantNo: z.string(), purpose: z.string(), state: z.string() });
/** An incident's detail: the Grants it names, by number and purpose with their state now (INC-02). */
export const DeskIncidentDetailView = DeskIncidentView.extend({ grants: z.array(GrantLabelView) });
export const DeskReportView = ReportView.extend({ subjectName: z.string(), abilities: Abilities });
export type DeskReportView = z.infer<typeof DeskReportView>;
export const DeskRectificationView = RectificationView.extend({
  subjectName: z.string(),
  ordererName: z.string(),
  createdAt: z.string(),
  abilities: Abilities,
});
export type DeskRectificationView = z.infer<typeof DeskRectificationView>;
export const DeskBanView = BanView.extend({ orgName: z.string().nullable() });
export const DeskCreditView = CreditRecordView.extend({ subjectName: z.string().nullable() });

export const DeskIncidentPage = pageOf(DeskIncidentView);
export const DeskReportPage = pageOf(DeskReportView);
export const DeskRectificationPage = pageOf(DeskRectificationView);
export const DeskBanPage = pageOf(DeskBanView);
export const DeskCreditPage = pageOf(DeskCreditView);

/** Desk list filters: a state, an org, and the page. */
export const DeskListQuery = z.object({
  state: z.string().optional(),
  orgId: z.string().uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
export type DeskListQuery = z.infer<typeof DeskListQuery>;
