import { addDays, shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import type { PersonnelView } from '../model.js';
import { presentPersonnelMember } from '../present.js';
import { assertAllowed, orgSubject } from '../policy.js';
import { getOrganization } from './organizations.js';
import * as store from '../store.js';

// Personnel dashboard (identity.md "What users see"; PER-01 … PER-03, 000:L48).

/** Orgs whose actor roles require exactly one primary security officer (PER-01). */
const OFFICER_ACTORS = ['operator', 'lab_initiator', 'lab_partner'];
/** Who of the org itself may see its personnel records. */
const PERSONNEL_ROLES = ['org_admin', 'security_officer', 'auditor'];

/** Members with their personnel facts, for the org's own org_admin / security_officer / auditor; 404 for anyone else's org. */
export async function orgPersonnel(k: Kernel, actor: Actor, orgId: string): Promise<PersonnelView> {
  const { org, roles } = await getOrganization(k, actor, orgId);
  // Ancestors may read members (member.read ancestor_of), but personnel files stay inside the org.
  if (actor.orgId !== org.id) throw notFound('Organization', orgId);
  assertAllowed(k, actor, 'member.read', orgSubject(org));
  if (!actor.roles.some((r) => PERSONNEL_ROLES.includes(r)))
    throw new AppError(403, 'FORBIDDEN', { reason: 'ROLE_MISSING' });
  const rows = await store.listPersonnel(k.db, orgId);
  const today = shanghaiDate(k.clock.now());
  const warningDays = k.profile.get<number>('personnel.expiryWarningDays');
  const horizon = addDays(today, warningDays);
  const items = rows.map((r) => presentPersonnelMember(r, today, horizon));
  const officers = items.filter(
    (i) => i.state === 'active' && i.primarySecurityOfficer && i.roles.includes('security_officer'),
  );
  const officerRequired = roles.some((r) => r.state === 'active' && OFFICER_ACTORS.includes(r.actor));
  const primary = officers.length === 1 ? officers[0]! : null;
  return {
    orgId,
    today,
    warningDays,
    officerRequired,
    primaryOfficer: primary && {
      userId: primary.userId,
      loginName: primary.loginName,
      realName: primary.realName,
      ready: primary.backgroundCheck.valid && primary.nda.onFile && (primary.totpEnrolled || primary.demo),
    },
    warnings: {
      missingPrimaryOfficer: officerRequired && officers.length !== 1,
      expiringChecks: items.filter((i) => i.backgroundCheck.expiringSoon).length,
      ndaMissing: items.filter((i) => i.state === 'active' && !i.nda.onFile).length,
      ndaExpiring: items.filter((i) => i.nda.expiringSoon).length,
    },
    items,
  };
}
