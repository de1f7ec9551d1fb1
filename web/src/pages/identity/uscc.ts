// The GB 32100-2015 check character comes from the server's own module (pure, no Node APIs),
// so the live check in the org form and the server's IAM-01 can never disagree.
import { usccCheckChar } from '../../../../server/src/contexts/identity/codes';

export { usccCheckChar };

export type UsccStatus =
  | { kind: 'empty' }
  | { kind: 'incomplete'; length: number }
  | { kind: 'badChar' }
  | { kind: 'badCheck'; expected: string }
  | { kind: 'ok' };

/** What the form says while the user types. */
export function usccStatus(raw: string | undefined): UsccStatus {
  const s = (raw ?? '').trim().toUpperCase();
  if (!s) return { kind: 'empty' };
  if (s.length !== 18) return s.length > 18 ? { kind: 'badChar' } : { kind: 'incomplete', length: s.length };
  const expected = usccCheckChar(s.slice(0, 17));
  if (!expected) return { kind: 'badChar' };
  return expected === s[17] ? { kind: 'ok' } : { kind: 'badCheck', expected };
}
