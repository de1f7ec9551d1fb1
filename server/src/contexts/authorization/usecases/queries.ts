import { notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { canRead } from '../../../kernel/workflow/authorize.js';
import { loadResource } from '../catalog-port.js';
import {
  agreementLifecycle,
  applicationLifecycle,
  collaborationLifecycle,
  consentLifecycle,
  grantLifecycle,
  planLifecycle,
} from '../lifecycle.js';
import * as store from '../store.js';
import {
  agreementSubject,
  applicationSubject,
  collaborationSubject,
  consentSubject,
  grantSubject,
  planSubject,
} from '../subjects.js';
import * as v from '../present.js';
import { mustRead } from './common.js';

// Read use cases: every read goes through the same relationships as the writes (style.md §10).
type Page = { page: number; pageSize: number; state?: string };
const names = (k: Kernel, ids: (string | null | undefined)[]) =>
  store.orgNames(k.db, [...new Set(ids.filter((x): x is string => !!x))]);

export async function listAgreements(k: Kernel, actor: Actor, q: Page) {
  const { rows, total } = await store.listVisible(k.db, 'operation_agreement', actor, {
    state: q.state,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const n = await names(
    k,
    rows.flatMap((r) => [r.authority_org_id, r.operator_org_id]),
  );
  return { items: rows.map((r) => v.presentAgreement(r, n)), total, page: q.page, pageSize: q.pageSize };
}

export async function getAgreementDetail(k: Kernel, actor: Actor, id: string) {
  const entries = await store.listCatalogEntries(k.db, id);
  const su = entries.map((e) => e.source_unit_org_id);
  const a = mustRead(
    await store.getAgreement(k.db, id),
    actor,
    (x) => agreementSubject(x, su),
    'OperationAgreement',
    id,
  );
  const n = await names(k, [a.authority_org_id, a.operator_org_id, ...su]);
  const subject = agreementSubject(a, su);
  return {
    ...v.presentAgreement(a, n, entries),
    abilities: v.abilities(k, actor, agreementLifecycle, a.state, subject),
    catalogAbilities: Object.fromEntries(
      entries.map((e) => [
        e.id,
        e.state === 'pending_consent' && e.source_unit_org_id === actor.orgId ? ['consent', 'refuse'] : [],
      ]),
    ),
  };
}

export async function listApplications(k: Kernel, actor: Actor, q: Page) {
  const { rows, total } = await store.listVisible(k.db, 'scenario_application', actor, {
    state: q.state,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const n = await names(
    k,
    rows.map((r) => r.applicant_org_id),
  );
  return { items: rows.map((r) => v.presentApplication(r, n)), total, page: q.page, pageSize: q.pageSize };
}

/** The review page: items with grade, justification, consent; overlap with other live grants; earlier rejections. */
export async function getApplicationDetail(k: Kernel, actor: Actor, id: string) {
  const s = mustRead(await store.getApplication(k.db, id), actor, applicationSubject, 'ScenarioApplication', id);
  const [items, consents] = await Promise.all([store.listDemandItems(k.db, id), store.listConsents(k.db, id)]);
  const n = await names(k, [s.applicant_org_id, ...consents.map((c) => c.source_unit_org_id)]);
  const subject = applicationSubject(s);
  return {
    ...v.presentApplication(s, n),
    items: items.map(v.presentItem),
    consents: consents.map((c) => ({
      ...v.presentConsent(c, n),
      abilities: v.abilities(k, actor, consentLifecycle, c.state, consentSubject(c, s)),
    })),
    overlaps: await overlaps(k, s, items),
    earlierRejections: await earlierRejections(k, s, items),
    abilities: v.abilities(k, actor, applicationLifecycle, s.state, subject),
  };
}

/** Abuse guard: other live grants of the same operator on the same fields (splitting a scenario). */
async function overlaps(k: Kernel, s: store.ApplicationRow, items: store.DemandItemRow[]) {
  const grants = await store.listLiveGrantsOfHolder(k.db, s.applicant_org_id, s.id);
  const wanted = new Set(items.map((i) => `${i.resource_id}:${i.field_code}`));
  return grants
    .map((g) => ({
      grantId: g.id,
      grantNo: g.grant_no,
      state: g.state,
      fields: g.fields.filter((f) => wanted.has(`${f.resourceId}:${f.code}`)).map((f) => f.nameZh),
    }))
    .filter((o) => o.fields.length);
}

/** Abuse guard: a field rejected before for this operator is shown with the earlier reason. */
async function earlierRejections(k: Kernel, s: store.ApplicationRow, items: store.DemandItemRow[]) {
  const rejected = await store.listRejectedItemsOfApplicant(k.db, s.applicant_org_id, s.id);
  const wanted = new Set(items.map((i) => `${i.resource_id}:${i.field_code}`));
  return rejected
    .filter((x) => wanted.has(`${x.resource_id}:${x.field_code}`))
    .map((x) => ({ fieldNameZh: x.field_name_zh, applicationNo: x.application_no, reason: x.decision_reason }));
}

/** A source unit's consent inbox: requests about its data. */
export async function listMyConsents(k: Kernel, actor: Actor, q: Page) {
  const rows = await store.listConsentsOfUnit(k.db, actor.orgId ?? null, {
    state: q.state,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const n = await names(
    k,
    rows.map((c) => c.source_unit_org_id),
  );
  return {
    items: rows.map((c) => ({
      ...v.presentConsent(c, n),
      applicationNo: c.application_no,
      scenarioTitle: c.scenario?.title,
    })),
    total: rows.length,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function listGrants(k: Kernel, actor: Actor, q: Page) {
  const { rows, total } = await store.listVisible(k.db, 'data_grant', actor, {
    state: q.state,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const n = await names(
    k,
    rows.map((r) => r.holder_org_id),
  );
  return { items: rows.map((r) => v.presentGrant(r, n)), total, page: q.page, pageSize: q.pageSize };
}

export async function getGrantDetail(k: Kernel, actor: Actor, id: string) {
  const collabRows = await store.listCollaborationsOfGrant(k.db, id);
  const live = collabRows
    .filter((c) => ['filed', 'active', 'suspended'].includes(c.state))
    .map((c) => c.collaborator_org_id);
  const g = mustRead(await store.getGrant(k.db, id), actor, (x) => grantSubject(x, live), 'Grant', id);
  const plan = await store.getLivePlanOfGrant(k.db, id);
  const n = await names(k, [g.holder_org_id, ...collabRows.flatMap((c) => [c.operator_org_id, c.collaborator_org_id])]);
  return {
    ...v.presentGrant(g, n),
    abilities: v.abilities(k, actor, grantLifecycle, g.state, grantSubject(g, live)),
    emergencyPlan: plan
      ? { ...v.presentPlan(plan), abilities: v.abilities(k, actor, planLifecycle, plan.state, planSubject(plan, g)) }
      : null,
    collaborations: collabRows.map((c) => v.presentCollaboration(c, n)),
  };
}

/** Grant versions (any change makes a new version; the old one is superseded). */
export async function listGrantVersions(k: Kernel, actor: Actor, id: string) {
  const d = await getGrantDetail(k, actor, id);
  const versions = await store.listGrantVersions(k.db, d.grantNo);
  const n = await names(k, [d.holderOrgId]);
  return { items: versions.map((g) => v.presentGrant(g, n)) };
}

export async function getPlanDetail(k: Kernel, actor: Actor, id: string) {
  const p = await store.getPlan(k.db, id);
  const g = p ? await store.getGrant(k.db, p.grant_id) : undefined;
  if (!p || !g || !canRead(actor, planSubject(p, g))) throw notFound('EmergencyPlan', id);
  return { ...v.presentPlan(p), abilities: v.abilities(k, actor, planLifecycle, p.state, planSubject(p, g)) };
}

export async function listCollaborations(k: Kernel, actor: Actor, q: Page) {
  const { rows, total } = await store.listVisible(k.db, 'collaboration_agreement', actor, {
    state: q.state,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const n = await names(
    k,
    rows.flatMap((r) => [r.operator_org_id, r.collaborator_org_id]),
  );
  return {
    items: rows.map((r) => ({
      ...v.presentCollaboration(r, n),
      abilities: v.abilities(k, actor, collaborationLifecycle, r.state, collaborationSubject(r, r)),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The filings register: emergency plans and collaboration entry/exit filings the actor may see. */
export async function listFilings(k: Kernel, actor: Actor, q: Page) {
  const plans = await store.listVisible(k.db, 'emergency_plan', actor, { limit: 200, offset: 0 });
  const collabs = await store.listVisible(k.db, 'collaboration_agreement', actor, { limit: 200, offset: 0 });
  const n = await names(
    k,
    collabs.rows.flatMap((r) => [r.operator_org_id, r.collaborator_org_id]),
  );
  const items = [
    ...plans.rows.map((p) => ({
      kind: 'emergency_plan' as const,
      id: p.id,
      grantId: p.grant_id,
      state: p.state,
      submittedAt: p.filing?.submittedAt ?? null,
      acceptedAt: p.filing?.acceptedAt ?? null,
      title: null,
      nextDrillDue: p.next_drill_due,
      drillOverdue: p.drill_overdue,
    })),
    ...collabs.rows.map((c) => ({
      kind: c.exit_filing ? ('collaboration_exit' as const) : ('collaboration_entry' as const),
      id: c.id,
      grantId: c.grant_id,
      state: c.state,
      submittedAt: c.created_at ? new Date(c.created_at).toISOString() : null,
      acceptedAt: c.entry_filing?.at ?? null,
      title: `${n.get(c.operator_org_id) ?? ''} ↔ ${n.get(c.collaborator_org_id) ?? ''}`,
      nextDrillDue: null,
      drillOverdue: false,
    })),
  ];
  const start = (q.page - 1) * q.pageSize;
  return { items: items.slice(start, start + q.pageSize), total: items.length, page: q.page, pageSize: q.pageSize };
}

/**
 * The application wizard's picker: the agreement's consented catalog with each field's grade and,
 * for a field that cannot be chosen, the reason code (CORE_DATA_NOT_GRANTABLE, CLASSIFICATION_MISSING, …).
 */
export async function getCatalogForWizard(k: Kernel, actor: Actor, agreementId: string) {
  const d = await getAgreementDetail(k, actor, agreementId);
  const resources = [];
  for (const e of d.catalog) {
    const res = await loadResource(k.db, e.resourceId);
    const offered = new Set(e.fieldCodes);
    resources.push({
      resourceId: e.resourceId,
      nameZh: res?.nameZh ?? e.resourceNameZh,
      registered: !!res?.registered,
      sourceUnitOrgId: e.sourceUnitOrgId,
      sourceUnitName: e.sourceUnitName,
      entryState: e.state,
      fields: (res?.fields ?? []).map((f) => {
        const blocked = !res?.registered
          ? 'RESOURCE_NOT_REGISTERED'
          : f.registered === false
            ? 'FIELD_NOT_REGISTERED'
            : e.state !== 'consented'
              ? 'CATALOG_CONSENT_MISSING'
              : !offered.has(f.code)
                ? 'FIELD_NOT_IN_CATALOG'
                : !f.grade
                  ? 'CLASSIFICATION_MISSING'
                  : f.grade === 'core' || res?.grade === 'core'
                    ? 'CORE_DATA_NOT_GRANTABLE'
                    : null;
        return {
          code: f.code,
          nameZh: f.nameZh,
          dataType: f.dataType,
          grade: f.grade,
          personalInfo: f.personalInfo,
          sensitivePersonalInfo: f.sensitivePersonalInfo,
          directIdentifier: f.directIdentifier,
          selectable: !blocked,
          blockedReason: blocked,
          needsSecondApprover: f.grade === 'important',
          needsDeidentification: f.personalInfo || f.sensitivePersonalInfo,
        };
      }),
    });
  }
  return { agreementId, agreementNo: d.agreementNo, validTo: d.validTo, resources };
}
