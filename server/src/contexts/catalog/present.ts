import type { z } from 'zod';
import type { JsonValue } from '../../kernel/db/schema.js';
import type { Profile } from '../../kernel/profiles/index.js';
import type { Actor } from '../../kernel/workflow/actor.js';
import { activeActorRoles } from '../../kernel/workflow/actor.js';
import type * as m from './model.js';
import type * as store from './store.js';

/**
 * Presenters: a row in, its `…View` (model.ts) out. Routes declare the same views as their
 * response schemas, so an answer carries exactly the declared keys (issue 13).
 */

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
/** A jsonb list of strings we wrote (masked examples, keywords of a frozen filing). */
const strings = (v: JsonValue | undefined): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
/** A jsonb object we wrote (clocks, classification); anything else reads as empty. */
const record = (v: JsonValue | undefined): { [key: string]: JsonValue } =>
  v && typeof v === 'object' && !Array.isArray(v) ? v : {};

export function presentField(f: store.FieldRow): z.infer<typeof m.FieldView> {
  return {
    id: f.id,
    seq: f.seq,
    code: f.code,
    nameZh: f.name_zh,
    description: f.description,
    valueType: f.value_type,
    codeTableRef: f.code_table_ref,
    length: f.length,
    nullable: f.nullable,
    isKey: f.is_key,
    identifierKind: f.identifier_kind,
    authoritativeUnitId: f.authoritative_unit_org_id,
    dataElementRef: f.data_element_ref,
    fieldShareClass: f.field_share_class,
    fieldOpenClass: f.field_open_class,
    classification:
      f.classification_status === 'confirmed'
        ? {
            status: 'confirmed',
            grade: f.grade,
            category: f.category,
            personalInfo: f.personal_info,
            sensitivePersonalInfo: f.sensitive_personal_info,
            sensitiveCategory: f.sensitive_category,
          }
        : { status: 'unclassified' },
    maskedExamples: strings(f.masked_examples),
    registered: f.registered_version != null,
  };
}

/** A search result; `sourceUnitName` is the OPN-03 source attribution every listed entry carries. */
export function presentListItem(r: store.SearchRow): m.ResourceListItemView {
  return {
    id: r.id,
    resourceCode: r.resource_code,
    nameZh: r.name_zh,
    summary: r.summary,
    keywords: r.keywords,
    sourceUnitId: r.source_unit_org_id,
    sourceUnitName: r.source_unit_name ?? null,
    domain: r.domain,
    grade: r.grade,
    personalInfo: r.personal_info,
    sensitivePersonalInfo: r.sensitive_personal_info,
    openClass: r.open_class,
    shareClass: r.share_class,
    registrationStatus: r.registration_status,
    registrationCode: r.registration_code,
    catalogTypes: r.catalog_types,
    state: r.state,
    version: r.version,
    rank: Number(r.rank ?? 0),
    updatedAt: iso(r.updated_at),
  };
}

/**
 * A classified resource's confirmed classification: the columns, then the decision record the
 * classification use case wrote as jsonb (its ClassificationInput plus who and when).
 */
function resourceClassification(r: store.ResourceRow): m.ClassificationView {
  const decided = record(r.classification) as Partial<m.ClassificationView>;
  return {
    status: 'confirmed',
    grade: r.grade,
    category: r.category,
    personalInfo: r.personal_info,
    sensitivePersonalInfo: r.sensitive_personal_info,
    ...decided,
  };
}

