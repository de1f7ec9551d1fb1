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
  const keys = sortedKeys(o);
  let s = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = o[k];
    if (v === undefined) continue;
    if (!first) s += ',';
    first = false;
    s += quotedKey(k) + canonicalJson(v);
  }
  return `${s}}`;
}

/**
 * Object.keys(o) in UTF-16 code-unit order (what Array.prototype.sort does for strings). Our
 * objects have a handful of keys: an insertion sort in place allocates nothing beyond the keys
 * array, where sort() allocated a work array per object (a third of canonicalJson's garbage on
 * the data-service call path; decision 0106).
 */
function sortedKeys(o: Record<string, unknown>): string[] {
  const keys = Object.keys(o);
  if (keys.length > 32) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

/**
 * `"key":` for a key. The same few hundred keys recur across every object we canonicalize,
 * so their quoted form is remembered (bounded).
 */
function quotedKey(k: string): string {
  let q = quotedKeys.get(k);
  if (q === undefined) {
    if (quotedKeys.size >= QUOTED_KEYS_MAX) quotedKeys.clear();
    quotedKeys.set(k, (q = `${JSON.stringify(k)}:`));
  }
  return q;
}
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_MAX = 4096;
