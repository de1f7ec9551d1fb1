/**
 * The conservative token-level pre-check (SBX-05, SBX-06), run before the statement reaches
 * any parser. The SQL text is attacker-controlled: comments, quoting and case are resolved
 * here once, so that keyword tricks (`Co/**\/PY`, `cOpY`, stacked `;`) cannot hide.
 */
export interface Token {
  kind: 'word' | 'string' | 'ident' | 'number' | 'punct';
  text: string;
  pos: number;
}

export interface Refusal {
  ruleId: string;
  code: string;
  params: Record<string, unknown>;
}

/** Splits SQL into tokens; comments are dropped. Throws a Refusal for unterminated input. */
export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      const e = sql.indexOf('\n', i);
      i = e < 0 ? sql.length : e + 1;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      i = skipBlockComment(sql, i);
      continue;
    }
    if (c === "'" || ((c === 'e' || c === 'E') && sql[i + 1] === "'")) {
      i = quoted(sql, c === "'" ? i : i + 1, "'", 'string', out);
      continue;
    }
    if (c === '"') {
      i = quoted(sql, i, '"', 'ident', out);
      continue;
    }
    if (c === '$') {
      const m = /^\$([A-Za-z_]\w*)?\$/.exec(sql.slice(i));
      if (m) {
        const end = sql.indexOf(m[0], i + m[0].length);
        if (end < 0) throw refusal('SBX-05', 'SQL_SYNTAX', { detail: 'unterminated dollar quote' });
        out.push({ kind: 'string', text: sql.slice(i + m[0].length, end), pos: i });
        i = end + m[0].length;
        continue;
      }
    }
    const w = /^[\p{L}_][\p{L}\p{N}_$]*/u.exec(sql.slice(i, i + 256));
    if (w) {
      out.push({ kind: 'word', text: w[0], pos: i });
      i += w[0].length;
      continue;
    }
    const n = /^\d[\d_]*(\.\d*)?([eE][+-]?\d+)?/.exec(sql.slice(i, i + 64));
    if (n) {
      out.push({ kind: 'number', text: n[0], pos: i });
      i += n[0].length;
      continue;
    }
    out.push({ kind: 'punct', text: c, pos: i });
    i++;
  }
  return out;
}

// Nested block comments are resolved the way PostgreSQL does, so none can end early.
function skipBlockComment(sql: string, start: number): number {
  let depth = 0;
  for (let i = start; i < sql.length - 1; i++) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i++;
      continue;
    }
    if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  throw refusal('SBX-05', 'SQL_SYNTAX', { detail: 'unterminated comment' });
}

function quoted(sql: string, start: number, q: string, kind: Token['kind'], out: Token[]): number {
  let text = '';
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] === q) {
      if (sql[i + 1] === q) {
        text += q;
        i++;
        continue;
      }
      out.push({ kind, text, pos: start });
      return i + 1;
    }
    text += sql[i];
  }
  throw refusal('SBX-05', 'SQL_SYNTAX', { detail: `unterminated ${kind}` });
}

export function refusal(ruleId: string, code: string, params: Record<string, unknown> = {}): Refusal & Error {
  return Object.assign(new Error(code), { ruleId, code, params });
}

/** SBX-05 keywords that only non-query statements use. */
const STATEMENT_WORDS = new Set([
  'ATTACH',
  'DETACH',
  'COPY',
  'EXPORT',
  'IMPORT',
  'INSTALL',
  'LOAD',
  'FORCE',
  'PRAGMA',
  'SET',
  'RESET',
  'CALL',
  'USE',
  'CHECKPOINT',
  'VACUUM',
  'BEGIN',
  'COMMIT',
  'ROLLBACK',
  'ABORT',
  'TRANSACTION',
  'CREATE',
  'DROP',
  'ALTER',
  'INSERT',
  'UPDATE',
  'DELETE',
  'TRUNCATE',
  'MERGE',
  'UPSERT',
  'GRANT',
  'REVOKE',
  'PREPARE',
  'EXECUTE',
  'DEALLOCATE',
  'SUMMARIZE',
  'DESCRIBE',
  'SHOW',
  'ANALYZE',
  'COMMENT',
  'SECRET',
  'PERSISTENT',
  'MACRO',
  'SEQUENCE',
  'UPDATE_EXTENSIONS',
]);
const FIRST_WORDS = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'EXPLAIN', 'TABLE']);
/** SBX-06 function-name fragments refused outright, even if a parser quirk hid them. */
const FUNCTION_PATTERN =
  /^(read_|glob$|sniff_|parquet_|duckdb_|pragma_|getenv$|current_setting$|query$|query_table$|iceberg|delta_|sqlite_|postgres_|mysql_|http|s3|azure|gcs|load_|make_secret|which_secret|json_execute|sql_auto_complete|checkpoint|force_checkpoint|enable_|disable_|test_|lsm|range$|generate_series$)/i;

/** Runs every token-level check; returns the first refusal, or null. */
export function preCheck(sql: string, maxBytes: number): Refusal | null {
  const bytes = Buffer.byteLength(sql, 'utf8');
  if (bytes > maxBytes) return refusal('SBX-05', 'SQL_TOO_LARGE', { maxBytes });
  let tokens: Token[];
  try {
    tokens = tokenize(sql);
  } catch (e) {
    return e as Refusal;
  }
  const semi = tokens.findIndex((t) => t.kind === 'punct' && t.text === ';');
  if (semi >= 0 && tokens.slice(semi + 1).some((t) => !(t.kind === 'punct' && t.text === ';')))
    return refusal('SBX-05', 'MULTIPLE_STATEMENTS');
  const first = tokens.find((t) => !(t.kind === 'punct' && t.text === '('));
  if (!first) return refusal('SBX-05', 'STATEMENT_NOT_ALLOWED', { what: 'empty' });
  if (first.kind !== 'word' || !FIRST_WORDS.has(first.text.toUpperCase()))
    return refusal('SBX-05', 'STATEMENT_NOT_ALLOWED', { what: first.text.toUpperCase() });
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word') continue;
    const up = t.text.toUpperCase();
    if (STATEMENT_WORDS.has(up)) return refusal('SBX-05', 'STATEMENT_NOT_ALLOWED', { what: up });
    const next = tokens[i + 1];
    if (next?.kind === 'punct' && next.text === '(' && FUNCTION_PATTERN.test(t.text))
      return refusal('SBX-06', 'FUNCTION_NOT_ALLOWED', { name: t.text.toLowerCase() });
    // SBX-06: a string literal (a path or URL) used as a table.
    if ((up === 'FROM' || up === 'JOIN') && next?.kind === 'string')
      return refusal('SBX-06', 'FUNCTION_NOT_ALLOWED', { name: 'path-as-table' });
  }
  return null;
}
