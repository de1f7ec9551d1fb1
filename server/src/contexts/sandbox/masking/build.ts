import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { qi, ql } from '../engine/instance.js';
import { pseudonym, shiftDays, token, type GrantKeys, type MaskingRule } from './methods.js';

export interface MountField {
  /** Column name in the source Parquet (the catalog field code, or its Chinese name). */
  source: string;
  /** Column name in the view (the field's Chinese name). */
  name: string;
  rule: MaskingRule;
}

export interface MaskedBuild {
  sourceFile: string;
  outFile: string;
  fields: MountField[];
  /** Source column of the subject key (USCC / ID number), for k counts and date shifts. */
  subjectSource: string | null;
  keys: GrantKeys;
  dateShiftDays: number;
}

/** The hidden per-row subject pseudonym; never mounted in a user view (EGR-04 counts it). */
export const SUBJECT_COLUMN = '__sy_subject';

/**
 * SBX-04: builds a Grant's masked Parquet once, below any user SQL. Keyed methods
 * (HMAC-SM3, SM4, date shift) are computed in Node over DISTINCT values and joined back,
 * so keys never enter an engine a user query runs in; the rest are SQL expressions.
 */
export async function buildMaskedParquet(b: MaskedBuild): Promise<{ rows: number; columns: string[] }> {
  await mkdir(dirname(b.outFile), { recursive: true });
  const inst = await DuckDBInstance.create(':memory:', {
    threads: '2',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const c = await inst.connect();
  try {
    await c.run(`CREATE VIEW src AS SELECT * FROM read_parquet(${ql(b.sourceFile)})`);
    const selects: string[] = [];
    const joins: string[] = [];
    let n = 0;
    for (const f of b.fields.filter((x) => x.rule.method !== 'drop')) {
      const col = `src.${qi(f.source)}`;
      const keyed = await keyedMap(c, b, f, n);
      if (keyed) {
        joins.push(keyed.join);
        selects.push(`${keyed.expr} AS ${qi(f.name)}`);
        n++;
        continue;
      }
      selects.push(`${sqlExpr(f.rule, col)} AS ${qi(f.name)}`);
    }
    if (b.subjectSource) {
      const m = await valueMap(c, b.subjectSource, `m_subject`, (v) => pseudonym(b.keys, v));
      joins.push(`LEFT JOIN ${m} ON ${m}.k = CAST(src.${qi(b.subjectSource)} AS VARCHAR)`);
      selects.push(`${m}.v AS ${SUBJECT_COLUMN}`);
    } else {
      // No subject key at all: each row is its own subject, so the egress checks (which always read the column)
      // count rows instead of failing on a missing column (a lab's bus-card view once answered 500).
      selects.push(`CAST(row_number() OVER () AS VARCHAR) AS ${SUBJECT_COLUMN}`);
    }
    const tmp = `${b.outFile}.tmp`;
    await c.run(`COPY (SELECT ${selects.join(', ')} FROM src ${joins.join(' ')}) TO ${ql(tmp)} (FORMAT parquet)`);
    await rename(tmp, b.outFile);
    const rows = Number(
      (await c.runAndReadAll(`SELECT count(*) FROM read_parquet(${ql(b.outFile)})`)).getRows()[0]![0],
    );
    return { rows, columns: b.fields.filter((x) => x.rule.method !== 'drop').map((x) => x.name) };
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

async function keyedMap(
  c: DuckDBConnection,
  b: MaskedBuild,
  f: MountField,
  n: number,
): Promise<{ join: string; expr: string } | null> {
  const col = `CAST(src.${qi(f.source)} AS VARCHAR)`;
  if (f.rule.method === 'hmac_pseudonym' || f.rule.method === 'sm4_token') {
    const fn =
      f.rule.method === 'hmac_pseudonym' ? (v: string) => pseudonym(b.keys, v) : (v: string) => token(b.keys, v);
    const m = await valueMap(c, f.source, `m${n}`, fn);
    return { join: `LEFT JOIN ${m} ON ${m}.k = ${col}`, expr: `${m}.v` };
  }
  if (f.rule.method === 'date_shift') {
    const subj = b.subjectSource ?? f.source;
    const max = typeof f.rule.params?.days === 'number' ? (f.rule.params.days as number) : b.dateShiftDays;
    const m = await valueMap(c, subj, `m${n}`, (v) => String(shiftDays(b.keys, v, max)));
    return {
      join: `LEFT JOIN ${m} ON ${m}.k = CAST(src.${qi(subj)} AS VARCHAR)`,
      expr: `CAST(src.${qi(f.source)} AS DATE) + CAST(${m}.v AS INTEGER)`,
    };
  }
  return null;
}

/** DISTINCT values of a source column → a mapping table computed in Node. */
async function valueMap(
  c: DuckDBConnection,
  source: string,
  table: string,
  fn: (v: string) => string,
): Promise<string> {
  const r = await c.runAndReadAll(
    `SELECT DISTINCT CAST(${qi(source)} AS VARCHAR) FROM src WHERE ${qi(source)} IS NOT NULL`,
  );
  await c.run(`CREATE TABLE ${table} (k VARCHAR PRIMARY KEY, v VARCHAR)`);
  const app = await c.createAppender(table);
  for (const [k] of r.getRows()) {
    app.appendVarchar(String(k));
    app.appendVarchar(fn(String(k)));
    app.endRow();
  }
  app.closeSync();
  return table;
}

const int = (v: unknown, d: number) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e12 ? v : d);

/** SQL for the unkeyed methods; parameters are validated integers, never spliced text. */
export function sqlExpr(rule: MaskingRule, col: string): string {
  const p = rule.params ?? {};
  const s = `CAST(${col} AS VARCHAR)`;
  switch (rule.method) {
    case 'none':
      return col;
    case 'mask': {
      const a = int(p.keepFirst, 3);
      const z = int(p.keepLast, 4);
      return `CASE WHEN ${col} IS NULL THEN NULL WHEN length(${s}) <= ${a + z} THEN repeat('*', length(${s})) ELSE left(${s}, ${a}) || repeat('*', length(${s}) - ${a + z}) || right(${s}, ${z}) END`;
    }
    case 'truncate':
      return `left(${s}, ${int(p.length, 6)})`;
    case 'generalize': {
      if (typeof p.band === 'number') {
        const w = int(p.band, 5) || 5;
        return `CASE WHEN ${col} IS NULL THEN NULL ELSE CAST(CAST(floor(${col} / ${w}) * ${w} AS BIGINT) AS VARCHAR) || '–' || CAST(CAST(floor(${col} / ${w}) * ${w} + ${w - 1} AS BIGINT) AS VARCHAR) END`;
      }
      return `left(${s}, ${p.level === 'year' ? 4 : 7})`;
    }
    case 'round': {
      const u = int(p.unit, 10000) || 1;
      return `CAST(round(${col} / ${u}) * ${u} AS BIGINT)`;
    }
    default:
      return 'CAST(NULL AS VARCHAR)'; // suppress and unknown methods never show the clear value
  }
}
