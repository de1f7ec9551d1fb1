import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Tx } from '../../../kernel/db/tables.js';
import { recordAuditAlone } from '../../../kernel/audit.js';
import { sm3Hex } from '../../../kernel/crypto/sm3.js';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { canRead, type Subject } from '../../../kernel/workflow/authorize.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { getGrantForUse, hasPublicationPermission } from '../../authorization/service.js';
import { runEgressChecks, type FieldFacts } from '../egress/checks.js';
import { fromMicro, toMicro } from '../egress/dp.js';
import { prepareAggregate } from '../egress/prepare.js';
import { analyzeAggregate } from '../egress/shape.js';
import { checkStatement } from '../guard/index.js';
import { csvCell, parseCsv, releaseCsv, releaseXlsx } from '../egress/release-file.js';
import { egressLifecycle } from '../lifecycle.js';
import '../messages-egress.js';
import { contributionsOf } from './contributions.js';
import { releaseArtifact } from './egress-artifacts.js';
import { writeReleaseNotices } from './release-notices.js';
import { presentEgress } from '../present.js';
import * as store from '../store.js';
import { scopeOf } from './masked-views.js';
import { assertWorkspaceUsable, loadWorkspace } from './workspaces.js';
import { assertLabGrantUse, labEgressReviewPlan } from './lab-seam.js';
import { labReviewAction } from './egress-lab-review.js';

export interface EgressInput {
  workspaceId: string;
  sourceJobId: string;
  outputKind: string;
  declaredUse: string;
  recipientOrgId?: string;
  justification: string;
  /** EGR-11: the closed request this one resubmits. */
  resubmissionOf?: string;
}

// The authorization context also accepts coarse kinds; each stands for the sandbox.md kinds it covers.
const KIND_ALIASES: Record<string, string[]> = {
  aggregate: ['aggregate_table', 'chart'],
  model: ['model_file'],
  service_answer: ['api_template'],
};
/** EGR-01: the output kinds a Grant allows, in sandbox.md's vocabulary. */
export const allowedKinds = (kinds: string[]) => [...new Set(kinds.flatMap((k) => KIND_ALIASES[k] ?? [k]))];

export function egressSubject(
  e: Pick<
    store.EgressRow,
    | 'id'
    | 'jurisdiction_id'
    | 'jurisdiction_path'
    | 'requester_org_id'
    | 'recipient_org_id'
    | 'requester_user_id'
    | 'review_plan'
  >,
): Subject {
  return {
    type: 'EgressRequest',
    id: e.id,
    jurisdictionId: e.jurisdiction_id,
    jurisdictionPath: e.jurisdiction_path,
    ownerOrgId: e.requester_org_id,
    // LAB-35: the lab initiator named on the review plan is a party (it reads and reviews; EGR-10 still binds the
    // download to the recipient).
    partyOrgIds: [e.recipient_org_id, ...(e.review_plan?.reviewerOrgIds ?? [])],
    createdBy: e.requester_user_id,
  };
}

