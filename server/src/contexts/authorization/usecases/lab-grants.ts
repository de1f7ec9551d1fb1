import { randomUUID } from 'node:crypto';
import type { Tx } from '../../../kernel/db/tables.js';
import { notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { loadResource, type ResourceForAuthorization } from '../catalog-port.js';
import { egressLimits, type FieldGrant, type MaskingMethod } from '../egress-policy.js';
import type { Grade } from '../model.js';
import * as store from '../store.js';
import { grantSubject } from '../subjects.js';
import { json, today } from './common.js';
import { transitionGrant } from './followers.js';

/**
 * The labs port (labs.md LAB-13; decision 0081): a filed LabAgreement opens one Grant with basis `lab_agreement`
 * per DataScopeLine, held to the lab's partner. The Grants are opened `suspended` (cause `lab_not_certified`) and
 * resumed when the authority certifies the lab, so no data is reached before the lab is `active` (LAB-13, LAB-33);
 * from then on the sandbox enforces them like any other Grant (fields, masking, egress policy).
 */

/** One filed scope line, as labs hands it over (the initiator's classification already checked, LAB-12). */
export interface LabScopeLine {
  dataResourceId: string;
  fieldIds: string[];
  grade: Grade;
  rawAllowed: boolean;
  validTo: string;
}

export interface LabGrantRequest {
  labId: string;
  labNo: string;
  labName: string;
  agreementId: string;
  partnerOrgId: string;
  jurisdictionId: string;
  jurisdictionPath: string[];
  lines: LabScopeLine[];
}

const GRADE_ORDER: Grade[] = ['general', 'important', 'core'];
const higher = (a: Grade, b: Grade) => (GRADE_ORDER.indexOf(a) >= GRADE_ORDER.indexOf(b) ? a : b);

/** Field grants of one line: raw lines see clear values; others are de-identified (就高从严 on the grade). */
function labFields(res: ResourceForAuthorization, line: LabScopeLine): FieldGrant[] {
  return line.fieldIds.map((fieldId) => {
    const f = res.fields.find((x) => x.id === fieldId);
    if (!f) throw notFound('DataField', fieldId);
    const grade = higher(line.grade, f.grade);
    const method: MaskingMethod = line.rawAllowed
      ? 'none'
      : f.directIdentifier
        ? 'hmac_pseudonym'
        : f.personalInfo
          ? 'mask'
          : 'none';
    return {
      resourceId: res.id,
      resourceNameZh: res.nameZh,
      fieldId: f.id,
      code: f.code,
      nameZh: f.nameZh,
      dataType: f.dataType,
      grade,
      personalInfo: f.personalInfo,
      directIdentifier: f.directIdentifier,
      masking: { method },
      visibility: grade === 'important' && !line.rawAllowed ? 'aggregate_only' : 'masked_rows',
      // Raw data never leaves the extranet unapproved (LAB-19): clear personal values are not egress-eligible.
      egressAllowed: !(f.personalInfo && method === 'none'),
      conditions: null,
    };
  });
}

/** Opens the Grants of a filed lab agreement in the caller's transaction; returns their ids in scope order. */
export async function openLabGrants(trx: Tx, k: Kernel, actor: Actor, r: LabGrantRequest): Promise<string[]> {
  const ids: string[] = [];
  const t = today(k);
  for (const line of r.lines) {
    const res = await loadResource(trx, line.dataResourceId);
    if (!res) throw notFound('DataResource', line.dataResourceId);
    const fields = labFields(res, line);
    const limits = egressLimits(fields, k.profile);
    const id = randomUUID();
    const grantNo = await store.nextNumber(trx, 'data_grant', `GR-${t.slice(0, 4)}-`);
    const located = { id, jurisdiction_id: r.jurisdictionId, jurisdiction_path: r.jurisdictionPath };
    await transitionGrant(trx, k, {
      action: 'open_lab',
      actor,
      object: null,
      subject: grantSubject({ ...located, holder_org_id: r.partnerOrgId, source_unit_org_ids: [res.sourceUnitOrgId] }),
      input: { labId: r.labId, agreementId: r.agreementId, dataResourceId: line.dataResourceId },
      values: {
        id,
        grant_no: grantNo,
        grant_version: 1,
        basis: 'lab_agreement',
        holder_org_id: r.partnerOrgId,
        jurisdiction_id: r.jurisdictionId,
        source_unit_org_ids: [res.sourceUnitOrgId],
        purpose: json({
          scenario: { title: `${r.labNo} ${r.labName}` },
          purposeCategory: 'lab_rnd_and_product_landing',
          labId: r.labId,
          labAgreementId: r.agreementId,
        }),
        fields: json(fields),
        egress_policy: json({
          allowedOutputKinds: ['aggregate', 'aggregate_table', 'chart', 'report_document', 'model', 'model_file'],
          minGroupSize: k.profile.get<number>('authorization.defaultMinGroupSize'),
          smallCellSuppression: true,
          dp: null,
          masking: Object.fromEntries(fields.map((f) => [f.code, f.masking])),
          limits,
        }),
        reviewers_required: limits.reviewersRequired,
        valid_from: t,
        valid_to: line.validTo,
        suspension: json({ cause: 'lab_not_certified', reason: r.labNo, at: k.clock.now().toISOString(), by: null }),
      },
    });
    ids.push(id);
  }
  return ids;
}

/** Certification makes the lab's held Grants usable (LAB-13): each suspended one is resumed in the caller's transaction. */
export async function resumeLabGrants(trx: Tx, k: Kernel, actor: Actor, grantIds: string[]): Promise<void> {
  for (const id of grantIds) {
    const g = await store.getGrant(trx, id, true);
    if (!g) throw notFound('Grant', id);
    if (g.state !== 'suspended' || g.basis !== 'lab_agreement') continue;
    await transitionGrant(trx, k, {
      action: 'resume',
      actor,
      object: g,
      subject: grantSubject(g),
      input: { cause: 'lab_certified' },
      values: { suspension: null },
    });
  }
}

/**
 * The lab's data supply ends (labs.md LAB-23 termination, LAB-30 revocation, LAB-20 delisting, merge): each of its
 * live `lab_agreement` Grants is revoked in the caller's transaction; the sandbox follows as for any revoked Grant.
 * Answers the ids it revoked (ended ones are left as they are).
 */
export async function endLabGrants(trx: Tx, k: Kernel, actor: Actor, grantIds: string[], cause: string) {
  const ended: string[] = [];
  for (const id of grantIds) {
    const g = await store.getGrant(trx, id, true);
    if (!g || g.basis !== 'lab_agreement' || !['active', 'suspended', 'pending_plan'].includes(g.state)) continue;
    await transitionGrant(trx, k, { action: 'revoke', actor, object: g, subject: grantSubject(g), input: { cause } });
    ended.push(id);
  }
  return ended;
}
