import { badInput, forbidden, notFound } from '../../../kernel/http/errors.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { activeActorRoles, type Actor } from '../../../kernel/workflow/actor.js';
import type { Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { activatePlansForIncident, getGrantForUse, suspendGrantsForIncident } from '../../authorization/service.js';
import { incidentLifecycle } from '../lifecycle.js';
import { Affected, Notification, type OpenIncidentInput } from '../model.js';
import { notificationMatrix, type NotifyFacts } from '../rules.js';
import type { Severity } from '../model.js';
import * as store from '../store.js';
import { asStrings, mustRead } from './common.js';

/** Incidents (supervision.md INC-01…INC-06): opening one stops processing on its Grants in the same transaction. */

export const incidentSubject = (r: store.IncidentRow): Subject => ({
  type: 'Incident',
  id: r.id,
  ownerOrgId: r.reporter_org_id,
  jurisdictionId: r.jurisdiction_id,
  jurisdictionPath: asStrings(r.jurisdiction_path),
});
// The affected and notifications columns hold values we wrote from these schemas.
export const affectedOf = (r: store.IncidentRow) => Affected.parse(r.affected);
export const notificationsOf = (r: store.IncidentRow) => Notification.array().parse(r.notifications);

const REPORTER_ACTORS = ['source_unit', 'operator', 'collaborator', 'lab_partner'] as const;
function reporterActor(actor: Actor): NotifyFacts['reporterActor'] {
  const held = activeActorRoles(actor).map((r) => r.actor);
  return REPORTER_ACTORS.find((a) => held.includes(a)) ?? 'other';
}

/**
 * The affected Grants must be ones the reporter holds or works under (a filed collaboration); any other id
 * answers 404 like an unknown one. Returns the jurisdiction the incident is supervised in.
 */
async function checkGrants(k: Kernel, actor: Actor, grantIds: string[]) {
  let jurisdiction: { id: string; path: string[] } | null = null;
  for (const id of grantIds) {
    const g = await getGrantForUse(k.db, id);
    if (!g || (g.operatorOrgId !== actor.orgId && !g.collaboratorOrgIds.includes(actor.orgId ?? '')))
      throw notFound('Grant', id);
    jurisdiction ??= { id: g.jurisdictionId, path: g.jurisdictionPath };
  }
  if (jurisdiction) return jurisdiction;
  const own = activeActorRoles(actor)[0];
  if (!own) throw forbidden('FORBIDDEN', { reason: 'NO_ACTOR_ROLE' });
  return { id: own.jurisdictionId, path: own.jurisdictionPath };
}

/** INC-01 + INC-02 + INC-04/05: open the incident, suspend its Grants, create the notification tasks — one transaction. */
export async function openIncident(k: Kernel, actor: Actor, input: OpenIncidentInput) {
  if (!actor.orgId) throw forbidden('FORBIDDEN', { reason: 'NO_ORG' });
  const grantIds = [...new Set(input.affected.grantIds)];
  const j = await checkGrants(k, actor, grantIds);
  const now = k.clock.now();
  const discoveredAt = new Date(input.discoveredAt);
  if (Number.isNaN(discoveredAt.getTime())) throw badInput('INVALID_DATE', { field: 'discoveredAt' });
  const notifications = notificationMatrix(
    {
      reporterActor: reporterActor(actor),
      severity: input.severity,
      cii: input.cii,
      centralOrgan: input.centralOrgan,
      personalData: input.affected.personalData,
      discoveredAt,
    },
    k.profile,
  );
  const id = uuidv7();
  return k.db.transaction().execute(async (trx) => {
    const year = Number(now.toISOString().slice(0, 4));
    const incidentNo = `INC-${year}-${String(await store.nextIncidentSeq(trx, year)).padStart(4, '0')}`;
    await transition(trx, k.workflow, {
      lifecycle: incidentLifecycle,
      action: 'report',
      actor,
      object: null,
      subject: { type: 'Incident', id, ownerOrgId: actor.orgId, jurisdictionId: j.id, jurisdictionPath: j.path },
      facts: { discoveredAt, reportedAt: now },
      input,
      values: {
        id,
        incident_no: incidentNo,
        type: input.type,
        severity: input.severity,
        cii: input.cii,
        discovered_at: discoveredAt,
        reported_at: now,
        reporter_org_id: actor.orgId,
        jurisdiction_id: j.id,
        jurisdiction_path: JSON.stringify(j.path),
        affected: JSON.stringify({ ...input.affected, grantIds }),
        description: input.description,
        processing_stopped_at: grantIds.length ? now : null,
        notifications: JSON.stringify(notifications),
        created_by: actor.userId ?? null,
      },
    });
    // INC-02: every affected Grant stops at once; a failure here rolls the incident back with it.
    const suspended = await suspendGrantsForIncident(trx, k, grantIds, { incidentId: id, incidentNo });
    // INC-02: their filed EmergencyPlans are activated (stop processing) in the same transaction.
    await activatePlansForIncident(trx, k, grantIds, { incidentId: id, incidentNo });
    return { row: (await store.getIncident(trx, id))!, suspended };
  });
}

export async function getIncident(k: Kernel, actor: Actor, id: string) {
  return mustRead(await store.getIncident(k.db, id), actor, incidentSubject, 'Incident', id);
}

/** INC-04: the reporter records that a notification task was sent (who, how, reference). */
export async function markNotificationSent(
  k: Kernel,
  actor: Actor,
  id: string,
  n: { recipient: string; channel: string; refNo?: string },
) {
  return step(k, actor, id, (row) => {
    const list = notificationsOf(row);
    const i = list.findIndex((x) => x.recipient === n.recipient && !x.sentAt);
    if (i < 0) throw badInput('NOTIFICATION_UNKNOWN', { recipient: n.recipient });
    list[i] = { ...list[i]!, sentAt: k.clock.now().toISOString(), channel: n.channel, refNo: n.refNo ?? null };
    return { action: `notified_${row.state}`, values: { notifications: JSON.stringify(list) } };
  });
}

/** reported → contained → resolved (reporter); resolved → closed (authority, INC-06: every notification sent). */
export function advanceIncident(
  k: Kernel,
  actor: Actor,
  id: string,
  action: 'contain' | 'resolve' | 'close',
  rootCause?: string,
) {
  return step(k, actor, id, () => {
    if (action === 'resolve' && !rootCause?.trim()) throw badInput('ROOT_CAUSE_REQUIRED');
    return { action, values: action === 'resolve' ? { root_cause: rootCause } : {} };
  });
}

async function step(
  k: Kernel,
  actor: Actor,
  id: string,
  plan: (row: store.IncidentRow) => { action: string; values: Record<string, unknown> },
) {
  return k.db.transaction().execute(async (trx) => {
    const row = mustRead(await store.getIncident(trx, id, true), actor, incidentSubject, 'Incident', id);
    const p = plan(row);
    await transition(trx, k.workflow, {
      lifecycle: incidentLifecycle,
      action: p.action,
      actor,
      object: row,
      subject: incidentSubject(row),
      facts: { notifications: notificationsOf(row) },
      values: p.values,
    });
    return (await store.getIncident(trx, id))!;
  });
}

/** ENF-08 / AUTH-03: has the organization had an incident discovered within the last N years? */
export async function hadIncidentSince(k: Kernel, orgId: string, since: Date): Promise<boolean> {
  return (await store.listIncidentsOfOrgSince(k.db, orgId, since)).length > 0;
}

/**
 * Reclassification (supervision.md "Bad input"): the reporter may raise the severity, only the authority may lower
 * it; the reason is recorded on the event. A raise to relatively_major or above adds the INC-05 external tasks.
 */
export async function reclassifyIncident(
  k: Kernel,
  actor: Actor,
  id: string,
  o: { severity: Severity; reason: string },
) {
  return k.db.transaction().execute(async (trx) => {
    const row = mustRead(await store.getIncident(trx, id, true), actor, incidentSubject, 'Incident', id);
    const byAuthority = activeActorRoles(actor, 'authority').some((r) => r.jurisdictionId === row.jurisdiction_id);
    const existing = notificationsOf(row);
    const wanted = notificationMatrix(
      {
        reporterActor: 'other',
        severity: o.severity,
        cii: row.cii,
        centralOrgan: false,
        personalData: affectedOf(row).personalData,
        discoveredAt: row.discovered_at,
      },
      k.profile,
    ).filter((n) => !existing.some((e) => e.recipient === n.recipient));
    await transition(trx, k.workflow, {
      lifecycle: incidentLifecycle,
      action: `reclassify_${row.state}`,
      actor,
      object: row,
      subject: incidentSubject(row),
      facts: { byAuthority, from: row.severity as Severity, to: o.severity },
      input: o,
      values: { severity: o.severity, notifications: JSON.stringify([...existing, ...wanted]) },
    });
    return (await store.getIncident(trx, id))!;
  });
}
