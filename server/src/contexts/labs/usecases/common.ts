import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { AppError, forbidden, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { activeActorRoles, type Actor } from '../../../kernel/workflow/actor.js';
import { canRead, type Subject } from '../../../kernel/workflow/authorize.js';
import type { Reader } from '../store.js';
import '../messages.js';

export const today = (k: Kernel) => shanghaiDate(k.clock.now());

/** Parses a jsonb column we wrote ourselves from a zod-checked value. */
export const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
export const json = (v: unknown) => JSON.stringify(v);

/** The authority role the actor acts in (its jurisdiction is where the lab objects live). */
export function authorityRole(actor: Actor) {
  const r = activeActorRoles(actor, 'authority')[0];
  if (!r) throw forbidden('FORBIDDEN', { reason: 'NOT_AUTHORITY' });
  return r;
}

/** The one read check: an object the actor may not see answers 404, never 403. */
export function mustRead<T>(row: T | undefined, actor: Actor, subjectOf: (r: T) => Subject, type: string, id: string) {
  if (!row || !canRead(actor, subjectOf(row))) throw notFound(type, id);
  return row;
}

/** Who is reading a list: its org (a party) and the jurisdictions it supervises. */
export const readerOf = (actor: Actor): Reader => ({
  orgId: actor.orgId ?? null,
  reach: actor.readableJurisdictionIds,
});

/** labs.md Purpose: labs run where the profile switches them on (`lab.enabled`, Zhuhai by default). */
export function assertLabsEnabled(k: Kernel) {
  if (!k.profile.get<boolean>('lab.enabled')) throw new AppError(409, 'LAB_DISABLED');
}

/** Subjects (style.md §4 toSubject): the initiator owns, the partner is a party, the authority supervises. */
type Located = { id: string; jurisdiction_id: string; jurisdiction_path: unknown };
type Parties = Located & { initiator_org_id: string; partner_org_id: string; created_by?: string | null };

export const partiesSubject = (type: string, r: Parties): Subject => ({
  type,
  id: r.id,
  jurisdictionId: r.jurisdiction_id,
  jurisdictionPath: asStrings(r.jurisdiction_path),
  ownerOrgId: r.initiator_org_id,
  partyOrgIds: [r.partner_org_id],
  createdBy: r.created_by ?? null,
});
