import { FUNCTION_ALLOW_LISTS } from './functions.js';
import { refusal, type Refusal } from './tokens.js';

const NONE: ReadonlySet<string> = new Set();

/** What the statement may name (SBX-03, SBX-08): mounted views, result tables, ungranted fields. */
export interface GuardScope {
  /** lower-case view or result-table name → its column names. */
  objects: Map<string, string[]>;
  /** lower-case catalog field name (code or nameZh) not granted → display name. */
  ungrantedFields: Map<string, string>;
  /** lower-case column name of an `aggregate_only` field (AUTH-15) → display name (SBX-08). */
  aggregateOnly?: Map<string, string>;
  allowList: string;
}

/** What the walk learned; the egress checks reuse it (EGR-03). */
export interface StatementFacts {
  tables: string[];
  functions: string[];
  ctes: string[];
}

/**
 * A node of DuckDB's json_serialize_sql() tree. The tree has many node shapes and the guard walks
 * it generically (deny by default), so only the slots the guard and the egress shape read are typed;
 * every other slot stays `unknown` and is only ever descended into, never read.
 */
export interface SqlAstNode {
  type?: string;
  class?: string;
  alias?: string;
  function_name?: string;
  schema?: string;
  catalog?: string;
  distinct?: boolean;
  filter?: unknown;
  qualify?: unknown;
  sample?: unknown;
  column_names?: string[];
  table_name?: string;
  catalog_name?: string;
  schema_name?: string;
  at_clause?: unknown;
  query_location?: number;
  cte_map?: { map?: { key: string }[] };
  function?: { function_name?: string };
  node?: SqlAstNode;
  from_table?: SqlAstNode;
  select_list?: SqlAstNode[];
  group_expressions?: SqlAstNode[];
  group_sets?: unknown[];
  children?: SqlAstNode[];
  value?: { value?: unknown };
  [slot: string]: unknown;
}

const isNode = (v: unknown): v is SqlAstNode => v !== null && typeof v === 'object';

const TABLE_REFS = new Set(['BASE_TABLE', 'JOIN', 'SUBQUERY', 'EMPTY', 'EXPRESSION_LIST', 'PIVOT']);
const EXPR_CLASSES = new Set([
  'COLUMN_REF',
  'CONSTANT',
  'FUNCTION',
  'AGGREGATE',
  'WINDOW',
  'CAST',
  'CASE',
  'COMPARISON',
  'CONJUNCTION',
  'OPERATOR',
  'STAR',
  'SUBQUERY',
  'BETWEEN',
  'COLLATE',
  'LAMBDA',
  'POSITIONAL_REFERENCE',
]);
const QUERY_NODES = new Set(['SELECT_NODE', 'SET_OPERATION_NODE', 'CTE_NODE']);
// A table name that reads like a file or URL is a path used as a table (SBX-06), not a missing view.
const SYSTEM_NAMES = /^(duckdb_|sqlite_|pragma_|information_schema|pg_)/;
const PATHLIKE = /[./\\:~*?]|\.(csv|tsv|parquet|json|ndjson|jsonl|db|duckdb|sqlite|xlsx|txt|gz|zst)$/i;

/**
 * Walks the json_serialize_sql() tree of one SELECT. Deny by default: every node class,
 * table-ref type and function must be on a list; the first violation is returned.
 */
export function checkAst(
  statement: SqlAstNode,
  scope: GuardScope,
  sqlText: string,
): { refusal: Refusal | null; facts: StatementFacts } {
  const facts: StatementFacts = { tables: [], functions: [], ctes: [] };
  // SBX-06: the profile names a version; a version that does not exist allows nothing (deny by default), never v1.
  const allow = FUNCTION_ALLOW_LISTS[scope.allowList] ?? NONE;
  collectCtes(statement, facts.ctes);
  const aggregated = aggregateArguments(statement, scope);
  // A CTE name counts only inside the query that defines it: a name defined in one subquery
  // must not let another part of the statement reach a built-in view of the same name.
  const cteScopes: Set<string>[] = [];
  const inScope = (name: string) => cteScopes.some((s) => s.has(name));
  let found: Refusal | null = null;
  const visit = (n: unknown): void => {
    if (found || !isNode(n)) return;
    if (Array.isArray(n)) {
      for (const x of n) visit(x);
      return;
    }
    const local = n.cte_map?.map ? new Set<string>(n.cte_map.map.map((e) => String(e.key).toLowerCase())) : null;
    if (local) cteScopes.push(local);
    found = checkNode(n, scope, allow, inScope, sqlText, facts) ?? aggregateOnlyUse(n, scope, aggregated);
    if (!found) for (const v of Object.values(n)) if (v && typeof v === 'object') visit(v);
    if (local) cteScopes.pop();
  };
  visit(statement);
  return { refusal: found, facts };
}

/** The nodes an `aggregate_only` field may be: the plain argument of an allowed aggregate (SBX-08). */
const AGGREGATE_ONLY_FUNCTIONS = new Set(['count', 'sum', 'avg', 'mean']);

/** Column refs that are the direct argument of an allowed aggregate, and the tables the statement names. */
function aggregateArguments(statement: SqlAstNode, scope: GuardScope) {
  const args = new WeakSet<SqlAstNode>();
  const tables = new Set<string>();
  if (!scope.aggregateOnly?.size) return { args, tables };
  const walk = (n: unknown): void => {
    if (!isNode(n)) return;
    if (Array.isArray(n)) return n.forEach(walk);
    const fn = String(n.function_name ?? '').toLowerCase();
    if (n.class === 'FUNCTION' && AGGREGATE_ONLY_FUNCTIONS.has(fn))
      for (const c of n.children ?? []) if (c.class === 'COLUMN_REF') args.add(c);
    if (n.type === 'BASE_TABLE') tables.add(String(n.table_name ?? '').toLowerCase());
    for (const v of Object.values(n)) if (v && typeof v === 'object') walk(v);
  };
  walk(statement);
  return { args, tables };
}

