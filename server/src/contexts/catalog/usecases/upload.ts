import { createHash, randomUUID } from 'node:crypto';
import { closeSync, createWriteStream, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { MultipartFile } from '@fastify/multipart';
import ExcelJS from 'exceljs';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { isValidIdNumber, isValidUscc } from '../../identity/codes.js';
import { splitRecord } from '../detection/csv.js';
import { scoreOptions } from '../detection/scan.js';
import { scoreColumn, type ColumnResult } from '../detection/score.js';
import { detectionLifecycle, snapshotLifecycle } from '../lifecycle.js';
import { controlledPath, loadReadable, resourceSubject } from './resources.js';
import * as store from '../store.js';
import { type Tx } from '../../../kernel/db/tables.js';

const FORMATS: Record<string, 'csv' | 'xlsx' | 'parquet'> = {
  csv: 'csv',
  txt: 'csv',
  xlsx: 'xlsx',
  parquet: 'parquet',
};

export function formatOf(filename: string): 'csv' | 'xlsx' | 'parquet' {
  const ext = filename.split('.').pop()?.toLowerCase() ?? '';
  const f = FORMATS[ext];
  if (!f) throw new AppError(422, 'UPLOAD_FORMAT_UNSUPPORTED', { format: ext || '(none)' });
  return f;
}

/** Streams an upload to a temp file in the controlled store, hashing with SM3 on the way. */
export async function receiveUpload(
  stream: Readable,
  format: string,
): Promise<{ path: string; sm3: string; bytes: number }> {
  const path = controlledPath(join('tmp', `${randomUUID()}.${format}`));
  mkdirSync(dirname(path), { recursive: true });
  const h = createHash('sm3');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk, _e, cb) {
      h.update(chunk);
      bytes += chunk.length;
      cb(null, chunk);
    },
  });
  await pipeline(stream, tap, createWriteStream(path));
  return { path, sm3: h.digest('hex'), bytes };
}

