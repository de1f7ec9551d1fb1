import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { AppError, notFound } from '../../kernel/http/errors.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { Actor } from '../../kernel/workflow/actor.js';
import { transition } from '../../kernel/workflow/transition.js';
import { isValidIdNumber, isValidUscc } from '../identity/codes.js';
import { scoreOptions } from './detection/scan.js';
import { scoreColumn, type ColumnResult } from './detection/score.js';
import { detectionLifecycle, snapshotLifecycle } from './lifecycle.js';
import { controlledPath, loadReadable, resourceSubject } from './service.js';
import * as store from './store.js';

const FORMATS: Record<string, 'csv' | 'xlsx' | 'parquet'> = { csv: 'csv', txt: 'csv', xlsx: 'xlsx', parquet: 'parquet' };

export function formatOf(filename: string): 'csv' | 'xlsx' | 'parquet' {
  const ext = filename.split('.').pop()?.toLowerCase() ?? '';
  const f = FORMATS[ext];
  if (!f) throw new AppError(422, 'UPLOAD_FORMAT_UNSUPPORTED', { format: ext || '(none)' });
  return f;
}

/** Streams an upload to a temp file in the controlled store, hashing with SM3 on the way. */
export async function receiveUpload(stream: Readable, format: string): Promise<{ path: string; sm3: string; bytes: number }> {
  const path = controlledPath(join('tmp', `${randomUUID()}.${format}`));
  mkdirSync(dirname(path), { recursive: true });
  const h = createHash('sm3');
  let bytes = 0;
  const tap = new Transform({ transform(chunk, _e, cb) { h.update(chunk); bytes += chunk.length; cb(null, chunk); } });
  await pipeline(stream, tap, createWriteStream(path));
  return { path, sm3: h.digest('hex'), bytes };
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const lit = (path: string) => `'${path.replace(/'/g, "''")}'`;

/** Excel has no DuckDB reader without a network extension: exceljs streams it to CSV first. */
async function xlsxToCsv(src: string): Promise<string> {
  const out = `${src}.csv`;
  const ws = createWriteStream(out);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(src, { sharedStrings: 'cache', worksheets: 'emit' });
  const cell = (v: unknown) => {
    const s = v == null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'object' ? String((v as any).text ?? (v as any).result ?? '') : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  for await (const sheet of reader) {
    for await (const row of sheet as any) ws.write(`${(row.values as unknown[]).slice(1).map(cell).join(',')}\n`);
    break; // first sheet only
  }
  await new Promise<void>((res, rej) => ws.end((e?: Error | null) => (e ? rej(e) : res())));
  return out;
}

interface Column { name: string; type: string; fieldId: string | null; valueType: string | null; identifierKind: string | null }

async function columnsOf(c: DuckDBConnection, from: string, fields: store.FieldRow[]): Promise<Column[]> {
  const desc = (await c.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`)).getRowObjectsJS() as { column_name: string; column_type: string }[];
  return desc.map((d) => {
    const f = fields.find((x) => x.code.toLowerCase() === d.column_name.toLowerCase() || x.name_zh === d.column_name);
    return { name: d.column_name, type: d.column_type, fieldId: f?.id ?? null, valueType: f?.value_type ?? null, identifierKind: f?.identifier_kind ?? null };
  });
}

/** Declared text fields and long integer-looking columns (IDs, phones) stay text: no lost X or leading zero. */
async function csvSource(c: DuckDBConnection, src: string, fields: store.FieldRow[]) {
  const base = `read_csv(${lit(src)}, header=true, sample_size=20480)`;
  const cols = await columnsOf(c, base, fields);
  const ints = cols.filter((x) => /INT/.test(x.type));
  let long = new Set<string>();
  if (ints.length) {
    const row = (await c.runAndReadAll(`SELECT ${ints.map((x, i) => `max(length(${q(x.name)})) AS l${i}`).join(', ')} FROM read_csv(${lit(src)}, header=true, all_varchar=true)`)).getRowObjectsJS()[0] as Record<string, unknown>;
    long = new Set(ints.filter((_, i) => Number(row[`l${i}`] ?? 0) >= 11).map((x) => x.name));
  }
  const text = cols.filter((x) => ['string', 'code'].includes(x.valueType ?? '') || long.has(x.name) || x.identifierKind);
  const types = text.length ? `, types={${text.map((x) => `${lit(x.name)}: 'VARCHAR'`).join(', ')}}` : '';
  return `read_csv(${lit(src)}, header=true, sample_size=20480${types})`;
}

export interface Profiled { rows: number; columns: (Column & { nullRate: number; distinctCount: number; formatViolations: number; scan: ColumnResult })[] }

/** Row count, null rate, distinct count, format violations and a DET-01 sample per column. */
async function profile(c: DuckDBConnection, parquet: string, fields: store.FieldRow[], k: Kernel): Promise<Profiled> {
  const from = `read_parquet(${lit(parquet)})`;
  const cols = await columnsOf(c, from, fields);
  const cast: Record<string, string> = { integer: 'BIGINT', decimal: 'DOUBLE', date: 'DATE', datetime: 'TIMESTAMP', boolean: 'BOOLEAN' };
  const parts = cols.map((x, i) => {
    const t = cast[x.valueType ?? ''];
    const viol = t ? `count(*) FILTER (WHERE ${q(x.name)} IS NOT NULL AND TRY_CAST(${q(x.name)} AS ${t}) IS NULL)` : '0';
    return `count(${q(x.name)}) AS nn${i}, approx_count_distinct(${q(x.name)}) AS d${i}, ${viol} AS v${i}`;
  });
  const stats = (await c.runAndReadAll(`SELECT count(*) AS n${parts.length ? ', ' + parts.join(', ') : ''} FROM ${from}`)).getRowObjectsJS()[0] as Record<string, unknown>;
  const rows = Number(stats.n);
  const o = scoreOptions(k.profile);
  const out: Profiled['columns'] = [];
  for (const [i, x] of cols.entries()) {
    const sample = (await c.runAndReadAll(`SELECT CAST(${q(x.name)} AS VARCHAR) AS v FROM ${from} WHERE ${q(x.name)} IS NOT NULL USING SAMPLE reservoir(${o.sampleSize} ROWS) REPEATABLE (7)`))
      .getRowObjectsJS().map((r) => String(r.v).trim()).filter((v) => v !== '');
    const field = fields.find((f) => f.id === x.fieldId);
    const scan = scoreColumn(field ? `${x.name} ${field.name_zh}` : x.name, sample, o);
    scan.column = x.name;
    let viol = Number(stats[`v${i}`] ?? 0);
    if (x.identifierKind === 'id_number') viol = sample.filter((v) => !isValidIdNumber(v)).length;
    if (x.identifierKind === 'uscc') viol = sample.filter((v) => !isValidUscc(v)).length;
    out.push({ ...x, nullRate: rows ? Math.round((1 - Number(stats[`nn${i}`]) / rows) * 10000) / 10000 : 0, distinctCount: Number(stats[`d${i}`]), formatViolations: viol, scan });
  }
  return { rows, columns: out };
}

/** Converts a received file to Parquet in a DuckDB instance opened only for this, and profiles it. */
export async function convertAndProfile(k: Kernel, src: string, format: string, dst: string, fields: store.FieldRow[]): Promise<Profiled> {
  const inst = await DuckDBInstance.create(':memory:', { threads: '2', enable_external_access: 'true' });
  const c = await inst.connect();
  let csv: string | null = null;
  try {
    mkdirSync(dirname(dst), { recursive: true });
    const tmp = `${dst}.part`;
    let from: string;
    if (format === 'parquet') from = `read_parquet(${lit(src)})`;
    else {
      csv = format === 'xlsx' ? await xlsxToCsv(src) : src;
      from = await csvSource(c, csv, fields);
    }
    await c.run(`COPY (SELECT * FROM ${from}) TO ${lit(tmp)} (FORMAT parquet, COMPRESSION zstd)`);
    renameSync(tmp, dst);
    return await profile(c, dst, fields, k);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(422, 'UPLOAD_INVALID', { reason: String((e as Error).message).split('\n')[0]!.slice(0, 200) });
  } finally {
    c.closeSync();
    inst.closeSync();
    if (csv && csv !== src) rmSync(csv, { force: true });
  }
}

/**
 * Stores a received file as the resource's next DataSnapshot: uploading → stored (or failed),
 * then a DET-01 scan whose suggestions wait for a human (DET-05); earlier pending ones are superseded.
 */
export async function ingestFile(k: Kernel, actor: Actor, resourceId: string, file: { path: string; sm3: string; bytes: number; format: string }) {
  const begin = await k.db.transaction().execute(async (trx) => {
    const r = await loadReadable(trx, actor, resourceId, true);
    const version = await store.nextSnapshotVersion(trx, resourceId);
    const id = randomUUID();
    await transition(trx, k.workflow, {
      lifecycle: snapshotLifecycle, action: 'begin', actor, object: null, subject: { ...resourceSubject(r), type: 'DataSnapshot' },
      input: { format: file.format, bytes: file.bytes, sm3: file.sm3 },
      values: { id, resource_id: resourceId, snapshot_version: version, source_format: file.format, sm3: file.sm3, bytes: file.bytes, uploaded_by: actor.userId ?? null, uploaded_at: k.clock.now() },
    });
    return { id, version, fields: await store.listFields(trx, resourceId) };
  });
  const rel = join('resources', resourceId, `${begin.version}.parquet`);
  let prof: Profiled;
  try {
    prof = await convertAndProfile(k, file.path, file.format, controlledPath(rel), begin.fields);
  } catch (e) {
    await finishSnapshot(k, actor, begin.id, 'fail', { failure: (e as AppError).params?.reason ?? 'conversion failed' });
    throw e;
  } finally {
    rmSync(file.path, { force: true });
  }
  return k.db.transaction().execute(async (trx) => {
    const r = (await store.getResource(trx, resourceId, true))!;
    const columns = prof.columns.map((x) => ({
      name: x.name, inferredType: x.type, fieldId: x.fieldId ?? 'unmatched', nullRate: x.nullRate, distinctCount: x.distinctCount,
      formatViolations: x.formatViolations, detected: x.scan.detected, maskedExamples: x.scan.maskedExamples,
    }));
    const snap = (await store.getSnapshot(trx, begin.id, true))!;
    await transition(trx, k.workflow, {
      lifecycle: snapshotLifecycle, action: 'store', actor, object: snap as any, subject: { ...resourceSubject(r), type: 'DataSnapshot' },
      input: { rows: prof.rows }, values: { stored_as: rel, rows: prof.rows, columns: JSON.stringify(columns), bytes: statSync(controlledPath(rel)).size },
    });
    await trx.updateTable('data_resource').set({ volume: JSON.stringify({ records: prof.rows, bytes: file.bytes, asOf: k.clock.now().toISOString() }), last_updated_at: k.clock.now() }).where('id', '=', resourceId).execute();
    const suggestions = await recordDetections(trx, k, actor, r, begin.id, prof);
    return { snapshotId: begin.id, snapshotVersion: begin.version, rows: prof.rows, columns, detections: suggestions };
  });
}

async function finishSnapshot(k: Kernel, actor: Actor, id: string, action: 'fail', values: Record<string, unknown>) {
  await k.db.transaction().execute(async (trx) => {
    const snap = await store.getSnapshot(trx, id, true);
    const r = snap && (await store.getResource(trx, snap.resource_id as string));
    if (!snap || !r) throw notFound('DataSnapshot', id);
    await transition(trx, k.workflow, { lifecycle: snapshotLifecycle, action, actor, object: snap as any, subject: { ...resourceSubject(r), type: 'DataSnapshot' }, values });
  });
}

async function recordDetections(trx: any, k: Kernel, actor: Actor, r: store.ResourceRow, snapshotId: string, prof: Profiled) {
  const subject = { ...resourceSubject(r), type: 'Detection' };
  for (const old of await trx.selectFrom('detection').selectAll().where('resource_id', '=', r.id).where('state', '=', 'pending').execute()) {
    await transition(trx, k.workflow, { lifecycle: detectionLifecycle, action: 'supersede', actor, object: old, subject, input: { snapshotId } });
  }
  let n = 0;
  for (const col of prof.columns) {
    if (col.fieldId && col.scan.maskedExamples.length) await trx.updateTable('data_field').set({ masked_examples: JSON.stringify(col.scan.maskedExamples) }).where('id', '=', col.fieldId).execute();
    for (const d of col.scan.detected.filter((x) => x.suggested)) {
      const flags = { grade: col.scan.suggestedGrade, personalInfo: col.scan.personalInfo, sensitivePersonalInfo: col.scan.sensitivePersonalInfo, sensitiveCategory: col.scan.sensitiveCategory, category: col.scan.category };
      await transition(trx, k.workflow, {
        lifecycle: detectionLifecycle, action: 'suggest', actor, object: null, subject, input: { column: col.name, detector: d.type, confidence: d.confidence },
        values: {
          id: randomUUID(), resource_id: r.id, field_id: col.fieldId, snapshot_id: snapshotId, column_name: col.name, detector: d.type,
          sample_size: d.sampled, matches: d.matches, match_ratio: d.matchRatio, checksum_pass_ratio: d.checksumPassRatio, header_keyword_hit: d.headerKeywordHit,
          confidence: d.confidence, suggested: JSON.stringify(flags), masked_examples: JSON.stringify(col.scan.maskedExamples),
        },
      });
      n++;
    }
  }
  return n;
}
