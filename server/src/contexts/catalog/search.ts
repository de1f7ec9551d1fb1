import { sql, type RawBuilder } from 'kysely';

/**
 * CAT-09 Chinese search by character bigrams into a 'simple' tsvector: the tokens are made
 * here, in TypeScript, so PGlite and PostgreSQL index and match exactly the same strings
 * (decision 0030). Runs of CJK characters become overlapping bigrams (a single character
 * stays a unigram); Latin letters and digits become lower-case words.
 */
export function bigrams(text: string | null | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  const re = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/giu;
  for (const m of text.matchAll(re)) {
    const w = m[0];
    if (w.charCodeAt(0) < 128) {
      out.push(w.toLowerCase());
      continue;
    }
    if (w.length === 1) {
      out.push(w);
      continue;
    }
    for (let i = 0; i + 1 < w.length; i++) out.push(w.slice(i, i + 2));
  }
  return out;
}

export interface SearchDoc {
  name: string;
  summary: string;
  keywords: string[];
  fieldNames: string[];
  unit: string;
}

/** Weighted vector: name A (5), fields and keywords B (3), summary and unit D (1). */
/** A tsvector (the generated types read tsvector columns as text). */
export function searchVector(d: SearchDoc): RawBuilder<string> {
  const t = (xs: string[]) => xs.join(' ');
  return sql<string>`setweight(to_tsvector('simple', ${t(bigrams(d.name))}), 'A')
    || setweight(to_tsvector('simple', ${t([...d.fieldNames.flatMap(bigrams), ...d.keywords.flatMap(bigrams)])}), 'B')
    || setweight(to_tsvector('simple', ${t([...bigrams(d.summary), ...bigrams(d.unit)])}), 'D')`;
}

/** The name-only and fields/keywords-only vectors behind the tiered candidate search. */
export function tierVectors(d: SearchDoc): { name: RawBuilder<string>; fields: RawBuilder<string> } {
  return {
    name: sql<string>`to_tsvector('simple', ${bigrams(d.name).join(' ')})`,
    fields: sql<string>`to_tsvector('simple', ${[...d.fieldNames.flatMap(bigrams), ...d.keywords.flatMap(bigrams)].join(' ')})`,
  };
}

/** ts_rank weights {D, C, B, A}: summary 1, fields/keywords 3, name 5 (CAT-09). */
export const RANK_WEIGHTS = '{0.1,0.1,0.3,0.5}';

/**
 * The tsquery text for a user query: every bigram must match (AND); a lone character is a
 * prefix query. Tokens contain only letters and digits, so no tsquery syntax can be injected.
 */
export function queryText(q: string, probe = false): string | null {
  const parts: string[] = [];
  const re = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/giu;
  for (const m of q.matchAll(re)) {
    const w = m[0];
    if (w.charCodeAt(0) < 128) parts.push(`${w.toLowerCase()}:*`);
    else if (w.length === 1) parts.push(`${w}:*`);
    else if (probe) {
      // A covering subset (every other bigram, plus the last) for the index probe: half the
      // posting lists; the full AND of all bigrams is then checked on the candidate rows.
      for (let i = 0; i + 1 < w.length; i += 2) parts.push(w.slice(i, i + 2));
      if (w.length % 2 === 1) parts.push(w.slice(-2));
    } else for (let i = 0; i + 1 < w.length; i++) parts.push(w.slice(i, i + 2));
  }
  return parts.length ? [...new Set(parts)].join(' & ') : null;
}
