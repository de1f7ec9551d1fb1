import { z } from 'zod';
import { addDays, shanghaiDate } from '../../kernel/calendar/calendar.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { requireAuthenticated, type App } from '../../kernel/http/server.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { Actor } from '../../kernel/workflow/actor.js';
import * as m from './model.js';
import { assertAllowed, getOrganization, orgSubject } from './service.js';
import * as store from './store.js';

// Personnel dashboard (identity.md "What users see"; PER-01 … PER-03, 000:L48).

/** Orgs whose actor roles require exactly one primary security officer (PER-01). */
const OFFICER_ACTORS = ['operator', 'lab_initiator', 'lab_partner'];
/** Who of the org itself may see its personnel records. */
const PERSONNEL_ROLES = ['org_admin', 'security_officer', 'auditor'];

const Dated = z.string().nullable();
export const PersonnelMember = z.object({
  membershipId: m.Uuid,
  userId: m.Uuid,
  loginName: z.string(),
  realName: z.string(),
  roles: z.array(z.string()),
  state: z.string(),
  demo: z.boolean(),
  backgroundCheck: z.object({
    status: z.string(),
    checkedAt: Dated,
    expiresAt: Dated,
    valid: z.boolean(),
    expiringSoon: z.boolean(),
  }),
  nda: z.object({ onFile: z.boolean(), signedAt: Dated, expiresAt: Dated, expiringSoon: z.boolean() }),
  totpEnrolled: z.boolean(),
  primarySecurityOfficer: z.boolean(),
});
export const PersonnelView = z.object({
  orgId: m.Uuid,
  today: z.string(),
  warningDays: z.number(),
  officerRequired: z.boolean(),
  primaryOfficer: z
    .object({ userId: m.Uuid, loginName: z.string(), realName: z.string(), ready: z.boolean() })
    .nullable(),
  warnings: z.object({
    missingPrimaryOfficer: z.boolean(),
    expiringChecks: z.number(),
    ndaMissing: z.number(),
    ndaExpiring: z.number(),
  }),
  items: z.array(PersonnelMember),
});
export type PersonnelView = z.infer<typeof PersonnelView>;

type Row = store.PersonnelRow;

const str = (v: unknown) => (typeof v === 'string' && v ? v.slice(0, 10) : null);

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
  const items = rows.map((r) => present(r, today, horizon));
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

function present(r: Row, today: string, horizon: string) {
  const bg = r.background_check ?? {};
  const bgExpires = str(bg.expiresAt);
  const ndaExpires = str(r.nda?.expiresAt);
  // PER-02: only a passed, unexpired check counts.
  const valid = bg.status === 'passed' && (!bgExpires || bgExpires >= today);
  return {
    membershipId: r.id,
    userId: r.user_id,
    loginName: r.login_name,
    realName: r.real_name,
    roles: r.roles,
    state: r.state,
    demo: r.demo,
    backgroundCheck: {
      status: String(bg.status ?? 'not_started'),
      checkedAt: str(bg.checkedAt),
      expiresAt: bgExpires,
      valid,
      expiringSoon: valid && !!bgExpires && bgExpires <= horizon,
    },
    nda: {
      onFile: !!r.nda,
      signedAt: str(r.nda?.signedAt),
      expiresAt: ndaExpires,
      expiringSoon: !!ndaExpires && ndaExpires <= horizon,
    },
    totpEnrolled: r.totp_confirmed,
    primarySecurityOfficer: r.primary_security_officer,
  };
}

/** Small read endpoints for the personnel dashboard (registered from routes.ts). */
export function personnelRoutes(app: App, k: Kernel) {
  app.get(
    '/api/v1/orgs/:id/personnel',
    { schema: { tags: ['identity'], params: m.IdParams, response: { 200: PersonnelView } } },
    async (req) => orgPersonnel(k, requireAuthenticated(req), req.params.id),
  );
}