/** What the actor may do next (style.md §2 abilities); the UI follows these, never guesses. */
export function abilities(a: Actor, r: store.ResourceRow): z.infer<typeof m.ResourceAbilitiesView> {
  const own = a.orgId === r.source_unit_org_id;
  const has = (role: string) => a.roles.includes(role);
  const authority = activeActorRoles(a, 'authority').some((x) => x.jurisdictionId === r.jurisdiction_id);
  const registry = activeActorRoles(a, 'registry').some((x) => x.jurisdictionId === r.jurisdiction_id);
  return {
    edit: own && has('catalog_manager') && r.state === 'draft',
    upload: own && has('catalog_manager') && r.state !== 'retired',
    classify: own && has('security_officer') && r.state === 'draft',
    reopen: own && has('catalog_manager') && r.state === 'classified',
    publish: authority && has('reviewer') && r.state === 'classified',
    returnForRevision: authority && has('reviewer') && r.state === 'classified',
    suspend: (own || authority) && r.state === 'published',
    register:
      own &&
      has('signatory') &&
      ['classified', 'published'].includes(r.state) &&
      ['unregistered', 'cancelled'].includes(r.registration_status),
    reviewRegistration: registry && has('reviewer'),
  };
}

/**
 * Owner, platform and the readers of the resource's jurisdiction see its working material
 * (samples, detections, uploads, history). Anyone else reading a published entry sees the
 * catalog entry only: catalog.md forbids samples outside (actors table, `public` row).
 */
function insider(a: Actor, r: store.ResourceRow): boolean {
  return (
    a.kind === 'system' || a.orgId === r.source_unit_org_id || a.readableJurisdictionIds.includes(r.jurisdiction_id)
  );
}

/** Everything the resource page shows, as the use case loaded it. */
export interface ResourceDetail {
  resource: store.ResourceRow;
  fields: store.FieldRow[];
  detections: store.DetectionRow[];
  snapshots: store.SnapshotRow[];
  registrations: store.RegistrationRow[];
  classifications: store.ClassificationRow[];
  events: store.EventRow[];
}

export function presentResource(a: Actor, d0: ResourceDetail, profile: Profile): m.ResourceView {
  const r = d0.resource;
  const inside = insider(a, r);
  const d = inside
    ? d0
    : {
        ...d0,
        fields: d0.fields.map((f) => ({ ...f, masked_examples: [] as JsonValue })),
        detections: [],
        snapshots: [],
        classifications: [],
        events: [],
      };
  return {
    id: r.id,
    resourceCode: r.resource_code,
    nameZh: r.name_zh,
    summary: r.summary,
    keywords: r.keywords,
    sourceUnitId: r.source_unit_org_id,
    sourceUnitName: r.source_unit_name,
    jurisdictionId: r.jurisdiction_id,
    collectingUnitId: r.collecting_unit_org_id,
    providingUnitId: r.providing_unit_org_id,
    domain: r.domain,
    dataType: r.data_type,
    openMode: r.open_mode,
    format: r.format,
    updateFrequency: r.update_frequency,
    lastUpdatedAt: iso(r.last_updated_at),
    quality: r.quality,
    volume: r.volume,
    spatialCoverage: r.spatial_coverage,
    temporalCoverage: r.temporal_coverage,
    standardIdentifiers: r.standard_identifiers,
    shareClass: r.share_class,
    shareConditions: r.share_conditions,
    shareBasis: r.share_basis,
    openClass: r.open_class,
    openConditions: r.open_conditions,
    openBasis: r.open_basis,
    openClassLabel: openClassLabel(profile, r.open_class), // OPN-06
    classification: r.grade ? resourceClassification(r) : { status: 'unclassified' },
    registrationStatus: r.registration_status,
    registrationCode: r.registration_code,
    catalogTypes: r.catalog_types,
    state: r.state,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    fields: d.fields.map(presentField),
    detections: d.detections.map((x) => ({
      id: x.id,
      fieldId: x.field_id,
      column: x.column_name,
      detector: x.detector,
      sampleSize: x.sample_size,
      matches: x.matches,
      matchRatio: x.match_ratio,
      checksumPassRatio: x.checksum_pass_ratio,
      headerKeywordHit: x.header_keyword_hit,
      confidence: x.confidence,
      suggested: x.suggested,
      maskedExamples: x.masked_examples,
      status: x.state,
      reviewedBy: x.reviewed_by,
      reviewedAt: iso(x.reviewed_at),
      rejectReason: x.reject_reason,
    })),
    snapshots: d.snapshots.map((s) => ({
      id: s.id,
      snapshotVersion: s.snapshot_version,
      sourceFormat: s.source_format,
      sm3: s.sm3,
      rows: s.rows == null ? null : Number(s.rows),
      bytes: s.bytes == null ? null : Number(s.bytes),
      columns: s.columns,
      uploadedBy: s.uploaded_by,
      uploadedAt: iso(s.uploaded_at),
      status: s.state,
      failure: s.failure,
    })),
    registrations: d.registrations.map((g) => ({
      id: g.id,
      type: g.type,
      state: g.state,
      registrationCode: g.registration_code,
      clocks: g.clocks,
      submittedAt: iso(g.submitted_at),
      ...(inside ? { decision: g.decision ?? null, deficiencies: g.deficiencies ?? null } : {}),
      // The registrant answers a return (退回补正) by resubmitting (catalog.md ResourceRegistration: returned → submitted).
      abilities: {
        resubmit: a.orgId === r.source_unit_org_id && a.roles.includes('signatory') && g.state === 'returned',
      },
    })),
    classificationHistory: d.classifications.map((c) => ({
      id: c.id,
      targetType: c.target_type,
      targetId: c.target_id,
      grade: c.grade,
      category: c.category,
      personalInfo: c.personal_info,
      sensitivePersonalInfo: c.sensitive_personal_info,
      method: c.method,
      basis: c.basis,
      decidedBy: c.decided_by,
      decidedAt: iso(c.decided_at),
      status: c.state,
    })),
    history: d.events.map((e) => ({
      id: e.id,
      objectType: e.object_type,
      objectId: e.object_id,
      version: e.object_version,
      eventType: e.event_type,
      from: e.from_state,
      to: e.to_state,
      actor: e.actor,
      occurredAt: iso(e.occurred_at),
    })),
    abilities: abilities(a, r),
  };
}

