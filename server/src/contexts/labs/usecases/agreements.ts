import type { Tx } from '../../../kernel/db/tables.js';
import { AppError, badInput, notFound } from '../../../kernel/http/errors.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { openLabGrants } from '../../authorization/service.js';
import { getResourceForAuthorization } from '../../catalog/service.js';
import { agreementLifecycle, labLifecycle } from '../lifecycle.js';
import {
  AgreementView,
  DataScopeLine,
  SignAgreementInput,
  type DraftAgreementInput,
  type SignAgreementInput as SignInput,
} from '../model.js';
import type { AgreementFacts, Party } from '../rules.js';
import * as store from '../store.js';
import { asStrings, json, mustRead, partiesSubject, today } from './common.js';
import { assertPartnerReplaced, reactivateOnRefiling, refilingFacts } from './endings.js';
import { labSubject, lockLab } from './labs.js';
import { orgInfo } from './ports.js';

/**
 * LabAgreement (共建协议, 000:L31): the initiator drafts the data scope, purpose and term and classifies each line
 * (000:L15); both parties sign and seal; the authority files it (LAB-08, LAB-12). Filing moves the Lab to
 * `agreement_filed` and opens one Grant per scope line through authorization's port (LAB-13).
 */

const LIVE_AGREEMENT_STATES = ['draft', 'signed', 'filed'];

/** The agreement is the lab's: the initiator owns it, the partner is a party, the authority files it. */
const agreementSubject = (g: store.AgreementRow, lab: store.LabRow) =>
  partiesSubject('LabAgreement', { ...lab, id: g.id });

// Columns we wrote from these schemas (model.ts).
export const agreementContent = (g: store.AgreementRow): AgreementFacts => ({
  dataScope: DataScopeLine.array().parse(g.data_scope),
  purpose: g.purpose,
  usePeriod: { from: g.use_from, to: g.use_to },
  duties: AgreementView.shape.duties.parse(g.duties),
  rights: AgreementView.shape.rights.parse(g.rights),
  securityMeasures: AgreementView.shape.securityMeasures.parse(g.security_measures),
});

/** Each scope line names a catalog resource and fields of it (the path names the bad one). */
async function checkScope(trx: Tx, scope: DraftAgreementInput['dataScope']) {
  for (const [i, line] of scope.entries()) {
    const res = await getResourceForAuthorization(trx, line.dataResourceId);
    if (!res) throw badInput('LAB_RESOURCE_UNKNOWN', { path: `dataScope[${i}].dataResourceId` });
    const j = line.fieldIds.findIndex((f) => !res.fields.some((x) => x.id === f));
    if (j >= 0) throw badInput('LAB_RESOURCE_UNKNOWN', { path: `dataScope[${i}].fieldIds[${j}]` });
  }
}

function contentValues(i: DraftAgreementInput) {
  return {
    data_scope: json(i.dataScope),
    // The purpose column only admits lab R&D (LAB-08); another value is refused by the rule before it.
    purpose: i.purpose,
    use_from: i.usePeriod.from,
    use_to: i.usePeriod.to,
    duties: json(i.duties),
    rights: json(i.rights),
    security_measures: json(i.securityMeasures),
    initiator_product_use: i.initiatorProductUse ?? null,
  };
}

const draftFacts = (i: DraftAgreementInput): AgreementFacts => ({
  dataScope: i.dataScope,
  purpose: i.purpose,
  usePeriod: i.usePeriod,
  duties: i.duties,
  rights: i.rights,
  securityMeasures: i.securityMeasures,
});

/** The initiator drafts the agreement of a shortlisted lab (one live agreement per lab). */
export async function draftAgreement(k: Kernel, actor: Actor, labId: string, input: DraftAgreementInput) {
  return k.db.transaction().execute(async (trx) => {
    const lab = await lockLab(trx, actor, labId);
    // The agreement is signed between shortlisting and filing (000:L31); later changes are LabChangeRequests.
    // After a partner change (usecases/endings.ts) the new partner's agreement is drafted the same way.
    if (lab.state !== 'shortlisted' && lab.state !== 'partner_change_pending')
      throw new AppError(409, 'INVALID_TRANSITION', { action: 'draft', from: lab.state });
    assertPartnerReplaced(lab);
    const live = (await store.listAgreementsOfLab(trx, lab.id)).some((g) => LIVE_AGREEMENT_STATES.includes(g.state));
    if (live) throw new AppError(409, 'LAB_AGREEMENT_EXISTS');
    if (input.purpose !== 'lab_rnd_and_product_landing')
      throw badInput('LAB_PURPOSE_INVALID', { purpose: input.purpose });
    await checkScope(trx, input.dataScope);
    const id = uuidv7();
    const version = (await store.listAgreementsOfLab(trx, lab.id)).length + 1;
    await transition(trx, k.workflow, {
      lifecycle: agreementLifecycle,
      action: 'draft',
      actor,
      object: null,
      subject: partiesSubject('LabAgreement', { ...lab, id }),
      input,
      values: {
        id,
        agreement_no: `${lab.lab_no}-XY${String(version).padStart(2, '0')}`,
        lab_id: lab.id,
        agreement_version: version,
        ...contentValues(input),
        jurisdiction_id: lab.jurisdiction_id,
        jurisdiction_path: json(lab.jurisdiction_path),
        created_by: actor.userId ?? null,
      },
    });
    return (await store.getAgreement(trx, id))!;
  });
}

