import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { canRead, type Subject } from '../../../kernel/workflow/authorize.js';
import '../messages.js';

/** Today's civil date in Asia/Shanghai: validity periods end on their calendar date. */
export const today = (k: Kernel) => shanghaiDate(k.clock.now());

/** 404 unless the actor may read the subject (identity.md: unreadable objects do not exist). */
export function mustRead<T>(row: T | undefined, actor: Actor, subject: (r: T) => Subject, type: string, id: string): T {
  if (!row || !canRead(actor, subject(row))) throw notFound(type, id);
  return row;
}

export const json = (v: unknown) => JSON.stringify(v ?? null);

export function badState(code: string, params: Record<string, unknown> = {}) {
  return new AppError(409, code, params);
}

export const AGREEMENT_IN_FORCE = ['active', 'expiring', 'suspended'];