export function presentRegistration(g: store.RegistrationRow & { resource_name?: string }): m.RegistrationView {
  return {
    id: g.id,
    type: g.type,
    resourceId: g.resource_id,
    resourceName: g.resource_name ?? (record(g.public_summary).name as string | undefined),
    resourceVersion: g.resource_version,
    registrantOrgId: g.registrant_org_id,
    registryOrgId: g.registry_org_id,
    previousRegistrationId: g.previous_registration_id,
    materials: g.materials,
    publicSummary: g.public_summary,
    clocks: g.clocks,
    registrationCode: g.registration_code,
    decision: g.decision,
    deficiencies: g.deficiencies,
    submittedAt: iso(g.submitted_at),
    state: g.state,
    version: g.version,
    updatedAt: iso(g.updated_at),
  };
}

/**
 * The registry reviewer's dossier (issue 14 "Reviews decide without showing"): the resource, fields and
 * classifications frozen at filing (catalog.md ResourceRegistration.resourceVersion) and the stored snapshot's
 * SM3 and rows. No masked examples or samples: the registry processes the filing, not the data.
 */
export function presentDossier(snapshot: JsonValue): z.infer<typeof m.DossierView> | null {
  // The filing froze these rows itself (registration.ts fileRegistration), JSON-encoded; no other writer.
  const frozen = snapshot as unknown as FrozenFiling | null;
  const r = frozen?.resource;
  if (!r) return null;
  const fields = (frozen.fields ?? []).filter((f) => !f.removed);
  return {
    resource: {
      resourceCode: r.resource_code,
      nameZh: r.name_zh,
      summary: r.summary,
      keywords: strings(r.keywords),
      sourceUnitName: r.source_unit_name,
      domain: r.domain,
      dataType: r.data_type,
      openMode: r.open_mode,
      format: r.format,
      updateFrequency: r.update_frequency,
      shareClass: r.share_class,
      shareConditions: r.share_conditions,
      shareBasis: r.share_basis,
      openClass: r.open_class,
      openConditions: r.open_conditions,
      openBasis: r.open_basis,
      grade: r.grade,
      category: r.category,
      personalInfo: r.personal_info,
      sensitivePersonalInfo: r.sensitive_personal_info,
      spatialCoverage: strings(r.spatial_coverage),
      temporalCoverage: r.temporal_coverage ?? null,
      volume: r.volume ?? null,
      version: r.version,
    },
    fields: fields.map((f) => ({
      id: f.id,
      seq: f.seq,
      code: f.code,
      nameZh: f.name_zh,
      valueType: f.value_type,
      identifierKind: f.identifier_kind,
      grade: f.grade,
      category: f.category,
      personalInfo: f.personal_info,
      sensitivePersonalInfo: f.sensitive_personal_info,
      sensitiveCategory: f.sensitive_category,
      classificationStatus: f.classification_status,
    })),
    snapshot: frozen.snapshot
      ? {
          version: frozen.snapshot.version,
          sm3: frozen.snapshot.sm3,
          rows: frozen.snapshot.rows == null ? null : Number(frozen.snapshot.rows),
        }
      : null,
  };
}