async function lockAgreement(trx: Tx, actor: Actor, id: string) {
  const g = await store.getAgreement(trx, id, true);
  const lab = g ? await store.getLab(trx, g.lab_id, true) : undefined;
  if (!g || !lab) throw notFound('LabAgreement', id);
  mustRead(lab, actor, labSubject, 'LabAgreement', id);
  return { g, lab };
}

/** The initiator edits a draft (the filed text is never edited: changes go through LabChangeRequests). */
export async function editAgreement(k: Kernel, actor: Actor, id: string, input: DraftAgreementInput) {
  return k.db.transaction().execute(async (trx) => {
    const { g, lab } = await lockAgreement(trx, actor, id);
    if (input.purpose !== 'lab_rnd_and_product_landing')
      throw badInput('LAB_PURPOSE_INVALID', { purpose: input.purpose });
    await checkScope(trx, input.dataScope);
    await transition(trx, k.workflow, {
      lifecycle: agreementLifecycle,
      action: 'edit',
      actor,
      object: g,
      subject: agreementSubject(g, lab),
      facts: draftFacts(input),
      input,
      values: contentValues(input),
    });
    return (await store.getAgreement(trx, id))!;
  });
}

const party = (o: { id: string; name: string; kind: string }): Party => ({ id: o.id, name: o.name, kind: o.kind });

async function partiesOf(k: Kernel, agreementId: string) {
  const g = await store.getAgreement(k.db, agreementId);
  const lab = g ? await store.getLab(k.db, g.lab_id) : undefined;
  if (!lab) throw notFound('LabAgreement', agreementId);
  const [i, p] = await Promise.all([orgInfo(k, lab.initiator_org_id), orgInfo(k, lab.partner_org_id)]);
  return { initiator: party(i), partner: party(p) };
}

/** Both parties sign and seal (the initiator records it with the partner's seal), LAB-08, LAB-12. */
export async function signAgreement(k: Kernel, actor: Actor, id: string, input: SignInput) {
  const parties = await partiesOf(k, id);
  return k.db.transaction().execute(async (trx) => {
    const { g, lab } = await lockAgreement(trx, actor, id);
    await transition(trx, k.workflow, {
      lifecycle: agreementLifecycle,
      action: 'sign',
      actor,
      object: g,
      subject: agreementSubject(g, lab),
      facts: { ...agreementContent(g), seals: input.seals, ...parties },
      input,
      values: { signed_at: input.signedAt, seals: json(input.seals) },
    });
    return (await store.getAgreement(trx, id))!;
  });
}

/**
 * The authority files the signed agreement (LAB-08, LAB-12): a filing number, the Lab to `agreement_filed`, and
 * one Grant per scope line (basis `lab_agreement`), held until certification (LAB-13), all in one transaction.
 */
export async function fileAgreement(k: Kernel, actor: Actor, id: string) {
  const parties = await partiesOf(k, id);
  const refiling = await refilingFacts(k, actor, id);
  return k.db.transaction().execute(async (trx) => {
    const { g, lab } = await lockAgreement(trx, actor, id);
    const content = agreementContent(g);
    const facts = { ...content, seals: SignAgreementInput.shape.seals.element.array().parse(g.seals), ...parties };
    await transition(trx, k.workflow, {
      lifecycle: labLifecycle,
      // A partner change's new agreement makes the lab active again (usecases/endings.ts).
      action: refiling ? 'refile_agreement' : 'file_agreement',
      actor,
      object: lab,
      subject: labSubject(lab),
      facts,
      input: { agreementId: g.id },
      values: { current_agreement_id: g.id },
    });
    const grantIds = await openLabGrants(trx, k, actor, {
      labId: lab.id,
      labNo: lab.lab_no,
      labName: lab.name,
      agreementId: g.id,
      partnerOrgId: lab.partner_org_id,
      jurisdictionId: lab.jurisdiction_id,
      jurisdictionPath: asStrings(lab.jurisdiction_path),
      // LAB-12 passed above: every line has its grade.
      lines: content.dataScope.map((l) => ({
        dataResourceId: l.dataResourceId,
        fieldIds: l.fieldIds,
        grade: l.classification.grade ?? 'general',
        rawAllowed: l.rawAllowed,
        validTo: l.validTo,
      })),
    });
    const year = today(k).slice(0, 4);
    const prefix = `ZHLAB-BA-${year}-`;
    await transition(trx, k.workflow, {
      lifecycle: agreementLifecycle,
      action: 'file',
      actor,
      object: g,
      subject: agreementSubject(g, lab),
      facts,
      input: { grantIds },
      values: {
        filed_at: k.clock.now(),
        filing_no: `${prefix}${String(await store.nextFilingSeq(trx, prefix)).padStart(4, '0')}`,
        grant_ids: json(grantIds),
      },
    });
    if (refiling) await reactivateOnRefiling(trx, k, actor, lab.id, grantIds, refiling);
    return (await store.getAgreement(trx, id))!;
  });
}

export async function getAgreement(k: Kernel, actor: Actor, id: string) {
  const g = await store.getAgreement(k.db, id);
  const lab = g ? await store.getLab(k.db, g.lab_id) : undefined;
  if (!g || !lab) throw notFound('LabAgreement', id);
  mustRead(lab, actor, labSubject, 'LabAgreement', id);
  return { g, lab };
}

/** Every version of the lab's agreement, superseded ones included (nothing in a lab is lost). */
export async function listAgreements(k: Kernel, actor: Actor, labId: string) {
  const lab = mustRead(await store.getLab(k.db, labId), actor, labSubject, 'Lab', labId);
  return { lab, rows: await store.listAgreementsOfLab(k.db, lab.id) };
}
