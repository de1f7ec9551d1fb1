import type { Profile } from '../profiles/index.js';
import { messageFor } from '../http/messages.js';
import type { RuleFailure } from '../http/errors.js';

/** What a rule returns: it never throws, so a transition can report every failure. */
export type RuleResult = { ok: true } | { ok: false; code: string; params: Record<string, unknown>; status?: number };

export interface Rule<F = unknown> {
  readonly id: string;
  check(facts: F, profile: Profile): RuleResult;
}

/** Declares a rule named by its spec ID (style.md §3): `export const AUTH_12 = rule('AUTH-12', …)`. */
export function rule<F>(id: string, check: (facts: F, profile: Profile) => RuleResult): Rule<F> {
  return { id, check };
}

export const pass = (): RuleResult => ({ ok: true });

/** A failed rule; status 422 when the input itself is wrong, 409 (default) when state forbids it. */
export const fail = (code: string, params: Record<string, unknown> = {}, status?: number): RuleResult => ({
  ok: false,
  code,
  params,
  status,
});

export interface RuleRun {
  ruleId: string;
  ok: boolean;
  code?: string;
}

export function runRules<F>(rules: readonly Rule<F>[], facts: F, profile: Profile) {
  const results: RuleRun[] = [];
  const failures: (RuleFailure & { status?: number })[] = [];
  for (const r of rules) {
    const res = r.check(facts, profile);
    if (res.ok) {
      results.push({ ruleId: r.id, ok: true });
      continue;
    }
    results.push({ ruleId: r.id, ok: false, code: res.code });
    const m = messageFor(res.code, res.params);
    failures.push({
      ruleId: r.id,
      code: res.code,
      params: res.params,
      message: m.zh,
      message_en: m.en,
      status: res.status,
    });
  }
  return { results, failures };
}