export const toCsv = (header: string[], rows: unknown[][]) =>
  [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

/** Files an EgressRequest and runs the automatic checks at once (EGR-01..08); failures never reach review. */
export async function requestEgress(k: Kernel, actor: Actor, input: EgressInput) {
  const ws = await loadWorkspace(k, actor, input.workspaceId);
  const grant = await assertWorkspaceUsable(k, actor, ws);
  await assertLabGrantUse(k, ws.grant_id, 'egress'); // LAB-34: frozen during the lab's egress rectification
  const { id, job } = await fileEgress(k, actor, ws, grant, input);
  await runChecks(k, id, ws, grant, job);
  return getEgressFor(k, actor, id);
}

export type UsableGrant = NonNullable<Awaited<ReturnType<typeof getGrantForUse>>>;

/**
 * The `submit` transition (draft → checking) with EGR-01, EGR-11 and EGR-13, recording the resources
 * and source units the output comes from (EGR-12). Answers the new id and the source Job.
 */
export async function fileEgress(
  k: Kernel,
  actor: Actor,
  ws: store.WorkspaceRow,
  grant: UsableGrant,
  input: EgressInput,
): Promise<{ id: string; job: store.JobRow }> {
  const job = await store.getJob(k.db, input.sourceJobId);
  const jobOk = !!job && job.workspace_id === ws.id && job.state === 'succeeded';
  const id = randomUUID();
  const recipient = input.recipientOrgId ?? actor.orgId!;
  const publicationPermitted = await hasPublicationPermission(k.db, ws.grant_id, input.declaredUse);
  const prior = input.resubmissionOf ? await store.getEgress(k.db, input.resubmissionOf) : undefined;
  const contributions = jobOk ? await contributionsOf(k, k.db, ws, job!) : [];
  const reviewPlan = await labEgressReviewPlan(k, ws.grant_id); // LAB-35: null unless a lab stands behind the Grant
  await k.db
    .transaction()
    .execute((trx) =>
      transition(trx, k.workflow, {
        lifecycle: egressLifecycle,
        action: 'submit',
        actor,
        object: null,
        subject: {
          type: 'EgressRequest',
          jurisdictionId: ws.jurisdiction_id,
          jurisdictionPath: ws.jurisdiction_path,
          ownerOrgId: ws.holder_org_id,
        },
        facts: {
          outputKind: input.outputKind,
          allowedOutputKinds: allowedKinds(grant.egressPolicy.allowedOutputKinds),
          declaredUse: input.declaredUse,
          publicationPermitted,
          jobOk,
          jobId: input.sourceJobId,
          resubmissionOf: input.resubmissionOf ?? null,
          // EGR-11: a request of another Workspace reads as missing (its existence is not disclosed).
          prior: prior && prior.workspace_id === ws.id ? { state: prior.state } : null,
        },
        input: { ...input, recipientOrgId: recipient },
        values: {
          id,
          workspace_id: ws.id,
          grant_id: ws.grant_id,
          grant_version: ws.grant_version,
          requester_user_id: actor.userId ?? null,
          requester_org_id: actor.orgId,
          recipient_org_id: recipient,
          source_job_ids: JSON.stringify([input.sourceJobId]),
          output_kind: input.outputKind,
          declared_use: input.declaredUse,
          justification: input.justification,
          jurisdiction_id: ws.jurisdiction_id,
          jurisdiction_path: JSON.stringify(ws.jurisdiction_path),
          resubmission_of: input.resubmissionOf ?? null,
          contributions: JSON.stringify(contributions),
          review_plan: reviewPlan && JSON.stringify(reviewPlan),
        },
      }),
    )
    .catch((e) => alertOnPublication(k, actor, ws, input.declaredUse, e));
  return { id, job: job! }; // EGR-01 refused the transition unless the Job is a succeeded Job of this Workspace
}

/** AUTH-29 scenario 12: a refused patent or exclusive-publication use alerts the authority (an audit entry on the Grant in its jurisdiction). */
async function alertOnPublication(
  k: Kernel,
  actor: Actor,
  ws: store.WorkspaceRow,
  declaredUse: string,
  e: unknown,
): Promise<never> {
  if (e instanceof AppError && e.code === 'PUBLICATION_PERMISSION_REQUIRED') {
    await recordAuditAlone(k.db, k.ledger, {
      action: 'alert.publication_permission_required',
      actor,
      targetType: 'Grant',
      targetId: ws.grant_id,
      result: 'denied',
      reasonCode: 'PUBLICATION_PERMISSION_REQUIRED',
      jurisdictionId: ws.jurisdiction_id,
      after: { declaredUse, workspaceId: ws.id },
    });
  }
  throw e;
}

async function runChecks(k: Kernel, id: string, ws: store.WorkspaceRow, grant: UsableGrant, job: store.JobRow) {
  const e = (await store.getEgress(k.db, id))!;
  const gate = await checkStatement(
    job.sql_text,
    scopeOf(k, ws.views, []),
    k.profile.get<number>('sandbox.maxSqlBytes'),
  );
  const shape = gate.ok
    ? analyzeAggregate(gate.ast, k.profile.get<string[]>('egress.allowedAggregates'))
    : { refusal: gate.refusal };
  if (!shape.shape) {
    const r = shape.refusal!;
    return finishChecks(k, id, 'auto_fail', {
      auto_checks: [{ check: r.ruleId, result: 'fail', detail: r.params }],
      failures: [r],
    });
  }
  const view = ws.views.find((v) => v.name.toLowerCase() === shape.shape!.view.toLowerCase())!;
  const l = ws.limits;
  const prepared = await prepareAggregate(
    gate.ast!, // a shape comes only from an accepted statement, which carries its AST
    shape.shape,
    { name: view.name, file: view.file, columns: view.columns },
    {
      memoryMiB: l.memoryMiB!,
      threads: l.threads!,
      timeoutSec: l.interactiveSec!,
      storedRows: l.storedRows!,
      previewRows: l.previewRows!,
    },
  );
  const dimsSig = sm3Hex(
    JSON.stringify([
      view.resourceId,
      shape.shape.dimensions.map((d) => shape.shape!.columns.find((c) => c.name === d)!.field),
    ]),
  );
  const policy = { ...grant.egressPolicy, allowedOutputKinds: allowedKinds(grant.egressPolicy.allowedOutputKinds) };
  const k_ = Math.max(policy.minGroupSize ?? 0, k.profile.get<number>('egress.minGroupSize'));
  const budget = await store.getBudget(
    k.db,
    ws.grant_id,
    ws.grant_version,
    toMicro(policy.dp?.epsilonBudget ?? k.profile.get<number>('egress.dp.epsilonTotal')),
  );
  const fields = new Map<string, FieldFacts>(
    view.fields.map((f) => [
      f.name,
      { personalInfo: f.personalInfo, directIdentifier: f.directIdentifier, method: f.method },
    ]),
  );
  const out = runEgressChecks({
    outputKind: e.output_kind,
    policy,
    shape: shape.shape,
    fields,
    rows: prepared.rows,
    subjectCounts: prepared.subjectCounts,
    sketches: prepared.sketches,
    previous: await store.loadSketches(k.db, ws.grant_id, dimsSig),
    differencingGuard: k.profile.get<boolean>('egress.differencingGuard'),
    k: k_,
    dpBudget: {
      ...budget,
      perReleaseMicro: toMicro(k.profile.get<number>('egress.dp.epsilonPerRelease')),
      delta: k.profile.get<number>('egress.dp.delta'),
    },
  });
  if (out.failures.length)
    return finishChecks(k, id, 'auto_fail', {
      auto_checks: out.autoChecks,
      failures: out.failures,
      suppressed_rows: out.suppressedRows,
    });
  const dir = join(k.dataDir, 'workspaces', ws.id, 'egress');
  await mkdir(dir, { recursive: true });
  const csv = toCsv(
    shape.shape.columns.map((c) => c.name),
    out.rows,
  );
  await writeFile(join(dir, `${id}.csv`), csv);
  await writeFile(
    join(dir, `${id}.sketch.json`),
    JSON.stringify({
      dimsSig,
      rows: out.rowKeys.map((key, i) => ({ key, h: Buffer.from(out.keptSketches[i]!.buffer).toString('base64') })),
    }),
  );
  const artifact = {
    format: 'csv',
    sizeBytes: Buffer.byteLength(csv),
    sm3: sm3Hex(csv),
    rows: out.rows.length,
    file: join(dir, `${id}.csv`),
    columns: shape.shape.columns,
  };
  return finishChecks(
    k,
    id,
    'checks_passed',
    {
      auto_checks: out.autoChecks,
      suppressed_rows: out.suppressedRows,
      epsilon_spent: fromMicro(out.epsilonChargedMicro),
      artifact,
      review_due_at: k.calendar.dueAt(k.clock.now(), k.profile.get<number>('egress.reviewWorkingDays')),
    },
    out.epsilonChargedMicro,
  );
}

// EGR-07: ε is charged in the same transaction that records the check report (nothing charged on failure).
export async function finishChecks(
  k: Kernel,
  id: string,
  action: 'auto_fail' | 'checks_passed',
  v: Record<string, unknown>,
  chargeMicro = 0,
) {
  await k.db.transaction().execute(async (trx) => {
    const e = (await store.getEgress(trx, id, true))!;
    if (chargeMicro) await store.chargeBudget(trx, e.grant_id, e.grant_version, chargeMicro);
    const values = Object.fromEntries(
      Object.entries(v).map(([key, val]) => [
        key,
        val !== null && typeof val === 'object' && !(val instanceof Date) ? JSON.stringify(val) : val,
      ]),
    );
    await transition(trx, k.workflow, {
      lifecycle: egressLifecycle,
      action,
      actor: systemActor('egress-checks'),
      object: e,
      subject: egressSubject(e),
      input: { autoChecks: v.auto_checks, artifactSm3: (v.artifact as store.EgressArtifact | undefined)?.sm3 ?? null },
      values,
    });
  });
}

/** Any system step of a request inside a caller's transaction (hold, resume, withdraw, expire). */
export async function egressStep(
  trx: Tx,
  k: Kernel,
  e: Pick<store.EgressRow, 'id'>,
  action: string,
  actor: Actor,
  input: Record<string, unknown>,
  values: Record<string, unknown> = {},
) {
  const row = (await store.getEgress(trx, e.id, true))!;
  return transition(trx, k.workflow, {
    lifecycle: egressLifecycle,
    action,
    actor,
    object: row,
    subject: egressSubject(row),
    input,
    values,
  });
}

/**
 * The review (EGR-09); an approval that completes the review issues the watermarked file, its SM3 and the link
 * (EGR-10). A request on a lab Grant is reviewed under LAB-35 (egress-lab-review.ts): the initiator's security officer
 * first, the authority second when the lab rule asks for it; any other request by the authority alone.
 */
export async function reviewEgress(
  k: Kernel,
  actor: Actor,
  id: string,
  decision: 'approve' | 'deny' | 'return',
  reason: string,
) {
  const e0 = await store.getEgress(k.db, id);
  if (!e0 || !canRead(actor, egressSubject(e0))) throw notFound('EgressRequest', id);
  const reviewable = e0.review_plan ? ['awaiting_review', 'awaiting_second_review'] : ['awaiting_review'];
  if (!reviewable.includes(e0.state)) throw new AppError(409, 'EGRESS_NOT_REVIEWABLE', { state: e0.state });
  const { action, review: extra } = e0.review_plan
    ? await labReviewAction(k, actor, e0, decision)
    : { action: decision, review: {} };
  let release: store.EgressRelease | null = null;
  if (action === 'approve' || action === 'lab_approve') release = await issueRelease(k, e0);
  await k.db.transaction().execute(async (trx) => {
    const e = (await store.getEgress(trx, id, true))!;
    const review: store.EgressReview = {
      reviewerId: actor.userId,
      reviewerOrgId: actor.orgId,
      decision,
      reason,
      at: k.clock.now().toISOString(),
      ...extra,
    };
    await transition(trx, k.workflow, {
      lifecycle: egressLifecycle,
      action,
      actor,
      object: e,
      subject: egressSubject(e),
      facts: { reviewerOrgId: actor.orgId, requesterOrgId: e.requester_org_id, reason },
      input: {
        decision,
        reason,
        ...(release
          ? {
              fingerprintSm3: release.fingerprintSm3,
              xlsxSm3: release.xlsxSm3,
              watermarkCode: release.watermarkCode,
              recipientOrgId: e.recipient_org_id,
              checkReportSm3: sm3Hex(JSON.stringify(e.auto_checks)),
            }
          : {}),
      },
      values: {
        reviews: JSON.stringify([...(e.reviews ?? []), review]),
        ...(release ? { release: JSON.stringify(release) } : {}),
      },
    });
    // EGR-06: a released table's row sketches are kept (a model or document has none).
    if (release && e.artifact?.format === 'csv') {
      const sk = JSON.parse(await readFile(e.artifact!.file.replace(/\.csv$/, '.sketch.json'), 'utf8')) as {
        dimsSig: string;
        rows: { key: string; h: string }[];
      };
      await store.insertSketches(
        trx,
        e.grant_id,
        sk.dimsSig,
        e.id,
        sk.rows.map((r) => {
          const b = Buffer.from(r.h, 'base64');
          return { key: r.key, sketch: new BigUint64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)) };
        }),
      );
    }
  });
  return getEgressFor(k, actor, id);
}

