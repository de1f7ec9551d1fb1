import { AppError } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { authorize } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { labTrainings, recordTraining } from '../../identity/service.js';
import { openIncident } from '../../supervision/service.js';
import { labLifecycle } from '../lifecycle.js';
import type { IssueReportInput, RecordTrainingInput, SecurityPolicy } from '../model-duties.js';
import { LAB_18 } from '../rules-duties.js';
import * as store from '../store.js';
import { asStrings, json } from './common.js';
import { getLab, labSubject, lockLab } from './labs.js';

/**
 * What the lab files while active (labs.md LAB-15, LAB-16, LAB-18; decision 0085): trainings go to identity's
 * Training records, the policy version onto the Lab (with its ledger entry), issue reports become supervision
 * Incidents naming the lab. Who may: the parties' staff ('lab.duty.file'); the lab must be running.
 */

const RUNNING = ['active', 'rectifying'];
function assertRunning(lab: store.LabRow) {
  if (!RUNNING.includes(lab.state)) throw new AppError(409, 'LAB_NOT_RUNNING', { state: lab.state });
}

/** The lab's parties file duties ('lab.duty.file'); the Training itself is checked again by identity (owner). */
function assertMayFile(k: Kernel, actor: Actor, lab: store.LabRow) {
  const d = authorize(actor, 'lab.duty.file', labSubject(lab), k.clock.now(), k.profile);
  if (!d.allowed) throw new AppError(d.status, d.code, d.params ?? {}, { permission: 'lab.duty.file' });
}

/** LAB-15: the partner records a data-security training of the lab (identity's Training, kind data_security). */
export async function recordLabTraining(k: Kernel, actor: Actor, labId: string, input: RecordTrainingInput) {
  return k.db.transaction().execute(async (trx) => {
    const lab = await lockLab(trx, actor, labId);
    assertMayFile(k, actor, lab);
    assertRunning(lab);
    return recordTraining(
      trx,
      k,
      actor,
      { ...input, orgId: actor.orgId ?? '', labId: lab.id, kind: 'data_security' },
      { jurisdictionId: lab.jurisdiction_id, jurisdictionPath: asStrings(lab.jurisdiction_path) },
    );
  });
}

/** The lab's trainings in its certification period (all kinds), oldest first. */
export async function listLabTrainings(k: Kernel, actor: Actor, labId: string) {
  const lab = await getLab(k, actor, labId);
  if (!lab.certified_at) return [];
  return labTrainings(k.db, lab.id, { from: lab.certified_at, to: lab.valid_to ?? '9999-12-31' });
}

/** LAB-16: a new version of the lab's security policy; it restarts the policy clock from `approvedAt`. */
export async function renewSecurityPolicy(k: Kernel, actor: Actor, labId: string, policy: SecurityPolicy) {
  return k.db.transaction().execute(async (trx) => {
    const lab = await lockLab(trx, actor, labId);
    await transition(trx, k.workflow, {
      lifecycle: labLifecycle,
      action: lab.state === 'rectifying' ? 'renew_policy_rectifying' : 'renew_policy',
      actor,
      object: lab,
      subject: labSubject(lab),
      input: policy,
      values: { security_policy: json(policy) },
    });
    return (await store.getLab(trx, labId))!;
  });
}

/**
 * LAB-18: the partner reports a data problem at once: an Incident naming the lab and its Grants (INC-02 stops
 * them). `onTime` says whether it came within `lab.issueReportHours` of discovery (the duty view counts the late).
 */
export async function reportLabIssue(k: Kernel, actor: Actor, labId: string, input: IssueReportInput) {
  const lab = await getLab(k, actor, labId);
  assertMayFile(k, actor, lab);
  assertRunning(lab);
  const agreement = lab.current_agreement_id ? await store.getAgreement(k.db, lab.current_agreement_id) : undefined;
  // The Grants are the partner's (the initiator does not hold them); named only when processing must stop (INC-02).
  const grantIds =
    input.stopProcessing && agreement && actor.orgId === lab.partner_org_id ? asStrings(agreement.grant_ids) : [];
  const { row } = await openIncident(k, actor, {
    type: input.type,
    severity: input.severity,
    cii: false,
    centralOrgan: false,
    discoveredAt: input.discoveredAt,
    description: input.description,
    affected: {
      grantIds,
      dataResourceIds: [],
      labIds: [lab.id],
      productIds: [],
      personalData: input.personalData,
      recordEstimate: null,
    },
  });
  const onTime = LAB_18.check({ discoveredAt: row.discovered_at, reportedAt: row.reported_at }, k.profile).ok;
  return { incidentId: row.id, incidentNo: row.incident_no, onTime };
}
