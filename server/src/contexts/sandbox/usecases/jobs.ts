import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { sm3Hex } from '../../../kernel/crypto/sm3.js';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import { messageFor } from '../../../kernel/http/messages.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { ENGINE_VERSION, ql, type MountedView } from '../engine/instance.js';
import { runJob, type JobOutcome } from '../engine/job.js';
import { checkStatement, type Refusal } from '../guard/index.js';
import { jobLifecycle } from '../lifecycle.js';
import { presentJob, resultName } from '../present.js';
import { plain } from '../egress/prepare.js';
import * as store from '../store.js';
import { mountedImports } from '../imports/mount.js';
import { sealedResultPath, withPlainResults } from '../results/sealed.js';
import { dropScratch, RESULT_CIPHER, resultKey, scratchDir, sealFile } from '../results/vault.js';
import { scopeOf } from './masked-views.js';
import { assertWorkspaceUsable, loadWorkspace, workspaceSubject } from './workspaces.js';

/** Earlier succeeded Jobs whose result tables (`r_<jobId>`) later Jobs may read (sandbox.md Job). */
async function resultJobs(k: Kernel, workspaceId: string) {
  const jobs = await store.listJobs(k.db, workspaceId, 50);
  return jobs.filter((j) => j.state === 'succeeded' && j.result_file && j.columns);
}

function refusedError(r: Refusal, jobId: string) {
  const m = messageFor(r.code, r.params);
  const failures = [{ ruleId: r.ruleId, code: r.code, params: r.params, message: m.zh, message_en: m.en }];
  // A typo is the user's to fix, not a policy refusal: it answers as SQL_SYNTAX with its line and column (issue 14).
  if (r.code === 'SQL_SYNTAX')
    return new AppError(422, 'SQL_SYNTAX', r.params, {
      ruleId: r.ruleId,
      rejectCode: r.code,
      line: r.params.line,
      column: r.params.column,
      jobId,
    });
  return new AppError(
    422,
    'SANDBOX_REFUSED',
    { reason: m.zh },
    { ruleId: r.ruleId, rejectCode: r.code, failures, jobId },
  );
}

/**
 * POST /workspaces/{id}/jobs: gate → log → run in a fresh locked engine → log the outcome
 * (SBX-03..09, SBX-12). Answers when done, or after sandbox.syncWaitMs with the job running.
 */
export async function submitJob(
  k: Kernel,
  actor: Actor,
  workspaceId: string,
  sqlText: string,
  mode: 'interactive' | 'batch' = 'interactive',
) {
  const ws = await loadWorkspace(k, actor, workspaceId);
  await assertWorkspaceUsable(k, actor, ws);
  const results = await resultJobs(k, ws.id);
  const resultScope = results.map((j) => ({ name: resultName(j.id), columns: j.columns!.map((c) => c.name) }));
  // SBX-11: the Workspace's own imports join the Grant's views here, and nowhere else.
  const imports = await mountedImports(k.db, ws.id);
  const views: MountedView[] = [
    ...ws.views.map((v) => ({ name: v.name, file: v.file, columns: v.columns })),
    ...imports.map((i) => i.view),
  ];
  const gate = await checkStatement(
    sqlText,
    scopeOf(k, ws.views, [...resultScope, ...imports.map((i) => i.view)]),
    k.profile.get<number>('sandbox.maxSqlBytes'),
  );
  const id = randomUUID();
  const base = {
    id,
    workspace_id: ws.id,
    user_id: actor.userId ?? null,
    kind: 'sql',
    mode,
    sql_text: sqlText,
    sql_sm3: sm3Hex(sqlText),
    view_versions: JSON.stringify([
      ...ws.views.map((v) => ({ view: v.name, snapshotVersion: v.snapshotVersion })),
      ...imports.map((i) => ({ view: i.view.name, importId: i.id, sm3: i.sm3 })),
    ]),
    engine_version: ENGINE_VERSION,
  };
  if (!gate.ok) {
    const r = gate.refusal!;
    await k.db.transaction().execute((trx) =>
      transition(trx, k.workflow, {
        lifecycle: jobLifecycle,
        action: 'reject',
        actor,
        object: null,
        subject: workspaceSubject(ws),
        input: { sqlSm3: base.sql_sm3, rejectCode: r.code, ruleId: r.ruleId },
        values: {
          ...base,
          reject_code: r.code,
          failures: JSON.stringify([{ ruleId: r.ruleId, code: r.code, params: r.params }]),
        },
      }),
    );
    throw refusedError(r, id);
  }
  const limit = ws.limits.concurrentJobs ?? k.profile.get<number>('sandbox.concurrentJobs');
  await k.db.transaction().execute(async (trx) => {
    if ((await store.countRunning(trx, ws.id)) >= limit)
      throw new AppError(409, 'RESOURCE_LIMIT_CONCURRENCY', { limit });
    await transition(trx, k.workflow, {
      lifecycle: jobLifecycle,
      action: 'submit',
      actor,
      object: null,
      subject: workspaceSubject(ws),
      input: { sqlSm3: base.sql_sm3 },
      values: base,
    });
    const row = (await store.getJob(trx, id, true))!;
    await transition(trx, k.workflow, {
      lifecycle: jobLifecycle,
      action: 'start',
      actor: systemActor('sandbox-engine'),
      object: row,
      subject: workspaceSubject(ws),
      values: { started_at: k.clock.now() },
    });
  });
  const named = new Set((gate.facts?.tables ?? []).map((n) => n.toLowerCase()));
  const used = results.filter((j) => named.has(resultName(j.id).toLowerCase()));
  const run = executeJob(k, ws, id, { query: gate.query, explain: gate.explain, mode }, views, used)
    // An engine that cannot even start still ends the Job (failed), never leaves it running.
    .catch(
      (e): JobOutcome => ({
        status: 'failed',
        code: 'JOB_ENGINE_ERROR',
        params: {
          detail: String((e as Error).message)
            .split('\n')[0]!
            .slice(0, 120),
        },
        rowsOut: 0,
        columns: [],
        preview: [],
        durationMs: 0,
        engineVersion: ENGINE_VERSION,
      }),
    )
    .then((o) => finishJob(k, ws, id, o));
  run.catch((e) => console.error('[sandbox] job bookkeeping failed', id, (e as Error).message));
  const waitMs = k.profile.get<number>('sandbox.syncWaitMs');
  const done = await Promise.race([
    run.then(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), waitMs).unref()),
  ]);
  const job = (await store.getJob(k.db, id))!;
  return { done, job: presentJob(job) };
}

