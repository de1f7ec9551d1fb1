import { describe, expect, it } from 'vitest';
import * as zhModules from './zh-CN';
import * as enModules from './en-US';
import { mergeMessages } from '../i18n/merge';

const KEY = /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9_-]+){2,}$/;

// style.md §8: a test fails on keys that differ between locales.
describe('locales', () => {
  it('zh-CN and en-US export the same contexts', () => {
    expect(Object.keys(enModules).sort()).toEqual(Object.keys(zhModules).sort());
  });

  for (const ctx of Object.keys(zhModules) as (keyof typeof zhModules)[]) {
    it(`${ctx}: zh-CN and en-US have the same keys`, () => {
      const zh = Object.keys(zhModules[ctx]);
      const en = Object.keys((enModules as Record<string, Record<string, string>>)[ctx] ?? {});
      expect({
        missingInEnglish: zh.filter((k) => !en.includes(k)),
        missingInChinese: en.filter((k) => !zh.includes(k)),
      }).toEqual({ missingInEnglish: [], missingInChinese: [] });
    });
  }

  it('every key is <context>.<page>.<element>, starts with its context, and has non-empty text', () => {
    const bad: string[] = [];
    for (const modules of [zhModules, enModules] as Record<string, Record<string, string>>[]) {
      for (const [ctx, table] of Object.entries(modules)) {
        for (const [k, v] of Object.entries(table)) {
          if (!KEY.test(k) || !k.startsWith(`${ctx}.`) || !v.trim()) bad.push(`${ctx}:${k}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('no key is defined by two contexts', () => {
    const merged = mergeMessages(zhModules as Record<string, Record<string, string>>);
    const count = Object.values(zhModules).reduce((n, m) => n + Object.keys(m).length, 0);
    expect(Object.keys(merged).length).toBe(count);
  });

  it('placeholders match between locales', () => {
    const zh = mergeMessages(zhModules as Record<string, Record<string, string>>);
    const en = mergeMessages(enModules as Record<string, Record<string, string>>);
    const ph = (s = '') => (s.match(/\{\w+\}/g) ?? []).sort().join(',');
    const diff = Object.keys(zh).filter((k) => ph(zh[k]) !== ph(en[k]));
    expect(diff).toEqual([]);
  });
});
