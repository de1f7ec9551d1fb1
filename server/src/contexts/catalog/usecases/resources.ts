import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Updateable } from 'kysely';
import type { DataResourceTable } from '../../../kernel/db/schema.js';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { assertAuthorized, type Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { sm3Hex } from '../../../kernel/crypto/sm3.js';
import { classificationLifecycle, detectionLifecycle, resourceLifecycle } from '../lifecycle.js';
import {
  GRADE_RANK,
  type ClassificationInput,
  type FieldInput,
  type Grade,
  type ResourceInput,
  type ResourcePatch,
  type ResourceListQuery,
  readClassification,
  readOpenEvidence,
  readStandardIdentifiers,
} from '../model.js';
import type { FieldFacts, ResourceFacts } from '../rules.js';
import * as store from '../store.js';
import { desensitizedBy } from '../rules/publish.js';
import { publishFacts, sharedFromOtherRegion } from './provider-consent.js';
import { afterPublishedClassification } from './reclassify.js';
import '../messages.js';
import { type Executor, type Tx } from '../../../kernel/db/tables.js';

export type { Grade } from '../model.js';

/** A field as authorization sees it (contract with authorization / sandbox). */
export interface GrantableField {
  id: string;
  code: string;
  nameZh: string;
  dataType: string;
  grade: Grade;
  personalInfo: boolean;
  sensitivePersonalInfo: boolean;
  directIdentifier: boolean;
  /** REG-03: false for a field added after the resource's registration (not grantable until a change registration). */
  registered?: boolean;
}
export interface ResourceForAuthorization {
  id: string;
  nameZh: string;
  state: string;
  registered: boolean;
  registrationCode: string | null;
  jurisdictionId: string;
  jurisdictionPath: string[];
  sourceUnitOrgId: string;
  catalogTypes: string[];
  fields: GrantableField[];
  /** Absolute parquet path in the controlled store. */
  dataFile: string | null;
  dataVersion: number | null;
  rowCount: number | null;
  /** Resource-level confirmed grade (CLS-03 take the highest), null while unclassified. */
  grade?: Grade | null;
  /** CAT-04 (authorization AUTH-07): shared in from another jurisdiction, and whether its providing unit consented. */
  sharedFromOtherRegion?: boolean;
  providerConsentRecorded?: boolean;
}

let controlledRoot = resolve('data', 'controlled');
/** Where the controlled data store lives (`<kernel.dataDir>/controlled`); set when routes register. */
export function setControlledRoot(dataDir: string) {
  controlledRoot = resolve(dataDir, 'controlled');
}
export function controlledPath(relative: string): string {
  return resolve(controlledRoot, relative);
}
export function controlledRootDir(): string {
  return controlledRoot;
}

/** The resource, its fields and its stored data, for grants, agreements and sandbox views. */
export async function getResourceForAuthorization(
  db: Executor,
  resourceId: string,
): Promise<ResourceForAuthorization | undefined> {
  const r = await store.getResource(db, resourceId);
  if (!r) return undefined;
  const [fields, snap] = await Promise.all([
    store.listFields(db, resourceId),
    store.latestStoredSnapshot(db, resourceId),
  ]);
  return {
    id: r.id,
    nameZh: r.name_zh,
    state: r.state,
    registered: r.registration_status === 'registered',
    registrationCode: r.registration_code,
    jurisdictionId: r.jurisdiction_id,
    jurisdictionPath: r.jurisdiction_path,
    sourceUnitOrgId: r.source_unit_org_id,
    catalogTypes: r.catalog_types,
    fields: fields.map((f) => ({
      id: f.id,
      code: f.code,
      nameZh: f.name_zh,
      dataType: f.value_type,
      grade: (f.grade ?? 'general') as Grade,
      personalInfo: f.personal_info,
      sensitivePersonalInfo: f.sensitive_personal_info,
      directIdentifier: f.direct_identifier,
      registered: f.registered_version != null,
    })),
    dataFile: snap?.stored_as ? controlledPath(snap.stored_as) : null,
    dataVersion: snap ? snap.snapshot_version : null,
    rowCount: snap?.rows != null ? Number(snap.rows) : null,
    grade: (r.grade as Grade | null) ?? null,
    sharedFromOtherRegion: await sharedFromOtherRegion(db, r),
    providerConsentRecorded: !!r.providing_consent,
  };
}

/** The policy view of a resource (style.md §4 toSubject). */
export function resourceSubject(r: store.ResourceRow): Subject {
  return {
    type: 'DataResource',
    id: r.id,
    jurisdictionId: r.jurisdiction_id,
    jurisdictionPath: r.jurisdiction_path,
    ownerOrgId: r.source_unit_org_id,
    sourceUnitOrgIds: [r.source_unit_org_id],
    createdBy: r.created_by,
    lastEditedBy: r.last_edited_by,
  };
}

export function visibilityOf(a: Actor): store.Visibility {
  // IAM-14 (decision 0059): only system jobs see every resource; platform administrators read no business object.
  return { orgId: a.orgId ?? null, jurisdictionIds: a.readableJurisdictionIds, platform: a.kind === 'system' };
}

/** canRead for resources, the same predicate as store.visibleTo (identity.md scenario 4). */
export function canReadResource(
  a: Actor,
  r: { source_unit_org_id: string; state: string; jurisdiction_id: string },
  opts: { published?: boolean } = {},
): boolean {
  const v = visibilityOf(a);
  if (v.platform) return true;
  if (a.kind === 'public') return false;
  return (
    r.source_unit_org_id === v.orgId ||
    (opts.published !== false && r.state === 'published') ||
    (r.state !== 'draft' && v.jurisdictionIds.includes(r.jurisdiction_id))
  );
}

/** The ledger history of a resource (LED-13): as canReadResource, except that being published opens the resource, not its history. */
export async function loadHistoryReadable(k: Kernel, a: Actor, id: string) {
  const r = await store.getResource(k.db, id);
  if (!r || !canReadResource(a, r, { published: false })) throw notFound('DataResource', id);
  return r;
}

/** Refuses an upload before a byte is stored unless the actor may upload to this resource (snapshot.upload). */
export async function assertUploadAllowed(k: Kernel, a: Actor, id: string) {
  const r = await loadReadable(k.db, a, id);
  assertAuthorized(a, 'snapshot.upload', resourceSubject(r), k.clock.now(), k.profile);
}

/** Loads a resource the actor may read, or answers 404 (never 403: existence is not revealed). */
export async function loadReadable(db: Executor, a: Actor, id: string, forUpdate = false) {
  const r = await store.getResource(db, id, forUpdate);
  if (!r || !canReadResource(a, r)) throw notFound('DataResource', id);
  return r;
}

export function fieldFacts(f: store.FieldRow): FieldFacts {
  return {
    id: f.id,
    code: f.code,
    nameZh: f.name_zh,
    grade: f.grade as Grade | null,
    personalInfo: f.personal_info,
    sensitivePersonalInfo: f.sensitive_personal_info,
    classificationStatus: f.classification_status,
    identifierKind: f.identifier_kind,
    sensitiveCategory: f.sensitive_category,
  };
}

/** The facts every resource rule reads (pure data for rules.ts). */
export async function resourceFacts(
  db: Executor,
  r: store.ResourceRow,
  over: Partial<ResourceFacts> = {},
): Promise<ResourceFacts> {
  const fields = await store.listFields(db, r.id);
  const cls = readClassification(r.classification);
  return {
    id: r.id,
    nameZh: r.name_zh,
    summary: r.summary,
    sourceUnitOrgId: r.source_unit_org_id,
    dataType: r.data_type,
    openMode: r.open_mode,
    shareClass: r.share_class,
    shareConditions: r.share_conditions,
    shareBasis: r.share_basis,
    openClass: r.open_class,
    openBasis: r.open_basis,
    grade: r.grade as Grade | null,
    personalInfo: r.personal_info,
    sensitivePersonalInfo: r.sensitive_personal_info,
    classificationStatus: r.grade ? 'confirmed' : 'unclassified',
    aggregationUplift: !!cls.aggregationUplift,
    upliftReason: cls.upliftReason ?? null,
    standardIdentifiers: readStandardIdentifiers(r.standard_identifiers),
    pendingDetections: await store.countPendingDetections(db, r.id),
    // OPN-02 evidence of desensitization or right-holder consent makes PI fields count as desensitized (OPN-01, CLS-07).
    fields: fields.map((f) => ({
      ...fieldFacts(f),
      desensitized: desensitizedBy(readOpenEvidence(r.open_class_evidence)),
    })),
    ...over,
  };
}

function resourceColumns(input: ResourcePatch, actor: Actor): Record<string, unknown> {
  const json = (x: unknown) => (x === undefined ? undefined : JSON.stringify(x));
  const v: Updateable<DataResourceTable> = {
    name_zh: input.nameZh,
    summary: input.summary,
    keywords: input.keywords,
    collecting_unit_org_id: input.collectingUnitId,
    providing_unit_org_id: input.providingUnitId,
    domain: input.domain,
    data_type: input.dataType,
    open_mode: input.openMode,
    format: input.format,
    update_frequency: input.updateFrequency,
    last_updated_at: input.lastUpdatedAt === undefined ? undefined : new Date(input.lastUpdatedAt),
    quality: json(input.quality),
    spatial_coverage: input.spatialCoverage,
    temporal_coverage: json(input.temporalCoverage),
    standard_identifiers: json(input.standardIdentifiers),
    share_class: input.shareClass,
    share_conditions: input.shareConditions,
    share_basis: input.shareBasis,
    open_class: input.openClass,
    open_conditions: input.openConditions,
    open_basis: input.openBasis,
    open_class_evidence: json(input.openClassEvidence),
  };
  // Only the keys the input names: an absent key leaves its column as it is.
  const named = Object.entries(v).filter(([, x]) => x !== undefined);
  return { last_edited_by: actor.userId ?? null, ...Object.fromEntries(named) };
}

export function fieldColumns(f: FieldInput) {
  return {
    code: f.code,
    name_zh: f.nameZh,
    description: f.description ?? null,
    value_type: f.valueType,
    code_table_ref: f.codeTableRef ?? null,
    length: f.length ?? null,
    nullable: f.nullable,
    is_key: f.isKey,
    identifier_kind: f.identifierKind ?? null,
    authoritative_unit_org_id: f.authoritativeUnitId ?? null,
    data_element_ref: f.dataElementRef ?? null,
    field_share_class: f.fieldShareClass ?? null,
    field_open_class: f.fieldOpenClass ?? null,
    direct_identifier: !!f.identifierKind && f.identifierKind !== 'geocode',
  };
}

/** Facts for SHR-01 / CAT-05 on create and update: the row as it would be after the write. */
function draftFacts(input: ResourcePatch, base: Partial<ResourceFacts> = {}): ResourceFacts {
  return {
    id: '',
    nameZh: input.nameZh ?? base.nameZh ?? '',
    summary: input.summary ?? base.summary ?? '',
    sourceUnitOrgId: base.sourceUnitOrgId ?? null,
    dataType: input.dataType ?? base.dataType ?? null,
    openMode: input.openMode ?? base.openMode ?? null,
    shareClass: input.shareClass ?? base.shareClass ?? 'unconditional',
    shareConditions: input.shareConditions ?? base.shareConditions,
    shareBasis: input.shareBasis ?? base.shareBasis,
    openClass: input.openClass ?? base.openClass ?? 'not_open',
    openBasis: input.openBasis ?? base.openBasis,
    grade: null,
    personalInfo: false,
    sensitivePersonalInfo: false,
    classificationStatus: 'unclassified',
    standardIdentifiers: input.standardIdentifiers ?? base.standardIdentifiers ?? [],
    fields: input.fields
      ? input.fields.map((f) => ({
          id: '',
          code: f.code,
          nameZh: f.nameZh,
          grade: null,
          personalInfo: false,
          sensitivePersonalInfo: false,
          classificationStatus: 'unclassified',
        }))
      : (base.fields ?? []),
    pendingDetections: 0,
  };
}

/** Creates a draft resource of the actor's unit with its fields (catalog_manager of a source unit). */
export async function createResource(k: Kernel, actor: Actor, input: ResourceInput) {
  if (!actor.orgId) throw new AppError(401, 'UNAUTHENTICATED');
  return k.db.transaction().execute(async (trx) => {
    const org = await store.getOrgHome(trx, actor.orgId!);
    if (!org) throw notFound('Organization', actor.orgId);
    const id = randomUUID();
    const seq = await store.nextResourceSeq(trx, org.id);
    const unitNo = String(parseInt(sm3Hex(org.id).slice(0, 4), 16) % 10000).padStart(4, '0');
    const res = await transition(trx, k.workflow, {
      lifecycle: resourceLifecycle,
      action: 'create',
      actor,
      object: null,
      facts: { ...draftFacts(input), sourceUnitOrgId: org.id },
      subject: {
        type: 'DataResource',
        jurisdictionId: org.jurisdiction_id,
        jurisdictionPath: org.path,
        ownerOrgId: org.id,
        sourceUnitOrgIds: [org.id],
      },
      input: { ...input, fields: input.fields.map((f) => f.code) },
      values: {
        id,
        resource_code: `${org.division_code}-${unitNo}-${String(seq).padStart(6, '0')}`,
        source_unit_org_id: org.id,
        jurisdiction_id: org.jurisdiction_id,
        ...resourceColumns(input, actor),
        keywords: input.keywords,
        created_by: actor.userId ?? null,
        collecting_unit_org_id: input.collectingUnitId ?? org.id,
        providing_unit_org_id: input.providingUnitId ?? org.id,
      },
    });
    for (const [i, f] of input.fields.entries())
      await store.insertField(trx, { id: randomUUID(), resource_id: id, seq: i + 1, ...fieldColumns(f) });
    await store.reindexResource(trx, id);
    return res;
  });
}

/** Edits a draft (fields replaced by code; a changed field loses its classification, DET-05 re-check). */
export async function updateResource(k: Kernel, actor: Actor, id: string, patch: ResourcePatch) {
  return k.db.transaction().execute(async (trx) => {
    const r = await loadReadable(trx, actor, id, true);
    const base = await resourceFacts(trx, r);
    const facts = {
      ...draftFacts(patch, base),
      openClassFrom: r.open_class,
      openClassEvidence: patch.openClassEvidence ?? r.open_class_evidence,
    };
    const res = await transition(trx, k.workflow, {
      lifecycle: resourceLifecycle,
      action: 'update',
      actor,
      object: r,
      subject: resourceSubject(r),
      facts,
      input: { ...patch, fields: patch.fields?.map((f) => f.code) },
      values: resourceColumns(patch, actor),
    });
    if (patch.fields) await replaceFields(trx, id, patch.fields);
    await store.reindexResource(trx, id);
    return res;
  });
}

async function replaceFields(trx: Tx, resourceId: string, fields: FieldInput[]) {
  const existing = await store.listFields(trx, resourceId, true);
  for (const [i, f] of fields.entries()) {
    const old = existing.find((e) => e.code === f.code);
    const cols = { ...fieldColumns(f), seq: i + 1, removed: false };
    if (!old) await store.insertField(trx, { id: randomUUID(), resource_id: resourceId, ...cols });
    else {
      const typeChanged =
        old.value_type !== f.valueType || (old.identifier_kind ?? null) !== (f.identifierKind ?? null);
      await store.updateField(trx, old.id, typeChanged ? { ...cols, classification_status: 'unclassified' } : cols);
    }
  }
  for (const e of existing)
    if (!fields.some((f) => f.code === e.code)) await store.updateField(trx, e.id, { removed: true });
}

export async function listResources(k: Kernel, actor: Actor, q: ResourceListQuery) {
  return store.searchResources(k.db, visibilityOf(actor), {
    ...q,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
}

/** Detail: fields with grades, detections, snapshots, registrations, classification history and events. */
export async function getResourceDetail(k: Kernel, actor: Actor, id: string) {
  const r = await loadReadable(k.db, actor, id);
  const [fields, detections, snapshots, registrations, classifications] = await Promise.all([
    store.listFields(k.db, id),
    store.listDetections(k.db, id),
    store.listSnapshots(k.db, id),
    store.listRegistrations(k.db, id),
    store.classificationHistory(k.db, id),
  ]);
  const own = actor.orgId === r.source_unit_org_id;
  const events = await store.listEvents(k.db, [
    id,
    ...[...snapshots, ...registrations, ...detections, ...classifications].map((x) => x.id),
  ]);
  return {
    resource: r,
    fields,
    detections: own || r.state !== 'draft' ? detections : [],
    snapshots,
    registrations,
    classifications,
    events,
    own,
  };
}

function classificationValues(
  resourceId: string,
  targetType: 'field' | 'resource',
  targetId: string,
  c: ClassificationInput,
  actor: Actor,
  now: Date,
  method: string,
) {
  return {
    id: randomUUID(),
    resource_id: resourceId,
    target_type: targetType,
    target_id: targetId,
    category: c.category,
    grade: c.grade,
    personal_info: c.personalInfo,
    sensitive_personal_info: c.sensitivePersonalInfo,
    sensitive_category: c.sensitiveCategory ?? null,
    important_catalog_ref: c.importantCatalogRef ?? null,
    aggregation_uplift: c.aggregationUplift,
    uplift_reason: c.upliftReason ?? null,
    basis: [c.basis, c.overrideReason ? `override: ${c.overrideReason}` : null].filter(Boolean).join('; ') || null,
    method,
    decided_by: actor.userId ?? null,
    decided_at: now,
  };
}

/** Supersedes the target's current classification and confirms a new one (history never lost). */
async function confirmClassification(
  trx: Tx,
  k: Kernel,
  actor: Actor,
  r: store.ResourceRow,
  targetType: 'field' | 'resource',
  targetId: string,
  c: ClassificationInput,
  method: string,
  facts: unknown,
) {
  const subject = { ...resourceSubject(r), type: 'Classification' };
  for (const old of await store.activeClassifications(trx, targetType, targetId)) {
    await transition(trx, k.workflow, {
      lifecycle: classificationLifecycle,
      action: 'supersede',
      actor,
      object: old,
      subject,
      input: { by: method },
    });
  }
  return transition(trx, k.workflow, {
    lifecycle: classificationLifecycle,
    action: targetType === 'field' ? 'confirm_field' : 'confirm_resource',
    actor,
    object: null,
    subject,
    facts,
    input: c,
    values: classificationValues(r.id, targetType, targetId, c, actor, k.clock.now(), method),
  });
}

/** A security officer confirms (or overrides, with reason) a field's classification (DET-05). */
export async function classifyField(
  k: Kernel,
  actor: Actor,
  resourceId: string,
  fieldId: string,
  c: ClassificationInput,
) {
  return k.db.transaction().execute(async (trx) => {
    const r = await loadReadable(trx, actor, resourceId, true);
    const f = await store.getField(trx, fieldId);
    if (!f || f.resource_id !== resourceId) throw new AppError(404, 'FIELD_UNKNOWN', { fieldId });
    // A published resource's fields may be classified (a field added by a consented change) or raised (CLS-08).
    const published = ['published', 'suspended'].includes(r.state);
    if (r.state !== 'draft' && !published)
      throw new AppError(409, 'INVALID_TRANSITION', { action: 'classify_field', from: r.state });
    const publishedGrade = published && f.classification_status === 'confirmed' ? (f.grade as Grade | null) : null;
    const res = await confirmClassification(trx, k, actor, r, 'field', fieldId, c, 'manual', {
      publishedGrade,
      grade: c.grade,
    });
    await store.updateField(trx, fieldId, {
      grade: c.grade,
      category: c.category,
      personal_info: c.personalInfo,
      sensitive_personal_info: c.sensitivePersonalInfo,
      sensitive_category: c.sensitiveCategory ?? null,
      classification_status: 'confirmed',
    });
    if (published) await afterPublishedClassification(trx, k, actor, r, f, c);
    return res;
  });
}

/** Resource-level classification: CLS-03 take the highest, CLS-04 uplift only with reason. */
export async function classifyResourceLevel(k: Kernel, actor: Actor, resourceId: string, c: ClassificationInput) {
  return k.db.transaction().execute(async (trx) => {
    const r = await loadReadable(trx, actor, resourceId, true);
    if (r.state !== 'draft')
      throw new AppError(409, 'INVALID_TRANSITION', { action: 'classify_resource', from: r.state });
    const facts = await resourceFacts(trx, r, {
      grade: c.grade,
      personalInfo: c.personalInfo,
      sensitivePersonalInfo: c.sensitivePersonalInfo,
      aggregationUplift: c.aggregationUplift,
      upliftReason: c.upliftReason,
    });
    const res = await confirmClassification(trx, k, actor, r, 'resource', r.id, c, 'manual', facts);
    await trx
      .updateTable('data_resource')
      .set({
        grade: c.grade,
        category: c.category,
        personal_info: c.personalInfo,
        sensitive_personal_info: c.sensitivePersonalInfo,
        classification: JSON.stringify({
          ...c,
          decidedBy: actor.userId,
          decidedAt: k.clock.now().toISOString(),
          status: 'confirmed',
        }),
      })
      .where('id', '=', r.id)
      .execute();
    return res;
  });
}

/** Accepts or rejects a detection; an accepted one confirms the field at ≥ the suggestion (DET-05). */
export async function reviewDetection(
  k: Kernel,
  actor: Actor,
  detectionId: string,
  decision: 'accept' | 'reject',
  reason?: string,
) {
  return k.db.transaction().execute(async (trx) => {
    const d = await store.getDetection(trx, detectionId, true);
    if (!d) throw notFound('Detection', detectionId);
    const r = await loadReadable(trx, actor, d.resource_id as string, true);
    const res = await transition(trx, k.workflow, {
      lifecycle: detectionLifecycle,
      action: decision,
      actor,
      object: d,
      subject: { ...resourceSubject(r), type: 'Detection' },
      facts: { decision, reason },
      input: { decision, reason },
      values: {
        reviewed_by: actor.userId ?? null,
        reviewed_at: k.clock.now(),
        reject_reason: decision === 'reject' ? reason : null,
      },
    });
    // The suggestion was written by the upload's detection step (JSON we wrote; shape: Suggestion).
    if (decision === 'accept' && d.field_id)
      await applyAcceptedSuggestion(trx, k, actor, r, d.field_id, d.suggested as unknown as Suggestion);
    return res;
  });
}

/** A detector's suggested classification of one column (detection.suggested). */
interface Suggestion {
  grade: Grade;
  personalInfo: boolean;
  sensitivePersonalInfo: boolean;
  sensitiveCategory?: ClassificationInput['sensitiveCategory'] | null;
  category: string;
}

async function applyAcceptedSuggestion(
  trx: Tx,
  k: Kernel,
  actor: Actor,
  r: store.ResourceRow,
  fieldId: string,
  s: Suggestion,
) {
  const f = (await store.getField(trx, fieldId))!;
  const keep = f.classification_status === 'confirmed';
  const grade: Grade = keep && GRADE_RANK[f.grade as Grade] > GRADE_RANK[s.grade] ? (f.grade as Grade) : s.grade;
  const c: ClassificationInput = {
    category: s.category,
    grade,
    personalInfo: s.personalInfo || (keep && f.personal_info),
    sensitivePersonalInfo: s.sensitivePersonalInfo || (keep && f.sensitive_personal_info),
    // A confirmed field's category came through ClassificationInput, so it is one of SENSITIVE_CATEGORIES.
    sensitiveCategory: (s.sensitiveCategory ??
      (keep ? f.sensitive_category : undefined) ??
      undefined) as ClassificationInput['sensitiveCategory'],
    aggregationUplift: false,
  };
  await confirmClassification(trx, k, actor, r, 'field', fieldId, c, 'suggestion_confirmed', {});
  await store.updateField(trx, fieldId, {
    grade: c.grade,
    category: c.category,
    personal_info: c.personalInfo,
    sensitive_personal_info: c.sensitivePersonalInfo,
    sensitive_category: c.sensitiveCategory ?? null,
    classification_status: 'confirmed',
  });
}

/** Moves a resource along its lifecycle with the facts its rules need. */
export async function changeResourceState(
  k: Kernel,
  actor: Actor,
  id: string,
  action: 'classify' | 'reopen' | 'return' | 'publish' | 'suspend' | 'resume' | 'retire',
  reason?: string,
) {
  return k.db.transaction().execute(async (trx) => {
    const r = await loadReadable(trx, actor, id, true);
    const facts = {
      ...(await resourceFacts(trx, r)),
      target: 'publish' as const,
      reason,
      ...(action === 'publish' ? await publishFacts(trx, actor, r) : {}),
    };
    const values: Record<string, unknown> = {};
    if (action === 'publish') values.published_version = (r.published_version ?? 0) + 1;
    const res = await transition(trx, k.workflow, {
      lifecycle: resourceLifecycle,
      action,
      actor,
      object: r,
      subject: resourceSubject(r),
      facts,
      input: { reason },
      values,
    });
    if (action === 'publish') await publishIntoCatalogs(trx, k, r);
    if (action === 'retire') await store.removeCatalogItems(trx, r.id, k.clock.now());
    return res;
  });
}

/** Publishing lists the resource in the shared catalog and, unless not_open, the open catalog (catalog.md). */
async function publishIntoCatalogs(trx: Tx, k: Kernel, r: store.ResourceRow) {
  const now = k.clock.now();
  const types = new Set(r.catalog_types);
  await store.addCatalogItem(trx, {
    id: randomUUID(),
    catalog_type: 'shared',
    jurisdiction_id: r.jurisdiction_id,
    resource_id: r.id,
    resource_version: r.version + 1,
    conditions: r.share_conditions,
    added_at: now,
  });
  types.add('shared');
  if (r.open_class !== 'not_open') {
    await store.addCatalogItem(trx, {
      id: randomUUID(),
      catalog_type: 'open',
      jurisdiction_id: r.jurisdiction_id,
      resource_id: r.id,
      resource_version: r.version + 1,
      conditions: r.open_conditions,
      added_at: now,
    });
    types.add('open');
  }
  await trx
    .updateTable('data_resource')
    .set({ catalog_types: [...types] })
    .where('id', '=', r.id)
    .execute();
}
