import { randomUUID } from 'node:crypto';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { applicationLifecycle } from '../lifecycle.js';
import type { CreateApplicationInput, EditApplicationInput } from '../model.js';
import * as store from '../store.js';
import { applicationSubject } from '../subjects.js';
import { contentValues, itemRows, lockApplication, resolveItems, validateApplication } from './application-content.js';
import { today } from './common.js';
import { submitInTransaction } from './submit-application.js';

// The operator drafts and edits its ScenarioApplication (授权使用申请, 002:L177).

/**
 * Props of createApplication (model.ts CreateApplicationInput): `agreementId` the operator's agreement in
 * force; the scenario, service objects/scope/period, expected outcome, development methods, usage time
 * limit and purpose category; `demandList` one item per requested field with its justification, masking
 * and legal basis; `proposedEgress`; and `submit` to submit in the same transaction.
 */
export type CreateApplicationProps = CreateApplicationInput;
/** Props of editApplication: the same content without the agreement (fixed at creation) or `submit`. */
export type EditApplicationProps = EditApplicationInput;

/**
 * Drafts an application (and with `submit` submits it in the same transaction). The whole input is
 * checked first — refusals (AUTH-07, AUTH-14, AUTH-16), dates, and with `submit` AUTH-09/10/16 — so a
 * refused application leaves no draft and burns no number (issue 14).
 */
export async function createApplication(k: Kernel, actor: Actor, input: CreateApplicationProps) {
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
export async function editApplication(k: Kernel, actor: Actor, id: string, input: EditApplicationProps) {
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
