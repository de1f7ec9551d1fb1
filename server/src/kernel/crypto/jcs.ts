/**
 * RFC 8785 JSON Canonicalization Scheme for the values we produce (objects, arrays,
 * strings, finite numbers, booleans, null). Keys sort by UTF-16 code units, which is
 * JavaScript's default string order; numbers use ECMAScript's shortest form.
 * Written with plain loops: it runs three times per ledger entry (bench ledger.append).
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Error('JCS: non-finite number');
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return canonicalArray(value);
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      return canonicalObject(value as Record<string, unknown>);
    default:
      throw new Error(`JCS: unsupported type ${typeof value}`);
  }
}

function canonicalArray(a: unknown[]): string {
  let s = '[';
  for (let i = 0; i < a.length; i++) {
    if (i > 0) s += ',';
    const v = a[i];
    s += v === undefined ? 'null' : canonicalJson(v);
  }
  return `${s}]`;
}

function canonicalObject(o: Record<string, unknown>): string {
  const keys = Object.keys(o).sort();
  let s = '{';
  let first = true;
  for (const k of keys) {
    const v = o[k];
    if (v === undefined) continue;
    if (!first) s += ',';
    first = false;
    s += `${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${s}}`;
}
