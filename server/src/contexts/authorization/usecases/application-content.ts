import { randomUUID } from 'node:crypto';
import type { Tx } from '../../../kernel/db/tables.js';
import { ruleError, type RuleFailure } from '../../../kernel/http/errors.js';
import { messageFor } from '../../../kernel/http/messages.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { runRules } from '../../../kernel/workflow/rules.js';
import { loadResource, type ResourceForAuthorization } from '../catalog-port.js';
import type { CreateApplicationInput, DemandItemInput, EditApplicationInput } from '../model.js';
import {
  AUTH_07_REQUEST,
  AUTH_09,
  AUTH_10,
  AUTH_14,
  AUTH_16,
  type DemandFact,
  type SubmissionFacts,
} from '../rules/index.js';
import * as store from '../store.js';
import { applicationSubject } from '../subjects.js';
import { AGREEMENT_IN_FORCE, json, mustRead, today } from './common.js';

// What every ScenarioApplication use case shares: the demand list resolved against the catalog, the
// checks that run before anything is saved, the row columns of the content, and the locked read.

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

export async function resolveItems(trx: Tx, agreementId: string, items: DemandItemInput[]) {
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

export function itemRows(applicationId: string, resolved: Awaited<ReturnType<typeof resolveItems>>) {
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

export type Resolved = Awaited<ReturnType<typeof resolveItems>>;

/** Everything create and edit check before writing: refusals (AUTH-07/14/16), dates, and with `submit` every submission rule. */
export function validateApplication(
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
export function contentValues(input: EditApplicationInput) {
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

/** The application, locked, or 404 when the actor may not read it. */
export async function lockApplication(trx: Tx, actor: Actor, id: string) {
  return mustRead(await store.getApplication(trx, id, true), actor, applicationSubject, 'ScenarioApplication', id);
}

/** The facts AUTH-09/10/16 check at submission. */
export function submissionFacts(
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
