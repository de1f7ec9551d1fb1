import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ENGINE_VERSION, openLockedInstance, ql, type MountedView } from './instance.js';

export interface JobLimits {
  memoryMiB: number;
  threads: number;
  timeoutSec: number;
  storedRows: number;
  previewRows: number;
}

export interface JobRequest {
  query: string;
  explain: boolean;
  views: MountedView[];
  limits: JobLimits;
  /** Where the result Parquet goes (inside the workspace); null: do not store. */
  resultFile: string | null;
}

export interface JobOutcome {
  status: 'succeeded' | 'stopped' | 'failed';
  /** RESOURCE_LIMIT_* when stopped; JOB_ENGINE_ERROR when failed. */
  code?: string;
  params?: Record<string, unknown>;
  rowsOut: number;
  columns: { name: string; type: string }[];
  preview: unknown[][];
  resultSm3?: string;
  resultBytes?: number;
  /** SBX-12: the engine's memory in use once the result is materialized, in MiB. */
  peakMemoryMiB?: number;
  durationMs: number;
  engineVersion: string;
}

/**
 * Runs one checked query in its own locked instance (SBX-07, SBX-09). The query text is
 * the user's, already accepted by the guard; it runs as one statement, wrapped only in a
 * row cap so a runaway result stops early. On a limit breach partial results are discarded.
 */
export async function runJob(req: JobRequest): Promise<JobOutcome> {
  const t0 = performance.now();
  const base = { rowsOut: 0, columns: [], preview: [], engineVersion: ENGINE_VERSION };
  if (req.resultFile) await mkdir(dirname(req.resultFile), { recursive: true });
  const { instance, conn } = await openLockedInstance(req.views, req.limits, req.resultFile ? [req.resultFile] : []);
  const timer = setTimeout(() => conn.interrupt(), req.limits.timeoutSec * 1000);
  try {
    if (req.explain) {
      const r = await conn.runAndReadAll(`EXPLAIN ${req.query}`);
      return {
        ...base,
        status: 'succeeded',
        rowsOut: r.currentRowCount,
        columns: names(r),
        preview: r.getRowsJson() as unknown[][],
        durationMs: ms(t0),
      };
    }
    const cap = req.limits.storedRows;
    await conn.run(`CREATE TEMP TABLE __sy_result AS SELECT * FROM (\n${req.query}\n) AS __sy_q LIMIT ${cap + 1}`);
    const count = Number((await conn.runAndReadAll('SELECT count(*) FROM __sy_result')).getRows()[0]![0]);
    if (count > cap)
      return { ...base, status: 'stopped', code: 'RESOURCE_LIMIT_ROWS', params: { limit: cap }, durationMs: ms(t0) };
    const peakMemoryMiB = await memoryInUseMiB(conn);
    const preview = await conn.runAndReadAll(`SELECT * FROM __sy_result LIMIT ${req.limits.previewRows}`);
    let resultSm3: string | undefined;
    let resultBytes: number | undefined;
    if (req.resultFile) {
      await conn.run(`COPY __sy_result TO ${ql(req.resultFile)} (FORMAT parquet)`);
      resultSm3 = await fileSm3(req.resultFile);
      resultBytes = (await stat(req.resultFile)).size;
    }
    return {
      ...base,
      status: 'succeeded',
      rowsOut: count,
      columns: names(preview),
      preview: preview.getRowsJson() as unknown[][],
      resultSm3,
      resultBytes,
      peakMemoryMiB,
      durationMs: ms(t0),
    };
  } catch (e) {
    if (req.resultFile) await rm(req.resultFile, { force: true });
    return { ...base, ...classify(e as Error, req.limits), durationMs: ms(t0) };
  } finally {
    clearTimeout(timer);
    conn.closeSync();
    instance.closeSync();
  }
}

/** SBX-12: what the engine holds after materializing the result (our own statement, after the user's ran). */
async function memoryInUseMiB(conn: DuckDBConnection): Promise<number> {
  const r = await conn.runAndReadAll('SELECT coalesce(sum(memory_usage_bytes), 0)::BIGINT FROM duckdb_memory()');
  return Math.ceil(Number(r.getRows()[0]![0]) / 1048576);
}

function names(r: { columnNames(): string[]; columnTypes(): { toString(): string }[] }) {
  const types = r.columnTypes();
  return r.columnNames().map((name, i) => ({ name, type: String(types[i]) }));
}

const ms = (t0: number) => Math.round(performance.now() - t0);

/** Maps an engine error to a named limit (SBX-09) or a failure whose text carries no data values. */
export function classify(
  e: Error,
  limits: JobLimits,
): { status: 'stopped' | 'failed'; code: string; params: Record<string, unknown> } {
  const msg = String(e.message ?? e);
  if (/out of memory|could not allocate|memory limit/i.test(msg))
    return { status: 'stopped', code: 'RESOURCE_LIMIT_MEMORY', params: { limit: `${limits.memoryMiB} MiB` } };
  if (/interrupt/i.test(msg))
    return { status: 'stopped', code: 'RESOURCE_LIMIT_TIME', params: { limit: `${limits.timeoutSec} s` } };
  // Engine messages may quote values ("Could not convert string 'x'"): drop every quoted part.
  const detail = msg
    .split('\n')[0]!
    .replace(/'[^']*'/g, "'…'")
    .replace(/"[^"]*"/g, (m) => m)
    .slice(0, 200);
  return { status: 'failed', code: 'JOB_ENGINE_ERROR', params: { detail } };
}

/** SM3 of a file, streamed (kernel/crypto uses node:crypto's sm3). */
export async function fileSm3(path: string): Promise<string> {
  const h = createHash('sm3');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}
