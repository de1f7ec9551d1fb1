import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { idCheckChar, usccCheckChar } from '../../identity/codes.js';
import { DETECTORS, luhn } from './detectors.js';
import { sampleCsv } from './csv.js';
import { scoreColumn, flagsOf, maskValue } from './score.js';
import { scanCsvFile } from './scan.js';
import { bigrams, queryText } from '../search.js';

const O = {
  suggestThreshold: 0.6,
  minMatchRatio: 0.5,
  textMinShare: 0.01,
  floorRules: [] as { types: string[]; grade: 'general' | 'important' | 'core' }[],
};
const det = (type: string) => DETECTORS.find((d) => d.type === type)!;
const withCheck = (first17: string) => first17 + idCheckChar(first17);

describe('DET-02 recognizers', () => {
  it('ID number: GB 11643 check digit and a real birth date', () => {
    expect(det('id_number').checksum!('440402198503141239')).toBe(true);
    expect(det('id_number').checksum!('440402198503141231')).toBe(false);
    expect(det('id_number').shape('440402198513141234')).toBe(true);
    expect(det('id_number').checksum!(withCheck('44040219851314123'))).toBe(false); // month 13
    expect(det('id_number').shape('4404021985031412')).toBe(false);
  });
  it('USCC: GB 32100 check character', () => {
    const body = '91440400MA5D1122';
    const s = `${body}3${usccCheckChar(`${body}3`)}`;
    expect(det('uscc').shape(s) && det('uscc').checksum!(s)).toBe(true);
    expect(det('uscc').checksum!(`${s.slice(0, 17)}${s[17] === '0' ? '1' : '0'}`)).toBe(false);
  });
  it('bank card: Luhn', () => {
    expect(luhn('6222021234567890128')).toBe(luhn('6222021234567890128'));
    expect(luhn('4111111111111111')).toBe(true);
    expect(luhn('4111111111111112')).toBe(false);
  });
  it('mobile, landline, passport, email, IP, plate', () => {
    expect(det('mobile').shape('13812345678')).toBe(true);
    expect(det('mobile').shape('+8613812345678')).toBe(true);
    expect(det('mobile').shape('12812345678')).toBe(false);
    expect(det('landline').shape('0756-2212345')).toBe(true);
    expect(det('landline').shape('13812345678')).toBe(false);
    expect(det('passport').shape('E12345678')).toBe(true);
    expect(det('passport').shape('EA1234567')).toBe(true);
    expect(det('passport').shape('EI1234567')).toBe(false);
    expect(det('email').shape('chen.jing@zhsamr.gov.cn')).toBe(true);
    expect(det('email').shape('a@b')).toBe(false);
    expect(det('ip').shape('192.168.1.20')).toBe(true);
    expect(det('ip').shape('256.1.1.1')).toBe(false);
    expect(det('ip').shape('2001:db8::1')).toBe(true);
    expect(det('license_plate').shape('粤C12345')).toBe(true);
    expect(det('license_plate').shape('粤CD12345')).toBe(true);
    expect(det('license_plate').shape('XX12345')).toBe(false);
  });
  it('Chinese name and address heuristics', () => {
    expect(det('person_name').shape('陈静')).toBe(true);
    expect(det('person_name').shape('欧阳明月')).toBe(true);
    expect(det('person_name').shape('市场监督管理局')).toBe(false);
    expect(det('address').shape('广东省珠海市香洲区情侣中路123号')).toBe(true);
    expect(det('address').shape('无')).toBe(false);
  });
});

