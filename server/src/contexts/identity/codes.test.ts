import { describe, expect, it } from 'vitest';
import { idCheckChar, isValidIdNumber, isValidUscc, maskIdNumber, usccCheckChar } from './codes.js';

describe('IAM-01 USCC check character (GB 32100-2015)', () => {
  it.each(['91440400MA4W5X6Y7N', '11440303MB2D8F7Q13', '91440300MA5G8K2L3A', '91350100M000100Y43'])(
    'accepts %s',
    (s) => {
      expect(isValidUscc(s)).toBe(true);
    },
  );
  it('computes the expected check character of identity.md scenario 1', () => {
    expect(usccCheckChar('91440400MA4W5X6Y7')).toBe('N');
    expect(isValidUscc('91440400MA4W5X6Y7A')).toBe(false);
  });
  it('trims and upper-cases before checking', () => {
    expect(isValidUscc('  91440400ma4w5x6y7n ')).toBe(true);
  });
  it.each([
    ['17 characters', '91440400MA4W5X6Y7'],
    ['a forbidden letter I', '9144040IMA4W5X6Y7N'],
    ['a forbidden letter O', '91440400MO4W5X6Y7N'],
    ['19 characters', '91440400MA4W5X6Y7NN'],
  ])('rejects %s', (_, s) => expect(isValidUscc(s)).toBe(false));
  it('maps a computed 31 to 0', () => {
    // Search a prefix whose weighted sum is ≡ 0 (mod 31): its check character must be "0".
    const base = '9144040000000000';
    const hit = '0123456789ABCDEFGHJKLMNPQRTUWXY'
      .split('')
      .map((c) => base + c)
      .find((p) => usccCheckChar(p) === '0');
    expect(hit).toBeDefined();
    expect(isValidUscc(`${hit}0`)).toBe(true);
  });
});

describe('IAM-01 citizen ID number (GB 11643-1999)', () => {
  it('accepts a valid number and computes X', () => {
    expect(isValidIdNumber('440402199001011236')).toBe(true);
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });
  it('rejects a wrong check digit and impossible birth dates', () => {
    expect(isValidIdNumber('440402199001011234')).toBe(false);
    const feb30 = '44040219900230123';
    expect(isValidIdNumber(feb30 + idCheckChar(feb30))).toBe(false);
    const future = '44040221000101123';
    expect(isValidIdNumber(future + idCheckChar(future), new Date('2026-12-01'))).toBe(false);
  });
  it('masks as 4 + stars + 4', () => {
    expect(maskIdNumber('440402199001011236')).toBe('4404**********1236');
  });
});
