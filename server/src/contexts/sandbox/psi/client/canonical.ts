/**
 * PSI-02: how each identifier type is written before it is hashed to the curve. Both sides (the
 * buyer's client and the platform's own column) run exactly this, so equal identifiers meet.
 *
 * Every type: full-width ASCII (Ｕ+FF01–FF5E) becomes half-width, the ideographic space a space, then trim.
 * - `uscc` 统一社会信用代码: spaces and hyphens removed, upper case; 18 characters of GB 32100's alphabet.
 * - `id_number` 居民身份证号: spaces removed, upper case (the check character x → X); 17 digits + digit or X.
 * - `phone` 手机号: spaces, hyphens and brackets removed, a leading +86 / 0086 / 86 dropped; 11 digits from 1.
 * - `text`: inner runs of white space become one space.
 * A value that does not fit its type cannot match anything and is left out (the client reports how many).
 */
export type IdentifierType = 'uscc' | 'id_number' | 'phone' | 'text';

const halfWidth = (s: string) =>
  s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

export function canonicalItem(type: IdentifierType, raw: string): string | null {
  const h = halfWidth(raw).trim();
  if (type === 'uscc') {
    const v = h.replace(/[\s-]/g, '').toUpperCase();
    return /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(v) ? v : null;
  }
  if (type === 'id_number') {
    const v = h.replace(/\s/g, '').toUpperCase();
    return /^\d{17}[\dX]$/.test(v) ? v : null;
  }
  if (type === 'phone') {
    const v = h.replace(/[\s()-]/g, '').replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
    return /^1\d{10}$/.test(v) ? v : null;
  }
  const v = h.replace(/\s+/g, ' ');
  return v.length ? v : null;
}

/** Canonical, de-duplicated items in first-seen order, and how many raw lines were unusable. */
export function canonicalList(type: IdentifierType, raws: readonly string[]): { items: string[]; invalid: number } {
  const seen = new Set<string>();
  let invalid = 0;
  for (const r of raws) {
    if (!r.trim()) continue;
    const c = canonicalItem(type, r);
    if (c === null) invalid++;
    else seen.add(c);
  }
  return { items: [...seen], invalid };
}
