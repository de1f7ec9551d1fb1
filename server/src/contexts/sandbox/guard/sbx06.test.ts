import { describe, expect, it } from 'vitest';
import { checkAst } from './ast.js';
import { FUNCTION_ALLOW_LISTS } from './functions.js';
import { checkStatement, type GuardScope } from './index.js';
import { parseSql } from './parser.js';
import { preCheck } from './tokens.js';
import { V } from './corpus.js';

// SBX-06: functions come from a versioned allow-list; file and URL readers, glob, dynamic SQL, settings,
// environment and metadata functions, and any string literal or path used as a table are FUNCTION_NOT_ALLOWED.
// Each family is tried against the whole gate AND against each layer alone (token pre-check, AST allow-list), so a
// test fails when either layer is broken even though the other would still catch the statement end to end.

const SCOPE: GuardScope = {
  objects: new Map([[V.toLowerCase(), ['统一社会信用代码', '企业名称', '注册资本', '成立日期', '所属区']]]),
  ungrantedFields: new Map(),
  allowList: 'v1',
};

const FAMILIES: [family: string, sql: string][] = [
  ['file reader read_csv', "SELECT * FROM read_csv('/etc/passwd')"],
  ['file reader read_parquet', "SELECT * FROM read_parquet('/data/raw.parquet')"],
  ['file reader read_json_auto', "SELECT * FROM read_json_auto('/x.json')"],
  ['file reader read_text', "SELECT * FROM read_text('/etc/shadow')"],
  ['glob', "SELECT * FROM glob('/data/**')"],
  ['URL reader', "SELECT * FROM read_parquet('https://evil.example/x.parquet')"],
  ['dynamic SQL query()', "SELECT * FROM query('SELECT 1')"],
  ['dynamic SQL query_table()', `SELECT * FROM query_table('${V}')`],
  ['settings current_setting', "SELECT current_setting('memory_limit')"],
  ['settings duckdb_settings', 'SELECT * FROM duckdb_settings()'],
  ['environment getenv', "SELECT getenv('HOME')"],
  ['metadata duckdb_tables', 'SELECT * FROM duckdb_tables()'],
  ['metadata pragma_table_info', `SELECT * FROM pragma_table_info('${V}')`],
  ['string literal as table', "SELECT * FROM '/etc/passwd'"],
  ['path as table (quoted identifier)', 'SELECT * FROM "/data/raw.csv"'],
];

/** Functions outside v1 that no token pattern names: only the AST allow-list stops them (deny by default). */
const UNLISTED = [
  'SELECT md5(企业名称) FROM 企业登记信息',
  'SELECT version()',
  'SELECT current_database()',
  'SELECT hash(1)',
];

describe('SBX-06 every refused family answers FUNCTION_NOT_ALLOWED under SBX-06', () => {
  for (const [family, sql] of FAMILIES) {
    it(`the gate refuses ${family}`, async () => {
      const r = await checkStatement(sql, SCOPE, 65536);
      expect(r.ok).toBe(false);
      expect(r.refusal).toMatchObject({ ruleId: 'SBX-06', code: 'FUNCTION_NOT_ALLOWED' });
    });
  }
});

describe('SBX-06 the AST allow-list refuses on its own (token pre-check bypassed)', () => {
  for (const [family, sql] of [...FAMILIES, ...UNLISTED.map((s) => ['unlisted function', s] as [string, string])]) {
    it(`checkAst refuses ${family}: ${sql.slice(0, 50)}`, async () => {
      const p = await parseSql(sql);
      if (!p.ok) throw new Error(`did not parse: ${p.message}`);
      const { refusal } = checkAst(p.statements[0]!, SCOPE, sql);
      expect(refusal).toMatchObject({ ruleId: 'SBX-06', code: 'FUNCTION_NOT_ALLOWED' });
    });
  }
});

describe('SBX-06 the token pre-check refuses readers and paths on its own', () => {
  for (const [family, sql] of FAMILIES.filter(([f]) => !/quoted identifier/.test(f))) {
    it(`preCheck refuses ${family}`, () => {
      expect(preCheck(sql, 65536)).toMatchObject({ ruleId: 'SBX-06', code: 'FUNCTION_NOT_ALLOWED' });
    });
  }
});

describe('SBX-06 the allow-list is versioned', () => {
  const GOOD = `SELECT upper(企业名称), date_trunc('month', 成立日期), count(*) FROM ${V} GROUP BY ALL`;
  it('v1 lets listed functions through (the negative case: the gate refuses only what is not listed)', async () => {
    expect(FUNCTION_ALLOW_LISTS.v1!.has('upper')).toBe(true);
    expect((await checkStatement(GOOD, SCOPE, 65536)).ok).toBe(true);
  });
  it('a version the profile names but the code does not have allows nothing, not v1', async () => {
    const r = await checkStatement(GOOD, { ...SCOPE, allowList: 'v999' }, 65536);
    expect(r.refusal).toMatchObject({ ruleId: 'SBX-06', code: 'FUNCTION_NOT_ALLOWED' });
  });
  it('no version lists a reader, glob, dynamic SQL, setting, environment or metadata function', () => {
    const banned = /^(read_|glob$|query$|query_table$|current_setting$|getenv$|duckdb_|pragma_|parquet_|sniff_)/;
    for (const [v, set] of Object.entries(FUNCTION_ALLOW_LISTS))
      expect(
        [...set].filter((f) => banned.test(f)),
        v,
      ).toEqual([]);
  });
});