/** Reads the first `n` bytes of a received file (format sniffing; the file itself stays in the controlled store). */
function head(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuses what is not a table before anything is stored (issue 14 "Uploads that are not tables count as success"):
 * an empty file, an Excel or Parquet file whose bytes are not one, and a text file whose lines are not a header
 * with at least two named columns and records of that width. 422 UPLOAD_EMPTY / UPLOAD_NOT_A_TABLE; nothing changes.
 */
export function assertTable(path: string, format: 'csv' | 'xlsx' | 'parquet'): void {
  const bytes = statSync(path).size;
  if (bytes === 0) throw new AppError(422, 'UPLOAD_EMPTY');
  const h = head(path, 64 * 1024);
  if (format === 'xlsx') {
    if (h.subarray(0, 4).toString('latin1') !== 'PK\x03\x04')
      throw new AppError(422, 'UPLOAD_NOT_A_TABLE', { format: 'Excel' });
    return;
  }
  if (format === 'parquet') {
    if (h.subarray(0, 4).toString('latin1') !== 'PAR1')
      throw new AppError(422, 'UPLOAD_NOT_A_TABLE', { format: 'Parquet' });
    return;
  }
  if (h.includes(0)) throw new AppError(422, 'UPLOAD_NOT_A_TABLE', { format: 'CSV' }); // binary, not text
  let text = h.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r?\n/);
  if (bytes > h.length) lines.pop(); // the last line may be cut by the 64 KB window
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  if (!nonEmpty.length) throw new AppError(422, 'UPLOAD_EMPTY');
  const first = nonEmpty[0]!;
  const delim = first.includes(',') || !first.includes('\t') ? ',' : '\t';
  const header = splitRecord(first, delim).map((x) => x.trim());
  if (header.length < 2 || header.some((x) => x === ''))
    throw new AppError(422, 'UPLOAD_NOT_A_TABLE', { format: 'CSV' });
  const records = nonEmpty.slice(1, 201);
  if (!records.length) throw new AppError(422, 'UPLOAD_EMPTY');
  // Quoted newlines may split a record across lines; a table still has most records at the header's width.
  const fit = records.filter((l) => splitRecord(l, delim).length === header.length).length;
  if (fit / records.length < 0.8) throw new AppError(422, 'UPLOAD_NOT_A_TABLE', { format: 'CSV' });
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const lit = (path: string) => `'${path.replace(/'/g, "''")}'`;

/** Excel has no DuckDB reader without a network extension: exceljs streams it to CSV first. */
async function xlsxToCsv(src: string): Promise<string> {
  const out = `${src}.csv`;
  const ws = createWriteStream(out);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(src, { sharedStrings: 'cache', worksheets: 'emit' });
  const cell = (v: unknown) => {
    const s =
      v == null
        ? ''
        : v instanceof Date
          ? v.toISOString().slice(0, 10)
          : typeof v === 'object'
            ? String((v as { text?: unknown; result?: unknown }).text ?? (v as { result?: unknown }).result ?? '')
            : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  for await (const sheet of reader) {
    // The streaming WorksheetReader yields its rows asynchronously; ExcelJS's types do not declare it.
    for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>)
      ws.write(`${(row.values as unknown[]).slice(1).map(cell).join(',')}\n`);
    break; // first sheet only
  }
  await new Promise<void>((res, rej) => ws.end((e?: Error | null) => (e ? rej(e) : res())));
  return out;
}

interface Column {
  name: string;
  type: string;
  fieldId: string | null;
  valueType: string | null;
  identifierKind: string | null;
}

async function columnsOf(c: DuckDBConnection, from: string, fields: store.FieldRow[]): Promise<Column[]> {
  const desc = (await c.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`)).getRowObjectsJS() as {
    column_name: string;
    column_type: string;
  }[];
  return desc.map((d) => {
    const f = fields.find((x) => x.code.toLowerCase() === d.column_name.toLowerCase() || x.name_zh === d.column_name);
    return {
      name: d.column_name,
      type: d.column_type,
      fieldId: f?.id ?? null,
      valueType: f?.value_type ?? null,
      identifierKind: f?.identifier_kind ?? null,
    };
  });
}

/** Declared text fields and long integer-looking columns (IDs, phones) stay text: no lost X or leading zero. */
async function csvSource(c: DuckDBConnection, src: string, fields: store.FieldRow[]) {
  const base = `read_csv(${lit(src)}, header=true, sample_size=20480)`;
  const cols = await columnsOf(c, base, fields);
  const ints = cols.filter((x) => /INT/.test(x.type));
  let long = new Set<string>();
  if (ints.length) {
    const row = (
      await c.runAndReadAll(
        `SELECT ${ints.map((x, i) => `max(length(${q(x.name)})) AS l${i}`).join(', ')} FROM read_csv(${lit(src)}, header=true, all_varchar=true)`,
      )
    ).getRowObjectsJS()[0] as Record<string, unknown>;
    long = new Set(ints.filter((_, i) => Number(row[`l${i}`] ?? 0) >= 11).map((x) => x.name));
  }
  const text = cols.filter(
    (x) => ['string', 'code'].includes(x.valueType ?? '') || long.has(x.name) || x.identifierKind,
  );
  const types = text.length ? `, types={${text.map((x) => `${lit(x.name)}: 'VARCHAR'`).join(', ')}}` : '';
  return `read_csv(${lit(src)}, header=true, sample_size=20480${types})`;
}

export interface Profiled {
  rows: number;
  columns: (Column & {
    nullRate: number;
    distinctCount: number;
    distinctApprox: boolean;
    formatViolations: number;
    scan: ColumnResult;
  })[];
}

/** Rows up to which distinct counts are exact (default chosen by us: 1,000,000; a profile may set `upload.exactDistinctMaxRows`). */
function exactDistinctMaxRows(k: Kernel): number {
  return k.profile.has('upload.exactDistinctMaxRows')
    ? k.profile.get<number>('upload.exactDistinctMaxRows')
    : 1_000_000;
}

/** Row count, null rate, distinct count, format violations and a DET-01 sample per column. */
async function profile(c: DuckDBConnection, parquet: string, fields: store.FieldRow[], k: Kernel): Promise<Profiled> {
  const from = `read_parquet(${lit(parquet)})`;
  const cols = await columnsOf(c, from, fields);
  // Issue 14 "Data-quality figures are impossible": the distinct count is exact up to upload.exactDistinctMaxRows
  // rows; above that it is HyperLogLog, marked approximate and capped at the column's non-null count.
  const total = Number(
    ((await c.runAndReadAll(`SELECT count(*) AS n FROM ${from}`)).getRowObjectsJS()[0] as { n: unknown }).n,
  );
  const approx = total > exactDistinctMaxRows(k);
  const distinctFn = approx ? 'approx_count_distinct' : 'count';
  const distinctArg = (name: string) => (approx ? q(name) : `DISTINCT ${q(name)}`);
  const cast: Record<string, string> = {
    integer: 'BIGINT',
    decimal: 'DOUBLE',
    date: 'DATE',
    datetime: 'TIMESTAMP',
    boolean: 'BOOLEAN',
  };
  const parts = cols.map((x, i) => {
    const t = cast[x.valueType ?? ''];
    const viol = t
      ? `count(*) FILTER (WHERE ${q(x.name)} IS NOT NULL AND TRY_CAST(${q(x.name)} AS ${t}) IS NULL)`
      : '0';
    return `count(${q(x.name)}) AS nn${i}, ${distinctFn}(${distinctArg(x.name)}) AS d${i}, ${viol} AS v${i}`;
  });
  const stats = (
    await c.runAndReadAll(`SELECT count(*) AS n${parts.length ? ', ' + parts.join(', ') : ''} FROM ${from}`)
  ).getRowObjectsJS()[0] as Record<string, unknown>;
  const rows = Number(stats.n);
  const o = scoreOptions(k.profile);
  const out: Profiled['columns'] = [];
  for (const [i, x] of cols.entries()) {
    const sample = (
      await c.runAndReadAll(
        `SELECT CAST(${q(x.name)} AS VARCHAR) AS v FROM ${from} WHERE ${q(x.name)} IS NOT NULL USING SAMPLE reservoir(${o.sampleSize} ROWS) REPEATABLE (7)`,
      )
    )
      .getRowObjectsJS()
      .map((r) => String(r.v).trim())
      .filter((v) => v !== '');
    const field = fields.find((f) => f.id === x.fieldId);
    const scan = scoreColumn(field ? `${x.name} ${field.name_zh}` : x.name, sample, o);
    scan.column = x.name;
    let viol = Number(stats[`v${i}`] ?? 0);
    if (x.identifierKind === 'id_number') viol = sample.filter((v) => !isValidIdNumber(v)).length;
    if (x.identifierKind === 'uscc') viol = sample.filter((v) => !isValidUscc(v)).length;
    const nonNull = Number(stats[`nn${i}`]);
    out.push({
      ...x,
      nullRate: rows ? Math.round((1 - nonNull / rows) * 10000) / 10000 : 0,
      distinctCount: Math.min(Number(stats[`d${i}`]), nonNull),
      distinctApprox: approx,
      formatViolations: viol,
      scan,
    });
  }
  return { rows, columns: out };
}

/** Converts a received file to Parquet in a DuckDB instance opened only for this, and profiles it. */
export async function convertAndProfile(
  k: Kernel,
  src: string,
  format: string,
  dst: string,
  fields: store.FieldRow[],
): Promise<Profiled> {
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
    rmSync(`${dst}.part`, { force: true });
    if (e instanceof AppError) throw e;
    // The library's own words (English, internal) stay out of the message a user reads (issue 14 "Internals in messages").
    if (format !== 'csv')
      throw new AppError(422, 'UPLOAD_NOT_A_TABLE', { format: format === 'xlsx' ? 'Excel' : 'Parquet' });
    throw new AppError(
      422,
      'UPLOAD_INVALID',
      {},
      {
        reason: String((e as Error).message)
          .split('\n')[0]!
          .slice(0, 200),
      },
    );
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
export async function ingestFile(
  k: Kernel,
  actor: Actor,
  resourceId: string,
  file: { path: string; sm3: string; bytes: number; format: string },
) {
  // Issue 14: what is not a table (or has no rows) is refused before any snapshot, volume or detection changes.
  let prof: Profiled;
  const incoming = join('resources', resourceId, `incoming-${randomUUID()}.parquet`);
  try {
    const fields = await k.db.transaction().execute(async (trx) => {
      await loadReadable(trx, actor, resourceId);
      return store.listFields(trx, resourceId);
    });
    assertTable(file.path, file.format as 'csv' | 'xlsx' | 'parquet');
    prof = await convertAndProfile(k, file.path, file.format, controlledPath(incoming), fields);
    if (prof.rows === 0) throw new AppError(422, 'UPLOAD_EMPTY');
  } catch (e) {
    rmSync(controlledPath(incoming), { force: true });
    throw e;
  } finally {
    rmSync(file.path, { force: true });
  }
  const begin = await k.db
    .transaction()
    .execute(async (trx) => {
      const r = await loadReadable(trx, actor, resourceId, true);
      const version = await store.nextSnapshotVersion(trx, resourceId);
      const id = randomUUID();
      await transition(trx, k.workflow, {
        lifecycle: snapshotLifecycle,
        action: 'begin',
        actor,
        object: null,
        subject: { ...resourceSubject(r), type: 'DataSnapshot' },
        input: { format: file.format, bytes: file.bytes, sm3: file.sm3 },
        values: {
          id,
          resource_id: resourceId,
          snapshot_version: version,
          source_format: file.format,
          sm3: file.sm3,
          bytes: file.bytes,
          uploaded_by: actor.userId ?? null,
          uploaded_at: k.clock.now(),
        },
      });
      return { id, version };
    })
    .catch((e) => {
      rmSync(controlledPath(incoming), { force: true });
      throw e;
    });
  const rel = join('resources', resourceId, `${begin.version}.parquet`);
  try {
    renameSync(controlledPath(incoming), controlledPath(rel));
  } catch (e) {
    await finishSnapshot(k, actor, begin.id, 'fail', { failure: 'store failed' });
    throw e;
  }
  return k.db.transaction().execute(async (trx) => {
    const r = (await store.getResource(trx, resourceId, true))!;
    const columns = prof.columns.map((x) => ({
      name: x.name,
      inferredType: x.type,
      fieldId: x.fieldId ?? 'unmatched',
      nullRate: x.nullRate,
      distinctCount: x.distinctCount,
      distinctApprox: x.distinctApprox,
      formatViolations: x.formatViolations,
      detected: x.scan.detected,
      maskedExamples: x.scan.maskedExamples,
    }));
    const snap = (await store.getSnapshot(trx, begin.id, true))!;
    await transition(trx, k.workflow, {
      lifecycle: snapshotLifecycle,
      action: 'store',
      actor,
      object: snap,
      subject: { ...resourceSubject(r), type: 'DataSnapshot' },
      input: { rows: prof.rows },
      values: {
        stored_as: rel,
        rows: prof.rows,
        columns: JSON.stringify(columns),
        bytes: statSync(controlledPath(rel)).size,
      },
    });
    await trx
      .updateTable('data_resource')
      .set({
        volume: JSON.stringify({ records: prof.rows, bytes: file.bytes, asOf: k.clock.now().toISOString() }),
        last_updated_at: k.clock.now(),
      })
      .where('id', '=', resourceId)
      .execute();
    const suggestions = await recordDetections(trx, k, actor, r, begin.id, prof);
    return { snapshotId: begin.id, snapshotVersion: begin.version, rows: prof.rows, columns, detections: suggestions };
  });
}

async function finishSnapshot(k: Kernel, actor: Actor, id: string, action: 'fail', values: Record<string, unknown>) {
  await k.db.transaction().execute(async (trx) => {
    const snap = await store.getSnapshot(trx, id, true);
    const r = snap && (await store.getResource(trx, snap.resource_id as string));
    if (!snap || !r) throw notFound('DataSnapshot', id);
    await transition(trx, k.workflow, {
      lifecycle: snapshotLifecycle,
      action,
      actor,
      object: snap,
      subject: { ...resourceSubject(r), type: 'DataSnapshot' },
      values,
    });
  });
}

async function recordDetections(
  trx: Tx,
  k: Kernel,
  actor: Actor,
  r: store.ResourceRow,
  snapshotId: string,
  prof: Profiled,
) {
  const subject = { ...resourceSubject(r), type: 'Detection' };
  for (const old of await trx
    .selectFrom('detection')
    .selectAll()
    .where('resource_id', '=', r.id)
    .where('state', '=', 'pending')
    .execute()) {
    await transition(trx, k.workflow, {
      lifecycle: detectionLifecycle,
      action: 'supersede',
      actor,
      object: old,
      subject,
      input: { snapshotId },
    });
  }
  let n = 0;
  for (const col of prof.columns) {
    if (col.fieldId && col.scan.maskedExamples.length)
      await trx
        .updateTable('data_field')
        .set({ masked_examples: JSON.stringify(col.scan.maskedExamples) })
        .where('id', '=', col.fieldId)
        .execute();
    for (const d of col.scan.detected.filter((x) => x.suggested)) {
      const flags = {
        grade: col.scan.suggestedGrade,
        personalInfo: col.scan.personalInfo,
        sensitivePersonalInfo: col.scan.sensitivePersonalInfo,
        sensitiveCategory: col.scan.sensitiveCategory,
        category: col.scan.category,
      };
      await transition(trx, k.workflow, {
        lifecycle: detectionLifecycle,
        action: 'suggest',
        actor,
        object: null,
        subject,
        input: { column: col.name, detector: d.type, confidence: d.confidence },
        values: {
          id: randomUUID(),
          resource_id: r.id,
          field_id: col.fieldId,
          snapshot_id: snapshotId,
          column_name: col.name,
          detector: d.type,
          sample_size: d.sampled,
          matches: d.matches,
          match_ratio: d.matchRatio,
          checksum_pass_ratio: d.checksumPassRatio,
          header_keyword_hit: d.headerKeywordHit,
          confidence: d.confidence,
          suggested: JSON.stringify(flags),
          masked_examples: JSON.stringify(col.scan.maskedExamples),
        },
      });
      n++;
    }
  }
  return n;
}

/** Receives one streamed upload for a resource and ingests it (DataSnapshot; 413 past upload.maxMB). */
export async function uploadSnapshot(k: Kernel, a: Actor, resourceId: string, file: MultipartFile | undefined) {
  if (!file) throw new AppError(422, 'UPLOAD_MISSING');
  const format = formatOf(file.filename);
  const got = await receiveUpload(file.file, format);
  if (file.file.truncated) {
    rmSync(got.path, { force: true });
    throw new AppError(413, 'PAYLOAD_TOO_LARGE');
  }
  return ingestFile(k, a, resourceId, { ...got, format });
}
