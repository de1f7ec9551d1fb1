import { randomUUID } from 'node:crypto';
import type { Tx } from '../../../kernel/db/tables.js';
import { calendarDueAt, shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { AppError, notFound, ruleError, type RuleFailure } from '../../../kernel/http/errors.js';
import { messageFor } from '../../../kernel/http/messages.js';
import { runRules } from '../../../kernel/workflow/rules.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { loadResource, type ResourceForAuthorization } from '../catalog-port.js';
import { applicationLifecycle, consentLifecycle } from '../lifecycle.js';
import { transitionGrant } from './followers.js';
import type { ApproveInput, CreateApplicationInput, DemandItemInput, EditApplicationInput, Grade } from '../model.js';
import { egressLimits, egressPolicy, grantFields, type AcceptedItem } from '../egress-policy.js';
import {
  AUTH_07_REQUEST,
  AUTH_09,
  AUTH_10,
  AUTH_14,
  AUTH_16,
  type ApprovalFacts,
  type ApprovalItemFact,
  type DemandFact,
  type SubmissionFacts,
} from '../rules/index.js';
import * as store from '../store.js';
import { applicationSubject, consentSubject } from '../subjects.js';
import { AGREEMENT_IN_FORCE, json, mustRead, today } from './common.js';

/** Catalog facts of one requested field, as the rules see them. */
function demandFact(
  i: {
    resourceId: string;
    fieldCode: string;
    justification: string;
    masking: string;
    legalBasis?: DemandFact['legalBasis'];
  },
  res: ResourceForAuthorization | undefined,
  catalogCodes: Set<string>,
): DemandFact {
  const f = res?.fields.find((x) => x.code === i.fieldCode);
  return {
    resourceId: i.resourceId,
    resourceNameZh: res?.nameZh ?? i.resourceId,
    fieldCode: i.fieldCode,
    fieldNameZh: f?.nameZh ?? i.fieldCode,
    justification: i.justification,
    masking: i.masking,
    legalBasis: i.legalBasis ?? null,
    registered: !!res?.registered,
    fieldRegistered: f?.registered,
    inCatalog: catalogCodes.has(`${i.resourceId}:${i.fieldCode}`),
    fieldKnown: !!f,
    grade: f?.grade ?? null,
    resourceGrade: res?.grade ?? null,
    personal: !!(f?.personalInfo || f?.sensitivePersonalInfo),
  };
}

async function catalogCodes(trx: Tx, agreementId: string) {
  const entries = await store.listCatalogEntries(trx, agreementId);
  return new Set(
    entries.filter((e) => e.state === 'consented').flatMap((e) => e.field_codes.map((c) => `${e.resource_id}:${c}`)),
  );
}

async function resolveItems(trx: Tx, agreementId: string, items: DemandItemInput[]) {
  const codes = await catalogCodes(trx, agreementId);
  const cache = new Map<string, ResourceForAuthorization | undefined>();
  for (const id of new Set(items.map((i) => i.resourceId))) cache.set(id, await loadResource(trx, id));
  return items.map((i) => {
    const res = cache.get(i.resourceId);
    return {
      input: i,
      res,
      field: res?.fields.find((x) => x.code === i.fieldCode),
      fact: demandFact({ ...i, masking: i.requestedMasking.method }, res, codes),
    };
  });
}

function itemRows(applicationId: string, resolved: Awaited<ReturnType<typeof resolveItems>>) {
  return resolved.map(({ input: i, res, field: f, fact }, seq) => ({
    id: randomUUID(),
    application_id: applicationId,
    seq,
    resource_id: i.resourceId,
    resource_name_zh: fact.resourceNameZh,
    source_unit_org_id: res?.sourceUnitOrgId ?? '00000000-0000-0000-0000-000000000000',
    field_id: f?.id ?? null,
    field_code: i.fieldCode,
    field_name_zh: fact.fieldNameZh,
    data_type: f?.dataType ?? 'unknown',
    grade_snapshot: f?.grade ?? null,
    personal: !!f?.personalInfo,
    sensitive_personal: !!f?.sensitivePersonalInfo,
    direct_identifier: !!f?.directIdentifier,
    justification: i.justification,
    requested_masking: json(i.requestedMasking),
    // Important fields default to aggregate-only visibility (AUTH-15).
    requested_visibility: i.requestedVisibility ?? (f?.grade === 'important' ? 'aggregate_only' : 'masked_rows'),
    legal_basis: i.legalBasis ? json(i.legalBasis) : null,
  }));
}

const DATE_LABELS: Record<string, { zh: string; en: string }> = {
  'servicePeriod.from': { zh: '服务开始日期', en: 'The service start' },
  'servicePeriod.to': { zh: '服务结束日期', en: 'The service end' },
  usageTimeLimit: { zh: '数据使用时限', en: 'The data usage limit' },
};

function dateFailure(ruleId: string, code: string, field: string, params: Record<string, unknown>): RuleFailure {
  const p = { field, label: DATE_LABELS[field]?.zh, labelEn: DATE_LABELS[field]?.en, ...params };
  const m = messageFor(code, p);
  return { ruleId, code, params: p, message: m.zh, message_en: m.en };
}

/**
 * The application's dates, checked before anything is saved (issue 14: a refused date left an orphan draft).
 * Each failure names its form field in params.field. AUTH-09: the service period runs forward and the usage
 * limit does not end before it starts (a Grant's validFrom ≤ validTo); AUTH-10: both end within the
 * agreement; authorization.md "Deadlines and clocks": users cannot back-date, so no end lies in the past.
 */
export function dateFailures(
  input: Pick<CreateApplicationInput, 'servicePeriod' | 'usageTimeLimit'>,
  todayDate: string,
  agreementValidTo: string | null,
): RuleFailure[] {
  const { from, to } = input.servicePeriod;
  const out: RuleFailure[] = [];
  if (to < from) out.push(dateFailure('AUTH-09', 'PERIOD_END_BEFORE_START', 'servicePeriod.to', { from, to }));
  else if (to < todayDate)
    out.push(dateFailure('AUTH-10', 'DATE_IN_PAST', 'servicePeriod.to', { date: to, today: todayDate }));
  if (input.usageTimeLimit < todayDate)
    out.push(
      dateFailure('AUTH-10', 'DATE_IN_PAST', 'usageTimeLimit', { date: input.usageTimeLimit, today: todayDate }),
    );
  else if (input.usageTimeLimit < from)
    out.push(
      dateFailure('AUTH-09', 'USAGE_LIMIT_BEFORE_START', 'usageTimeLimit', {
        usageTimeLimit: input.usageTimeLimit,
        from,
      }),
    );
  for (const [field, date] of [
    ['servicePeriod.to', to],
    ['usageTimeLimit', input.usageTimeLimit],
  ] as const) {
    if (agreementValidTo && date > agreementValidTo && !out.some((f) => f.params.field === field))
      out.push(dateFailure('AUTH-10', 'DATE_EXCEEDS_AGREEMENT', field, { date, validTo: agreementValidTo }));
  }
  return out;
}

type Resolved = Awaited<ReturnType<typeof resolveItems>>;

/** Everything create and edit check before writing: refusals (AUTH-07/14/16), dates, and with `submit` every submission rule. */
function validateApplication(
  k: Kernel,
  input: EditApplicationInput,
  agreement: store.AgreementRow,
  resolved: Resolved,
  submit: boolean,
) {
  // Rules that refuse a request outright run on drafts too (scenario 5: "nothing is saved").
  const { failures } = runRules([AUTH_14, AUTH_07_REQUEST], { items: resolved.map((x) => x.fact) }, k.profile);
  const graded = runRules(
    [AUTH_16],
    { items: resolved.map((x) => ({ ...x.fact, personal: false })) },
    k.profile,
  ).failures.filter((f) => f.code === 'CLASSIFICATION_MISSING');
  if (failures.length || graded.length) {
    const all = [...failures, ...graded];
    throw ruleError(all, all.find((f) => f.status)?.status);
  }
  const dates = dateFailures(input, today(k), agreement.valid_to ?? null);
  if (dates.length) throw ruleError(dates, 422);
  if (!submit) return;
  const facts = submissionFacts(
    inputRow(input),
    resolved.map((x) => x.fact),
    agreement,
  );
  const r = runRules([AUTH_09, AUTH_10, AUTH_16], facts, k.profile).failures;
  if (r.length) throw ruleError(r, r.find((f) => f.status)?.status ?? 422);
}

/** The row columns of an application's content (create and edit write the same). */
function contentValues(input: EditApplicationInput) {
  return {
    scenario: json(input.scenario),
    service_objects: json(input.serviceObjects),
    service_scope: json(input.serviceScope),
    service_period: json(input.servicePeriod),
    expected_outcome: json(input.expectedOutcome),
    development_methods: json(input.developmentMethods),
    usage_time_limit: input.usageTimeLimit,
    purpose_category: input.purposeCategory,
    risk_assessment: json(input.riskAssessment),
    proposed_egress: json(input.proposedEgress),
    planned_collaborators: json(input.plannedCollaborators),
  };
}

/** The columns submissionFacts reads. */
type SubmittedContent = Pick<
  store.ApplicationRecord,
  | 'scenario'
  | 'service_objects'
  | 'service_scope'
  | 'service_period'
  | 'expected_outcome'
  | 'development_methods'
  | 'usage_time_limit'
>;

/** The input shaped like a stored row, for submissionFacts. */
const inputRow = (input: EditApplicationInput): SubmittedContent => ({
  scenario: input.scenario,
  service_objects: input.serviceObjects,
  service_scope: input.serviceScope,
  service_period: input.servicePeriod,
  expected_outcome: input.expectedOutcome,
  development_methods: input.developmentMethods,
  usage_time_limit: input.usageTimeLimit,
});

/**
 * Drafts an application (and with `submit` submits it in the same transaction). The whole input is
 * checked first — refusals (AUTH-07, AUTH-14, AUTH-16), dates, and with `submit` AUTH-09/10/16 — so a
 * refused application leaves no draft and burns no number (issue 14).
 */
export async function createApplication(k: Kernel, actor: Actor, input: CreateApplicationInput) {
  return k.db.transaction().execute(async (trx) => {
    const a = await store.getAgreement(trx, input.agreementId);
    if (
      !a ||
      (a.operator_org_id !== actor.orgId && !actor.readableJurisdictionIds.some((j) => a.jurisdiction_path.includes(j)))
    )
      throw notFound('OperationAgreement', input.agreementId);
    // The applicant must be the agreement's operator (ScenarioApplication.applicantOrgId).
    if (a.operator_org_id !== actor.orgId) throw new AppError(403, 'FORBIDDEN', { reason: 'NOT_AGREEMENT_OPERATOR' });
    const resolved = await resolveItems(trx, a.id, input.demandList);
    const submit = input.submit ?? false;
    validateApplication(k, input, a, resolved, submit);
    const id = randomUUID();
    const sourceUnits = [...new Set(resolved.map((x) => x.res?.sourceUnitOrgId).filter(Boolean) as string[])];
    const applicationNo = await store.nextNumber(trx, 'scenario_application', `SA-${today(k).slice(0, 4)}-`);
    const r = await transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: 'create',
      actor,
      object: null,
      input,
      subject: {
        type: 'ScenarioApplication',
        jurisdictionId: a.jurisdiction_id,
        jurisdictionPath: a.jurisdiction_path,
        ownerOrgId: actor.orgId,
        sourceUnitOrgIds: sourceUnits,
      },
      values: {
        id,
        application_no: applicationNo,
        agreement_id: a.id,
        applicant_org_id: actor.orgId,
        jurisdiction_id: a.jurisdiction_id,
        ...contentValues(input),
        source_unit_org_ids: sourceUnits,
        created_by: actor.userId ?? null,
      },
    });
    await store.replaceDemandItems(trx, id, itemRows(id, resolved));
    if (!submit) return { ...r, applicationNo };
    const s = await submitInTransaction(trx, k, actor, id);
    return { ...s, applicationNo };
  });
}

