import { checkAst, type GuardScope, type SqlAstNode, type StatementFacts } from './ast.js';
import { parseSql } from './parser.js';
import { preCheck, refusal, type Refusal } from './tokens.js';

export type { GuardScope, SqlAstNode, StatementFacts } from './ast.js';
export type { Refusal } from './tokens.js';

export interface GuardResult {
  ok: boolean;
  refusal?: Refusal;
  /** The SELECT to run (without a leading EXPLAIN), and whether EXPLAIN was asked for. */
  query: string;
  explain: boolean;
  ast?: SqlAstNode;
  facts?: StatementFacts;
}

/**
 * The statement gate (SBX-03, SBX-05, SBX-06, SBX-08): token pre-check, then the parsed AST
 * from a separate locked-down instance. It accepts or refuses; it never rewrites (PERF-01).
 */
export async function checkStatement(sql: string, scope: GuardScope, maxBytes: number): Promise<GuardResult> {
  const pre = preCheck(sql, maxBytes);
  // An unterminated string or comment runs to the end of the statement: that is where it is reported.
  if (pre)
    return {
      ok: false,
      refusal:
        pre.code === 'SQL_SYNTAX'
          ? refusal('SBX-05', 'SQL_SYNTAX', syntaxAt(sql, sql.length, String(pre.params.detail ?? '')))
          : pre,
      query: sql,
      explain: false,
    };
  // SBX-05: plain EXPLAIN is allowed (EXPLAIN ANALYZE is refused by the pre-check: ANALYZE).
  const m = /^\s*explain\s+/i.exec(stripLeadingComments(sql));
  const query = m ? stripLeadingComments(sql).slice(m[0].length) : sql;
  const parsed = await parseSql(query);
  if (!parsed.ok) {
    // SBX-05, and with it AUTH-30: no write path to data; anything but a query is refused before the engine.
    const r = parsed.notSelect
      ? refusal('SBX-05', 'STATEMENT_NOT_ALLOWED', { what: 'non-query' })
      : refusal(
          'SBX-05',
          'SQL_SYNTAX',
          syntaxAt(sql, sql.length - query.length + (parsed.position ?? query.length), firstLine(parsed.message)),
        );
    return { ok: false, refusal: r, query, explain: !!m };
  }
  if (parsed.statements.length !== 1)
    return { ok: false, refusal: refusal('SBX-05', 'MULTIPLE_STATEMENTS'), query, explain: !!m };
  const ast = parsed.statements[0];
  const { refusal: r, facts } = checkAst(ast, scope, query);
  if (r) return { ok: false, refusal: r, query, explain: !!m, ast, facts };
  return { ok: true, query, explain: !!m, ast, facts };
}

/**
 * Where a typo is (issue 14: a SQL typo reads as a syntax error with its position, not as a policy refusal):
 * 1-based line and column of the character offset, and the statement's own text there (the user's SQL, no data).
 */
export function syntaxAt(
  sql: string,
  offset: number,
  detail: string,
): { line: number; column: number; near: string; detail: string } {
  const chars = [...sql];
  const at = Math.max(0, Math.min(offset, chars.length));
  const before = chars.slice(0, at).join('');
  const lines = before.split('\n');
  const line = lines.length;
  const column = [...lines[lines.length - 1]!].length + 1;
  const rest = chars.slice(at).join('').split('\n')[0]!.trim();
  const near = (rest || before.split('\n').pop()!.trim()).slice(0, 24);
  return { line, column, near, detail };
}

function stripLeadingComments(sql: string): string {
  let s = sql;
  for (;;) {
    const t = s.replace(/^\s+/, '');
    if (t.startsWith('--')) {
      const e = t.indexOf('\n');
      s = e < 0 ? '' : t.slice(e + 1);
      continue;
    }
    if (t.startsWith('/*')) {
      const e = t.indexOf('*/');
      s = e < 0 ? '' : t.slice(e + 2);
      continue;
    }
    return t;
  }
}

// Parser messages can quote the input; keep only the first line, and never data (the SQL is the user's own).
function firstLine(msg: string): string {
  return msg.split('\n')[0]!.slice(0, 200);
}
