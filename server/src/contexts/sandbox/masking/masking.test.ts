import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { ql } from '../engine/instance.js';
import { enterpriseRow, idNumberFor, writeEnterpriseParquet } from '../test/factories.js';
import { TEST_KEYS, maskedFixture } from '../test/factories.js';
import { buildMaskedParquet, SUBJECT_COLUMN } from './build.js';
import { applyRule, maskValue, shiftDate, shiftDays, truncateValue, generalizeValue, roundValue } from './methods.js';

async function rows(file: string, sql = 'SELECT * FROM t'): Promise<Record<string, unknown>[]> {
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  await c.run(`CREATE VIEW t AS SELECT * FROM read_parquet(${ql(file)})`);
  const r = (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  c.closeSync();
  inst.closeSync();
  return r;
}

describe('masking methods (sandbox.md table)', () => {
  it('mask keeps first 3 and last 4', () => expect(maskValue('13812345678')).toBe('138****5678'));
  it('truncate keeps the first n characters', () =>
    expect(truncateValue('深圳市罗湖区东门街道湖贝路12号', { length: 10 })).toBe('深圳市罗湖区东门街道'));
  it('generalize maps dates to months and ages to bands', () => {
    expect(generalizeValue('1987-06-14')).toBe('1987-06');
    expect(generalizeValue(37, { band: 5 })).toBe('35–39');
  });
  it('round rounds to the unit', () => expect(roundValue(5230000, { unit: 1000000 })).toBe(5000000));
  it('date_shift moves all dates of one subject by the same offset within ±N', () => {
    const d = shiftDays(TEST_KEYS, 'subject-1', 30);
    expect(Math.abs(d)).toBeLessThanOrEqual(30);
    expect(shiftDays(TEST_KEYS, 'subject-1', 30)).toBe(d);
    expect(shiftDate('2024-03-02', 17)).toBe('2024-03-19');
  });
});

describe('SBX-04 masked view build', () => {
  it('holds only granted fields, masked exactly as the Node methods say, and no raw ID number', async () => {
    const fx = await maskedFixture(300);
    const out = await rows(fx.view.file, 'SELECT * FROM t ORDER BY 统一社会信用代码');
    expect(Object.keys(out[0]!)).toEqual([...fx.view.columns, SUBJECT_COLUMN]);
    expect(Object.keys(out[0]!)).not.toContain('法定代表人');
    const raw = await rows(fx.raw, 'SELECT * FROM t ORDER BY 统一社会信用代码');
    for (let i = 0; i < raw.length; i++) {
      expect(out[i]!.法定代表人身份证号).toBe(
        applyRule({ method: 'hmac_pseudonym' }, raw[i]!.法定代表人身份证号, TEST_KEYS, { dateShiftDays: 30 }),
      );
      expect(Number(out[i]!.注册资本)).toBe(roundValue(Number(raw[i]!.注册资本), { unit: 1000000 }));
      expect(out[i]!.成立日期).toBe(String(raw[i]!.成立日期).slice(0, 7));
    }
    const bytes = (await readFile(fx.view.file)).toString('latin1');
    expect(bytes.includes(idNumberFor(5))).toBe(false);
  });

  it('PERF-02 pseudonyms are the same 64-hex value on every rebuild', async () => {
    const fx = await maskedFixture(50);
    const again = join(fx.dir, 'again.parquet');
    await buildMaskedParquet({
      sourceFile: fx.raw,
      outFile: again,
      fields: [{ source: '法定代表人身份证号', name: 'p', rule: { method: 'hmac_pseudonym' } }],
      subjectSource: null,
      keys: TEST_KEYS,
      dateShiftDays: 30,
    });
    const a = await rows(fx.view.file, 'SELECT 法定代表人身份证号 AS p FROM t ORDER BY 统一社会信用代码');
    const b = await rows(fx.raw, 'SELECT 统一社会信用代码 FROM t ORDER BY 统一社会信用代码');
    const c = await rows(again);
    expect(a[0]!.p).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(c.map((r) => r.p))).toEqual(new Set(a.map((r) => r.p)));
    expect(b.length).toBe(50);
  });

  it('date_shift, mask, truncate, sm4_token and drop in SQL agree with Node', async () => {
    const fx = await maskedFixture(20);
    const file = join(fx.dir, 'm2.parquet');
    await buildMaskedParquet({
      sourceFile: fx.raw,
      outFile: file,
      subjectSource: '统一社会信用代码',
      keys: TEST_KEYS,
      dateShiftDays: 30,
      fields: [
        { source: '统一社会信用代码', name: 'u', rule: { method: 'none' } },
        { source: '成立日期', name: 'd', rule: { method: 'date_shift' } },
        { source: '企业名称', name: 'm', rule: { method: 'mask', params: { keepFirst: 2, keepLast: 2 } } },
        { source: '登记机关', name: 't', rule: { method: 'truncate', params: { length: 4 } } },
        { source: '法定代表人身份证号', name: 'k', rule: { method: 'sm4_token' } },
        { source: '法定代表人', name: 'x', rule: { method: 'drop' } },
        { source: '所属区', name: 's', rule: { method: 'suppress' } },
      ],
    });
    const out = await rows(file, 'SELECT * FROM t ORDER BY u');
    expect(Object.keys(out[0]!)).not.toContain('x');
    for (const r of out) {
      const i = Number(String(r.u).slice(6, 17));
      const e = enterpriseRow(i);
      expect(String(r.d)).toBe(shiftDate(e.成立日期, shiftDays(TEST_KEYS, e.统一社会信用代码, 30)));
      expect(r.m).toBe(maskValue(e.企业名称, { keepFirst: 2, keepLast: 2 }));
      expect(r.t).toBe(truncateValue(e.登记机关, { length: 4 }));
      expect(r.k).toBe(applyRule({ method: 'sm4_token' }, e.法定代表人身份证号, TEST_KEYS, { dateShiftDays: 30 }));
      expect(r.s).toBeNull();
    }
  });
});

void writeEnterpriseParquet;