describe('DET-03 confidence (scenario 2)', () => {
  const ids = (validShare: number) =>
    Array.from({ length: 1000 }, (_, i) => {
      const body = `44040219850314${String(i % 1000).padStart(3, '0')}`;
      const good = withCheck(body);
      if (i < validShare * 1000) return good;
      return body + (good.endsWith('1') ? '2' : '1');
    });
  it('98 % valid check digits under 证件号码 → ID suggestion, PI + sensitive, confidence 0.9', () => {
    const r = scoreColumn('证件号码', ids(0.98), O);
    const d = r.detected.find((x) => x.type === 'id_number')!;
    expect(d.confidence).toBe(0.9);
    expect(d.suggested).toBe(true);
    expect(r.personalInfo && r.sensitivePersonalInfo).toBe(true);
    expect(r.sensitiveCategory).toBe('specific_identity');
  });
  it('3 % valid → no ID suggestion', () => {
    const r = scoreColumn('证件号码', ids(0.03), O);
    expect(r.detected.find((x) => x.type === 'id_number')).toBeUndefined();
    expect(r.sensitivePersonalInfo).toBe(false);
  });
  it('checksum pass below 90 % gives 0.5, +0.1 with header', () => {
    expect(scoreColumn('col', ids(0.7), O).detected.find((x) => x.type === 'id_number')!.confidence).toBe(0.5);
    expect(scoreColumn('身份证', ids(0.7), O).detected.find((x) => x.type === 'id_number')!.confidence).toBe(0.6);
  });
  it('caps at 0.95 and names need the header keyword to be suggested', () => {
    const names = Array.from({ length: 100 }, (_, i) => ['陈静', '王伟', '李娜', '张敏'][i % 4]!);
    expect(scoreColumn('col', names, O).detected[0]).toMatchObject({
      type: 'person_name',
      confidence: 0.5,
      suggested: false,
    });
    expect(scoreColumn('姓名', names, O).detected[0]).toMatchObject({
      type: 'person_name',
      confidence: 0.6,
      suggested: true,
    });
  });
  it('date of birth needs 出生/生日 in the header', () => {
    const dates = Array.from({ length: 50 }, () => '1985-03-14');
    expect(scoreColumn('日期', dates, O).detected.find((x) => x.type === 'birth_date')).toBeUndefined();
    expect(scoreColumn('出生日期', dates, O).detected.find((x) => x.type === 'birth_date')?.suggested).toBe(true);
  });
});

describe('DET-04 flags and floor rules', () => {
  it('bank card is sensitive financial_account; USCC is not PI', () => {
    expect(flagsOf(['bank_card'], O)).toMatchObject({
      personalInfo: true,
      sensitivePersonalInfo: true,
      sensitiveCategory: 'financial_account',
    });
    expect(flagsOf(['uscc'], O)).toMatchObject({ personalInfo: false, sensitivePersonalInfo: false });
  });
  it('suggestedGrade is the highest matching floor rule, else general', () => {
    expect(flagsOf(['mobile'], O).suggestedGrade).toBe('general');
    const floors = {
      floorRules: [
        { types: ['mobile'], grade: 'important' as const },
        { types: ['id_number'], grade: 'core' as const },
      ],
    };
    expect(flagsOf(['mobile', 'id_number'], floors).suggestedGrade).toBe('core');
  });
  it('masks examples (DET-01 stores no raw values)', () =>
    expect(maskValue('440402198503141239')).toBe('4404**********1239'));
});

describe('DET-01 scan of a CSV file', () => {
  it('samples at most sampleSize values per column and prints one result per column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scan-'));
    const rows = ['姓名,手机号码,备注'];
    for (let i = 0; i < 5000; i++)
      rows.push(`${['陈静', '王伟'][i % 2]},1381234${String(i).padStart(4, '0')},"说明,含逗号"`);
    const file = join(dir, 'x.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    const s = sampleCsv(file, 1000);
    expect(s.rows).toBe(5000);
    expect(s.values[1]!.length).toBeLessThanOrEqual(1000);
    expect(s.values[2]![0]).toBe('说明,含逗号');
    const r = scanCsvFile(file, { ...O, sampleSize: 1000 });
    expect(r.columns.map((c) => c.column)).toEqual(['姓名', '手机号码', '备注']);
    expect(r.columns[1]!.detected[0]).toMatchObject({ type: 'mobile', suggested: true });
    expect(r.columns[2]!.detected).toEqual([]);
  });
});

describe('CAT-09 bigram tokens', () => {
  it('splits Chinese into overlapping bigrams and keeps Latin words', () => {
    expect(bigrams('企业登记 ABC')).toEqual(['企业', '业登', '登记', 'abc']);
    expect(queryText('登记')).toBe('登记');
    expect(queryText("局'; DROP")).toBe('局:* & drop:*');
    expect(queryText('!!!')).toBeNull();
  });
});
