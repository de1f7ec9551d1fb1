import type { Executor } from '../../../kernel/db/tables.js';
import { notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor } from '../../../kernel/workflow/actor.js';
import { getOrganization } from '../../identity/service.js';
import { activeBanFor, type CreditWarning, publishedBadFaithRecords } from '../../supervision/service.js';
import { today } from './common.js';

/** What labs needs to know about an organization, read through the identity context's service. */
export interface OrgInfo {
  id: string;
  name: string;
  kind: string;
  uscc: string;
  /** Actor types it holds now (active roles only). */
  actors: string[];
}

/**
 * Reads an organization. Uses `k.db`, so call it BEFORE opening a transaction (PGlite has one
 * connection: a read on k.db inside a transaction would wait for itself; style.md §6).
 */
export async function orgInfo(k: Kernel, id: string): Promise<OrgInfo> {
  try {
    const { org, roles } = await getOrganization(k, systemActor('labs'), id);
    return {
      id: org.id,
      name: org.name_zh,
      kind: org.entity_kind,
      uscc: org.uscc ?? '',
      actors: roles.filter((r) => r.state === 'active').map((r) => r.actor),
    };
  } catch {
    throw notFound('Organization', id);
  }
}

/** LAB-05: the partner's blocking Ban for lab applications on `today`, through supervision's port (ENF-07). */
export async function partnerBan(db: Executor, uscc: string, today: string) {
  if (!uscc) return null;
  const b = await activeBanFor(db, uscc, today, 'lab_application');
  return b ? { id: b.id, endsOn: b.endsOn } : null;
}

/**
 * CRD-04: the published bad-faith credit records of the application's parties (partner and initiator), read through
 * supervision's port for the reviewer's dossier. A warning only: no review step consults them (a Ban blocks, LAB-05).
 */
export async function creditWarnings(
  k: Kernel,
  a: { partner_org_id: string; initiator_org_id: string },
): Promise<(CreditWarning & { orgId: string })[]> {
  const orgs = [...new Set([a.partner_org_id, a.initiator_org_id])];
  const found = await Promise.all(
    orgs.map(async (orgId) => (await publishedBadFaithRecords(k.db, orgId, today(k))).map((w) => ({ ...w, orgId }))),
  );
  return found.flat();
}