async function issueRelease(k: Kernel, e: store.EgressRow): Promise<store.EgressRelease> {
  const artifact = e.artifact!; // checks_passed wrote it (awaiting_review follows only that)
  const watermarkCode = `WM-${randomBytes(6).toString('hex').toUpperCase()}`;
  if (artifact.format !== 'csv') return releaseArtifact(k, artifact, watermarkCode);
  const { header, rows } = parseCsv(await readFile(artifact.file, 'utf8'));
  // Visible marking plus embedded metadata (EGR-10): a watermark column on every row, and in the workbook its
  // properties, page header and 说明 sheet. The fingerprints are of the bytes that leave, in each format.
  const mark = { watermarkCode, requestId: e.id, recipientOrgId: e.recipient_org_id, releasedAt: k.clock.now() };
  const csv = releaseCsv(header, rows, mark);
  const xlsx = await releaseXlsx(header, rows, mark);
  const path = artifact.file.replace(/\.csv$/, '.release.csv');
  const xlsxPath = artifact.file.replace(/\.csv$/, '.release.xlsx');
  await writeFile(path, csv);
  await writeFile(xlsxPath, xlsx);
  const linkExpiresAt = new Date(
    k.clock.now().getTime() + k.profile.get<number>('egress.linkDays') * 86400_000,
  ).toISOString();
  return {
    fingerprintSm3: sm3Hex(csv),
    xlsxSm3: sm3Hex(xlsx),
    watermarkCode,
    linkExpiresAt,
    downloads: [],
    file: path,
    xlsxFile: xlsxPath,
  };
}

