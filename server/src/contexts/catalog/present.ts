import type { Actor } from '../../kernel/workflow/actor.js';
import { activeActorRoles } from '../../kernel/workflow/actor.js';
import type * as store from './store.js';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export function presentField(f: store.FieldRow) {
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
    maskedExamples: f.masked_examples ?? [],
    registered: f.registered_version != null,
  };
}

/** A search result; `sourceUnitName` is the OPN-03 source attribution every listed entry carries. */
export function presentListItem(r: any) {
  return {
    id: r.id,
    resourceCode: r.resource_code,
    nameZh: r.name_zh,
    summary: r.summary,
    keywords: r.keywords,
    sourceUnitId: r.source_unit_org_id,
    sourceUnitName: r.source_unit_name,
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

/** What the actor may do next (style.md §2 abilities); the UI follows these, never guesses. */
export function abilities(a: Actor, r: store.ResourceRow) {
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

export function presentResource(
  a: Actor,
  d0: {
    resource: store.ResourceRow;
    fields: store.FieldRow[];
    detections: any[];
    snapshots: any[];
    registrations: any[];
    classifications: any[];
    events: any[];
  },
) {
  const r = d0.resource;
  const inside = insider(a, r);
  const d = inside
    ? d0
    : {
        ...d0,
        fields: d0.fields.map((f) => ({ ...f, masked_examples: [] })),
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
    classification: r.grade
      ? {
          status: 'confirmed',
          grade: r.grade,
          category: r.category,
          personalInfo: r.personal_info,
          sensitivePersonalInfo: r.sensitive_personal_info,
          ...(r.classification ?? {}),
        }
      : { status: 'unclassified' },
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

export function presentRegistration(g: any) {
  return {
    id: g.id,
    type: g.type,
    resourceId: g.resource_id,
    resourceName: g.resource_name ?? g.public_summary?.name,
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
export function presentDossier(frozen: any) {
  const r = frozen?.resource;
  if (!r) return null;
  const fields: store.FieldRow[] = (frozen.fields ?? []).filter((f: store.FieldRow) => !f.removed);
  return {
    resource: {
      resourceCode: r.resource_code,
      nameZh: r.name_zh,
      summary: r.summary,
      keywords: r.keywords ?? [],
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
      spatialCoverage: r.spatial_coverage ?? [],
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
