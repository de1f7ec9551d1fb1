import type { ServiceSpec } from '../model.js';

/**
 * SVC-08: each answer is validated against its template's output schema before it is sent, and
 * whatever lies outside is dropped (and named, so the gateway can log it; never the values).
 * The schema follows from the frozen spec (SVC-01): a verification answers `result` only; a
 * statistics row holds its group-by columns (text or null) and either an integer `count` or
 * `suppressed: true`; the answer may say `truncated` (SVC-04, service.maxResponseBytes).
 */
export interface ResponseSchema {
  kind: ServiceSpec['kind'];
  /** statistics: the columns a row may carry besides count / suppressed. */
  groupBy: string[];
}

export const responseSchemaOf = (spec: ServiceSpec): ResponseSchema => ({
  kind: spec.kind,
  groupBy: spec.kind === 'statistics' ? spec.groupBy : [],
});

export interface Enforced {
  body: { result?: 'match' | 'no_match'; rows?: Record<string, unknown>[]; truncated?: boolean };
  /** Paths of what was dropped, e.g. `rows[3].法定代表人` or `rows[5]` (a row left with no count). */
  dropped: string[];
}

const RESULTS = new Set(['match', 'no_match']);

/** Keeps exactly what the schema allows. */
export function enforceResponse(schema: ResponseSchema, answer: Record<string, unknown>): Enforced {
  const dropped: string[] = [];
  const body: Enforced['body'] = {};
  for (const key of Object.keys(answer)) {
    const v = answer[key];
    if (schema.kind === 'verification' && key === 'result' && typeof v === 'string' && RESULTS.has(v))
      body.result = v as 'match' | 'no_match';
    else if (schema.kind === 'statistics' && key === 'rows' && Array.isArray(v)) body.rows = rowsOf(schema, v, dropped);
    else if (schema.kind === 'statistics' && key === 'truncated' && typeof v === 'boolean') body.truncated = v;
    else dropped.push(key);
  }
  return { body, dropped };
}

function rowsOf(schema: ResponseSchema, rows: unknown[], dropped: string[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  rows.forEach((row, i) => {
    if (!row || typeof row !== 'object' || Array.isArray(row)) return void dropped.push(`rows[${i}]`);
    const clean: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(row)) {
      const ok =
        (schema.groupBy.includes(key) && (v === null || typeof v === 'string')) ||
        (key === 'count' && Number.isSafeInteger(v) && (v as number) >= 0) ||
        (key === 'suppressed' && v === true);
      if (ok) clean[key] = v;
      else dropped.push(`rows[${i}].${key}`);
    }
    // A row must say its count or that it is suppressed, and never both.
    if ('count' in clean === 'suppressed' in clean) return void dropped.push(`rows[${i}]`);
    out.push(clean);
  });
  return out;
}