/** Consent columns an edited item keeps from the item it replaces (same resource and field). */
const CONSENT_COLUMNS = ['consent', 'consent_conditions', 'consent_reason', 'consent_by', 'consent_at'] as const;

/**
 * The owner edits its draft, or its returned application (transition edit / edit_returned). Once source
 * units have answered, the fields requested are fixed; justifications and masking may change, and each
 * unchanged field keeps its unit's answer (AUTH-12).
 */
export async function editApplication(k: Kernel, actor: Actor, id: string, input: EditApplicationInput) {
  return k.db.transaction().execute(async (trx) => {
    const app = await lockApplication(trx, actor, id);
    const agreement = (await store.getAgreement(trx, app.agreement_id))!;
    const resolved = await resolveItems(trx, app.agreement_id, input.demandList);
    const old = await store.listDemandItems(trx, id);
    const keyOf = (resourceId: string, code: string) => `${resourceId}:${code}`;
    const oldByKey = new Map(old.map((o) => [keyOf(o.resource_id, o.field_code), o]));
    const consents = await store.listConsents(trx, id);
    const newKeys = new Set(input.demandList.map((i) => keyOf(i.resourceId, i.fieldCode)));
    if (consents.length && (newKeys.size !== oldByKey.size || [...newKeys].some((x) => !oldByKey.has(x))))
      throw new AppError(409, 'DEMAND_LIST_LOCKED', {});
    const sourceUnits = [...new Set(resolved.map((x) => x.res?.sourceUnitOrgId).filter(Boolean) as string[])];
    const action = app.state === 'returned' ? 'edit_returned' : 'edit';
    const r = await transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action,
      actor,
      object: app,
      subject: applicationSubject(app),
      input,
      values: { ...contentValues(input), source_unit_org_ids: sourceUnits },
    });
    // Checked after the transition so that a wrong state or actor answers 409/403 before input errors.
    validateApplication(k, input, agreement, resolved, false);
    const rows = itemRows(id, resolved).map((row) => {
      const prev = oldByKey.get(keyOf(row.resource_id, row.field_code));
      return prev ? { ...row, ...Object.fromEntries(CONSENT_COLUMNS.map((c) => [c, prev[c]])) } : row;
    });
    await store.replaceDemandItems(trx, id, rows);
    return r;
  });
}

