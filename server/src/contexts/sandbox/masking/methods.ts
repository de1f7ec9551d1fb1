import { hmacSm3 } from '../../../kernel/crypto/sm3.js';
import { sm4Token } from '../../../kernel/crypto/sm4.js';

/** The authorization context's masking vocabulary (sandbox.md "Masking methods"). */
export type MaskingMethod =
  | 'none'
  | 'mask'
  | 'truncate'
  | 'generalize'
  | 'round'
  | 'hmac_pseudonym'
  | 'sm4_token'
  | 'date_shift'
  | 'suppress'
  | 'drop';
export interface MaskingRule {
  method: MaskingMethod | string;
  params?: Record<string, unknown>;
}

/** Keys of one Grant; they never enter a job's engine (SBX-04: no key access in the sandbox). */
export interface GrantKeys {
  pseudonymKey: Buffer;
  tokenKey: Buffer;
}

const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);

/** `mask`: keep the first n and last m characters (13812345678 → 138****5678). */
export function maskValue(v: string, p: Record<string, unknown> = {}): string {
  const a = num(p.keepFirst, 3);
  const b = num(p.keepLast, 4);
  const chars = [...v];
  if (chars.length <= a + b) return '*'.repeat(chars.length);
  return chars.slice(0, a).join('') + '*'.repeat(chars.length - a - b) + chars.slice(chars.length - b).join('');
}

/** `truncate`: keep the first n characters (addresses down to 街道). */
export function truncateValue(v: string, p: Record<string, unknown> = {}): string {
  return [...v].slice(0, num(p.length, 6)).join('');
}

/** `generalize`: dates to month or year; numbers to a band `lo–hi` of width `band`. */
export function generalizeValue(v: string | number, p: Record<string, unknown> = {}): string {
  if (typeof v === 'number') {
    const w = num(p.band, 5);
    const lo = Math.floor(v / w) * w;
    return `${lo}–${lo + w - 1}`;
  }
  return p.level === 'year' ? v.slice(0, 4) : v.slice(0, 7);
}

export function roundValue(v: number, p: Record<string, unknown> = {}): number {
  const u = num(p.unit, 10000);
  return Math.round(v / u) * u;
}

/** `hmac_pseudonym`: HMAC-SM3 under the Grant's key, 64 hex; same input → same output (PERF-02). */
export const pseudonym = (keys: GrantKeys, v: string) => hmacSm3(keys.pseudonymKey, v).toString('hex');
/** `sm4_token`: deterministic SM4; reversal only in the authority's key service, never here. */
export const token = (keys: GrantKeys, v: string) => sm4Token(keys.tokenKey, v);

/** `date_shift`: one keyed offset per subject in [−N, N] days. */
export function shiftDays(keys: GrantKeys, subject: string, maxDays: number): number {
  const h = hmacSm3(keys.pseudonymKey, `date_shift:${subject}`).readUInt32BE(0);
  return (h % (2 * maxDays + 1)) - maxDays;
}

export function shiftDate(iso: string, days: number): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Applies one rule to one value in Node (tests, service indexes); the view build does the same in SQL. */
export function applyRule(
  rule: MaskingRule,
  v: unknown,
  keys: GrantKeys,
  ctx: { subject?: string; dateShiftDays: number },
): unknown {
  if (v === null || v === undefined) return null;
  const p = rule.params ?? {};
  switch (rule.method) {
    case 'none':
      return v;
    case 'mask':
      return maskValue(String(v), p);
    case 'truncate':
      return truncateValue(String(v), p);
    case 'generalize':
      return generalizeValue(typeof v === 'number' ? v : String(v), p);
    case 'round':
      return roundValue(Number(v), p);
    case 'hmac_pseudonym':
      return pseudonym(keys, String(v));
    case 'sm4_token':
      return token(keys, String(v));
    case 'date_shift':
      return shiftDate(String(v), shiftDays(keys, ctx.subject ?? String(v), ctx.dateShiftDays));
    default:
      return null; // suppress, and any method this build does not know: never the clear value
  }
}
