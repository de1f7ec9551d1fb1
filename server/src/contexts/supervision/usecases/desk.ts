import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { authorize, type Subject } from '../../../kernel/workflow/authorize.js';
import type { LifecycleDef } from '../../../kernel/workflow/lifecycle.js';
import { grantLabels } from '../../authorization/service.js';
import { orgNames } from '../../identity/service.js';
import { incidentLifecycle, rectificationLifecycle, reportLifecycle } from '../lifecycle.js';
import type { DeskListQuery } from '../model-desk.js';
import { presentBan, presentCredit, presentIncident, presentRectification, presentReport } from '../present.js';
import * as desk from '../store-desk.js';
import type { IncidentRow, RectificationRow, ReportRow } from '../store.js';
import { getIncident, incidentSubject } from './incidents.js';
import { getRectification, rectificationSubject } from './rectifications.js';
import { getReport, reportSubject } from './reports.js';

/**
 * The desk's lists (issue 16): what the actor may read, filtered in SQL, each row with the names of the orgs it
 * mentions and the transitions the actor may take now. The clock's own transitions are never offered.
 */
const vis = (a: Actor): desk.Visibility => ({ reach: a.readableJurisdictionIds, orgId: a.orgId ?? null });
const filter = (q: DeskListQuery): desk.ListFilter => ({
  state: q.state,
  orgId: q.orgId,
  limit: q.pageSize,
  offset: (q.page - 1) * q.pageSize,
});

/** Transitions of `lifecycle` this actor may take from `state` now (state + permission; rules run on submit). */
export function abilitiesOf(k: Kernel, actor: Actor, lifecycle: LifecycleDef, state: string, subject: Subject) {
  const now = k.clock.now();
  return Object.entries(lifecycle.transitions)
    .filter(([, t]) => t.from.includes(state) && t.permission !== 'supervision.clock')
    .filter(([, t]) => authorize(actor, t.permission, subject, now, k.profile).allowed)
    .map(([a]) => a);
}

const nameOf = (names: Map<string, string>) => (id: string | null) => (id ? (names.get(id) ?? '—') : '—');

export async function listDeskIncidents(k: Kernel, actor: Actor, q: DeskListQuery) {
  const { rows, total } = await desk.listIncidents(k.db, vis(actor), filter(q));
  const name = nameOf(
    await orgNames(
      k.db,
      rows.map((r) => r.reporter_org_id),
    ),
  );
  return { items: rows.map((r) => deskIncident(k, actor, r, name)), total, page: q.page, pageSize: q.pageSize };
}

function deskIncident(k: Kernel, actor: Actor, r: IncidentRow, name: (id: string) => string) {
  const abilities = abilitiesOf(k, actor, incidentLifecycle, r.state, incidentSubject(r)).filter(
    (a) => !a.startsWith('notified_') && !a.startsWith('reclassify_'),
  );
  return { ...presentIncident(r), reporterName: name(r.reporter_org_id), abilities };
}

/** One incident with the Grants it names, by number and purpose, and their state now (INC-02). */
export async function getDeskIncident(k: Kernel, actor: Actor, id: string) {
  const r = await getIncident(k, actor, id);
  const name = nameOf(await orgNames(k.db, [r.reporter_org_id]));
  const view = deskIncident(k, actor, r, name);
  return { ...view, grants: await grantLabels(k.db, view.affected.grantIds) };
}

export async function listDeskReports(k: Kernel, actor: Actor, q: DeskListQuery) {
  const { rows, total } = await desk.listReports(k.db, vis(actor), filter(q));
  const name = nameOf(
    await orgNames(
      k.db,
      rows.map((r) => r.subject_org_id),
    ),
  );
  const items = rows.map((r) => deskReport(k, actor, r, name));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

function deskReport(k: Kernel, actor: Actor, r: ReportRow, name: (id: string) => string) {
  const abilities = abilitiesOf(k, actor, reportLifecycle, r.state, reportSubject(r));
  return { ...presentReport(r), subjectName: name(r.subject_org_id), abilities };
}

/** One report with its subject's name and what this actor may do with it now. */
export async function getDeskReport(k: Kernel, actor: Actor, id: string) {
  const r = await getReport(k, actor, id);
  return deskReport(k, actor, r, nameOf(await orgNames(k.db, [r.subject_org_id])));
}

export async function listDeskRectifications(k: Kernel, actor: Actor, q: DeskListQuery) {
  const { rows, total } = await desk.listRectifications(k.db, vis(actor), filter(q));
  const name = nameOf(
    await orgNames(
      k.db,
      rows.flatMap((r) => [r.subject_org_id, r.orderer_org_id]),
    ),
  );
  const items = rows.map((r) => deskRectification(k, actor, r, name));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

function deskRectification(k: Kernel, actor: Actor, r: RectificationRow, name: (id: string) => string) {
  return {
    ...presentRectification(r),
    subjectName: name(r.subject_org_id),
    ordererName: name(r.orderer_org_id),
    createdAt: r.created_at.toISOString(),
    abilities: abilitiesOf(k, actor, rectificationLifecycle, r.state, rectificationSubject(r)),
  };
}

/** One rectification with the names of its subject and orderer and what this actor may do with it now. */
export async function getDeskRectification(k: Kernel, actor: Actor, id: string) {
  const r = await getRectification(k, actor, id);
  return deskRectification(k, actor, r, nameOf(await orgNames(k.db, [r.subject_org_id, r.orderer_org_id])));
}

export async function listDeskBans(k: Kernel, actor: Actor, q: DeskListQuery) {
  const { rows, total } = await desk.listBans(k.db, vis(actor), filter(q));
  const names = await orgNames(
    k.db,
    rows.map((r) => r.org_id),
  );
  const items = rows.map((r) => ({ ...presentBan(r), orgName: r.org_id ? (names.get(r.org_id) ?? null) : null }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function listDeskCredit(k: Kernel, actor: Actor, q: DeskListQuery) {
  const { rows, total } = await desk.listCreditRecords(k.db, vis(actor), filter(q));
  const names = await orgNames(
    k.db,
    rows.map((r) => r.subject_org_id),
  );
  const items = rows.map((r) => ({
    ...presentCredit(r),
    subjectName: r.subject_org_id ? (names.get(r.subject_org_id) ?? null) : null,
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}
