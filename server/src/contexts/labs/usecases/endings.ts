import { addDays } from '../../../kernel/calendar/calendar.js';
import type { Tx } from '../../../kernel/db/tables.js';
import { AppError, notFound, ruleError } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { assertAuthorized } from '../../../kernel/workflow/authorize.js';
import { runRules } from '../../../kernel/workflow/rules.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { endLabGrants, resumeLabGrants } from '../../authorization/service.js';
import { issueLabPlaque, revokeLabPlaque } from '../../rights/service.js';
import {
  activeBanFor,
  incidentsOfOrgSince,
  openRectification,
  rectificationStatus,
  recordBanInTransaction,
} from '../../supervision/service.js';
import { agreementLifecycle, labLifecycle } from '../lifecycle.js';
import {
  LabEnding,
  LabRectification,
  LabTermination,
  type DelistInput,
  type MergeInput,
  type OrderRectificationInput,
} from '../model-endings.js';
import { Plaque } from '../model.js';
import { LAB_23_ORDER, partnerBan, type DelistFacts } from '../rules-endings.js';
import * as store from '../store.js';
import * as ends from '../store-endings.js';
import { asStrings, json, today } from './common.js';
import { getLab, labSubject, lockLab } from './labs.js';
import { orgInfo } from './ports.js';

/**
 * Exit from a lab (labs.md Lifecycles; LAB-20, LAB-23, LAB-24, LAB-26, LAB-30; decision 0087): rectification after
 * a failed evaluation (a supervision Rectification ordered by the initiator), termination when it still fails,
 * revocation (an approved `revocation` LabChangeRequest), delisting and merge by the authority. Every end revokes
 * the lab's Grants through authorization's port and, for revocation and delisting, the plaque through rights'.
 */

// Columns written from these schemas.
export const rectificationOf = (l: store.LabRow) => (l.rectification ? LabRectification.parse(l.rectification) : null);
export const terminationOf = (l: store.LabRow) => (l.termination ? LabTermination.parse(l.termination) : null);
export const endingOf = (l: store.LabRow) => (l.ending ? LabEnding.parse(l.ending) : null);
const plaqueOf = (l: store.LabRow) => (l.plaque ? Plaque.parse(l.plaque) : null);

/** Every Grant the lab was given: its agreements' scope lines and approved scope changes (LAB-13). */
export async function labGrantIds(trx: Tx, labId: string) {
  const agreements = await store.listAgreementsOfLab(trx, labId);
  const changes = await store.listChangesOfLab(trx, labId);
  return [...agreements.flatMap((g) => asStrings(g.grant_ids)), ...changes.flatMap((c) => asStrings(c.grant_ids))];
}

/** The filed agreement still in force, ended by `action` (LAB-23 termination, or the authority's decision). */
async function endAgreement(trx: Tx, k: Kernel, actor: Actor, lab: store.LabRow, action: string, reason: string) {
  const g = lab.current_agreement_id ? await store.getAgreement(trx, lab.current_agreement_id, true) : undefined;
  if (!g || g.state !== 'filed') return null;
  await transition(trx, k.workflow, {
    lifecycle: agreementLifecycle,
    action,
    actor,
    object: g,
    subject: { ...labSubject(lab), type: 'LabAgreement', id: g.id },
    input: { reason },
  });
  return g.id;
}

/** Revokes the plaque (`lab_revoked` / `lab_delisted`) and keeps the lab's pointer in step. */
async function revokePlaque(
  trx: Tx,
  k: Kernel,
  actor: Actor,
  lab: store.LabRow,
  reason: 'lab_revoked' | 'lab_delisted',
) {
  const p = plaqueOf(lab);
  if (!p || ['revoked', 'superseded'].includes(p.status)) return p?.status ?? null;
  const cert = await revokeLabPlaque(trx, k, p.certNo, reason, actor);
  await store.setPlaque(trx, lab.id, { ...p, status: cert.state });
  return cert.state;
}

/** The latest concluded evaluation of the lab whose misconduct the authority marked serious (LAB-26). */
async function seriousCase(trx: Tx, labId: string) {
  const rows = await ends.listEvaluationsOfLab(trx, labId);
  return rows.some((e) => e.state === 'concluded' && e.serious !== null);
}

// ---- LAB-23: rectification after a failed evaluation ----

/**
 * The initiator orders the rectification of a failed evaluation (LAB-23): a supervision Rectification of the partner
 * with the deadline `lab.rectificationDays` (ordered by a lab_initiator it suspends nothing, supervision.md ENF-02);
 * the Lab goes `active → rectifying`. Who and which state are settled before the Rectification is opened.
 */
