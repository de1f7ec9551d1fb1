import { randomUUID } from 'node:crypto';
import type { Tx } from '../../../kernel/db/tables.js';
import { AppError } from '../../../kernel/http/errors.js';
import type { PageQuery } from '../../../kernel/http/pagination.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import type { ReleaseNoticeView } from '../model-egress.js';
import type { EgressRelease, EgressRow } from '../store.js';
import { insertNotices, listNoticesOf, type NoticeResource, type NoticeRow } from '../store-notices.js';
import { partyNames } from './egress.js';

/**
 * EGR-12: the release (first download) notifies every source unit whose fields contributed, in the
 * release's transaction: one notice per unit, naming only that unit's resources and fields.
 */
export async function writeReleaseNotices(trx: Tx, e: EgressRow, release: EgressRelease, at: Date) {
  const byUnit = new Map<string, NoticeResource[]>();
  for (const c of e.contributions) {
    if (!c.sourceUnitOrgId) continue;
    const list = byUnit.get(c.sourceUnitOrgId) ?? [];
    list.push({ resourceId: c.resourceId, nameZh: c.nameZh, fields: c.fields });
    byUnit.set(c.sourceUnitOrgId, list);
  }
  await insertNotices(
    trx,
    [...byUnit].map(([unit, resources]) => ({
      id: randomUUID(),
      egress_request_id: e.id,
      source_unit_org_id: unit,
      resources: JSON.stringify(resources),
      output_kind: e.output_kind,
      declared_use: e.declared_use,
      requester_org_id: e.requester_org_id,
      recipient_org_id: e.recipient_org_id,
      fingerprint_sm3: release.fingerprintSm3,
      watermark_code: release.watermarkCode,
      artifact_format: e.artifact?.format ?? null,
      artifact_rows: e.artifact?.format === 'csv' ? e.artifact.rows : null,
      released_at: at,
    })),
  );
}

/** GET /release-notices: "what left with my data", the caller's own org as source unit and nothing else. */
export async function listReleaseNotices(k: Kernel, actor: Actor, q: PageQuery) {
  if (actor.kind !== 'user' || !actor.orgId) throw new AppError(401, 'UNAUTHENTICATED');
  const { rows, total } = await listNoticesOf(k.db, actor.orgId, q.pageSize, (q.page - 1) * q.pageSize);
  const names = await partyNames(
    k,
    rows.flatMap((r) => [r.requester_org_id, r.recipient_org_id]),
    [],
  );
  return { items: rows.map((r) => presentNotice(r, names.orgs)), total, page: q.page, pageSize: q.pageSize };
}

function presentNotice(r: NoticeRow, orgs: Map<string, string>): ReleaseNoticeView {
  return {
    id: r.id,
    egressRequestId: r.egress_request_id,
    releasedAt: r.released_at instanceof Date ? r.released_at.toISOString() : String(r.released_at),
    outputKind: r.output_kind,
    declaredUse: r.declared_use,
    requesterOrgName: orgs.get(r.requester_org_id) ?? null,
    recipientOrgName: orgs.get(r.recipient_org_id) ?? null,
    fingerprintSm3: r.fingerprint_sm3,
    watermarkCode: r.watermark_code,
    artifactFormat: r.artifact_format,
    artifactRows: r.artifact_rows,
    resources: r.resources,
  };
}
