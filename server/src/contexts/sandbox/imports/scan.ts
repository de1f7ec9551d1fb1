import type { Profiled } from '../../catalog/service.js';
import type { MaskingRule } from '../masking/methods.js';
import { IMPORT_METHODS, type ImportColumn, type ImportMethod } from './model.js';

/** Identifier kinds the scan names that single a person out: pseudonymized by default (as a Grant's direct identifiers). */
const DIRECT = new Set([
  'id_number',
  'mobile',
  'landline',
  'bank_card',
  'passport',
  'email',
  'license_plate',
  'person_name',
]);

/** Defaults for personal columns that are not direct identifiers (sandbox.md masking table, "default for"). */
const QUASI: Record<string, ImportMethod> = { address: 'truncate', birth_date: 'generalize' };

const METHOD_ALIASES: Record<string, ImportMethod> = { pseudonymize_hmac_sm3: 'hmac_pseudonym' };

/** The holder's per-column choices, as sent (a JSON object column → method); unknown methods are refused by name. */
export function parseMaskingChoices(raw: string | undefined): Record<string, ImportMethod> | string {
  if (!raw?.trim()) return {};
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return 'masking';
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'masking';
  const out: Record<string, ImportMethod> = {};
  for (const [col, m] of Object.entries(v as Record<string, unknown>)) {
    const method = METHOD_ALIASES[String(m)] ?? String(m);
    if (!(IMPORT_METHODS as readonly string[]).includes(method)) return col;
    out[col] = method as ImportMethod;
  }
  return out;
}

/**
 * SBX-11: the upload scan's findings (catalog DET-01/02, the same scorer as any upload) decide each column's
 * default: a direct identifier is pseudonymized under the Workspace's key (so it joins the Grant's pseudonymized
 * view), an address is truncated, a birth date generalized, any other personal column suppressed; the holder's
 * choice overrides, and `none` on a personal column is refused by the rule.
 */
export function columnsFromScan(p: Profiled, choices: Record<string, ImportMethod>): ImportColumn[] {
  return p.columns.map((c) => {
    const findings = c.scan.detected
      .filter((d) => d.suggested)
      .map((d) => ({ type: d.type, confidence: d.confidence }));
    const types = findings.map((f) => f.type);
    const personalInfo = c.scan.personalInfo || types.some((t) => DIRECT.has(t) || t in QUASI);
    const auto: ImportMethod = !personalInfo
      ? 'none'
      : types.some((t) => DIRECT.has(t))
        ? 'hmac_pseudonym'
        : (types.map((t) => QUASI[t]).find(Boolean) ?? 'suppress');
    return { name: c.name, type: c.type, method: choices[c.name] ?? auto, personalInfo, findings };
  });
}

/** The masking rule a column's method builds (masking/build.ts). */
export function ruleOf(method: ImportMethod): MaskingRule {
  if (method === 'truncate') return { method, params: { length: 6 } };
  if (method === 'generalize') return { method, params: { level: 'month' } };
  return { method };
}
