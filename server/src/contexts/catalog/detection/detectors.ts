import { isValidIdNumber, isValidUscc } from '../../identity/codes.js';
import { cardScheme, luhn } from './cards.js';

export { luhn } from './cards.js';

/**
 * Value recognizers of DET-02. Each is a prefilter on length and character class followed by
 * a linear check: no regular expression with backtracking ever runs on an attacker-controlled
 * value (style.md §10), and most values are refused after one or two char-code tests.
 */
export type DetectorKind = 'checksum' | 'pattern' | 'heuristic';

export interface Detector {
  type: string;
  kind: DetectorKind;
  /** Header keywords that add DET-03's +0.1. */
  keywords: readonly string[];
  /** Does this value have the detector's shape? (for checksum detectors: shape only) */
  shape(v: string): boolean;
  /** Checksum detectors: does a shaped value pass the check? */
  checksum?(v: string): boolean;
  /** Needs a header keyword to count at all (date of birth, DET-02). */
  requiresKeyword?: boolean;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const allDigits = (v: string, from = 0, to = v.length) => {
  for (let i = from; i < to; i++) if (!isDigit(v.charCodeAt(i))) return false;
  return true;
};
const isUpper = (c: number) => c >= 65 && c <= 90;
const isCjk = (c: number) => c >= 0x4e00 && c <= 0x9fff;

/** GB 11643 shape: 17 digits + digit/X with a plausible birth date; or the legacy 15-digit form. */
export function idShape(v: string): boolean {
  if (v.length === 18) {
    const last = v.charCodeAt(17);
    if (!allDigits(v, 0, 17) || !(isDigit(last) || last === 88 || last === 120)) return false;
    const y = (v.charCodeAt(6) - 48) * 10 + (v.charCodeAt(7) - 48);
    return y === 19 || y === 20;
  }
  return v.length === 15 && allDigits(v);
}

/** 15-digit legacy numbers (before 1999) have no check digit: a valid 19yy birth date is the check. */
export function idCheck(v: string): boolean {
  if (v.length === 15) {
    const m = Number(v.slice(8, 10)),
      d = Number(v.slice(10, 12));
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
  }
  return isValidIdNumber(v);
}

const USCC_SET = new Set('0123456789ABCDEFGHJKLMNPQRTUWXY');
function usccShape(v: string): boolean {
  if (v.length !== 18) return false;
  for (let i = 0; i < 18; i++) if (!USCC_SET.has(v[i]!)) return false;
  return allDigits(v, 2, 8); // the division code is numeric (GB 32100 §4)
}

// `^(\+?86)?1[3-9]\d{9}$`
export function mobile(v: string): boolean {
  let s = v;
  if (s.length === 14 && s.startsWith('+86')) s = s.slice(3);
  else if (s.length === 13 && s.startsWith('86')) s = s.slice(2);
  if (s.length !== 11 || s.charCodeAt(0) !== 49) return false;
  const c = s.charCodeAt(1);
  return c >= 51 && c <= 57 && allDigits(s, 2);
}

// `^0\d{2,3}-?\d{7,8}$`
function landline(v: string): boolean {
  if (v.length < 10 || v.length > 13 || v.charCodeAt(0) !== 48) return false;
  const dash = v.indexOf('-');
  if (dash >= 0) {
    return (
      (dash === 3 || dash === 4) &&
      allDigits(v, 1, dash) &&
      v.length - dash - 1 >= 7 &&
      v.length - dash - 1 <= 8 &&
      allDigits(v, dash + 1)
    );
  }
  // Without a dash the split is ambiguous; 10–12 digits starting with 0 fit one of them.
  return v.length <= 12 && allDigits(v) && v.charCodeAt(1) !== 48;
}

// `^[EGDSP]\d{8}$` or `^E[A-HJ-NP-Z]\d{7}$`
function passport(v: string): boolean {
  if (v.length !== 9) return false;
  const c0 = v.charCodeAt(0);
  if ('EGDSP'.includes(v[0]!) && allDigits(v, 1)) return true;
  const c1 = v.charCodeAt(1);
  return c0 === 69 && isUpper(c1) && c1 !== 73 && c1 !== 79 && allDigits(v, 2);
}

export function email(v: string): boolean {
  if (v.length < 6 || v.length > 254) return false;
  const at = v.indexOf('@');
  if (at < 1 || at !== v.lastIndexOf('@')) return false;
  const dot = v.lastIndexOf('.');
  if (dot < at + 2 || dot > v.length - 3) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c <= 32 || c === 44 || c === 59 || c > 126) return false;
  }
  return true;
}

function ipv4(v: string): boolean {
  if (v.length < 7 || v.length > 15) return false;
  let parts = 0,
    n = 0,
    digits = 0;
  for (let i = 0; i <= v.length; i++) {
    const c = i === v.length ? 46 : v.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || n > 255) return false;
      parts++;
      n = 0;
      digits = 0;
    } else if (isDigit(c)) {
      n = n * 10 + c - 48;
      digits++;
      if (digits > 3) return false;
    } else return false;
  }
  return parts === 4;
}

function ipv6(v: string): boolean {
  if (v.length < 3 || v.length > 39 || v.indexOf(':') < 0) return false;
  let groups = 1,
    len = 0,
    dbl = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 58) {
      if (i > 0 && v.charCodeAt(i - 1) === 58) dbl++;
      groups++;
      len = 0;
    } else if (isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)) {
      if (++len > 4) return false;
    } else return false;
  }
  return dbl <= 1 && (groups === 8 || (dbl === 1 && groups <= 8));
}

