import { describe, expect, it } from 'vitest';
import { idCheckChar } from '../../identity/codes.js';
import { cardScheme, isBankCard, luhn } from './cards.js';
import { scoreColumn } from './score.js';
import { embeddedKinds, findIdentifiers } from './text.js';

// Decision 0064: bank cards by scheme prefix + length + Luhn; identifiers inside free text.
const O = {
  suggestThreshold: 0.6,
  minMatchRatio: 0.5,
  textMinShare: 0.01,
  floorRules: [] as { types: string[]; grade: 'general' | 'important' | 'core' }[],
};
const id = (first17: string) => first17 + idCheckChar(first17);
/** `prefix` + counter digits padded to `len` − 1 + the Luhn digit. */
const luhnValid = (prefix: string, i: number, len: number) => {
  const body = prefix + String(i * 7919).padStart(len - 1 - prefix.length, '0');
  for (let d = 0; d <= 9; d++) if (luhn(body + d)) return body + d;
  throw new Error('unreachable');
};
const types = (header: string, values: string[]) => scoreColumn(header, values, O).detected.map((d) => d.type);

describe('DET-02 bank card: issuer prefix and length, not the checksum alone (decision 0064)', () => {
  it('real UnionPay test numbers (16 and 19 digits) are bank cards', () => {
    for (const n of ['6200000000000005', '6216261000000000018', '6205500000000000004']) {
      expect(cardScheme(n)).toBe('unionpay');
      expect(isBankCard(n)).toBe(true);
    }
    const col = Array.from({ length: 200 }, (_, i) => luhnValid('621626', i, 19));
    const r = scoreColumn('银行卡号', col, O);
    expect(r.detected[0]).toMatchObject({ type: 'bank_card', suggested: true, checksumPassRatio: 1 });
    expect(r).toMatchObject({
      personalInfo: true,
      sensitivePersonalInfo: true,
      sensitiveCategory: 'financial_account',
    });
  });
  it('international schemes by prefix and their own lengths', () => {
    expect(cardScheme('4111111111111111')).toBe('visa');
    expect(cardScheme('5555555555554444')).toBe('mastercard');
    expect(cardScheme('2223003122003222')).toBe('mastercard');
    expect(cardScheme('378282246310005')).toBe('amex');
    expect(cardScheme('3530111333300000')).toBe('jcb');
    expect(cardScheme('6011111111111117')).toBe('discover');
    expect(cardScheme('30569309025904')).toBe('diners');
    expect(cardScheme('9558801234567890123')).toBe('cn_domestic');
    expect(cardScheme('378282246310005' + '0')).toBeNull(); // Amex is 15 digits only
    expect(cardScheme('41111111111111112')).toBeNull(); // Visa: 13, 16 or 19
  });
  it('Luhn-valid order numbers (2026…, 18 digits) are not bank cards, and the column is not PI', () => {
    const orders = Array.from({ length: 500 }, (_, i) => luhnValid('20261206', i, 18));
    expect(orders.every(luhn)).toBe(true);
    expect(orders.some(isBankCard)).toBe(false);
    const r = scoreColumn('订单号', orders, O);
    expect(r.detected.find((d) => d.type === 'bank_card')).toBeUndefined();
    expect(r.personalInfo).toBe(false);
  });
  it('Luhn-valid waybill, IMEI and serial numbers outside every scheme are not bank cards', () => {
    for (const [prefix, len] of [
      ['78', 14],
      ['86', 15],
      ['35', 15],
      ['90', 19],
      ['1', 16],
      ['7', 17],
      ['8', 19],
    ] as const) {
      const col = Array.from({ length: 200 }, (_, i) => luhnValid(prefix, i, len));
      expect(types('编号', col), `${prefix}/${len}`).not.toContain('bank_card');
    }
  });
});