/** The stored released file in the asked format, with the SM3 of exactly those bytes (releases made before .xlsx existed offer CSV only). */
function releasedFile(
  r: { file: string; fingerprintSm3: string; xlsxFile?: string; xlsxSm3?: string },
  format: ReleaseFormat,
  artifactFormat: string,
) {
  // EGR-08: a model or document leaves as the reviewed bytes, in its own format.
  if (artifactFormat !== 'csv') return { path: r.file, sm3: r.fingerprintSm3, format: artifactFormat };
  if (format === 'xlsx' && r.xlsxFile && r.xlsxSm3)
    return { path: r.xlsxFile, sm3: r.xlsxSm3, format: 'xlsx' as const };
  if (format === 'xlsx') throw new AppError(404, 'RELEASE_FORMAT_UNAVAILABLE', { format });
  return { path: r.file, sm3: r.fingerprintSm3, format: 'csv' as const };
}

export type ReleaseFormat = 'csv' | 'xlsx';

/** GET /releases/{id}/download: first download releases (LedgerEntry with SM3 and watermark), later ones count. */
export async function downloadRelease(k: Kernel, actor: Actor, id: string, format: ReleaseFormat = 'xlsx') {
  const e0 = await store.getEgress(k.db, id);
  if (!e0 || !canRead(actor, egressSubject(e0)) || !e0.release) throw notFound('Release', id);
  const served = releasedFile(e0.release, format, e0.artifact?.format ?? 'csv');
  const rel = await k.db.transaction().execute(async (trx) => {
    const e = (await store.getEgress(trx, id, true))!;
    const r = e.release!; // checked above, and a release is never removed
    const downloads = [
      ...(r.downloads ?? []),
      { userId: actor.userId, orgId: actor.orgId, at: k.clock.now().toISOString(), format: served.format },
    ];
    await transition(trx, k.workflow, {
      lifecycle: egressLifecycle,
      action: e.state === 'approved' ? 'release' : 'download',
      actor,
      object: e,
      subject: egressSubject(e),
      facts: {
        recipientOrgId: e.recipient_org_id,
        orgId: actor.orgId,
        expired: new Date(r.linkExpiresAt) < k.clock.now(),
        downloads: (r.downloads ?? []).length,
      },
      input: {
        fingerprintSm3: r.fingerprintSm3,
        watermarkCode: r.watermarkCode,
        recipientOrgId: e.recipient_org_id,
        download: downloads.length,
        format: served.format,
        fileSm3: served.sm3,
      },
      values: { release: JSON.stringify({ ...r, downloads }) },
    });
    if (e.state === 'approved') await writeReleaseNotices(trx, e, r, k.clock.now());
    return r;
  });
  return {
    body: await readFile(served.path),
    fileName: `egress-${id}.${served.format}`,
    format: served.format,
    fingerprintSm3: served.sm3,
    watermarkCode: rel.watermarkCode,
  };
}

