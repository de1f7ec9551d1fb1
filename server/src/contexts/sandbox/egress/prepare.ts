import { openLockedInstance, type MountedView } from '../engine/instance.js';
import type { JobLimits } from '../engine/job.js';
import type { SqlAstNode } from '../guard/ast.js';
import { deserializeSql, parseSql } from '../guard/parser.js';
import { SUBJECT_COLUMN } from '../masking/build.js';
import { companionAst, type AggregateShape } from './shape.js';

export interface PreparedOutput {
  rows: unknown[][];
  subjectCounts: number[];
  sketches: BigUint64Array[];
}

let extraItems: Promise<SqlAstNode[]> | null = null;
/** The two hidden companion columns, parsed once from SQL so their AST matches the engine's. */
async function hiddenColumns(): Promise<SqlAstNode[]> {
  extraItems ??= parseSql(
    `SELECT count(DISTINCT ${SUBJECT_COLUMN}) AS __sy_k, list(DISTINCT hash(${SUBJECT_COLUMN})) AS __sy_sketch`,
  ).then((p) => {
    if (!p.ok) throw new Error('companion template did not parse');
    return p.statements[0]?.node?.select_list ?? [];
  });
  return structuredClone(await extraItems);
}

/**
 * Re-runs an accepted aggregate with its subject counts and sketches (EGR-04, EGR-06), in a
 * locked instance whose only view is the internal twin of the one the job read.
 */
export async function prepareAggregate(
  ast: SqlAstNode,
  shape: AggregateShape,
  view: MountedView,
  limits: JobLimits,
): Promise<PreparedOutput> {
  const internal = { name: '__sy_internal', file: view.file, columns: [...view.columns, SUBJECT_COLUMN] };
  const sql = await deserializeSql(companionAst(ast, internal.name, await hiddenColumns()));
  const { instance, conn } = await openLockedInstance([internal], limits);
  const timer = setTimeout(() => conn.interrupt(), limits.timeoutSec * 1000);
  try {
    return readPrepared((await conn.runAndReadAll(sql)).getRows(), shape.columns.length);
  } finally {
    clearTimeout(timer);
    conn.closeSync();
    instance.closeSync();
  }
}

/** Splits companion rows into output rows, subject counts and sorted sketches (the one read of a result). */
export function readPrepared(raw: unknown[][], n: number): PreparedOutput {
  const rows: unknown[][] = new Array(raw.length);
  const subjectCounts: number[] = new Array(raw.length);
  const sketches: BigUint64Array[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    rows[i] = r.slice(0, n).map(plain);
    subjectCounts[i] = Number(r[n]);
    sketches[i] = BigUint64Array.from(((r[n + 1] as { items?: bigint[] } | null)?.items ?? []) as bigint[]).sort();
  }
  return { rows, subjectCounts, sketches };
}

/** DuckDB values → JSON-safe values for artifacts and previews. */
export function plain(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v === 'object') {
    const d = v as { toDouble?: () => number };
    if (typeof d.toDouble === 'function') return d.toDouble();
    return String(v);
  }
  return v;
}