const PROVINCES = new Set('京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼');
/** Province char + letter + 5 (or 6, new energy) of A–Z (no I/O) / 0–9; optional 学/警/挂 suffix. */
export function plate(v: string): boolean {
  if (v.length < 7 || v.length > 8 || !PROVINCES.has(v[0]!) || !isUpper(v.charCodeAt(1))) return false;
  for (let i = 2; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (!(isDigit(c) || (isUpper(c) && c !== 73 && c !== 79))) return i === v.length - 1 && '学警挂领'.includes(v[i]!);
  }
  return true;
}

/** A date 1900–today (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD); DET-02 counts it only with a 出生/生日 header. */
function birthDate(v: string): boolean {
  let y: number, m: number, d: number;
  if (v.length === 8 && allDigits(v)) {
    y = +v.slice(0, 4);
    m = +v.slice(4, 6);
    d = +v.slice(6, 8);
  } else if (
    v.length === 10 &&
    (v[4] === '-' || v[4] === '/') &&
    v[7] === v[4] &&
    allDigits(v, 0, 4) &&
    allDigits(v, 5, 7) &&
    allDigits(v, 8)
  ) {
    y = +v.slice(0, 4);
    m = +v.slice(5, 7);
    d = +v.slice(8, 10);
  } else return false;
  if (y < 1900 || y > new Date().getUTCFullYear() || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

// Common surnames (百家姓 head, covering the great majority of the population) and compound ones.
const SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝',
);
const COMPOUND = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '端木',
];
// Characters that mark an organization or place rather than a person.
const NOT_NAME = new Set('局司厅委办院所部中心市省区县镇村路街号楼室队站校馆公有限');

function chineseName(v: string): boolean {
  if (v.length < 2 || v.length > 4) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (!isCjk(c) && c !== 0xb7) return false;
    if (NOT_NAME.has(v[i]!)) return false;
  }
  return SURNAMES.has(v[0]!) || (v.length >= 3 && COMPOUND.includes(v.slice(0, 2)));
}

const ADDRESS_MARKS = [
  '省',
  '市',
  '区',
  '县',
  '镇',
  '乡',
  '村',
  '路',
  '街',
  '道',
  '号',
  '巷',
  '弄',
  '栋',
  '室',
  '楼',
  '大厦',
  '花园',
];
function address(v: string): boolean {
  if (v.length < 6 || v.length > 120 || !isCjk(v.charCodeAt(0))) return false;
  let marks = 0;
  for (const m of ADDRESS_MARKS) if (v.includes(m)) marks++;
  // A number before 号 / 室 is the strongest hint of a street address.
  const numbered = /\d号/.test(v);
  return marks >= 3 || (marks >= 2 && numbered);
}

/** DET-02 recognizers in the order the CLI prints them. */
export const DETECTORS: readonly Detector[] = [
  {
    type: 'id_number',
    kind: 'checksum',
    keywords: ['身份证', '证件号码', '证件号', '公民身份号码', 'idcard', 'id_no', 'id_number', 'sfzh'],
    shape: idShape,
    checksum: idCheck,
  },
  {
    type: 'uscc',
    kind: 'checksum',
    keywords: ['信用代码', '统一社会信用代码', 'uscc', 'credit_code', 'tyshxydm'],
    shape: usccShape,
    checksum: isValidUscc,
  },
  // Shape is a scheme's IIN prefix and length (cards.ts), not any 16–19 digits: Luhn-valid order
  // and waybill numbers have neither (decision 0064).
  {
    type: 'bank_card',
    kind: 'checksum',
    keywords: ['银行卡', '卡号', '账号', '银行账户', 'card_no', 'bank_card', 'account'],
    shape: (v) => cardScheme(v) !== null,
    checksum: luhn,
  },
  {
    type: 'mobile',
    kind: 'pattern',
    keywords: ['手机', '电话', '联系方式', 'mobile', 'phone', 'tel', 'sjhm'],
    shape: mobile,
  },
  {
    type: 'landline',
    kind: 'pattern',
    keywords: ['电话', '座机', '固话', '联系电话', 'tel', 'phone'],
    shape: landline,
  },
  { type: 'passport', kind: 'pattern', keywords: ['护照', 'passport'], shape: passport },
  { type: 'email', kind: 'pattern', keywords: ['邮箱', '电子邮件', 'email', 'mail'], shape: email },
  { type: 'ip', kind: 'pattern', keywords: ['ip', 'IP地址', '地址ip'], shape: (v) => ipv4(v) || ipv6(v) },
  { type: 'license_plate', kind: 'pattern', keywords: ['车牌', '号牌', 'plate', 'hphm'], shape: plate },
  {
    type: 'birth_date',
    kind: 'pattern',
    keywords: ['出生', '生日', 'birth', 'csrq'],
    shape: birthDate,
    requiresKeyword: true,
  },
  {
    type: 'person_name',
    kind: 'heuristic',
    keywords: ['姓名', '名字', '联系人', '法定代表人', '负责人', '所有人', 'name', 'xm'],
    shape: chineseName,
  },
  {
    type: 'address',
    kind: 'heuristic',
    keywords: ['地址', '住址', '住所', '居住地', 'address', 'addr', 'dz'],
    shape: address,
  },
];
