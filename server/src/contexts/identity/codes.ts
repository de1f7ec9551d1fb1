/**
 * Check-digit algorithms of the national identifier standards. Pure, shared by rules and
 * by the catalog's sensitive-data recognizers.
 */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // GB 32100-2015: no I, O, S, V, Z
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015 check character of the first 17 characters, or null if they are malformed. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i]!;
  }
  const c = 31 - (sum % 31);
  return USCC_CHARS[c === 31 ? 0 : c]!;
}

export function normalizeUscc(raw: string): string {
  return raw.trim().toUpperCase();
}

export function isValidUscc(raw: string): boolean {
  const s = normalizeUscc(raw);
  return s.length === 18 && usccCheckChar(s.slice(0, 17)) === s[17];
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 check character of the first 17 digits, or null if not digits. */
export function idCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** A citizen ID number with a valid check character and a real birth date not in the future. */
export function isValidIdNumber(raw: string, today = new Date()): boolean {
  const s = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s) || idCheckChar(s.slice(0, 17)) !== s[17]) return false;
  const y = Number(s.slice(6, 10)),
    m = Number(s.slice(10, 12)),
    d = Number(s.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return false;
  return y >= 1900 && birth.getTime() <= today.getTime();
}

/** Shows 4 + 10 stars + 4, as identity.md asks for natural persons (`4404**********1239`). */
export function maskIdNumber(s: string): string {
  return s.length < 8 ? '*'.repeat(s.length) : `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}
