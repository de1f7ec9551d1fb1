import { calendarDueAt, shanghaiDate } from '../../../kernel/calendar/calendar.js';
import type { Tx } from '../../../kernel/db/tables.js';
import { notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { loadProfile, type Profile } from '../../../kernel/profiles/index.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { canRead, type Subject } from '../../../kernel/workflow/authorize.js';
import { transition, type TransitionResult } from '../../../kernel/workflow/transition.js';
import { registrationLifecycle } from '../lifecycle.js';
import type { Duration, RegistrationClocks } from '../model.js';
import * as store from '../store.js';

/** A registration's profile: its registry's procedure and clocks, whatever the deployment's profile. */
export const profileOf = (row: { profile: string }): Profile => loadProfile(row.profile);

/** The policy view of a registration (style.md §4): the registry owns it, the parties are party to it. */
export function registrationSubject(r: store.RegistrationRow): Subject {
  return {
    type: 'RightsRegistration',
    id: r.id,
    jurisdictionId: r.registry_jurisdiction_id,
    ownerOrgId: r.registry_org_id,
    partyOrgIds: [r.applicant_org_id, r.holder_org_id, r.counterparty_org_id].filter((x): x is string => !!x),
    granteeOrgIds: r.evaluator_org_id ? [r.evaluator_org_id] : [],
    createdBy: r.created_by,
  };
}

/** When a clock of `d` started at `start` runs out (WD on the working calendar, CD on the civil one). */
export function dueAt(k: Kernel, start: Date, d: Duration): Date {
  return d.unit === 'WD' ? k.calendar.dueAt(start, d.days) : calendarDueAt(start, d.days);
}

export const today = (k: Kernel) => shanghaiDate(k.clock.now());

/** The clocks column, parsed (we write it ourselves through RegistrationClocks). */
export const clocksOf = (r: store.RegistrationRow) => r.clocks as RegistrationClocks;

/**
 * Opens a transaction, locks the registration and answers 404 when the actor may not read it
 * (RA-19: records are for the parties, the registry, the evaluator and supervisors only).
 */
export async function withRegistration<T>(
  k: Kernel,
  actor: Actor,
  id: string,
  fn: (trx: Tx, row: store.RegistrationRow, p: Profile) => Promise<T>,
): Promise<T> {
  return k.db.transaction().execute(async (trx) => {
    const row = await store.getRegistration(trx, id, true);
    if (!row || !canRead(actor, registrationSubject(row))) throw notFound('RightsRegistration', id);
    return fn(trx, row, profileOf(row));
  });
}

/** One registration transition with the registration's own profile. */
export function step(
  trx: Tx,
  k: Kernel,
  row: store.RegistrationRow,
  action: keyof typeof registrationLifecycle.transitions,
  actor: Actor,
  o: { facts?: unknown; input?: unknown; values?: Record<string, unknown> } = {},
): Promise<TransitionResult> {
  return transition(trx, k.workflow, {
    lifecycle: registrationLifecycle,
    action,
    actor,
    object: row,
    subject: registrationSubject(row),
    facts: o.facts,
    input: o.input,
    values: o.values,
    profile: profileOf(row),
  });
}

/** Merges clock values into the row's clocks (a jsonb column written only here). */
export const withClocks = (row: store.RegistrationRow, c: RegistrationClocks) =>
  JSON.stringify({ ...clocksOf(row), ...c });
