// GB 32100-2015 check character, mirrored from server/src/contexts/identity/codes.ts for the live
// check in the org form. The server re-checks (IAM USCC_INVALID); this only saves a round trip.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // no I, O, S, V, Z
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

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

export type UsccStatus = { kind: 'empty' } | { kind: 'incomplete'; length: number } | { kind: 'badChar' } | { kind: 'badCheck'; expected: string } | { kind: 'ok' };

/** What the form says while the user types. */
export function usccStatus(raw: string | undefined): UsccStatus {
  const s = (raw ?? '').trim().toUpperCase();
  if (!s) return { kind: 'empty' };
  if (s.length !== 18) return s.length > 18 ? { kind: 'badChar' } : { kind: 'incomplete', length: s.length };
  const expected = usccCheckChar(s.slice(0, 17));
  if (!expected) return { kind: 'badChar' };
  return expected === s[17] ? { kind: 'ok' } : { kind: 'badCheck', expected };
}
