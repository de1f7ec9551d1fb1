import { fail, pass, rule } from '../../../kernel/workflow/rules.js';

/** PM-30: the sections each discloser must publish (NDA-2026). */
export const DISCLOSURE_SECTIONS = {
  authority: ['organization', 'authorizations', 'feeCaps'],
  operator: ['organization', 'authorizedResources', 'products', 'feeStandards'],
} as const;

export interface DisclosureFacts {
  role: 'authority' | 'operator';
  sections: Record<string, unknown>;
}

// PM-30: a disclosure carries every mandatory section of its role before it is published.
export const PM_30 = rule('PM-30', (f: DisclosureFacts) => {
  const missing = DISCLOSURE_SECTIONS[f.role].filter((s) => f.sections[s] === undefined || f.sections[s] === null);
  return missing.length ? fail('DISCLOSURE_INCOMPLETE', { sections: missing }, 422) : pass();
});

/** The public status of one org's disclosure for a year: published, not yet due, or 未按期披露 (overdue). */
export function disclosureStatus(
  publishedCount: number,
  now: string,
  dueAt: string,
): 'published' | 'pending' | 'overdue' {
  if (publishedCount > 0) return 'published';
  return now > dueAt ? 'overdue' : 'pending';
}
