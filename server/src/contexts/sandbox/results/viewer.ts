import { recordAuditAlone } from '../../../kernel/audit.js';
import { sm3Hex } from '../../../kernel/crypto/sm3.js';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { orgNames } from '../../identity/service.js';
import { resultName } from '../present.js';
import { getJob } from '../store.js';
import { assertWorkspaceUsable, loadWorkspace } from '../usecases/workspaces.js';
import type { ResultViewerView } from './model.js';
import { readResultRows } from './sealed.js';

/**
 * SBX-10: the one place a result is decrypted for a person. Only a seat of the holder org in a usable Workspace
 * sees rows (a supervisor reads the Job log, never its rows); a page is at most the Workspace's preview rows; every
 * viewing is audited with the watermark code the page carries. There is no download: the only exit is a released
 * EgressRequest.
 */
export async function viewResult(
  k: Kernel,
  actor: Actor,
  workspaceId: string,
  jobId: string,
  page: { offset: number; limit?: number },
): Promise<ResultViewerView> {
  const ws = await loadWorkspace(k, actor, workspaceId);
  if (ws.holder_org_id !== actor.orgId) throw new AppError(403, 'NOT_A_SEAT');
  await assertWorkspaceUsable(k, actor, ws);
  const job = await getJob(k.db, jobId);
  if (!job || job.workspace_id !== ws.id) throw notFound('Job', jobId);
  if (job.state !== 'succeeded' || !job.result_file)
    throw new AppError(409, 'RESULT_NOT_AVAILABLE', { state: job.state });
  const limit = Math.min(page.limit ?? Number.POSITIVE_INFINITY, ws.limits.previewRows ?? 100); // no limit: a full page
  const rows = await readResultRows(k, ws.id, job, page.offset, limit);
  const at = k.clock.now().toISOString();
  const code = sm3Hex(`${job.id}|${actor.userId}|${actor.orgId}|${at}`).slice(0, 16);
  await recordAuditAlone(k.db, k.ledger, {
    action: 'job.result_view',
    actor,
    targetType: 'Job',
    targetId: job.id,
    result: 'success',
    jurisdictionId: ws.jurisdiction_id,
    after: { workspaceId: ws.id, watermarkCode: code, offset: page.offset, rows: rows.length },
  });
  return {
    jobId: job.id,
    resultTable: resultName(job.id),
    columns: job.columns ?? [],
    rows,
    rowsOut: Number(job.rows_out ?? 0),
    offset: page.offset,
    limit,
    watermark: {
      userId: actor.userId!,
      loginName: actor.loginName ?? null,
      orgId: actor.orgId!,
      orgName: (await orgNames(k.db, [actor.orgId])).get(actor.orgId!) ?? null,
      at,
      code,
    },
  };
}
