import { messageFor } from './messages.js';

/** A rule failure as it travels on the wire (details.failures[]). */
export interface RuleFailure {
  ruleId: string;
  code: string;
  params: Record<string, unknown>;
  message: string;
  message_en: string;
}

/**
 * The one application error (style.md §5). status comes from the spec's "Bad input"
 * tables: 422 the input is wrong, 409 the state forbids it, 403/404 per identity.md.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly details: Record<string, unknown> = {},
  ) {
    super(messageFor(code, params).en);
    this.name = 'AppError';
  }

  toBody() {
    const m = messageFor(this.code, this.params);
    return {
      error: { code: this.code, message_zh: m.zh, message_en: m.en, details: { ...this.params, ...this.details } },
    };
  }
}

export const notFound = (objectType: string, id?: string) =>
  new AppError(404, 'NOT_FOUND', {}, { objectType, ...(id ? { id } : {}) });
export const forbidden = (reason: string, params: Record<string, unknown> = {}) =>
  new AppError(403, reason === 'FORBIDDEN' ? 'FORBIDDEN' : reason, { reason, ...params });
export const badInput = (code: string, params: Record<string, unknown> = {}) => new AppError(422, code, params);
export const conflict = (code: string, params: Record<string, unknown> = {}) => new AppError(409, code, params);
export const unauthenticated = (code = 'UNAUTHENTICATED', params: Record<string, unknown> = {}) =>
  new AppError(401, code, params);

/** Builds the error for a set of rule failures: the first failure's code leads, all are listed. */
export function ruleError(failures: RuleFailure[], status?: number): AppError {
  const first = failures[0];
  const s = status ?? 409;
  return new AppError(s, first?.code ?? 'RULE_FAILED', first?.params ?? {}, { failures, ruleId: first?.ruleId });
}
