/**
 * DET-02 bank card: issuer prefix (IIN) and length per scheme, then Luhn. The checksum alone
 * flags one in ten of any digit string, and order, waybill and serial numbers are often made
 * Luhn-valid on purpose; a card number is a card only when its prefix belongs to a scheme and
 * its length is one that scheme issues (decision 0064).
 *
 * Ranges: ISO/IEC 7812-1 (MII + IIN, 8–19 digits, Luhn check digit) and the schemes' published
 * BIN/IIN tables — China UnionPay 银联卡 BIN 62 (622126–622925 co-badged with Discover),
 * 16–19 digits; Visa 4 (13, 16, 19); Mastercard 51–55 and 2221–2720 (16); American Express
 * 34, 37 (15); JCB 3528–3589 (16–19); Discover 6011, 644–649, 65 (16–19); Diners Club
 * International 300–305, 36, 38, 39 (14–19). Plus the pre-UnionPay domestic debit BINs still
 * in circulation that the big four banks registered directly with ISO: ICBC 9558, ABC 95599,
 * BOC 6013 (19 digits).
 * Not included: UnionPay 81 (not found in a published table we could check), Maestro, RuPay,
 * Mir, private-label and fleet cards.
 */
export interface CardScheme {
  scheme: string;
  /** Inclusive prefix ranges; both ends have the same number of digits. */
  ranges: readonly (readonly [string, string])[];
  lengths: readonly number[];
}

export const CARD_SCHEMES: readonly CardScheme[] = [
  { scheme: 'unionpay', ranges: [['62', '62']], lengths: [16, 17, 18, 19] },
  { scheme: 'visa', ranges: [['4', '4']], lengths: [13, 16, 19] },
  {
    scheme: 'mastercard',
    ranges: [
      ['51', '55'],
      ['2221', '2720'],
    ],
    lengths: [16],
  },
  {
    scheme: 'amex',
    ranges: [
      ['34', '34'],
      ['37', '37'],
    ],
    lengths: [15],
  },
  { scheme: 'jcb', ranges: [['3528', '3589']], lengths: [16, 17, 18, 19] },
  {
    scheme: 'discover',
    ranges: [
      ['6011', '6011'],
      ['644', '649'],
      ['65', '65'],
    ],
    lengths: [16, 17, 18, 19],
  },
  {
    scheme: 'diners',
    ranges: [
      ['300', '305'],
      ['36', '36'],
      ['38', '39'],
    ],
    lengths: [14, 15, 16, 17, 18, 19],
  },
  {
    scheme: 'cn_domestic',
    ranges: [
      ['9558', '9558'],
      ['95599', '95599'],
      ['6013', '6013'],
    ],
    lengths: [19],
  },
];

const MIN_LEN = 13,
  MAX_LEN = 19;

function allDigits(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The scheme whose prefix range and length fit a digit string, or null. Fixed work per scheme. */
export function cardScheme(v: string): string | null {
  if (v.length < MIN_LEN || v.length > MAX_LEN || !allDigits(v)) return null;
  for (const s of CARD_SCHEMES) {
    if (!s.lengths.includes(v.length)) continue;
    for (const [lo, hi] of s.ranges) {
      const p = v.slice(0, lo.length); // equal-length digit strings compare like numbers
      if (p >= lo && p <= hi) return s.scheme;
    }
  }
  return null;
}

/** Luhn (ISO/IEC 7812-1 Annex B) over a digit string. */
export function luhn(v: string): boolean {
  let sum = 0;
  for (let i = v.length - 1, dbl = false; i >= 0; i--, dbl = !dbl) {
    let d = v.charCodeAt(i) - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A bank card number: scheme prefix and length, and the Luhn check digit. */
export const isBankCard = (v: string): boolean => cardScheme(v) !== null && luhn(v);
