import type { Tx } from '../../../kernel/db/tables.js';
import { forbidden, notFound } from '../../../kernel/http/errors.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { activeActorRoles, type Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { applicationLifecycle } from '../lifecycle.js';
import {
  ApplicationForm,
  ConstructionPlan,
  Director,
  LIVE_APPLICATION_STATES,
  LIVE_LAB_STATES,
  Seal,
  SimilarLab,
  type CreateApplicationInput,
  type ListQuery,
  type UpdateApplicationInput,
} from '../model.js';
import { bigramCosine, type Party } from '../rules.js';
import * as store from '../store.js';
import { assertLabsEnabled, json, mustRead, partiesSubject, readerOf, today } from './common.js';
import { orgInfo, partnerBan } from './ports.js';

/**
 * LabApplication (申报, 000:L29): the initiator drafts it with its partner, both seal the three documents,
 * the initiator submits it (LAB-01 … LAB-07). Review, return and shortlist are in review.ts.
 */

export const applicationSubject = (a: store.ApplicationRow) => partiesSubject('LabApplication', a);

// Columns we wrote from these schemas (model.ts).
export const contentOf = (a: store.ApplicationRow) => ({
  applicationForm: ApplicationForm.nullable().parse(a.application_form),
  constructionPlan: ConstructionPlan.nullable().parse(a.construction_plan),
  seals: Seal.array().parse(a.seals),
  director: Director.nullable().parse(a.director),
  similar: SimilarLab.array().parse(a.similar_labs),
});

/** The columns of the editable content (create and edit share them). */
function contentValues(i: UpdateApplicationInput) {
  const v: Record<string, unknown> = {};
  if (i.name !== undefined) v.name = i.name;
  if (i.domain !== undefined) v.domain = i.domain;
  if (i.scenarioCode !== undefined) v.scenario_code = i.scenarioCode;
  if (i.scenarioSummary !== undefined) v.scenario_summary = i.scenarioSummary;
  if (i.researchDirection !== undefined) v.research_direction = i.researchDirection;
  if (i.applicationForm !== undefined) v.application_form = i.applicationForm ? json(i.applicationForm) : null;
  if (i.constructionPlan !== undefined) v.construction_plan = i.constructionPlan ? json(i.constructionPlan) : null;
  if (i.securityCommitmentFileId !== undefined) v.security_commitment_file_id = i.securityCommitmentFileId ?? null;
  if (i.agreementDraftFileId !== undefined) v.agreement_draft_file_id = i.agreementDraftFileId ?? null;
  if (i.seals !== undefined) v.seals = json(i.seals);
  if (i.director !== undefined) v.director = i.director ? json(i.director) : null;
  if (i.securityOfficerUserId !== undefined) v.security_officer_user_id = i.securityOfficerUserId ?? null;
  return v;
}

/** The initiator opens a draft answering a published call; its jurisdiction is the call's (the authority's). */
export async function createApplication(k: Kernel, actor: Actor, input: CreateApplicationInput) {
  assertLabsEnabled(k);
  // The initiator applies (000:L27 "发起单位…提出建设申请"); a partner cannot name itself the other side.
  if (!actor.orgId || !activeActorRoles(actor, 'lab_initiator').length) throw forbidden('LAB_NOT_PARTY');
  await orgInfo(k, input.partnerOrgId); // an unknown partner answers 404 before anything is written
  const id = uuidv7();
  return k.db.transaction().execute(async (trx) => {
    const guide = await store.getGuide(trx, input.guideId);
    if (!guide || guide.state !== 'published') throw notFound('LabGuide', input.guideId);
    const prefix = `ZHLAB-APP-${today(k).slice(0, 4)}-`;
    const no = `${prefix}${String(await store.nextSeq(trx, 'lab_application', prefix)).padStart(4, '0')}`;
    const row = {
      id,
      initiator_org_id: actor.orgId!,
      partner_org_id: input.partnerOrgId,
      jurisdiction_id: guide.jurisdiction_id,
      jurisdiction_path: guide.jurisdiction_path,
      created_by: actor.userId ?? null,
    };
    await transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: 'create',
      actor,
      object: null,
      subject: partiesSubject('LabApplication', row),
      input,
      values: {
        ...row,
        ...contentValues(input),
        jurisdiction_path: json(guide.jurisdiction_path),
        application_no: no,
        guide_id: guide.id,
      },
    });
    return (await store.getApplication(trx, id))!;
  });
}