async function lockApplication(trx: Tx, actor: Actor, id: string) {
  return mustRead(await store.getApplication(trx, id, true), actor, applicationSubject, 'ScenarioApplication', id);
}

function submissionFacts(
  app: SubmittedContent,
  items: DemandFact[],
  agreement: Pick<store.AgreementRecord, 'valid_to' | 'state'>,
): SubmissionFacts {
  return {
    application: {
      scenarioTitle: app.scenario?.title ?? '',
      serviceObjects: app.service_objects ?? [],
      regions: app.service_scope?.regions ?? [],
      industries: app.service_scope?.industries ?? [],
      servicePeriod: app.service_period,
      outcomeText: app.expected_outcome?.text ?? '',
      indicators: app.expected_outcome?.indicators ?? [],
      developmentMethods: app.development_methods ?? [],
      usageTimeLimit: app.usage_time_limit,
    },
    items,
    agreement: { validTo: agreement.valid_to, inForce: AGREEMENT_IN_FORCE.includes(agreement.state) },
  };
}

/** Submits (or resubmits) the application: rules AUTH-07/09/10/14/16; the review and consent clocks start. */
export async function submitApplication(k: Kernel, actor: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => submitInTransaction(trx, k, actor, id));
}

async function submitInTransaction(trx: Tx, k: Kernel, actor: Actor, id: string) {
  const app = await lockApplication(trx, actor, id);
  const agreement = (await store.getAgreement(trx, app.agreement_id))!;
  const rows = await store.listDemandItems(trx, id);
  const inputs = rows.map((r) => ({
    resourceId: r.resource_id,
    fieldCode: r.field_code,
    justification: r.justification,
    requestedMasking: r.requested_masking,
    legalBasis: r.legal_basis ?? undefined,
  })) as DemandItemInput[];
  const resolved = await resolveItems(trx, app.agreement_id, inputs);
  const now = k.clock.now();
  // The review clock stops while returned and continues with the days left (authorization.md clocks).
  const reviewLeft = Math.max(1, k.profile.get<number>('authorization.reviewWorkingDays') - app.review_days_used);
  return transition(trx, k.workflow, {
    lifecycle: applicationLifecycle,
    action: 'submit',
    actor,
    object: app,
    subject: applicationSubject(app),
    facts: submissionFacts(
      app,
      resolved.map((x) => x.fact),
      agreement,
    ),
    values: {
      submitted_at: now,
      review_due_at: k.calendar.dueAt(now, reviewLeft),
      consent_due_at:
        app.consent_due_at ?? k.calendar.dueAt(now, k.profile.get<number>('authorization.consentWorkingDays')),
    },
  });
}

