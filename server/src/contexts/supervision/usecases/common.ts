import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { forbidden, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { activeActorRoles, type Actor } from '../../../kernel/workflow/actor.js';
import { canRead, type Subject } from '../../../kernel/workflow/authorize.js';

export const today = (k: Kernel) => shanghaiDate(k.clock.now());

/** Parses a jsonb column we wrote ourselves from a zod-checked value. */
export const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** The authority role the actor acts in (the jurisdiction its supervisory objects live in). */
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
