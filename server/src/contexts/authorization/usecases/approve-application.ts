import { randomUUID } from 'node:crypto';
import type { Tx } from '../../../kernel/db/tables.js';
import { AppError } from '../../../kernel/http/errors.js';
import { calendarDueAt } from '../../../kernel/calendar/calendar.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { loadResource, type ResourceForAuthorization } from '../catalog-port.js';
import { egressLimits, egressPolicy, grantFields, type AcceptedItem } from '../egress-policy.js';
import { applicationLifecycle } from '../lifecycle.js';
import type { ApproveInput, Grade } from '../model.js';
import type { ApprovalFacts, ApprovalItemFact } from '../rules/index.js';
import * as store from '../store.js';
import { applicationSubject } from '../subjects.js';
import { lockApplication } from './application-content.js';
import { json, today } from './common.js';
import { transitionGrant } from './followers.js';

// The authority's approval (AUTH-11…16): an endorsement first when important fields are accepted
// (AUTH-15), then the approval that opens Grant v1 (AUTH-17).

/**
 * Props of endorseApplication and approveApplication (model.ts ApproveInput): `itemDecisions`, for each
 * demand item accepted / accepted_with_conditions / rejected with a reason and an optional masking that
 * overrides the requested one (the final approver may send none to confirm the endorsement's); `comment`.
 */
export type ApproveApplicationProps = ApproveInput;

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
export async function endorseApplication(k: Kernel, actor: Actor, id: string, input: ApproveApplicationProps) {
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
export async function approveApplication(k: Kernel, actor: Actor, id: string, input: ApproveApplicationProps) {
  return k.db.transaction().execute(async (trx) => {
    const app = await lockApplication(trx, actor, id);
    // PSI-01: the approver may narrow the PSI the applicant asked for (development method 'psi'), never add it.
    if (input.psi?.allowed && !app.development_methods.includes('psi'))
      throw new AppError(422, 'PSI_NOT_REQUESTED', {});
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
    const grant = await openGrant(trx, k, actor, app, grantId, accepted, input.psi);
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
  psi?: ApproveInput['psi'],
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
      psi_allowed: psi?.allowed ?? app.development_methods.includes('psi'),
      psi_membership: psi?.membership ?? false,
      valid_from: validFrom,
      valid_to: validTo,
      plan_due_at: calendarDueAt(k.clock.now(), k.profile.get<number>('authorization.planFilingDays')),
    },
  });
  return { grantNo };
}