export async function orderRectification(k: Kernel, actor: Actor, labId: string, input: OrderRectificationInput) {
  const lab = await getLab(k, actor, labId);
  assertAuthorized(actor, 'lab.rectify', labSubject(lab), k.clock.now(), k.profile);
  if (lab.state !== 'active') throw new AppError(409, 'INVALID_TRANSITION', { action: 'rectify', from: lab.state });
  const e = await ends.getEvaluation(k.db, input.evaluationId);
  const facts = {
    evaluation: e ? { labMatches: e.lab_id === lab.id && e.state === 'concluded', result: e.result } : null,
  };
  // LAB-23 before the Rectification is opened in supervision (the transition below checks it again).
  const { failures } = runRules([LAB_23_ORDER], facts, k.profile);
  if (failures.length) throw ruleError(failures, 422);
  const r = await openRectification(k, actor, {
    subjectOrgId: lab.partner_org_id,
    measure: 'rectification',
    basis: { kind: 'evaluation', ref: input.evaluationId },
    items: input.items,
    deadline: addDays(today(k), k.profile.get<number>('lab.rectificationDays')),
  });
  const rectification: LabRectification = {
    rectificationId: r.id,
    evaluationId: input.evaluationId,
    orderedOn: today(k),
    deadline: r.deadline,
    state: r.state,
  };
  return k.db.transaction().execute(async (trx) => {
    const locked = await lockLab(trx, actor, labId);
    await transition(trx, k.workflow, {
      lifecycle: labLifecycle,
      action: 'rectify_evaluation',
      actor,
      object: locked,
      subject: labSubject(locked),
      facts,
      input,
      values: { rectification: json(rectification) },
    });
    return (await store.getLab(trx, labId))!;
  });
}

/** The initiator, having accepted the Rectification in supervision, returns the lab to `active` (LAB-23). */
export async function closeRectification(k: Kernel, actor: Actor, labId: string) {
  const lab = await getLab(k, actor, labId);
  const r = rectificationOf(lab);
  const status = r ? await rectificationStatus(k.db, r.rectificationId) : undefined;
  return k.db.transaction().execute(async (trx) => {
    const locked = await lockLab(trx, actor, labId);
    await transition(trx, k.workflow, {
      lifecycle: labLifecycle,
      action: 'accept_rectification',
      actor,
      object: locked,
      subject: labSubject(locked),
      facts: { rectificationState: status?.state ?? null },
      values: r && status ? { rectification: json({ ...r, state: status.state }) } : {},
    });
    return (await store.getLab(trx, labId))!;
  });
}

/**
 * LAB-23: the rectification still fails after its deadline, so the initiator terminates the agreement. The Lab goes
 * `partner_change_pending`, the partner's Grants are revoked, and the partner is recorded as the Ban candidate that
 * the authority's later decision (partner change or revocation) turns into a Ban (LAB-24/LAB-26).
 */
export async function terminateAgreement(k: Kernel, actor: Actor, labId: string, reason: string) {
  const lab = await getLab(k, actor, labId);
  const r = rectificationOf(lab);
  const status = r ? await rectificationStatus(k.db, r.rectificationId) : undefined;
  const partner = await orgInfo(k, lab.partner_org_id);
  return k.db.transaction().execute(async (trx) => {
    const locked = await lockLab(trx, actor, labId);
    const day = today(k);
    // The termination transition first: it checks who (lab.terminate) and LAB-23 before anything is revoked.
    const next = {
      terminatedOn: day,
      partnerChangeDueOn: addDays(day, k.profile.get<number>('lab.partnerChangeDays')),
      reason,
      by: actor.userId ?? null,
      agreementId: locked.current_agreement_id,
      rectificationId: r?.rectificationId ?? null,
      revokedGrantIds: [] as string[],
      banCandidate: { orgId: partner.id, uscc: partner.uscc, serious: await seriousCase(trx, lab.id) },
    } satisfies LabTermination;
    await transition(trx, k.workflow, {
      lifecycle: labLifecycle,
      action: 'terminate',
      actor,
      object: locked,
      subject: labSubject(locked),
      facts: { rectificationState: status?.state ?? null, deadline: r?.deadline ?? null, today: day },
      input: { reason },
      values: { termination: json(next) },
    });
    await endAgreement(trx, k, actor, locked, 'terminate', reason);
    const revoked = await endLabGrants(trx, k, systemActor('labs'), await labGrantIds(trx, lab.id), 'lab_terminated');
    await setTermination(trx, lab.id, { ...next, revokedGrantIds: revoked });
    return (await store.getLab(trx, labId))!;
  });
}

