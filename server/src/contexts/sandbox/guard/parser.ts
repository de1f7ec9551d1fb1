import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../../kernel/http/errors.js';
import '../messages.js';
import type { SqlAstNode } from './ast.js';

/**
 * A separate, locked-down DuckDB used only to turn SQL into its AST with json_serialize_sql()
 * (issue 06). It holds no data and cannot read files, so parsing hostile text touches nothing.
 */
let parserConn: Promise<DuckDBConnection> | null = null;

async function openParser(): Promise<DuckDBConnection> {
  const inst = await DuckDBInstance.create(':memory:', {
    threads: '1',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const c = await inst.connect();
  await c.run('SET enable_external_access = false');
  await c.run("SET memory_limit = '64MB'");
  await c.run('SET lock_configuration = true');
  return c;
}

export interface ParseResult {
  ok: true;
  statements: SqlAstNode[];
}
export interface ParseError {
  ok: false;
  notSelect: boolean;
  message: string /** character offset of a syntax error, when the parser gives one */;
  position?: number;
}

// Calls are serialized: one connection, and parsing is fast (well under a millisecond).
let chain: Promise<unknown> = Promise.resolve();

/** Parses SQL into DuckDB's JSON AST; non-SELECT statements and syntax errors come back as errors. */
export function parseSql(sql: string): Promise<ParseResult | ParseError> {
  const run = async (): Promise<ParseResult | ParseError> => {
    parserConn ??= openParser();
    const c = await parserConn;
    const r = await c.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
    const json = JSON.parse(String(r.getRows()[0]![0]));
    if (json.error) {
      const message = String(json.error_message ?? 'parse error');
      const position = Number.parseInt(String(json.position ?? ''), 10);
      return {
        ok: false,
        notSelect: /Only SELECT statements/i.test(message),
        message,
        ...(Number.isFinite(position) ? { position } : {}),
      };
    }
    return { ok: true, statements: json.statements };
  };
  const p = chain.then(run, run);
  chain = p.catch(() => undefined);
  return p;
}

/**
 * Source positions are dropped before deserializing: DuckDB marks a node it made itself (the CAST
 * behind `DATE '…'`, `TIMESTAMP '…'`) with 2^64−1, which JSON.parse rounds up past uint64, and
 * json_deserialize_sql then refused the whole statement (a 500 on POST /egress-requests). They
 * play no part in the SQL text.
 */
const withoutLocations = (statement: unknown) =>
  JSON.stringify({ error: false, statements: [statement] }, (key, v) => (key === 'query_location' ? undefined : v));

/** Turns a (checked, then extended) AST back into SQL text with json_deserialize_sql(); 422 SQL_NOT_REWRITABLE if it cannot. */
export function deserializeSql(statement: SqlAstNode): Promise<string> {
  const run = async (): Promise<string> => {
    parserConn ??= openParser();
    const c = await parserConn;
    try {
      const r = await c.runAndReadAll('SELECT json_deserialize_sql($1::JSON)', [withoutLocations(statement)]);
      return String(r.getRows()[0]![0]);
    } catch {
      // The engine's message may quote the statement: none of it is echoed (sandbox.md: no data values in errors).
      throw new AppError(422, 'SQL_NOT_REWRITABLE', {});
    }
  };
  const p = chain.then(run, run);
  chain = p.catch(() => undefined);
  return p;
}