/**
 * Runs the checked query with the earlier results it names decrypted into scratch, writes its own result into
 * scratch and seals it into the Workspace (SBX-10): no plain result is left on disk when this returns.
 */
async function executeJob(
  k: Kernel,
  ws: store.WorkspaceRow,
  id: string,
  q: { query: string; explain: boolean; mode: 'interactive' | 'batch' },
  views: MountedView[],
  used: store.JobRow[],
): Promise<JobOutcome> {
  const limits = ws.limits;
  return withPlainResults(k, ws.id, used, async (files) => {
    const scratch = await scratchDir();
    try {
      const resultFile = q.explain ? null : join(scratch, `${id}.parquet`);
      const o = await runJob({
        query: q.query,
        explain: q.explain,
        views: [
          ...views,
          ...used.map((j) => ({
            name: resultName(j.id),
            file: files.get(j.id)!,
            columns: j.columns!.map((c) => c.name),
          })),
        ],
        limits: {
          memoryMiB: limits.memoryMiB!,
          threads: limits.threads!,
          timeoutSec: q.mode === 'batch' ? limits.batchSec! : limits.interactiveSec!,
          storedRows: limits.storedRows!,
          previewRows: limits.previewRows!,
        },
        resultFile,
      });
      if (o.status === 'succeeded' && resultFile && o.resultSm3)
        await sealFile(await resultKey(k, k.db, ws.id), resultFile, sealedResultPath(k, ws.id, id));
      return o;
    } finally {
      await dropScratch(scratch);
    }
  });
}

async function finishJob(k: Kernel, ws: store.WorkspaceRow, id: string, o: JobOutcome) {
  const action = o.status === 'succeeded' ? 'succeed' : o.status === 'stopped' ? 'stop' : 'fail';
  await k.db.transaction().execute(async (trx) => {
    const row = (await store.getJob(trx, id, true))!;
    await transition(trx, k.workflow, {
      lifecycle: jobLifecycle,
      action,
      actor: systemActor('sandbox-engine'),
      object: row,
      subject: workspaceSubject(ws),
      input: {
        rowsOut: o.rowsOut,
        resultBytes: o.resultBytes ?? null,
        durationMs: o.durationMs,
        peakMemoryMiB: o.peakMemoryMiB ?? null,
        resultSm3: o.resultSm3 ?? null,
        code: o.code ?? null,
      },
      values: {
        ended_at: k.clock.now(),
        duration_ms: o.durationMs,
        rows_out: o.rowsOut,
        reject_code: o.code ?? null,
        failures: o.code ? JSON.stringify([{ ruleId: 'SBX-09', code: o.code, params: o.params ?? {} }]) : null,
        result_file: o.status === 'succeeded' && o.resultSm3 ? sealedResultPath(k, ws.id, id) : null,
        result_cipher: o.status === 'succeeded' && o.resultSm3 ? RESULT_CIPHER : null,
        peak_memory_mib: o.peakMemoryMiB ?? null,
        result_sm3: o.resultSm3 ?? null,
        result_bytes: o.resultBytes ?? null,
        columns: JSON.stringify(o.columns),
      },
    });
  });
}

/** Reads the first rows of a result file (inside the sandbox; values are already masked). */
export async function readPreview(file: string, n: number): Promise<unknown[][]> {
  const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
  const c = await inst.connect();
  try {
    const r = await c.runAndReadAll(`SELECT * FROM read_parquet(${ql(file)}) LIMIT ${Math.max(0, Math.floor(n))}`);
    return r.getRows().map((row) => row.map(plain));
  } catch {
    return [];
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

export async function getJobFor(k: Kernel, actor: Actor, workspaceId: string, jobId: string) {
  const ws = await loadWorkspace(k, actor, workspaceId);
  const j = await store.getJob(k.db, jobId);
  if (!j || j.workspace_id !== ws.id) throw notFound('Job', jobId);
  // SBX-10 / IAM-17: the Job log carries no rows for anyone; the holder's seats read them in the viewer.
  return presentJob(j);
}

export async function listJobsFor(k: Kernel, actor: Actor, workspaceId: string) {
  const ws = await loadWorkspace(k, actor, workspaceId);
  const rows = await store.listJobs(k.db, ws.id, 100);
  const items = rows.map((j) => presentJob(j));
  return { items, total: items.length, page: 1, pageSize: items.length };
}
