import { describe, expect, it } from 'vitest';
import { messageFor } from '../../../kernel/http/messages.js';
import '../messages.js';
import { checkStatement, syntaxAt, type GuardScope } from './index.js';
import { V } from './corpus.js';

const SCOPE: GuardScope = {
  objects: new Map([[V.toLowerCase(), ['统一社会信用代码', '企业名称', '注册资本', '成立日期', '所属区']]]),
  ungrantedFields: new Map(),
  allowList: 'v1',
};

// Issue 14: a SQL typo reads as a syntax error with its position, never as a policy refusal.
describe('SBX-05 SQL_SYNTAX names the line and column of a typo', () => {
  it('FORM for FROM on line 1 points at the token after it', async () => {
    const r = await checkStatement(`SELECT 所属区, count(*) FORM ${V}`, SCOPE, 65536);
    expect(r.refusal).toMatchObject({ ruleId: 'SBX-05', code: 'SQL_SYNTAX', params: { line: 1, column: 27, near: V } });
    const m = messageFor('SQL_SYNTAX', r.refusal!.params);
    expect(m.zh).toContain('第 1 行第 27 列');
    expect(m.zh).not.toMatch(/拒绝|syntax error/);
  });

  it('a typo on line 2 of a multi-line statement, after a leading comment and EXPLAIN', async () => {
    const r = await checkStatement(`-- 按区统计\nEXPLAIN SELECT 所属区\n  FROMM ${V} GROUP BY 所属区`, SCOPE, 65536);
    expect(r.refusal?.code).toBe('SQL_SYNTAX');
    expect(r.refusal?.params).toMatchObject({ line: 3 });
  });

  it('an unterminated string is reported at the end of the statement', async () => {
    const sql = `SELECT 1 FROM ${V} WHERE 企业名称 = 'abc`;
    const r = await checkStatement(sql, SCOPE, 65536);
    expect(r.refusal?.code).toBe('SQL_SYNTAX');
    expect(r.refusal?.params).toMatchObject({ line: 1, column: [...sql].length + 1 });
  });

  it('syntaxAt counts characters, not bytes, and lines from 1', () => {
    expect(syntaxAt('SELECT 甲\nFORM t', 11, '')).toMatchObject({ line: 2, column: 3, near: 'RM t' });
    expect(syntaxAt('SELECT', 6, '')).toMatchObject({ line: 1, column: 7, near: 'SELECT' });
  });
});
