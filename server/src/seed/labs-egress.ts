import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Tx } from '../kernel/db/tables.js';
import { sm3Hex } from '../kernel/crypto/sm3.js';
import type { Kernel } from '../kernel/kernel.js';
import { systemActor } from '../kernel/workflow/actor.js';
import { importObject } from '../kernel/workflow/transition.js';
import { getGrantForUse } from '../contexts/authorization/service.js';
import { getAgreement } from '../contexts/labs/store.js';
import { ENGINE_VERSION } from '../contexts/sandbox/engine/instance.js';
import { toCsv } from '../contexts/sandbox/usecases/egress.js';
import { egressLifecycle, jobLifecycle, workspaceLifecycle } from '../contexts/sandbox/lifecycle.js';
import { findWorkspace, getJob, getWorkspace } from '../contexts/sandbox/store.js';
import { buildViews } from '../contexts/sandbox/usecases/masked-views.js';
import { holderWorkspaceRow } from '../contexts/sandbox/usecases/grant-follower.js';
import { contributionsOf } from '../contexts/sandbox/usecases/contributions.js';
import { oid, uid } from './identity.js';
import { demoId } from './ids.js';

/**
 * Labs demo, egress review (issue 18, LAB-35, decision 0100): the certified transit lab's partner asks to take a
 * per-route aggregate of its bus-card line out; the request waits for the initiator's security officer (lab.initiator,
 * 珠海市科技创新局), who sees it on the workbench and in 数据出域. The figures are computed from the lab's own masked view.
 */
export const DEMO_LAB_EGRESS = { job: demoId('job:lab-transit-routes'), pending: demoId('egress:lab-transit-routes') };
const SQL = 'SELECT 线路, count(*) AS 刷卡次数 FROM 公交刷卡记录 GROUP BY 线路';
const LAB = demoId('lab:transit');

export async function seedLabEgress(trx: Tx, k: Kernel): Promise<void> {
  // We wrote grant_ids ourselves (seed/labs.ts): the agreement's one scope line's Grant.
  const grantId = ((await getAgreement(trx, demoId('lab-agreement:transit')))?.grant_ids as string[] | null)?.[0];
  const ws = grantId ? await labWorkspace(trx, k, grantId) : undefined;
  const view = ws?.views[0];
  if (!ws || !view) return; // the lab's Grant has no data file to mount: nothing to show
  const actor = systemActor('demo-seed');
  const now = k.clock.now();
  await importObject(
    trx,
    k.workflow,
    jobLifecycle,
    'succeeded',
    {
      id: DEMO_LAB_EGRESS.job,
      workspace_id: ws.id,
      user_id: uid('lab.partner'),
      sql_text: SQL,
      sql_sm3: sm3Hex(SQL),
      view_versions: JSON.stringify([{ view: view.name, snapshotVersion: view.snapshotVersion }]),
      engine_version: ENGINE_VERSION,
      started_at: now,
      ended_at: now,
    },
    actor,
    ws.jurisdiction_id,
  );
  const minGroup = k.profile.get<number>('egress.minGroupSize');
  const rows = await routeCounts(view.file, minGroup);
  const csv = toCsv(['线路', '刷卡次数'], rows);
  const dir = join(k.dataDir, 'workspaces', ws.id, 'egress');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${DEMO_LAB_EGRESS.pending}.csv`);
  await writeFile(file, csv);
  await writeFile(file.replace(/\.csv$/, '.sketch.json'), JSON.stringify({ dimsSig: sm3Hex(SQL), rows: [] }));
  await importObject(
    trx,
    k.workflow,
    egressLifecycle,
    'awaiting_review',
    {
      id: DEMO_LAB_EGRESS.pending,
      workspace_id: ws.id,
      grant_id: ws.grant_id,
      grant_version: ws.grant_version,
      requester_user_id: uid('lab.partner'),
      requester_org_id: ws.holder_org_id,
      recipient_org_id: ws.holder_org_id,
      source_job_ids: JSON.stringify([DEMO_LAB_EGRESS.job]),
      output_kind: 'aggregate_table',
      declared_use: 'own_analysis',
      justification: '分线路刷卡量汇总，用于公交客流指数模型校准',
      jurisdiction_id: ws.jurisdiction_id,
      jurisdiction_path: JSON.stringify(ws.jurisdiction_path),
      auto_checks: JSON.stringify([
        { check: 'EGR-01', result: 'pass', detail: { kind: 'aggregate_table' } },
        { check: 'EGR-02', result: 'pass', detail: {} },
        { check: 'EGR-04', result: 'pass', detail: { k: minGroup, suppressedRows: 0 } },
      ]),
      suppressed_rows: 0,
      epsilon_spent: 0,
      artifact: JSON.stringify({
        format: 'csv',
        sizeBytes: Buffer.byteLength(csv),
        sm3: sm3Hex(csv),
        rows: rows.length,
        file,
        columns: [
          { name: '线路', role: 'dimension', field: '线路' },
          { name: '刷卡次数', role: 'count', field: null },
        ],
      }),
      contributions: JSON.stringify(await contributionsOf(k, trx, ws, (await getJob(trx, DEMO_LAB_EGRESS.job))!)),
      review_due_at: k.calendar.dueAt(now, k.profile.get<number>('egress.reviewWorkingDays')),
      // LAB-35: the initiator's security officer reviews first (the plan the lab seam answers at filing).
      review_plan: JSON.stringify({ ref: LAB, reviewerOrgIds: [oid('zh-sti')] }),
    },
    actor,
    ws.jurisdiction_id,
  );
}

/**
 * The partner's Workspace on the lab Grant, as the sandbox provisions a holder's Workspace (no seats: the partner's
 * org_admin names them through POST /workspaces, as on any provisioned Workspace).
 */
async function labWorkspace(trx: Tx, k: Kernel, grantId: string) {
  const found = await findWorkspace(trx, oid('zh-labpartner'), grantId);
  if (found) return found;
  const grant = await getGrantForUse(trx, grantId);
  if (!grant) return undefined;
  const id = demoId('workspace:lab-transit');
  const keyEnc = k.secrets.masterKeys.encrypt(randomBytes(32));
  const views = await buildViews(k, { id, key_enc: keyEnc, grant_id: grantId }, grant, trx).catch(() => null);
  if (!views) return undefined;
  await importObject(
    trx,
    k.workflow,
    workspaceLifecycle,
    'active',
    { ...holderWorkspaceRow(k, grant, id, keyEnc), views: JSON.stringify(views) },
    systemActor('demo-seed'),
    grant.jurisdictionId,
  );
  return getWorkspace(trx, id);
}

/** The per-route counts of the lab's masked view, groups under the egress k left out (as EGR-04 would). */
async function routeCounts(file: string, minGroup: number): Promise<unknown[][]> {
  const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
  const c = await inst.connect();
  try {
    const path = file.replace(/'/g, "''");
    const rows = (
      await c.runAndReadAll(
        `SELECT "线路", count(*)::INTEGER AS n FROM read_parquet('${path}') GROUP BY 1 HAVING count(*) >= ${Math.trunc(minGroup)} ORDER BY 1`,
      )
    ).getRows();
    return rows.map((r) => [String(r[0]), Number(r[1])]);
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}