/** The registry desk's next decisions on a registration (style.md §2 abilities; catalog.md ResourceRegistration lifecycle). */
export function registrationAbilities(a: Actor, g: { jurisdiction_id: string; state: string }) {
  const reviewer =
    a.roles.includes('reviewer') && activeActorRoles(a, 'registry').some((x) => x.jurisdictionId === g.jurisdiction_id);
  const at = (...states: string[]) => reviewer && states.includes(g.state);
  return {
    accept: at('submitted'),
    notAccept: at('submitted'),
    return: at('submitted'),
    startReview: at('accepted'),
    postPublicity: at('formal_review'),
    reject: at('formal_review'),
  };
}

/** A filing frozen at submission: the resource and field rows as JSON (timestamps as strings). */
interface FrozenFiling {
  resource?: {
    [K in keyof store.ResourceRow]: store.ResourceRow[K] extends Date | null ? string | null : store.ResourceRow[K];
  };
  fields?: store.FieldRow[];
  snapshot?: { version: number; sm3: string | null; rows: number | string | null } | null;
}

/** The registration page: the record, the reviewer's dossier, the desk's abilities, objections and history. */
export function presentRegistrationDetail(
  a: Actor,
  d: { registration: store.RegistrationRow; objections: store.ObjectionRow[]; events: store.EventRow[] },
): z.infer<typeof m.RegistrationDetailView> {
  return {
    ...presentRegistration(d.registration),
    dossier: presentDossier(d.registration.snapshot),
    abilities: registrationAbilities(a, d.registration),
    objections: d.objections.map((o) => ({
      id: o.id,
      kind: o.kind,
      state: o.state,
      description: o.description,
      dueAt: iso(o.due_at),
      createdAt: new Date(o.created_at).toISOString(),
    })),
    history: d.events.map((e) => ({ ...e, occurred_at: new Date(e.occurred_at).toISOString() })),
  };
}

const STATE_ZH: Record<string, string> = {
  publicity: '公示中',
  objection_hold: '异议处理中',
  registered: '已登记',
  cancelled: '已注销',
  superseded: '已变更',
};

/** Public publicity page: only publicSummary, state, code and the publicity window (REG-05). */
export function presentPublic(g: store.PublicRegistrationRow): z.infer<typeof m.PublicRegistrationView> {
  const c = record(g.clocks);
  const text = (v: JsonValue | undefined) => (typeof v === 'string' ? v : null);
  return {
    id: g.id,
    type: g.type,
    state: g.state,
    stateZh: STATE_ZH[g.state] ?? g.state,
    registrationCode: g.registration_code ?? null,
    summary: g.public_summary,
    publicityStart: text(c.publicityStart),
    publicityEnd: text(c.publicityEnd),
    updatedAt: new Date(g.updated_at).toISOString(),
  };
}