describe('DET-02 free text: identifiers inside text make the column PI (decision 0064)', () => {
  const remarks = (withPhone: number, n = 100) =>
    Array.from({ length: n }, (_, i) =>
      i < withPhone
        ? `客户张${i}，电话1381234${String(i).padStart(4, '0')}，请回电`
        : `材料齐全，同意受理，${i}日内办结`,
    );

  it('a remark column with embedded phones is flagged PI (text_pii) with the share of values holding one', () => {
    const r = scoreColumn('备注', remarks(30), O);
    const d = r.detected.find((x) => x.type === 'text_pii')!;
    expect(d).toMatchObject({
      suggested: true,
      matches: 30,
      sampled: 100,
      matchRatio: 0.3,
      embedded: { mobile: 30 },
      headerKeywordHit: true,
    });
    expect(r).toMatchObject({ personalInfo: true, sensitivePersonalInfo: false, category: '个人信息/一般个人信息' });
    expect(r.maskedExamples.join('')).not.toContain('13812340000'); // DET-01: no raw identifier in an example
  });
  it('below detect.textMinShare, or with no identifier at all, the column stays general', () => {
    expect(types('备注', remarks(0))).not.toContain('text_pii');
    expect(scoreColumn('备注', remarks(1, 1000), O).personalInfo).toBe(false);
    expect(scoreColumn('备注', remarks(10, 1000), O).personalInfo).toBe(true);
  });
  it('an ID number inside text is sensitive specific_identity; floor rules see the embedded kind', () => {
    const col = Array.from(
      { length: 50 },
      (_, i) => `${i % 2 ? '王伟' : '李娜'}（身份证${id(`44040219850314${String(i).padStart(3, '0')}`)}）投诉噪音`,
    );
    const floors = { ...O, floorRules: [{ types: ['id_number'], grade: 'important' as const }] };
    const r = scoreColumn('投诉内容', col, floors);
    expect(r.detected[0]).toMatchObject({ type: 'text_pii', matchRatio: 1, embedded: { id_number: 50 } });
    expect(r).toMatchObject({
      personalInfo: true,
      sensitivePersonalInfo: true,
      sensitiveCategory: 'specific_identity',
      suggestedGrade: 'important',
    });
  });
  it('numbers in text that are not identifiers: dates, amounts, case numbers, Luhn-valid order numbers', () => {
    const col = Array.from(
      { length: 200 },
      (_, i) =>
        [
          `2026-12-0${(i % 9) + 1}受理，订单号${luhnValid('20261206', i, 18)}，退款金额${i}38.50元`,
          `案号（2026）粤0402民初${1000 + i}号，工号${10000 + i}`,
          `金额13812345678.50元，编号SN1381234${String(i).padStart(4, '0')}`,
        ][i % 3]!,
    );
    expect(types('处理意见', col)).toEqual([]);
  });
  it('whole-value identifier columns keep their own detector, not text_pii', () => {
    const mobiles = Array.from({ length: 100 }, (_, i) => `1381234${String(i).padStart(4, '0')}`);
    expect(types('手机号码', mobiles)).toEqual(['mobile']);
    expect(
      types(
        '金额',
        Array.from({ length: 100 }, (_, i) => `${i * 1000 + 7}.25`),
      ),
    ).toEqual([]);
  });
  it('finds mobile (+86), ID with X, email, bank card, plate and landline; codes glued to letters are not identifiers', () => {
    const x = (() => {
      for (let i = 0; ; i++) {
        const v = id(`44040219850314${String(i).padStart(3, '0')}`);
        if (v.endsWith('X')) return v;
      }
    })();
    const kinds = (v: string) => findIdentifiers(v).map((s) => s.kind);
    expect(kinds('来电人手机+8613812345678，退款至6216261000000000018')).toEqual(['mobile', 'bank_card']);
    expect(kinds(`身份证${x}，邮箱zhang.san@example.com。`)).toEqual(['id_number', 'email']);
    expect(kinds('车辆粤CD12345被剐蹭，电话0756-2212345')).toEqual(['license_plate', 'landline']);
    expect(kinds('SN13812345678、13812345678A、v1.13812345678')).toEqual([]);
    expect(embeddedKinds('13812345678')).toBeNull();
    expect(embeddedKinds('13812345678/13912345678')).toEqual(new Set(['mobile']));
  });
  it('scans in linear time: hostile values of 200k characters finish fast', () => {
    const hostile = [
      '1'.repeat(200_000),
      '@'.repeat(200_000),
      'a@'.repeat(100_000),
      'a.'.repeat(100_000) + '@',
      '粤A'.repeat(100_000),
      '0-'.repeat(100_000),
    ];
    const t0 = performance.now();
    for (const v of hostile) findIdentifiers(v);
    expect(performance.now() - t0).toBeLessThan(2000); // quadratic would be ~10^10 steps
  });
});
