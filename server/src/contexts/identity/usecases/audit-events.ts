import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { activeActorRoles, type Actor } from '../../../kernel/workflow/actor.js';
import type { AuditEventView } from '../model.js';
import { presentAuditEvent } from '../present.js';
import * as store from '../store.js';

/** audit.read: an org's auditors (and org_admin) see their org's records; platform audit_admin sees all. */
export async function listAuditEvents(
  k: Kernel,
  a: Actor,
  q: { action?: string; page: number; pageSize: number },
): Promise<{ items: AuditEventView[]; total: number; page: number; pageSize: number }> {
  const platform = a.roles.includes('audit_admin');
  if (!platform && !a.roles.includes('auditor') && !a.roles.includes('org_admin'))
    throw new AppError(403, 'FORBIDDEN', { reason: 'ROLE_MISSING' });
  // Names for the reader (issue 14: no actor UUID on a page): the user's real name and org name, joined on the
  // actor the event recorded. IAM-16: a regulator reads people of other orgs with names masked.
  const { rows, total } = await store.listAuditEvents(k.db, {
    all: platform,
    orgId: a.orgId ?? '',
    jurisdictionIds: a.readableJurisdictionIds,
    action: q.action,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const masked = !platform && activeActorRoles(a, 'regulator').length > 0;
  const nameOf = (r: store.AuditEventRow) =>
    r.actor_name && masked && r.actor?.orgId !== a.orgId ? `${[...r.actor_name][0]}*` : (r.actor_name ?? null);
  if (!rows.length && q.page === 1 && !platform && !a.orgId) throw notFound('AuditEvent');
  return { items: rows.map((r) => presentAuditEvent(r, nameOf(r))), total, page: q.page, pageSize: q.pageSize };
}
