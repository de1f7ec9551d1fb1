import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Tx } from '../kernel/db/tables.js';
import { sm3Hex } from '../kernel/crypto/sm3.js';
import type { Kernel } from '../kernel/kernel.js';
import { systemActor } from '../kernel/workflow/actor.js';
import { importObject } from '../kernel/workflow/transition.js';
import { checkArtifact } from '../contexts/sandbox/egress/artifact.js';
import { ENGINE_VERSION } from '../contexts/sandbox/engine/instance.js';
import { egressLifecycle, jobLifecycle } from '../contexts/sandbox/lifecycle.js';
import { getEgress, getJob, getWorkspace, type WorkspaceRow } from '../contexts/sandbox/store.js';
import { insertNotices } from '../contexts/sandbox/store-notices.js';
import { jsonModel, onnxModel } from '../contexts/sandbox/test/artifacts.js';
import { contributionsOf } from '../contexts/sandbox/usecases/contributions.js';
import { oid, uid } from './identity.js';
import { demoId } from './ids.js';

/** The demo's artifact egress (EGR-08, EGR-12): one model awaiting review, one released and seen by its source unit. */
export const DEMO_EGRESS = {
  pending: demoId('egress:model-pending'),
  released: demoId('egress:model-released'),
  job: demoId('job:egress-model'),
};
const SQL = 'SELECT 所属区, count(*) AS 企业数, count(DISTINCT 企业名称) AS 名称数 FROM 企业登记信息 GROUP BY 所属区';

export async function seedSandboxEgress(trx: Tx, k: Kernel): Promise<void> {
  const ws = await getWorkspace(trx, demoId('workspace:verify:zh-operator'));
  if (!ws || (await getEgress(trx, DEMO_EGRESS.pending))) return;
  const actor = systemActor('demo-seed');
  const now = k.clock.now();
  await importObject(
    trx,
    k.workflow,
    jobLifecycle,
    'succeeded',
    {
      id: DEMO_EGRESS.job,
      workspace_id: ws.id,
      user_id: uid('operator.dev'),
      sql_text: SQL,
      sql_sm3: sm3Hex(SQL),
      view_versions: JSON.stringify(ws.views.map((v) => ({ view: v.name, snapshotVersion: v.snapshotVersion }))),
      engine_version: ENGINE_VERSION,
      started_at: now,
      ended_at: now,
    },
    actor,
    ws.jurisdiction_id,
  );
  const contributions = await contributionsOf(k, trx, ws, (await getJob(trx, DEMO_EGRESS.job))!);
  const base = { ws, contributions, now };
  // Awaiting review: a scoring model whose lookup tensor 法定代表人身份证号 carries ID numbers (the finding the reviewer sees).
  await seedArtifact(trx, k, base, {
    id: DEMO_EGRESS.pending,
    fileName: 'credit-score.onnx',
    bytes: onnxModel({ idColumn: '法定代表人身份证号' }),
    state: 'awaiting_review',
    justification: '小微企业授信评分模型交付鹏城商业银行',
  });
  // Released: the coefficients only, approved and downloaded; 市场监管 (the source unit) has its notice.
  const released = await seedArtifact(trx, k, base, {
    id: DEMO_EGRESS.released,
    fileName: 'credit-coef.json',
    bytes: jsonModel(),
    state: 'released',
    justification: '授信评分模型系数（不含任何主体数据）',
  });
  await insertNotices(
    trx,
    [...new Set(contributions.map((c) => c.sourceUnitOrgId).filter((x): x is string => !!x))].map((unit) => ({
      id: demoId(`release-notice:${unit}`),
      egress_request_id: DEMO_EGRESS.released,
      source_unit_org_id: unit,
      resources: JSON.stringify(
        contributions
          .filter((c) => c.sourceUnitOrgId === unit)
          .map((c) => ({ resourceId: c.resourceId, nameZh: c.nameZh, fields: c.fields })),
      ),
      output_kind: 'model_file',
      declared_use: 'client_delivery',
      requester_org_id: ws.holder_org_id,
      recipient_org_id: oid('buyer'),
      fingerprint_sm3: released.fingerprintSm3,
      watermark_code: released.watermarkCode,
      artifact_format: 'json',
      artifact_rows: null,
      released_at: now,
    })),
  );
}

interface Base {
  ws: WorkspaceRow;
  contributions: Awaited<ReturnType<typeof contributionsOf>>;
  now: Date;
}

async function seedArtifact(
  trx: Tx,
  k: Kernel,
  b: Base,
  a: { id: string; fileName: string; bytes: Buffer; state: 'awaiting_review' | 'released'; justification: string },
) {
  const checked = checkArtifact({
    kind: 'model_file',
    fileName: a.fileName,
    bytes: a.bytes,
    truncated: false,
    maxMiB: k.profile.get<number>('egress.maxArtifactMiB'),
  });
  const dir = join(k.dataDir, 'workspaces', b.ws.id, 'egress');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${a.id}.${checked.format}`);
  await writeFile(file, a.bytes);
  const sm3 = sm3Hex(a.bytes);
  const release = {
    fingerprintSm3: sm3,
    watermarkCode: `WM-${sm3.slice(0, 12).toUpperCase()}`,
    linkExpiresAt: new Date(b.now.getTime() + k.profile.get<number>('egress.linkDays') * 86400_000).toISOString(),
    downloads: [{ userId: uid('buyer.admin'), orgId: oid('buyer'), at: b.now.toISOString(), format: checked.format }],
    file: file.replace(/\.(\w+)$/, '.release.$1'),
  };
  if (a.state === 'released') await copyFile(file, release.file);
  await importObject(
    trx,
    k.workflow,
    egressLifecycle,
    a.state,
    {
      id: a.id,
      workspace_id: b.ws.id,
      grant_id: b.ws.grant_id,
      grant_version: b.ws.grant_version,
      requester_user_id: uid('operator.dev'),
      requester_org_id: b.ws.holder_org_id,
      recipient_org_id: oid('buyer'),
      source_job_ids: JSON.stringify([DEMO_EGRESS.job]),
      output_kind: 'model_file',
      declared_use: 'client_delivery',
      justification: a.justification,
      jurisdiction_id: b.ws.jurisdiction_id,
      jurisdiction_path: JSON.stringify(b.ws.jurisdiction_path),
      auto_checks: JSON.stringify([
        { check: 'EGR-01', result: 'pass', detail: { kind: 'model_file' } },
        ...checked.autoChecks,
      ]),
      artifact: JSON.stringify({
        format: checked.format,
        sizeBytes: a.bytes.length,
        sm3,
        rows: 0,
        file,
        columns: null,
        fileName: a.fileName,
        findings: checked.findings,
      }),
      contributions: JSON.stringify(b.contributions),
      review_due_at: k.calendar.dueAt(b.now, k.profile.get<number>('egress.reviewWorkingDays')),
      reviews: JSON.stringify(
        a.state === 'released'
          ? [
              {
                reviewerId: uid('authority.admin'),
                reviewerOrgId: oid('zh-authority'),
                decision: 'approve',
                reason: '仅含模型系数，无主体数据',
                at: b.now.toISOString(),
              },
            ]
          : [],
      ),
      release: a.state === 'released' ? JSON.stringify(release) : null,
    },
    systemActor('demo-seed'),
    b.ws.jurisdiction_id,
  );
  return release;
}