// OPN-03: every open catalog entry, open download and open API answer names its source (数据来源：单位).
export const OPN_03_ATTRIBUTION = (sourceUnitName: string | null) => `数据来源：${sourceUnitName ?? '—'}`;

// OPN-06: class labels per profile (`open.labels`): xiamen 普遍开放/依申请开放; zhuhai channels 无条件/定向/授权开放.
export function openClassLabel(profile: Profile, openClass: string): string {
  return profile.get<Record<string, string>>('open.labels')[openClass] ?? openClass;
}

export function presentCatalogEntry(
  profile: Profile,
  type: string,
  r: store.CatalogEntryRow,
): z.infer<typeof m.CatalogEntryView> {
  return {
    catalogType: type,
    jurisdictionId: r.jurisdiction_id,
    resourceId: r.id,
    resourceCode: r.resource_code,
    nameZh: r.name_zh,
    summary: r.summary,
    sourceUnitName: r.source_unit_name,
    attribution: OPN_03_ATTRIBUTION(r.source_unit_name),
    resourceVersion: r.resource_version,
    conditions: r.conditions,
    openClass: r.open_class,
    openClassLabel: openClassLabel(profile, r.open_class),
    shareClass: r.share_class,
    registrationCode: r.registration_code,
    fieldNames: r.field_names,
    addedAt: new Date(r.added_at).toISOString(),
  };
}

/** A change request in the list, with the next decisions this user may take (the rules still decide). */
export function presentChangeRequestItem(
  a: Actor,
  row: store.ChangeRequestListRow,
): z.infer<typeof m.ChangeRequestItemView> {
  const { source_unit_org_id, jurisdiction_id, ...c } = row;
  const reviewer = a.roles.includes('reviewer');
  const authority = activeActorRoles(a, 'authority').some((x) => x.jurisdictionId === jurisdiction_id);
  return {
    ...c,
    created_at: new Date(c.created_at).toISOString(),
    // style.md §2 abilities; catalog.md ChangeRequest lifecycle.
    abilities: {
      consent: reviewer && c.state === 'pending_consent' && source_unit_org_id === a.orgId,
      refuse: reviewer && c.state === 'pending_consent' && source_unit_org_id === a.orgId,
      apply: reviewer && c.state === 'consented' && authority,
    },
  };
}

/** A share or open request in the list (without the per-user abilities the use case adds). */
export function presentRequest(q: store.DataRequestListRow) {
  return {
    id: q.id,
    kind: q.kind,
    requesterOrgId: q.requester_org_id,
    resourceId: q.resource_id,
    resourceName: q.resource_name,
    fieldIds: q.field_ids,
    body: q.body,
    approverModel: q.approver_model,
    clocks: q.clocks,
    decision: q.decision,
    overdue: q.overdue,
    state: q.state,
    version: q.version,
  };
}

export function presentResourceObjection(o: store.ObjectionRow, now: Date): z.infer<typeof m.ResourceObjectionView> {
  const open = ['received', 'verifying'].includes(o.state);
  return {
    id: o.id,
    kind: o.kind,
    resourceId: o.resource_id,
    fieldIds: o.field_ids,
    description: o.description,
    requestedAction: o.requested_action,
    state: o.state,
    answer: o.answer,
    dueAt: iso(o.due_at),
    // OBJ-02: an unanswered objection past its working-day due date is overdue.
    overdue: open && !!o.due_at && new Date(o.due_at) < now,
    createdAt: new Date(o.created_at).toISOString(),
  };
}

export function presentTask(t: store.TaskRow): z.infer<typeof m.CatalogTaskView> {
  return {
    id: t.id,
    kind: t.kind,
    ruleId: t.rule_id,
    assigneeOrgId: t.assignee_org_id,
    resourceId: t.resource_id,
    subjectType: t.subject_type,
    subjectId: t.subject_id,
    details: t.details,
    dueAt: iso(t.due_at),
    overdue: t.overdue,
    state: t.state,
    version: t.version,
  };
}
