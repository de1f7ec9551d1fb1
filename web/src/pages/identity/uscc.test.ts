import { describe, expect, it } from 'vitest';
import { usccCheckChar, usccStatus } from './uscc';

// identity.md acceptance 1: 91440400MA4W5X6Y7A is wrong, the check character is N.
describe('USCC live check (mirrors server codes.ts)', () => {
  it('computes the check character of the spec example', () => {
    expect(usccCheckChar('91440400MA4W5X6Y7')).toBe('N');
    expect(usccStatus('91440400MA4W5X6Y7A')).toEqual({ kind: 'badCheck', expected: 'N' });
    expect(usccStatus('91440400ma4w5x6y7n')).toEqual({ kind: 'ok' });
  });
  it('reports incomplete, forbidden characters and empty input', () => {
    expect(usccStatus('9144')).toEqual({ kind: 'incomplete', length: 4 });
    expect(usccStatus('91440400MA4W5X6YIN')).toEqual({ kind: 'badChar' });
    expect(usccStatus('  ')).toEqual({ kind: 'empty' });
  });
});