/**
 * SBX-08: an `aggregate_only` field appears only inside COUNT/SUM/AVG. Projecting, grouping, filtering,
 * ordering or joining on it (anywhere, subqueries included), or `*` over a table that has it, is refused.
 */
function aggregateOnlyUse(
  n: SqlAstNode,
  scope: GuardScope,
  aggregated: { args: WeakSet<SqlAstNode>; tables: Set<string> },
): Refusal | null {
  const only = scope.aggregateOnly;
  if (!only?.size) return null;
  if (n.class === 'COLUMN_REF' && !aggregated.args.has(n)) {
    const names = n.column_names ?? [];
    const f = only.get(String(names[names.length - 1] ?? '').toLowerCase());
    if (f) return refusal('SBX-08', 'AGGREGATE_ONLY_FIELD', { field: f });
  }
  if (n.class === 'STAR') {
    for (const t of aggregated.tables) {
      const hit = (scope.objects.get(t) ?? []).find((c) => only.has(c.toLowerCase()));
      if (hit) return refusal('SBX-08', 'AGGREGATE_ONLY_FIELD', { field: only.get(hit.toLowerCase())! });
    }
  }
  return null;
}

function collectCtes(n: unknown, out: string[]): void {
  if (!isNode(n)) return;
  if (Array.isArray(n)) {
    for (const x of n) collectCtes(x, out);
    return;
  }
  if (n.cte_map?.map) for (const e of n.cte_map.map) out.push(String(e.key));
  for (const v of Object.values(n)) if (v && typeof v === 'object') collectCtes(v, out);
}

function checkNode(
  n: SqlAstNode,
  scope: GuardScope,
  allow: ReadonlySet<string>,
  ctes: (name: string) => boolean,
  sqlText: string,
  facts: StatementFacts,
): Refusal | null {
  if (typeof n.type === 'string' && n.type.endsWith('_NODE') && !QUERY_NODES.has(n.type)) {
    return refusal('SBX-05', 'STATEMENT_NOT_ALLOWED', {
      what: n.type === 'RECURSIVE_CTE_NODE' ? 'WITH RECURSIVE' : n.type,
    });
  }
  // Table refs are the class-less nodes that carry a `sample` slot (query nodes end in _NODE).
  if (!('class' in n) && typeof n.type === 'string' && 'sample' in n && !n.type.endsWith('_NODE')) {
    if (!TABLE_REFS.has(n.type)) {
      const name =
        n.type === 'TABLE_FUNCTION' ? String(n.function?.function_name ?? 'table function').toLowerCase() : n.type;
      return refusal('SBX-06', 'FUNCTION_NOT_ALLOWED', { name });
    }
  }
  if (n.type === 'BASE_TABLE') return checkTable(n, scope, ctes, sqlText, facts);
  if (typeof n.class === 'string') {
    if (!EXPR_CLASSES.has(n.class)) return refusal('SBX-06', 'FUNCTION_NOT_ALLOWED', { name: n.class.toLowerCase() });
    if (n.class === 'FUNCTION' || n.class === 'WINDOW' || n.class === 'AGGREGATE') {
      const fn = String(n.function_name ?? '').toLowerCase();
      // The parser itself qualifies some rewrites (EXTRACT → main.date_part); any other qualifier is refused.
      if ((n.schema && n.schema !== 'main') || n.catalog || !allow.has(fn)) {
        return refusal('SBX-06', 'FUNCTION_NOT_ALLOWED', { name: [n.catalog, n.schema, fn].filter(Boolean).join('.') });
      }
      facts.functions.push(fn);
    }
    if (n.class === 'COLUMN_REF') return checkColumn(n.column_names ?? [], scope);
  }
  return null;
}

function checkTable(
  n: SqlAstNode,
  scope: GuardScope,
  ctes: (name: string) => boolean,
  sqlText: string,
  facts: StatementFacts,
): Refusal | null {
  const name = String(n.table_name ?? '');
  const lower = name.toLowerCase();
  const qualified = [n.catalog_name, n.schema_name, name].filter(Boolean).join('.');
  if (n.at_clause) return refusal('SBX-03', 'OBJECT_NOT_IN_WORKSPACE', { name: qualified });
  const quotedAsString = sqlText[Number(n.query_location)] === "'";
  if (quotedAsString || (PATHLIKE.test(name) && !scope.objects.has(lower)))
    return refusal('SBX-06', 'FUNCTION_NOT_ALLOWED', { name: 'path-as-table' });
  if (n.catalog_name || n.schema_name || lower.startsWith('__sy'))
    return refusal('SBX-03', 'OBJECT_NOT_IN_WORKSPACE', { name: qualified });
  // SBX-03: system catalogs cannot be resolved, whatever a CTE elsewhere is called.
  if (SYSTEM_NAMES.test(lower)) return refusal('SBX-03', 'OBJECT_NOT_IN_WORKSPACE', { name });
  if (!scope.objects.has(lower) && !ctes(lower)) return refusal('SBX-03', 'OBJECT_NOT_IN_WORKSPACE', { name });
  facts.tables.push(name);
  return null;
}

function checkColumn(parts: string[], scope: GuardScope): Refusal | null {
  for (const p of parts) {
    const lower = String(p).toLowerCase();
    if (lower.startsWith('__sy')) return refusal('SBX-03', 'OBJECT_NOT_IN_WORKSPACE', { name: p });
    const f = scope.ungrantedFields.get(lower);
    if (f) return refusal('SBX-08', 'FIELD_NOT_GRANTED', { field: f });
  }
  return null;
}