/** The authority takes the application into review and asks each affected source unit for consent (AUTH-12). */
export async function acceptForReview(k: Kernel, actor: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const app = await lockApplication(trx, actor, id);
    const r = await transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: 'accept',
      actor,
      object: app,
      subject: applicationSubject(app),
    });
    const existing = new Set((await store.listConsents(trx, id)).map((c) => c.source_unit_org_id));
    for (const unit of app.source_unit_org_ids) {
      if (existing.has(unit)) continue;
      const c = { id: randomUUID(), source_unit_org_id: unit };
      await transition(trx, k.workflow, {
        lifecycle: consentLifecycle,
        action: 'request',
        actor,
        object: null,
        subject: consentSubject(c, app),
        values: { ...c, application_id: id, jurisdiction_id: app.jurisdiction_id, due_at: app.consent_due_at },
      });
    }
    return r;
  });
}

/** A source unit decides each of its items: consent (with conditions) or refuse (with a reason). Silence is not consent. */
export async function decideConsent(
  k: Kernel,
  actor: Actor,
  consentId: string,
  input: { items: { itemId: string; decision: 'consent' | 'refuse'; conditions?: string; reason?: string }[] },
) {
  return k.db.transaction().execute(async (trx) => {
    const c = await store.getConsent(trx, consentId, true);
    const app = c ? await store.getApplication(trx, c.application_id, true) : undefined;
    if (!c || !app) throw notFound('SourceConsent', consentId);
    const mine = (await store.listDemandItems(trx, app.id)).filter(
      (i) => i.source_unit_org_id === c.source_unit_org_id,
    );
    const byId = new Map(input.items.map((i) => [i.itemId, i]));
    const r = await transition(trx, k.workflow, {
      lifecycle: consentLifecycle,
      action: 'decide',
      actor,
      object: c,
      subject: consentSubject(c, app),
      input,
      values: { decided_by: actor.userId ?? null, decided_at: k.clock.now() },
    });
    if (input.items.some((i) => !mine.some((m) => m.id === i.itemId)))
      throw new AppError(422, 'CONSENT_NOT_FOR_UNIT', {});
    const undecided = mine.filter(
      (m) => !byId.has(m.id) || (byId.get(m.id)!.decision === 'refuse' && !byId.get(m.id)!.reason?.trim()),
    );
    if (undecided.length)
      throw new AppError(422, 'ITEM_DECISION_REQUIRED', { field: undecided.map((m) => m.field_name_zh).join('、') });
    for (const m of mine) {
      const d = byId.get(m.id)!;
      await store.setItemConsent(trx, m.id, {
        consent: d.decision,
        conditions: d.conditions,
        reason: d.reason,
        by: actor.userId ?? null,
        at: k.clock.now(),
      });
    }
    return r;
  });
}