export async function lockApplication(trx: Tx, actor: Actor, id: string) {
  return mustRead(await store.getApplication(trx, id, true), actor, applicationSubject, 'LabApplication', id);
}

/** Either party edits the draft (or the returned application) — seals, plan, documents, director. */
export async function updateApplication(k: Kernel, actor: Actor, id: string, input: UpdateApplicationInput) {
  return k.db.transaction().execute(async (trx) => {
    const a = await lockApplication(trx, actor, id);
    await transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: a.state === 'returned' ? 'edit_returned' : 'edit',
      actor,
      object: a,
      subject: applicationSubject(a),
      input,
      values: contentValues(input),
    });
    return (await store.getApplication(trx, id))!;
  });
}

/** LAB-04: live labs and applications of the same initiator, scored by scenario-summary similarity, best first. */
async function duplicateFacts(trx: Tx, a: store.ApplicationRow) {
  const labs = await store.listLabsOfInitiator(trx, a.initiator_org_id, LIVE_LAB_STATES);
  const apps = await store.listLiveApplicationsOfInitiator(trx, a.initiator_org_id, LIVE_APPLICATION_STATES, a.id);
  const others = [
    ...labs.map((l) => ({ objectType: 'Lab' as const, id: l.id, no: l.lab_no, row: l })),
    ...apps.map((x) => ({ objectType: 'LabApplication' as const, id: x.id, no: x.application_no, row: x })),
  ];
  const same = others.find((o) => o.row.scenario_code === a.scenario_code);
  const similar: SimilarLab[] = others
    .map((o) => ({
      objectType: o.objectType,
      id: o.id,
      no: o.no,
      name: o.row.name,
      scenarioCode: o.row.scenario_code,
      score: bigramCosine(a.scenario_summary, o.row.scenario_summary),
    }))
    .sort((x, y) => y.score - x.score)
    .slice(0, 5);
  return { sameScenario: same ? { no: same.no, name: same.row.name } : null, similar };
}

const party = (o: { id: string; name: string; kind: string }): Party => ({ id: o.id, name: o.name, kind: o.kind });

/** The initiator submits: documents, six seals, plan, scenario, ban and organization kinds (LAB-01 … LAB-07). */
export async function submitApplication(k: Kernel, actor: Actor, id: string) {
  const peek = await store.getApplication(k.db, id);
  if (!peek) throw notFound('LabApplication', id);
  // Organization facts come through identity's port, read before the transaction (PGlite: one connection).
  const [initiator, partner] = await Promise.all([orgInfo(k, peek.initiator_org_id), orgInfo(k, peek.partner_org_id)]);
  return k.db.transaction().execute(async (trx) => {
    const a = await lockApplication(trx, actor, id);
    const guide = await store.getGuide(trx, a.guide_id);
    const c = contentOf(a);
    const dup = await duplicateFacts(trx, a);
    const facts = {
      guide: guide ? { state: guide.state, windowFrom: guide.window_from, windowTo: guide.window_to } : null,
      today: today(k),
      documents: {
        application: !!c.applicationForm,
        commitment: !!a.security_commitment_file_id,
        agreement: !!a.agreement_draft_file_id,
      },
      seals: c.seals,
      initiator: party(initiator),
      partner: party(partner),
      plan: c.constructionPlan,
      sameScenario: dup.sameScenario,
      ban: await partnerBan(trx, partner.uscc, today(k)),
    };
    await transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: 'submit',
      actor,
      object: a,
      subject: applicationSubject(a),
      facts,
      values: { submitted_at: k.clock.now(), similar_labs: json(dup.similar) },
    });
    return (await store.getApplication(trx, id))!;
  });
}

export async function withdrawApplication(k: Kernel, actor: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const a = await lockApplication(trx, actor, id);
    await transition(trx, k.workflow, {
      lifecycle: applicationLifecycle,
      action: 'withdraw',
      actor,
      object: a,
      subject: applicationSubject(a),
    });
    return (await store.getApplication(trx, id))!;
  });
}

export async function getApplication(k: Kernel, actor: Actor, id: string) {
  return mustRead(await store.getApplication(k.db, id), actor, applicationSubject, 'LabApplication', id);
}

export function listApplications(k: Kernel, actor: Actor, q: ListQuery) {
  return store.listApplicationsFor(k.db, readerOf(actor), {
    state: q.state,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
}

/** Re-exported so review.ts computes the same duplicate facts at shortlisting. */
export { duplicateFacts };
