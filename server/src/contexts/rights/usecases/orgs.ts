import { notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor } from '../../../kernel/workflow/actor.js';
import { getOrganization, orgNames } from '../../identity/service.js';

/** What rights needs to know about an organization, read through the identity context's service. */
export interface OrgInfo {
  id: string;
  name: string;
  uscc: string;
  jurisdictionId: string;
  /** Actor types it holds now (active roles only). */
  actors: string[];
}

/**
 * Reads an organization. Uses `k.db`, so call it BEFORE opening a transaction (PGlite has one
 * connection: a read on k.db inside a transaction would wait for itself; style.md §6).
 */
export async function orgInfo(k: Kernel, id: string): Promise<OrgInfo> {
  try {
    const { org, roles } = await getOrganization(k, systemActor('rights'), id);
    return {
      id: org.id,
      name: org.name_zh,
      uscc: org.uscc ?? '',
      jurisdictionId: org.home_jurisdiction_id,
      actors: roles.filter((r) => r.state === 'active').map((r) => r.actor),
    };
  } catch {
    throw notFound('Organization', id);
  }
}

/**
 * Applicant and holder names for registration views. The names of organizations filing a public registration
 * are printed on the certificate, so any reader of the registration may see them (a registry reviewer cannot
 * read those organizations themselves). Reads `k.db`: call it outside a transaction.
 */
export function registrationOrgNames(
  k: Kernel,
  rows: readonly { applicant_org_id: string; holder_org_id: string }[],
): Promise<Map<string, string>> {
  return orgNames(
    k.db,
    rows.flatMap((r) => [r.applicant_org_id, r.holder_org_id]),
  );
}