/** Returns the application to the operator with reasons; the review clock stops (used days are kept). */
export async function returnApplication(k: Kernel, actor: Actor, id: string, reason: string) {
  return k.db.transaction().execute(async (trx) => {
    const app = await lockApplication(trx, actor, id);
    const used = app.submitted_at
      ? k.calendar.workingDaysBetween(shanghaiDate(new Date(app.submitted_at)), today(k))
      : 0;
    const review = {
      actor: actor.userId,
      orgId: actor.orgId,
      decision: 'returned',
      reason,
      at: k.clock.now().toISOString(),
    };
    return transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: 'return',
      actor,
      object: app,
      subject: applicationSubject(app),
      input: { reason },
      values: {
        review_days_used: app.review_days_used + used,
        review_due_at: null,
        reviews: json([...app.reviews, review]),
      },
    });
  });
}

/** Loads the approval facts, applying the reviewer's per-item decisions (refused items are rejected with the unit's reason). */
async function approvalFacts(
  trx: Tx,
  app: store.ApplicationRow,
  actor: Actor,
  decisions: ApproveInput['itemDecisions'],
) {
  const rows = await store.listDemandItems(trx, app.id);
  const given = new Map(decisions.map((d) => [d.itemId, d]));
  const resources = new Map<string, ResourceForAuthorization | undefined>();
  for (const rid of new Set(rows.map((r) => r.resource_id))) resources.set(rid, await loadResource(trx, rid));
  const items: (ApprovalItemFact & { row: store.DemandItemRow })[] = rows.map((r) => {
    const d = given.get(r.id);
    const res = resources.get(r.resource_id);
    const f = res?.fields.find((x) => x.code === r.field_code);
    const auto = !d && r.consent === 'refuse';
    const masking = d?.masking?.method ?? r.requested_masking.method;
    return {
      id: r.id,
      row: r,
      resourceId: r.resource_id,
      resourceNameZh: r.resource_name_zh,
      fieldCode: r.field_code,
      fieldNameZh: r.field_name_zh,
      justification: r.justification,
      masking,
      legalBasis: r.legal_basis,
      registered: !!res?.registered,
      fieldRegistered: f?.registered,
      inCatalog: true,
      fieldKnown: true,
      // Current catalog grades win over the snapshot: a grade raised since submission applies (就高从严).
      grade: f?.grade ?? r.grade_snapshot,
      resourceGrade: res?.grade ?? null,
      personal: r.personal || r.sensitive_personal,
      // The column's CHECK constraint allows exactly these three values.
      consent: r.consent as ApprovalItemFact['consent'],
      decision: auto ? 'rejected' : (d?.decision ?? null),
      decisionReason: auto ? `数源单位不同意：${r.consent_reason ?? ''}` : (d?.reason ?? ''),
    };
  });
  const facts: ApprovalFacts = {
    items,
    reviewer: { userId: actor.userId ?? '', orgId: actor.orgId ?? '' },
    applicantOrgId: app.applicant_org_id,
    riskAssessment: app.risk_assessment ?? {},
    firstApproval: app.first_approval ? { userId: app.first_approval.userId, orgId: app.first_approval.orgId } : null,
  };
  return { facts, items };
}

