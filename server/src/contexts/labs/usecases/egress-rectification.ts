import { addDays } from '../../../kernel/calendar/calendar.js';
import { AppError, ruleError } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { authorize } from '../../../kernel/workflow/authorize.js';
import { runRules } from '../../../kernel/workflow/rules.js';
import { transition } from '../../../kernel/workflow/transition.js';
import type { LabGrantUse } from '../../sandbox/service.js';
import { labIncidents, openRectification, rectificationStatus } from '../../supervision/service.js';
import { labLifecycle } from '../lifecycle.js';
import { DataScopeLine } from '../model.js';
import { EgressRectification, type OrderEgressRectificationInput } from '../model-egress.js';
import { LAB_19, LAB_33, LAB_34 } from '../rules-egress.js';
import * as store from '../store.js';
import { labOfGrant } from '../store-duties.js';
import { asStrings, json, today } from './common.js';
import { getLab, labSubject, lockLab } from './labs.js';

/**
 * Unapproved egress (labs.md LAB-19, LAB-34; decision 0086): the initiator orders a rectification of its lab on the
 * `unapproved_egress` Incident (a supervision Rectification of the partner, deadline `lab.egressRectificationDays`,
 * the authority notified), the lab goes `active → rectifying`, and the sandbox refuses the lab's new EgressRequests
 * until the initiator, having accepted the Rectification in supervision, returns the lab to `active`.
 */

export const egressRectificationOf = (l: store.LabRow) =>
  EgressRectification.nullable().catch(null).parse(l.egress_rectification);

function assertMay(k: Kernel, actor: Actor, lab: store.LabRow, permission: string) {
  const d = authorize(actor, permission, labSubject(lab), k.clock.now(), k.profile);
  if (!d.allowed) throw new AppError(d.status, d.code, d.params ?? {}, { permission });
}

export async function orderEgressRectification(
  k: Kernel,
  actor: Actor,
  labId: string,
  input: OrderEgressRectificationInput,
) {
  const lab = await getLab(k, actor, labId);
  assertMay(k, actor, lab, 'lab.egress.rectify');
  if (lab.state !== 'active')
    throw new AppError(409, 'INVALID_TRANSITION', { action: 'rectify_egress', from: lab.state });
  const incident = (await labIncidents(k.db, lab.id)).find((i) => i.id === input.incidentId) ?? null;
  const facts = { incident: incident && { type: incident.type, labIds: [lab.id] }, labId: lab.id };
  // LAB-19 before the Rectification is opened in supervision (the transition below checks it again).
  const { failures } = runRules([LAB_19], facts, k.profile);
  if (failures.length) throw ruleError(failures, 422);
  const r = await openRectification(k, actor, {
    subjectOrgId: lab.partner_org_id,
    measure: 'rectification',
    basis: { kind: 'incident', ref: input.incidentId },
    items: input.items,
    deadline: addDays(today(k), k.profile.get<number>('lab.egressRectificationDays')),
  });
  const record: EgressRectification = {
    rectificationId: r.id,
    incidentId: input.incidentId,
    orderedOn: today(k),
    deadline: r.deadline,
    state: r.state,
    notices: [{ recipient: 'authority', jurisdictionId: lab.jurisdiction_id }],
  };
  return k.db.transaction().execute(async (trx) => {
    const row = await lockLab(trx, actor, labId);
    await transition(trx, k.workflow, {
      lifecycle: labLifecycle,
      action: 'rectify_egress',
      actor,
      object: row,
      subject: labSubject(row),
      facts,
      input,
      payload: { egressRectification: record },
      values: { egress_rectification: json(record) },
    });
    return (await store.getLab(trx, labId))!;
  });
}

/** The initiator returns the lab to `active` once it accepted the Rectification in supervision (egress unfrozen). */
export async function closeEgressRectification(k: Kernel, actor: Actor, labId: string) {
  const lab = await getLab(k, actor, labId);
  const r = egressRectificationOf(lab);
  const status = r ? await rectificationStatus(k.db, r.rectificationId) : undefined;
  return k.db.transaction().execute(async (trx) => {
    const row = await lockLab(trx, actor, labId);
    await transition(trx, k.workflow, {
      lifecycle: labLifecycle,
      action: 'end_egress_rectification',
      actor,
      object: row,
      subject: labSubject(row),
      facts: { rectificationState: status?.state ?? null },
      values: r && status ? { egress_rectification: json({ ...r, state: status.state }) } : {},
    });
    return (await store.getLab(trx, labId))!;
  });
}

/** The lab's egress state for its parties and supervisors, with the Rectification's live state. */
export async function egressRectificationView(k: Kernel, actor: Actor, labId: string) {
  const lab = await getLab(k, actor, labId);
  const r = egressRectificationOf(lab);
  const status = r ? await rectificationStatus(k.db, r.rectificationId) : undefined;
  return {
    labId: lab.id,
    labState: lab.state,
    egressFrozen: egressFrozen(k, lab),
    rectification: r && { ...r, state: status?.state ?? r.state },
  };
}

/** Open until the initiator closed it on an accepted Rectification (the record keeps its last state). */
const egressOpen = (lab: store.LabRow) => {
  const r = egressRectificationOf(lab);
  return !!r && r.state !== 'accepted';
};
const egressFrozen = (k: Kernel, lab: store.LabRow) =>
  !LAB_34.check({ labState: lab.state, egressRectificationOpen: egressOpen(lab) }, k.profile).ok;

/**
 * The check labs supplies to the sandbox (sandbox/usecases/lab-seam.ts): a Workspace on a lab Grant is developed on
 * under LAB-33 and its EgressRequests are frozen under LAB-34. A Grant of no lab passes.
 */
export async function labGrantCheck(k: Pick<Kernel, 'db' | 'profile'>, grantId: string, use: LabGrantUse) {
  const found = await labOfGrant(k.db, grantId);
  if (!found) return;
  const { lab, agreement } = found;
  const i = asStrings(agreement.grant_ids).indexOf(grantId);
  const line = DataScopeLine.array().catch([]).parse(agreement.data_scope)[i];
  const { failures } =
    use === 'develop'
      ? runRules(
          [LAB_33],
          { labState: lab.state, rawAllowed: !!line?.rawAllowed, classified: !!line?.classification.grade },
          k.profile,
        )
      : runRules([LAB_34], { labState: lab.state, egressRectificationOpen: egressOpen(lab) }, k.profile);
  if (failures.length) throw ruleError(failures, 422);
}
