import { DuckDBInstance } from '@duckdb/node-api';
import { qi, ql } from '../engine/instance.js';
import { SUBJECT_COLUMN } from '../masking/build.js';
import { pseudonym, type GrantKeys } from '../masking/methods.js';
import type { ServiceSpec } from '../model.js';
import type { ViewRecord } from '../store.js';

/**
 * An approved template made ready to answer (issue 06 "make the call path fast"): a verification
 * template becomes an in-memory set of the masked key tuples; a statistics template becomes its
 * k-checked aggregate, computed once from the masked view. Raw rows are never held or returned.
 */
export type Runtime =
  | { kind: 'verification'; keys: Set<string>; hashed: boolean[]; builtAt: number }
  | {
      kind: 'statistics';
      rows: Record<string, unknown>[];
      byFilter: Map<string, Record<string, unknown>[]>;
      builtAt: number;
    };

const SEP = '\u0001';

/** Normalizes a parameter the way the catalog stores it (trim, full-width → half-width, upper-case X). */
export function canonical(type: string, v: string): string {
  const half = v.trim().replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return type === 'text' ? half : half.toUpperCase();
}

export async function buildRuntime(spec: ServiceSpec, view: ViewRecord, keys: GrantKeys, k: number): Promise<Runtime> {
  const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
  const c = await inst.connect();
  try {
    await c.run(`CREATE VIEW v AS SELECT * FROM read_parquet(${ql(view.file)})`);
    if (spec.kind === 'verification') {
      const hashed = spec.params.map((p) => view.fields.find((f) => f.name === p.field)?.method === 'hmac_pseudonym');
      const r = await c.runAndReadAll(
        `SELECT DISTINCT ${spec.params.map((p) => `CAST(${qi(p.field)} AS VARCHAR)`).join(', ')} FROM v`,
      );
      const set = new Set<string>();
      for (const row of r.getRows()) set.add(row.map((x) => String(x)).join(SEP));
      return { kind: 'verification', keys: set, hashed, builtAt: Date.now() };
    }
    const dims = spec.groupBy.map(qi).join(', ');
    const r = await c.runAndReadAll(
      `SELECT ${dims}, count(*) AS n, count(DISTINCT ${SUBJECT_COLUMN}) AS s FROM v GROUP BY ${dims} ORDER BY ${dims}`,
    );
    // SVC-04 / EGR-04 / EGR-05: a group below k subjects answers only `suppressed: true`.
    const rows = r.getRows().map((row) => {
      const out: Record<string, unknown> = {};
      spec.groupBy.forEach((g, i) => {
        out[g] = row[i] === null ? null : String(row[i]);
      });
      const subjects = Number(row[spec.groupBy.length + 1]);
      if (subjects < k) out.suppressed = true;
      else out.count = Number(row[spec.groupBy.length]);
      return out;
    });
    const byFilter = new Map<string, Record<string, unknown>[]>();
    if (spec.filterParam)
      for (const row of rows) {
        const key = String(row[spec.filterParam.field]);
        byFilter.set(key, [...(byFilter.get(key) ?? []), row]);
      }
    return { kind: 'statistics', rows, byFilter, builtAt: Date.now() };
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

/** SVC-04: verification answers only match / no_match; "not found" is no_match too. */
export function verify(
  rt: Extract<Runtime, { kind: 'verification' }>,
  spec: Extract<ServiceSpec, { kind: 'verification' }>,
  input: Record<string, string>,
  keys: GrantKeys,
): 'match' | 'no_match' {
  const tuple = spec.params
    .map((p, i) => {
      const v = canonical(p.type, input[p.name]!);
      return rt.hashed[i] ? pseudonym(keys, v) : v;
    })
    .join(SEP);
  return rt.keys.has(tuple) ? 'match' : 'no_match';
}
