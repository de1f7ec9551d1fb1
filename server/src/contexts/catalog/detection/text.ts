import { isValidIdNumber } from '../../identity/codes.js';
import { isBankCard } from './cards.js';
import { email, mobile, plate } from './detectors.js';

/**
 * DET-02 free text (ours, decision 0064): identifiers inside free text — a 备注 or 投诉内容 value such as
 * `客户张三，电话13812345678`. One left-to-right pass over the value: maximal digit runs, the
 * characters around each '@', and a province character followed by a letter are cut out and
 * handed to the same checks the whole-value detectors use (GB 11643 check, scheme prefix +
 * length + Luhn, mobile, email, plate). Each character is visited a bounded number of times and
 * no regular expression runs, so the cost is linear in the value's length whatever it holds.
 */
export type EmbeddedKind = 'id_number' | 'bank_card' | 'mobile' | 'landline' | 'email' | 'license_plate';

export interface Span {
  kind: EmbeddedKind;
  start: number;
  end: number;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isAsciiAlnum = (c: number) => isDigit(c) || isUpper(c) || (c >= 97 && c <= 122);
const isLocalChar = (c: number) => isAsciiAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45; // . _ % + -
const isDomainChar = (c: number) => isAsciiAlnum(c) || c === 46 || c === 45;
const PROVINCE_CODES = new Set(
  [...'京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼'].map((ch) => ch.charCodeAt(0)),
);
const PLATE_SUFFIX = new Set([...'学警挂领'].map((ch) => ch.charCodeAt(0)));

const at = (v: string, i: number) => (i >= 0 && i < v.length ? v.charCodeAt(i) : -1);

/** Which identifier a bounded digit run [s, e) is, if any. ID before card: a Gansu ID starts with 62. */
function digitKind(v: string, s: number, e: number): EmbeddedKind | null {
  const len = e - s;
  const run = v.slice(s, e);
  if ((len === 11 || (len === 13 && run.startsWith('86'))) && mobile(run)) return 'mobile';
  if (len === 18 && isValidIdNumber(run)) return 'id_number';
  if (len >= 13 && len <= 19 && isBankCard(run)) return 'bank_card';
  return null;
}

/** A digit run starting at i: its end and what it is. Decimals and runs glued to letters are codes, not identifiers. */
function scanDigits(v: string, i: number): { end: number; span: Span | null } {
  let e = i;
  while (isDigit(at(v, e))) e++;
  const prev = at(v, i - 1),
    next = at(v, e);
  // 17 digits + X: an ID number whose check character is X.
  if (e - i === 17 && (next === 88 || next === 120) && !isAsciiAlnum(at(v, e + 1))) {
    const id = v.slice(i, e + 1);
    return { end: e + 1, span: isValidIdNumber(id) ? { kind: 'id_number', start: i, end: e + 1 } : null };
  }
  // 0756-2212345: area code, dash, 7–8 digit number.
  if (prev !== 45 && next === 45 && v.charCodeAt(i) === 48 && (e - i === 3 || e - i === 4) && isDigit(at(v, e + 1))) {
    let e2 = e + 1;
    while (isDigit(at(v, e2))) e2++;
    const ok =
      (e2 - e - 1 === 7 || e2 - e - 1 === 8) && !isAsciiAlnum(at(v, e2)) && at(v, e2) !== 45 && !isAsciiAlnum(prev);
    return { end: e2, span: ok ? { kind: 'landline', start: i, end: e2 } : null };
  }
  const glued =
    isAsciiAlnum(prev) ||
    isAsciiAlnum(next) ||
    (prev === 45 && isAsciiAlnum(at(v, i - 2))) ||
    (next === 46 && isDigit(at(v, e + 1))) ||
    (prev === 46 && isDigit(at(v, i - 2)));
  const kind = glued ? null : digitKind(v, i, e);
  return { end: e, span: kind ? { kind, start: prev === 43 ? i - 1 : i, end: e } : null };
}

/** The address around the '@' at i, if it is one; the local part never spans another '@'. */
function scanEmail(v: string, i: number): { end: number; span: Span | null } {
  let s = i,
    e = i + 1;
  while (s > 0 && isLocalChar(v.charCodeAt(s - 1))) s--;
  while (isDomainChar(at(v, e))) e++;
  while (e > i + 1 && v.charCodeAt(e - 1) === 46) e--; // a sentence's full stop
  return { end: e, span: s < i && email(v.slice(s, e)) ? { kind: 'email', start: s, end: e } : null };
}

/** A plate at i (province char + letter + 5–6 of A–Z/0–9, optional 学/警/挂/领), holding at least one digit. */
function scanPlate(v: string, i: number): Span | null {
  if (!isUpper(at(v, i + 1))) return null;
  let e = i + 2,
    digits = 0;
  while (e - i < 8 && (isDigit(at(v, e)) || isUpper(at(v, e)))) {
    if (isDigit(v.charCodeAt(e))) digits++;
    e++;
  }
  if (isAsciiAlnum(at(v, e)) || digits === 0) return null;
  if (e - i === 7 && PLATE_SUFFIX.has(at(v, e))) e++;
  return plate(v.slice(i, e)) ? { kind: 'license_plate', start: i, end: e } : null;
}

/** Every identifier inside a value, left to right. */
export function findIdentifiers(v: string): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < v.length; ) {
    const c = v.charCodeAt(i);
    if (isDigit(c)) {
      const r = scanDigits(v, i);
      if (r.span) out.push(r.span);
      i = r.end;
    } else if (c === 64) {
      const r = scanEmail(v, i);
      // An address found here may begin before digit runs already seen (user123@…): keep the email.
      if (r.span) {
        while (out.length && out[out.length - 1]!.start >= r.span.start) out.pop();
        out.push(r.span);
      }
      i = r.span ? r.end : i + 1; // not an address: its digits are still scanned as runs
    } else if (c >= 0x4e00 && PROVINCE_CODES.has(c)) {
      const span = scanPlate(v, i);
      if (span) out.push(span);
      i = span ? span.end : i + 1;
    } else i++;
  }
  return out;
}

/**
 * The identifier kinds embedded in a value, or null when there are none or when the value is
 * nothing but one identifier (a 手机号码 column is the mobile detector's, not free text).
 */
export function embeddedKinds(v: string): Set<EmbeddedKind> | null {
  const spans = findIdentifiers(v);
  if (spans.length === 0) return null;
  if (spans.length === 1 && spans[0]!.start === 0 && spans[0]!.end === v.length) return null;
  return new Set(spans.map((s) => s.kind));
}

/** A value with every identifier in it starred out except its first 3 and last 2 characters. */
export function maskIdentifiers(v: string): string {
  let out = '',
    last = 0;
  for (const s of findIdentifiers(v)) {
    const id = v.slice(s.start, s.end);
    out += v.slice(last, s.start) + id.slice(0, 3) + '*'.repeat(Math.max(0, id.length - 5)) + id.slice(-2);
    last = s.end;
  }
  return out + v.slice(last);
}
