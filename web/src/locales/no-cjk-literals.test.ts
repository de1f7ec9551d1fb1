import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// style.md §8: every visible string is an i18n key, so TSX must not contain Chinese literals
// (comments are fine; language names use \u escapes). Put the text in locales/<lang>/<context>.ts.
const SRC = fileURLToPath(new URL('..', import.meta.url));
const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'locales' ? [] : tsxFiles(p);
    return p.endsWith('.tsx') ? [p] : [];
  });
}

/** Blanks out // and /* *\/ comments (roughly; good enough for our sources). */
function stripComments(src: string): string {
  return src
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, '');
}

describe('no CJK literals in TSX', () => {
  it('web/src/**/*.tsx has no Chinese text outside comments', () => {
    const bad: string[] = [];
    for (const f of tsxFiles(SRC)) {
      stripComments(readFileSync(f, 'utf8'))
        .split('\n')
        .forEach((line, i) => {
          if (CJK.test(line)) bad.push(`${relative(SRC, f)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(bad).toEqual([]);
  });
});