const setTermination = (trx: Tx, labId: string, t: LabTermination) =>
  ends.setLabColumns(trx, labId, { termination: json(t) });

// ---- Revocation (LAB-24, LAB-26, LAB-30) ----

/** What a revocation needs from outside the transaction (PGlite: one connection; identity is read before it). */
export async function revocationFacts(k: Kernel, labId: string) {
  const lab = await store.getLab(k.db, labId);
  return lab ? { partner: await orgInfo(k, lab.partner_org_id) } : null;
}

/**
 * An approved `revocation` LabChangeRequest, in the decision's transaction: the Lab goes `revoked`; the supply
 * switches to the operator's market terms and every initiator-direct Grant ends (LAB-30); the plaque is revoked
 * (`lab_revoked`); the partner is banned from lab applications — `lab.banYearsAfterRevocation` years from today's
 * decision (LAB-24) or, when the authority marked the misconduct serious, `lab.banYearsSeriousMisconduct` years
 * from the agreement's termination (LAB-26).
 */
export async function revokeOnApproval(
  trx: Tx,
  k: Kernel,
  actor: Actor,
  labId: string,
  change: { id: string; no: string; reason: string },
  facts: NonNullable<Awaited<ReturnType<typeof revocationFacts>>>,
) {
  const lab = (await store.getLab(trx, labId, true))!;
  const day = today(k);
  const t = terminationOf(lab);
  await transition(trx, k.workflow, {
    lifecycle: labLifecycle,
    action: 'revoke',
    actor,
    object: lab,
    subject: labSubject(lab),
    input: { changeRequestId: change.id },
    values: { supply_mode: 'operator_market' },
  });
  await endAgreement(trx, k, actor, lab, 'end_by_decision', change.reason);
  const revokedGrantIds = await endLabGrants(trx, k, actor, await labGrantIds(trx, lab.id), 'lab_revoked');
  const plaqueStatus = await revokePlaque(trx, k, actor, lab, 'lab_revoked');
  const serious = (t?.banCandidate.serious ?? false) || (await seriousCase(trx, lab.id));
  const ban = partnerBan({ decidedOn: day, terminatedOn: t?.terminatedOn ?? null, serious }, k.profile);
  const bans = [];
  if (facts.partner.uscc) {
    const b = await recordBanInTransaction(trx, k, actor, {
      subjectUscc: facts.partner.uscc,
      orgId: facts.partner.id,
      scope: 'lab_application',
      reason: `${ban.ruleId} ${lab.lab_no} ${lab.name}：实验室撤销（${change.reason}）`,
      basisDecisionId: change.no, // the decision's document number as people read it (决定文号), not an id
      startsOn: ban.startsOn,
      endsOn: ban.endsOn,
    });
    bans.push({ id: b.id, ruleId: ban.ruleId, startsOn: b.startsOn, endsOn: b.endsOn });
  }
  const ending: LabEnding = {
    kind: 'revoked',
    decidedOn: day,
    by: actor.userId ?? null,
    reason: change.reason,
    basis: { kind: 'change_request', ref: change.id },
    changeRequestId: change.id,
    successorLabId: null,
    revokedGrantIds,
    plaqueStatus,
    bans,
    notices: [],
  };
  await ends.setLabColumns(trx, lab.id, { ending: json(ending) });
}

// ---- Delisting (LAB-20) and merge (000:L53) ----

const REGULATORS = [
  { recipient: 'cyberspace_office', recipientZh: '网信部门' },
  { recipient: 'public_security', recipientZh: '公安机关' },
];

async function delistBasis(k: Kernel, lab: store.LabRow, b: DelistInput['basis']): Promise<DelistFacts> {
  if (b.kind === 'rectification') {
    const r = await rectificationStatus(k.db, b.ref);
    return {
      basis: {
        kind: 'rectification',
        found: !!r,
        ofLab: r?.subjectOrgId === lab.partner_org_id,
        state: r?.state ?? null,
      },
    };
  }
  const found = (await incidentsOfOrgSince(k.db, lab.partner_org_id, new Date(0))).find((i) => i.id === b.ref);
  return { basis: { kind: 'incident', found: !!found, ofLab: !!found, severity: found?.severity ?? null } };
}

