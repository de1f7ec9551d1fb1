import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Kernel } from '../../../kernel/kernel.js';
import { ql } from '../engine/instance.js';
import { plain } from '../egress/prepare.js';
import type { JobRow } from '../store.js';
import { dropScratch, openSealed, RESULT_CIPHER, resultKey, scratchDir } from './vault.js';

/** Where a Job's sealed result lives inside its Workspace (purged with it, SBX-14). */
export const sealedResultPath = (k: Kernel, workspaceId: string, jobId: string) =>
  join(k.dataDir, 'workspaces', workspaceId, 'results', `${jobId}.parquet.sm4`);

/**
 * Runs `fn` with the named Jobs' results decrypted into one scratch folder (SBX-10), then removes it. A result
 * stored before sealing existed (no cipher) is used where it is.
 */
export async function withPlainResults<T>(
  k: Kernel,
  workspaceId: string,
  jobs: Pick<JobRow, 'id' | 'result_file' | 'result_cipher'>[],
  fn: (files: Map<string, string>) => Promise<T>,
): Promise<T> {
  const sealed = jobs.filter((j) => j.result_file && j.result_cipher === RESULT_CIPHER);
  const files = new Map<string, string>();
  for (const j of jobs) if (j.result_file && !j.result_cipher) files.set(j.id, j.result_file);
  if (!sealed.length) return fn(files);
  const dir = await scratchDir();
  try {
    const key = await resultKey(k, k.db, workspaceId);
    for (const j of sealed) {
      const out = join(dir, `${j.id}.parquet`);
      await openSealed(key, j.result_file!, out);
      files.set(j.id, out);
    }
    return await fn(files);
  } finally {
    await dropScratch(dir);
  }
}

/** Rows `offset`…`offset + limit` of a stored result, decrypted only for this read. */
export async function readResultRows(
  k: Kernel,
  workspaceId: string,
  job: Pick<JobRow, 'id' | 'result_file' | 'result_cipher'>,
  offset: number,
  limit: number,
): Promise<unknown[][]> {
  if (!job.result_file) return [];
  return withPlainResults(k, workspaceId, [job], async (files) => {
    const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
    const c = await inst.connect();
    try {
      const n = Math.max(0, Math.floor(limit));
      const o = Math.max(0, Math.floor(offset));
      const r = await c.runAndReadAll(`SELECT * FROM read_parquet(${ql(files.get(job.id)!)}) LIMIT ${n} OFFSET ${o}`);
      return r.getRows().map((row) => row.map(plain));
    } catch {
      return [];
    } finally {
      c.closeSync();
      inst.closeSync();
    }
  }).catch(() => []);
}