/** First of two approvals when important fields are accepted (AUTH-15): records the endorsement, state unchanged. */
export async function endorseApplication(k: Kernel, actor: Actor, id: string, input: ApproveInput) {
  return k.db.transaction().execute(async (trx) => {
    const app = await lockApplication(trx, actor, id);
    const { facts, items } = await approvalFacts(trx, app, actor, input.itemDecisions);
    const endorsement = {
      userId: actor.userId,
      orgId: actor.orgId,
      at: k.clock.now().toISOString(),
      itemDecisions: items.map((i) => ({
        itemId: i.id,
        decision: i.decision,
        reason: i.decisionReason,
        masking: input.itemDecisions.find((d) => d.itemId === i.id)?.masking,
      })),
    };
    return transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: 'endorse',
      actor,
      object: app,
      subject: applicationSubject(app),
      facts,
      input,
      values: {
        first_approval: json(endorsement),
        reviews: json([...app.reviews, { ...endorsement, decision: 'endorsed', reason: input.comment }]),
      },
    });
  });
}

/** Approves the accepted items and opens Grant v1 in pending_plan (AUTH-11…16, AUTH-17). */
export async function approveApplication(k: Kernel, actor: Actor, id: string, input: ApproveInput) {
  return k.db.transaction().execute(async (trx) => {
    const app = await lockApplication(trx, actor, id);
    // The final approver may confirm the endorsement's decisions instead of repeating them.
    const decisions = input.itemDecisions.length ? input.itemDecisions : (app.first_approval?.itemDecisions ?? []);
    const { facts, items } = await approvalFacts(trx, app, actor, decisions);
    const grantId = randomUUID();
    const review = {
      userId: actor.userId,
      orgId: actor.orgId,
      decision: 'approved',
      reason: input.comment,
      at: k.clock.now().toISOString(),
      itemDecisions: items.map((i) => ({ itemId: i.id, decision: i.decision, reason: i.decisionReason })),
    };
    const r = await transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: 'approve',
      actor,
      object: app,
      subject: applicationSubject(app),
      facts,
      input,
      values: { grant_id: grantId, decided_at: k.clock.now(), reviews: json([...app.reviews, review]) },
    });
    for (const i of items)
      await store.setItemDecision(
        trx,
        i.id!,
        i.decision!,
        i.decisionReason,
        decisions.find((d) => d.itemId === i.id)?.masking,
      );
    const accepted = items
      .filter((i) => i.decision !== 'rejected')
      .map((i) => ({
        ...i.row,
        // AUTH-16 refused every ungraded field before approval, so an accepted item has its grade.
        grade_snapshot: i.grade as Grade,
        resource_grade: i.resourceGrade,
        requested_masking: decisions.find((d) => d.itemId === i.id)?.masking ?? i.row.requested_masking,
      }));
    const grant = await openGrant(trx, k, actor, app, grantId, accepted);
    return { ...r, grantId, grantNo: grant.grantNo };
  });
}

