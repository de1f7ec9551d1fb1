import { messageFor } from '../../kernel/http/messages.js';
import type { EgressView, JobView, ServiceUsageView, ServiceView, WorkspaceView } from './model.js';
import type { EgressRow, JobRow, ServiceRow, StoredFailure, WorkspaceRow } from './store.js';

// Row → answer, one function per view (issue 13): the route serializes through the view, so a
// column not named here never leaves. Timestamps go out as ISO strings.

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : d);
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

/** A stored rule failure with its catalog messages in both languages. */
function withMessages(f: StoredFailure) {
  const m = messageFor(f.code, f.params);
  return { ...f, message: m.zh, message_en: m.en };
}

export function presentWorkspace(ws: WorkspaceRow): WorkspaceView {
  return {
    id: ws.id,
    state: ws.state,
    status: ws.state,
    version: ws.version,
    nameZh: ws.name_zh,
    holderOrgId: ws.holder_org_id,
    grantId: ws.grant_id,
    grantNo: ws.grant_no,
    grantVersion: ws.grant_version,
    seats: ws.seats,
    limits: ws.limits,
    createdAt: iso(ws.created_at),
    views: ws.views.map((v) => ({
      name: v.name,
      dataResourceId: v.resourceId,
      snapshotVersion: v.snapshotVersion,
      refreshedAt: v.refreshedAt,
      fields: v.fields,
    })),
    destruction: ws.destruction ?? null,
  };
}

/**
 * A Job as its log: never its rows. SBX-10: a result is shown only in the watermarked, audited viewer
 * (results/viewer.ts; GET …/jobs/{jobId}/viewer or …/preview).
 */
export function presentJob(j: JobRow): JobView {
  return {
    id: j.id,
    status: j.state,
    workspaceId: j.workspace_id,
    userId: j.user_id,
    kind: j.kind,
    mode: j.mode,
    sqlText: j.sql_text,
    sqlSm3: j.sql_sm3,
    rejectCode: j.reject_code,
    limit: j.state === 'stopped' ? j.reject_code : null,
    failures: (j.failures ?? []).map(withMessages),
    viewVersions: j.view_versions,
    engineVersion: j.engine_version,
    startedAt: isoOrNull(j.started_at),
    endedAt: isoOrNull(j.ended_at),
    durationMs: j.duration_ms,
    rowsOut: j.rows_out === null ? null : Number(j.rows_out),
    resultTable: j.state === 'succeeded' && j.result_file ? resultName(j.id) : null,
    resultSm3: j.result_sm3,
    columns: j.columns,
    createdAt: iso(j.created_at),
  };
}

/** A Job's result table name (`r_<jobId>`), readable by later Jobs of the Workspace (sandbox.md Job). */
export const resultName = (jobId: string) => `r_${jobId.replace(/-/g, '').slice(0, 12)}`;

/** What only the detail answer of an EgressRequest carries (EGR-09: what reviewers see, never raw data). */
export interface EgressDetail {
  job: JobRow | undefined;
  preview: string[] | null;
  orgs: Map<string, string>;
  users: Map<string, string>;
}

export function presentEgress(e: EgressRow, detail?: EgressDetail): EgressView {
  return {
    id: e.id,
    status: e.state,
    version: e.version,
    workspaceId: e.workspace_id,
    grantId: e.grant_id,
    grantVersion: e.grant_version,
    requesterUserId: e.requester_user_id,
    requesterOrgId: e.requester_org_id,
    recipientOrgId: e.recipient_org_id,
    sourceJobIds: e.source_job_ids,
    outputKind: e.output_kind,
    declaredUse: e.declared_use,
    justification: e.justification,
    autoChecks: e.auto_checks,
    failures: (e.failures ?? []).map(withMessages),
    suppressedRows: e.suppressed_rows,
    epsilonSpent: e.epsilon_spent === null ? null : Number(e.epsilon_spent),
    artifact: e.artifact
      ? {
          format: e.artifact.format,
          sizeBytes: e.artifact.sizeBytes,
          sm3: e.artifact.sm3,
          rows: e.artifact.rows,
          fileName: e.artifact.fileName ?? null,
          findings: e.artifact.findings ?? [],
        }
      : null,
    resubmissionOf: e.resubmission_of,
    contributions: e.contributions ?? [],
    reviews: e.reviews.map((r) => ({
      reviewerId: r.reviewerId,
      reviewerOrgId: r.reviewerOrgId,
      decision: r.decision,
      reason: r.reason,
      at: r.at,
    })),
    awaitingReviewBy: awaitingReviewBy(e),
    reviewerOrgIds: e.review_plan?.reviewerOrgIds ?? [],
    reviewDueAt: isoOrNull(e.review_due_at),
    createdAt: iso(e.created_at),
    release: e.release
      ? {
          fingerprintSm3: e.release.fingerprintSm3,
          xlsxSm3: e.release.xlsxSm3 ?? null,
          watermarkCode: e.release.watermarkCode,
          linkExpiresAt: e.release.linkExpiresAt,
          downloads: e.release.downloads,
        }
      : null,
    ...(detail ? egressDetail(e, detail) : {}),
  };
}

/** LAB-35: a lab request's first review is its initiator's; the second, and every other request's, the authority's. */
function awaitingReviewBy(e: EgressRow): 'lab_initiator' | 'authority' | null {
  if (e.state === 'awaiting_second_review') return 'authority';
  if (e.state !== 'awaiting_review') return null;
  return e.review_plan ? 'lab_initiator' : 'authority';
}

function egressDetail(e: EgressRow, d: EgressDetail) {
  const user = (id: string | null | undefined) => d.users.get(id ?? '') ?? null;
  const job = d.job;
  return {
    requesterOrgName: d.orgs.get(e.requester_org_id) ?? null,
    recipientOrgName: d.orgs.get(e.recipient_org_id) ?? null,
    requesterName: user(e.requester_user_id),
    reviewerNames: Object.fromEntries((e.reviews ?? []).map((r) => [r.reviewerId, user(r.reviewerId)])),
    sql: job?.sql_text ?? null,
    lineage: job
      ? {
          jobId: job.id,
          sqlSm3: job.sql_sm3,
          resultSm3: job.result_sm3,
          viewVersions: job.view_versions,
          engineVersion: job.engine_version,
        }
      : null,
    preview: d.preview,
  };
}

export function presentService(s: ServiceRow): ServiceView {
  return {
    id: s.id,
    status: s.state,
    version: s.version,
    nameZh: s.name_zh,
    kind: s.kind,
    workspaceId: s.workspace_id,
    grantId: s.grant_id,
    operatorOrgId: s.operator_org_id,
    view: s.view_name,
    spec: s.spec,
    sm3: s.sm3,
    templateVersion: s.template_version,
    createdAt: iso(s.created_at),
  };
}

/**
 * The buyer's API console as the products context reads it (issue 15 owns those rows): passed on as
 * they are, each copied into a plain object so the view's declared fields and the rest both go out.
 */
export function presentServiceUsage(
  contracts: readonly object[],
  summary: ServiceUsageView['summary'],
  items: readonly object[],
): ServiceUsageView {
  return {
    contracts: contracts.map((c) => ({ ...c }) as ServiceUsageView['contracts'][number]),
    summary,
    items: items.map((i) => ({ ...i }) as ServiceUsageView['items'][number]),
  };
}
