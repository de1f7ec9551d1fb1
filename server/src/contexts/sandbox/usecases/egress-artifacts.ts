import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MultipartFields, MultipartFile } from '@fastify/multipart';
import { sm3Hex } from '../../../kernel/crypto/sm3.js';
import { AppError } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { checkArtifact } from '../egress/artifact.js';
import '../messages-egress.js';
import { ArtifactEgressFields } from '../model-egress.js';
import type { EgressArtifact, EgressRelease } from '../store.js';
import { fileEgress, finishChecks, getEgressFor } from './egress.js';
import { assertLabGrantUse } from './lab-seam.js';
import { assertWorkspaceUsable, loadWorkspace } from './workspaces.js';

/** The text fields sent before the file part (multipart order: the form's fields first). */
function textFields(fields: MultipartFields): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, f] of Object.entries(fields)) {
    const one = Array.isArray(f) ? f[0] : f;
    if (one && one.type === 'field') out[name] = String(one.value);
  }
  return out;
}

/** The upload's bytes, or `truncated` when it ran past the multipart limit (egress.maxArtifactMiB). */
async function bytesOf(file: MultipartFile): Promise<{ bytes: Buffer; truncated: boolean }> {
  try {
    const bytes = await file.toBuffer();
    return { bytes, truncated: file.file.truncated };
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return { bytes: Buffer.alloc(0), truncated: true };
    throw e;
  }
}

/**
 * POST /egress-requests/artifacts (EGR-08): a model (ONNX, PMML, JSON) or a document (PDF, DOCX, XLSX,
 * PNG) made from a Job of this Workspace. Who, which Workspace and its state are checked before the
 * file is read; the request is filed (EGR-01, EGR-11, EGR-13), then checked: format and size fail it,
 * and otherwise it ALWAYS goes to human review, with the identifier findings named for the reviewer.
 */
export async function requestArtifactEgress(k: Kernel, actor: Actor, file: MultipartFile | undefined) {
  if (!file) throw new AppError(422, 'UPLOAD_MISSING');
  const parsed = ArtifactEgressFields.safeParse(textFields(file.fields));
  if (!parsed.success)
    throw new AppError(400, 'VALIDATION_FAILED', {
      fields: parsed.error.issues.map((i) => i.path.join('.')).join(', '),
    });
  const input = parsed.data;
  const ws = await loadWorkspace(k, actor, input.workspaceId);
  const grant = await assertWorkspaceUsable(k, actor, ws);
  await assertLabGrantUse(k, ws.grant_id, 'egress'); // LAB-34: an artifact is frozen like any other egress
  const { bytes, truncated } = await bytesOf(file);
  const { id } = await fileEgress(k, actor, ws, grant, input);
  const maxMiB = k.profile.get<number>('egress.maxArtifactMiB');
  const checked = checkArtifact({ kind: input.outputKind, fileName: file.filename, bytes, truncated, maxMiB });
  const kindCheck = { check: 'EGR-01', result: 'pass' as const, detail: { kind: input.outputKind } };
  if (checked.failures.length) {
    await finishChecks(k, id, 'auto_fail', {
      auto_checks: [kindCheck, ...checked.autoChecks],
      failures: checked.failures,
    });
    return getEgressFor(k, actor, id);
  }
  const dir = join(k.dataDir, 'workspaces', ws.id, 'egress');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${id}.${checked.format}`);
  await writeFile(path, bytes);
  const artifact: EgressArtifact = {
    format: checked.format!,
    sizeBytes: bytes.length,
    sm3: sm3Hex(bytes),
    rows: 0,
    file: path,
    columns: null,
    fileName: file.filename,
    findings: checked.findings,
  };
  await finishChecks(k, id, 'checks_passed', {
    auto_checks: [kindCheck, ...checked.autoChecks],
    artifact,
    review_due_at: k.calendar.dueAt(k.clock.now(), k.profile.get<number>('egress.reviewWorkingDays')),
  });
  return getEgressFor(k, actor, id);
}

/** EGR-10 for an artifact: the reviewed bytes, fingerprinted; the watermark code is bound to it in the release and ledger. */
export async function releaseArtifact(
  k: Kernel,
  artifact: EgressArtifact,
  watermarkCode: string,
): Promise<EgressRelease> {
  const path = artifact.file.replace(/\.(\w+)$/, '.release.$1');
  await copyFile(artifact.file, path);
  const linkExpiresAt = new Date(
    k.clock.now().getTime() + k.profile.get<number>('egress.linkDays') * 86400_000,
  ).toISOString();
  return { fingerprintSm3: artifact.sm3, watermarkCode, linkExpiresAt, downloads: [], file: path };
}

const MIME: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  png: 'image/png',
  json: 'application/json',
  pmml: 'application/xml',
  onnx: 'application/octet-stream',
};
/** The content type a released file is served with. */
export const mimeOf = (format: string) => MIME[format] ?? 'application/octet-stream';