export async function getEgressFor(k: Kernel, actor: Actor, id: string) {
  const e = await store.getEgress(k.db, id);
  if (!e || !canRead(actor, egressSubject(e))) throw notFound('EgressRequest', id);
  return egressAnswer(k, e, true);
}

export async function listEgress(k: Kernel, actor: Actor, q: { state?: string; page: number; pageSize: number }) {
  const { rows, total } = await store.listEgressVisible(
    k.db,
    actor.orgId ?? null,
    actor.readableJurisdictionIds ?? [],
    q.state ?? null,
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  const items = rows.filter((e) => canRead(actor, egressSubject(e))).map((e) => presentEgress(e));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** Reviewers see the check report, the SQL, the lineage and the checked (noised) preview; never raw data (EGR-09). */
async function egressAnswer(k: Kernel, e: store.EgressRow, detail: boolean) {
  if (!detail) return presentEgress(e);
  const job = e.source_job_ids[0] ? await store.getJob(k.db, e.source_job_ids[0]) : undefined;
  // Only a checked table has a text preview; a model or document is reviewed as its file and findings (EGR-08).
  const preview =
    e.artifact?.file && e.artifact.format === 'csv'
      ? (await readFile(e.artifact.file, 'utf8').catch(() => '')).split('\n').slice(0, 51).filter(Boolean)
      : null;
  const names = await partyNames(
    k,
    [e.requester_org_id, e.recipient_org_id],
    [e.requester_user_id, ...(e.reviews ?? []).map((r) => r.reviewerId)],
  );
  return presentEgress(e, { job, preview, ...names });
}

/** Names of the parties a reader of the request sees (issue 14: organizations and people by name, never by id). */
export async function partyNames(k: Kernel, orgIds: (string | null)[], userIds: (string | null | undefined)[]) {
  const o = orgIds.filter((x): x is string => !!x),
    u = userIds.filter((x): x is string => !!x);
  const orgs = o.length
    ? (
        await sql<{
          id: string;
          name_zh: string;
        }>`SELECT id, name_zh FROM organization WHERE id = ANY(${o}::uuid[])`.execute(k.db)
      ).rows
    : [];
  const users = u.length
    ? (
        await sql<{
          id: string;
          real_name: string;
        }>`SELECT id, real_name FROM app_user WHERE id = ANY(${u}::uuid[])`.execute(k.db)
      ).rows
    : [];
  return { orgs: new Map(orgs.map((x) => [x.id, x.name_zh])), users: new Map(users.map((x) => [x.id, x.real_name])) };
}

/** EGR-10/11: approved links unused for egress.linkDays expire; the artifact stays inside. */
export async function expireReleases(k: Kernel) {
  for (const e of await store.listEgressByState(k.db, 'approved')) {
    if (!e.release || new Date(e.release.linkExpiresAt) >= k.clock.now()) continue;
    await k.db.transaction().execute((trx) => egressStep(trx, k, e, 'expire', systemActor('egress-expiry'), {}));
  }
}