/**
 * LAB-20: the authority delists a lab only on a recorded basis. All Grants end, the plaque is revoked
 * (`lab_delisted`, 摘牌), the agreement ends, and the regulators (网信, 公安) are notified: the notices are on the
 * lab's ending, which the regulator reads in its jurisdiction.
 */
export async function delistLab(k: Kernel, actor: Actor, labId: string, input: DelistInput) {
  const lab = await getLab(k, actor, labId);
  const facts = await delistBasis(k, lab, input.basis);
  return k.db.transaction().execute(async (trx) => {
    const locked = await lockLab(trx, actor, labId);
    await transition(trx, k.workflow, {
      lifecycle: labLifecycle,
      action: 'delist',
      actor,
      object: locked,
      subject: labSubject(locked),
      facts,
      input,
    });
    return finishEnding(trx, k, actor, locked, {
      kind: 'delisted',
      reason: input.reason,
      basis: input.basis,
      plaque: 'lab_delisted',
      notices: REGULATORS,
    });
  });
}

/** Merge (000:L53): the authority merges the lab into a live successor; its Grants end (re-issued only by filing). */
export async function mergeLab(k: Kernel, actor: Actor, labId: string, input: MergeInput) {
  return k.db.transaction().execute(async (trx) => {
    const locked = await lockLab(trx, actor, labId);
    const successor = await store.getLab(trx, input.successorLabId);
    await transition(trx, k.workflow, {
      lifecycle: labLifecycle,
      action: 'merge',
      actor,
      object: locked,
      subject: labSubject(locked),
      facts: { selfId: locked.id, successor: successor ? { id: successor.id, state: successor.state } : null },
      input,
      values: { successor_lab_id: input.successorLabId },
    });
    return finishEnding(trx, k, actor, locked, {
      kind: 'merged',
      reason: input.reason,
      basis: { kind: 'lab', ref: input.successorLabId },
      successorLabId: input.successorLabId,
      notices: [],
    });
  });
}

async function finishEnding(
  trx: Tx,
  k: Kernel,
  actor: Actor,
  lab: store.LabRow,
  o: {
    kind: 'delisted' | 'merged';
    reason: string;
    basis: { kind: string; ref: string };
    plaque?: 'lab_delisted';
    successorLabId?: string;
    notices: { recipient: string; recipientZh: string }[];
  },
) {
  await endAgreement(trx, k, actor, lab, 'end_by_decision', o.reason);
  const revokedGrantIds = await endLabGrants(trx, k, actor, await labGrantIds(trx, lab.id), `lab_${o.kind}`);
  const plaqueStatus = o.plaque ? await revokePlaque(trx, k, actor, lab, o.plaque) : (plaqueOf(lab)?.status ?? null);
  const at = k.clock.now().toISOString();
  const ending: LabEnding = {
    kind: o.kind,
    decidedOn: today(k),
    by: actor.userId ?? null,
    reason: o.reason,
    basis: o.basis,
    changeRequestId: null,
    successorLabId: o.successorLabId ?? null,
    revokedGrantIds,
    plaqueStatus,
    bans: [],
    notices: o.notices.map((n) => ({ ...n, at })),
  };
  await ends.setLabColumns(trx, lab.id, { ending: json(ending) });
  const after = await store.getLab(trx, lab.id);
  if (!after) throw notFound('Lab', lab.id);
  return after;
}

/** The lab's exit record for its parties and supervisors, with the Rectification's live state (supervision). */
export async function getEndings(k: Kernel, actor: Actor, labId: string) {
  const lab = await getLab(k, actor, labId);
  const r = rectificationOf(lab);
  const status = r ? await rectificationStatus(k.db, r.rectificationId) : undefined;
  return {
    lab,
    rectification: r ? { ...r, state: status?.state ?? r.state } : null,
    evaluations: await ends.listEvaluationsOfLab(k.db, lab.id),
  };
}

// ---- Partner change (labs.md: partner_change_pending → active; LAB-05 for the new partner) ----

/** What an approved partner change needs from outside the transaction: the new partner (identity, before it). */
export async function partnerChangeFacts(k: Kernel, labId: string, newPartnerOrgId: string) {
  const lab = await store.getLab(k.db, labId);
  if (!lab) return null;
  return { newPartner: await orgInfo(k, newPartnerOrgId), oldPartner: await orgInfo(k, lab.partner_org_id) };
}

/**
 * An approved `partner_change` LabChangeRequest, in the decision's transaction: LAB-05 for the new partner (its
 * USCC has no active Ban), the lab's partner replaced (it stays `partner_change_pending` until the new agreement is
 * filed), and the terminated partner's Ban recorded — counted from this approval (labs.md Known gaps), LAB-26's
 * length from the termination in a serious case.
 */
