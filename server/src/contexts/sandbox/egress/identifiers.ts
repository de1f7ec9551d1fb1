import { isBankCard } from '../../catalog/model.js';

/**
 * EGR-02 recognizers with checksums, so ordinary numbers are not flagged: 身份证号
 * (GB 11643 ISO 7064 MOD 11-2), mobile numbers, bank cards (the catalog's DET-02 detector:
 * scheme IIN + length + Luhn, so Luhn-valid order or waybill numbers are not cards), plates,
 * 统一社会信用代码 (GB 32100 MOD 31), and our own 64-hex pseudonyms (which stay personal data).
 */
const ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_C = '10X98765432';
export function isIdNumber(s: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (s.charCodeAt(i) - 48) * ID_W[i]!;
  return ID_C[sum % 11] === s[17]!.toUpperCase();
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function isUscc(s: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(s[i]!) * USCC_W[i]!;
  return USCC_CHARS[(31 - (sum % 31)) % 31] === s[17];
}

const MOBILE = /^(\+?86)?1[3-9]\d{9}$/;
const PLATE =
  /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳]$/;
const HEX64 = /^[0-9a-f]{64}$/;

/** The kind of direct identifier a cell holds, or null. USCC only counts where not allowed. */
export function identifierKind(v: string, usccAllowed: boolean): string | null {
  const s = v.trim();
  if (s.length < 7 || s.length > 64) return null;
  if (isIdNumber(s)) return 'id_number';
  if (MOBILE.test(s)) return 'mobile';
  if (isBankCard(s)) return 'bank_card';
  if (PLATE.test(s)) return 'plate';
  if (HEX64.test(s)) return 'pseudonym';
  if (!usccAllowed && isUscc(s)) return 'uscc';
  return null;
}