/** Grant v1 (AUTH-17): fields, purpose, period = [max(today, service start), min(usageTimeLimit, agreement end)]. */
async function openGrant(
  trx: Tx,
  k: Kernel,
  actor: Actor,
  app: store.ApplicationRow,
  grantId: string,
  accepted: (AcceptedItem & { source_unit_org_id: string })[],
) {
  const agreement = (await store.getAgreement(trx, app.agreement_id))!;
  const fields = grantFields(accepted);
  const policy = { ...egressPolicy(fields, app.proposed_egress, k.profile), limits: egressLimits(fields, k.profile) };
  const t = today(k);
  const validFrom = app.service_period.from > t ? app.service_period.from : t;
  // An agreement that takes applications is signed, so it has its end date (AUTH-10).
  const agreementEnd = agreement.valid_to as string;
  const validTo = app.usage_time_limit < agreementEnd ? app.usage_time_limit : agreementEnd;
  const grantNo = await store.nextNumber(trx, 'data_grant', `GR-${t.slice(0, 4)}-`);
  const sourceUnits = [...new Set(accepted.map((i) => i.source_unit_org_id))];
  await transitionGrant(trx, k, {
    action: 'open',
    actor,
    object: null,
    subject: {
      type: 'Grant',
      jurisdictionId: app.jurisdiction_id,
      jurisdictionPath: app.jurisdiction_path,
      ownerOrgId: app.applicant_org_id,
      sourceUnitOrgIds: sourceUnits,
    },
    values: {
      id: grantId,
      grant_no: grantNo,
      grant_version: 1,
      basis: 'scenario_application',
      scenario_application_id: app.id,
      agreement_id: app.agreement_id,
      holder_org_id: app.applicant_org_id,
      jurisdiction_id: app.jurisdiction_id,
      source_unit_org_ids: sourceUnits,
      purpose: json({
        scenario: app.scenario,
        purposeCategory: app.purpose_category,
        serviceObjects: app.service_objects,
      }),
      fields: json(fields),
      egress_policy: json(policy),
      reviewers_required: policy.limits.reviewersRequired,
      data_services_allowed: app.development_methods.includes('data_service'),
      psi_allowed: app.development_methods.includes('psi'),
      valid_from: validFrom,
      valid_to: validTo,
      plan_due_at: calendarDueAt(k.clock.now(), k.profile.get<number>('authorization.planFilingDays')),
    },
  });
  return { grantNo };
}

/** Rejects the application with a reason (per item where given). */
export async function rejectApplication(
  k: Kernel,
  actor: Actor,
  id: string,
  input: { reason: string; itemReasons: Record<string, string> },
) {
  return k.db.transaction().execute(async (trx) => {
    const app = await lockApplication(trx, actor, id);
    const review = {
      userId: actor.userId,
      orgId: actor.orgId,
      decision: 'rejected',
      reason: input.reason,
      at: k.clock.now().toISOString(),
    };
    const r = await transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: 'reject',
      actor,
      object: app,
      subject: applicationSubject(app),
      input,
      values: { decided_at: k.clock.now(), reviews: json([...app.reviews, review]) },
    });
    for (const i of await store.listDemandItems(trx, id))
      await store.setItemDecision(trx, i.id, 'rejected', input.itemReasons[i.id] ?? input.reason);
    return r;
  });
}

export async function withdrawApplication(k: Kernel, actor: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const app = await lockApplication(trx, actor, id);
    return transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: 'withdraw',
      actor,
      object: app,
      subject: applicationSubject(app),
    });
  });
}