export async function replacePartnerOnApproval(
  trx: Tx,
  k: Kernel,
  actor: Actor,
  labId: string,
  change: { id: string; no: string; reason: string },
  facts: NonNullable<Awaited<ReturnType<typeof partnerChangeFacts>>>,
) {
  const lab = (await store.getLab(trx, labId, true))!;
  const day = today(k);
  const found = facts.newPartner.uscc
    ? await activeBanFor(trx, facts.newPartner.uscc, day, 'lab_application')
    : undefined;
  await transition(trx, k.workflow, {
    lifecycle: labLifecycle,
    action: 'change_partner',
    actor,
    object: lab,
    subject: labSubject(lab),
    facts: { ban: found ? { id: found.id, endsOn: found.endsOn } : null },
    input: { changeRequestId: change.id, newPartnerOrgId: facts.newPartner.id },
    values: { partner_org_id: facts.newPartner.id },
  });
  const t = terminationOf(lab);
  if (!t || !facts.oldPartner.uscc) return;
  const ban = partnerBan({ decidedOn: day, terminatedOn: t.terminatedOn, serious: t.banCandidate.serious }, k.profile);
  const b = await recordBanInTransaction(trx, k, actor, {
    subjectUscc: facts.oldPartner.uscc,
    orgId: facts.oldPartner.id,
    scope: 'lab_application',
    reason: `${ban.ruleId} ${lab.lab_no} ${lab.name}：更换产研单位（${change.reason}）`,
    basisDecisionId: change.no, // the decision's document number as people read it (决定文号), not an id
    startsOn: ban.startsOn,
    endsOn: ban.endsOn,
  });
  await ends.setLabColumns(trx, lab.id, {
    termination: json({ ...t, ban: { id: b.id, ruleId: ban.ruleId, startsOn: b.startsOn, endsOn: b.endsOn } }),
  });
}

/** A lab awaiting its new partner may draft the new agreement only once the partner has been replaced. */
export function assertPartnerReplaced(lab: store.LabRow) {
  const t = terminationOf(lab);
  if (lab.state === 'partner_change_pending' && (!t || t.banCandidate.orgId === lab.partner_org_id))
    throw new AppError(409, 'LAB_PARTNER_NOT_CHANGED', { state: lab.state });
}

/** Names for the new plaque when the new agreement of a partner change is filed (read before the transaction). */
export async function refilingFacts(k: Kernel, actor: Actor, agreementId: string) {
  const g = await store.getAgreement(k.db, agreementId);
  const lab = g ? await store.getLab(k.db, g.lab_id) : undefined;
  if (!lab || lab.state !== 'partner_change_pending') return null;
  const [authority, initiator, partner] = await Promise.all([
    orgInfo(k, actor.orgId ?? ''),
    orgInfo(k, lab.initiator_org_id),
    orgInfo(k, lab.partner_org_id),
  ]);
  return { authority, initiator, partner };
}

/**
 * The new agreement of a partner change is filed (its Grants already opened by fileAgreement): the Lab is `active`
 * again, the Grants are resumed at once, and a new plaque naming the new partner supersedes the old one for the
 * rest of the certification period (labs.md Lifecycles, default chosen by us).
 */
export async function reactivateOnRefiling(
  trx: Tx,
  k: Kernel,
  actor: Actor,
  labId: string,
  grantIds: string[],
  facts: NonNullable<Awaited<ReturnType<typeof refilingFacts>>>,
) {
  const lab = (await store.getLab(trx, labId, true))!;
  await resumeLabGrants(trx, k, actor, grantIds);
  const old = plaqueOf(lab);
  const day = today(k);
  const plaque = await issueLabPlaque(
    trx,
    k,
    {
      lab: { id: lab.id, labNo: lab.lab_no, name: lab.name, domain: lab.domain },
      authority: { orgId: facts.authority.id, name: facts.authority.name },
      holder: { orgId: facts.partner.id, name: facts.partner.name, uscc: facts.partner.uscc },
      initiator: facts.initiator.name,
      partner: facts.partner.name,
      certifiedAt: day,
      validFrom: day,
      validTo: lab.valid_to ?? day,
      ...(old && old.status === 'valid' ? { supersedesCertNo: old.certNo } : {}),
    },
    actor,
  );
  await store.setPlaque(trx, lab.id, { certificateId: plaque.id, certNo: plaque.cert_no, status: plaque.state });
}
