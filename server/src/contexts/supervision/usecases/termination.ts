import { AppError, notFound } from '../../../kernel/http/errors.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import type { Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { agreementCascade, terminateAgreement } from '../../authorization/service.js';
import { destructionRecordStates } from '../../ledger/service.js';
import { disposeWorkspacesOfGrants } from '../../sandbox/service.js';
import { terminationLifecycle } from '../lifecycle-enforcement.js';
import { TerminationCascade, type ProposeTerminationInput, type TerminationTarget } from '../model-enforcement.js';
import type { TerminationFacts } from '../rules-enforcement.js';
import * as store from '../store-enforcement.js';
import { asStrings, authorityRole, mustRead } from './common.js';

/**
 * Termination (supervision.md ENF-04…ENF-06, scenario 10): the supervisory case around authorization's
 * `terminateAgreement`. Proposed with a coded reason, decided (the agreement ends: its collaborations terminate and
 * its Grants are revoked in authorization's transaction, AUTH-26, whose followers close the Workspaces), then wound
 * down once each Workspace is purged and each DestructionRecord verified by a second person (LED-17).
 */
export const terminationSubject = (r: store.TerminationRow): Subject => ({
  type: 'Termination',
  id: r.id,
  ownerOrgId: null,
  partyOrgIds: r.subject_org_id ? [r.subject_org_id] : [],
  jurisdictionId: r.jurisdiction_id,
  jurisdictionPath: asStrings(r.jurisdiction_path),
});
export const factsOf = (r: store.TerminationRow): TerminationFacts => ({
  targetType: r.target_type as TerminationTarget,
  reasonCode: r.reason_code,
  evidenceFileIds: asStrings(r.evidence_file_ids),
  negotiationRecordFileId: r.negotiation_record_file_id,
});
// The cascade column holds what we wrote from this schema.
export const cascadeOf = (r: store.TerminationRow) => (r.cascade ? TerminationCascade.parse(r.cascade) : null);

/** Where the target is supervised, and whose it is. An agreement answers for itself; a Lab case names its org. */
async function targetOf(k: Kernel, actor: Actor, input: ProposeTerminationInput) {
  if (input.targetType === 'OperationAgreement') {
    const a = await agreementCascade(k.db, input.targetId);
    if (!a) throw notFound('OperationAgreement', input.targetId);
    return { orgId: a.operatorOrgId, jurisdictionId: a.jurisdictionId, jurisdictionPath: a.jurisdictionPath };
  }
  const role = authorityRole(actor);
  return {
    orgId: input.subjectOrgId ?? null,
    jurisdictionId: role.jurisdictionId,
    jurisdictionPath: role.jurisdictionPath,
  };
}

export async function proposeTermination(k: Kernel, actor: Actor, input: ProposeTerminationInput, action = 'propose') {
  const target = await targetOf(k, actor, input);
  const id = uuidv7();
  return k.db.transaction().execute(async (trx) => {
    if (await store.openTerminationOf(trx, input.targetId)) throw new AppError(409, 'TERMINATION_ALREADY_OPEN', {});
    await transition(trx, k.workflow, {
      lifecycle: terminationLifecycle,
      action,
      actor,
      object: null,
      subject: {
        type: 'Termination',
        id,
        partyOrgIds: target.orgId ? [target.orgId] : [],
        jurisdictionId: target.jurisdictionId,
        jurisdictionPath: target.jurisdictionPath,
      },
      facts: { ...input, negotiationRecordFileId: input.negotiationRecordFileId ?? null } satisfies TerminationFacts,
      input,
      values: {
        id,
        target_type: input.targetType,
        target_id: input.targetId,
        subject_org_id: target.orgId,
        reason_code: input.reasonCode,
        facts: input.facts,
        evidence_file_ids: JSON.stringify(input.evidenceFileIds),
        negotiation_record_file_id: input.negotiationRecordFileId ?? null,
        basis: JSON.stringify(input.basis),
        jurisdiction_id: target.jurisdictionId,
        jurisdiction_path: JSON.stringify(target.jurisdictionPath),
      },
    });
    return (await store.getTermination(trx, id))!;
  });
}

export async function getTermination(k: Kernel, actor: Actor, id: string) {
  return mustRead(await store.getTermination(k.db, id), actor, terminationSubject, 'Termination', id);
}

type Plan = { action: string; facts?: unknown; input?: unknown; values?: Record<string, unknown> };
async function step(k: Kernel, actor: Actor, id: string, plan: (r: store.TerminationRow) => Plan) {
  return k.db.transaction().execute(async (trx) => {
    const r = mustRead(await store.getTermination(trx, id, true), actor, terminationSubject, 'Termination', id);
    const p = plan(r);
    await transition(trx, k.workflow, {
      lifecycle: terminationLifecycle,
      action: p.action,
      actor,
      object: r,
      subject: terminationSubject(r),
      facts: p.facts ?? factsOf(r),
      input: p.input,
      values: p.values ?? {},
    });
    return (await store.getTermination(trx, id))!;
  });
}

export function withdrawTermination(k: Kernel, actor: Actor, id: string, reason: string) {
  return step(k, actor, id, () => ({ action: 'withdraw', input: { reason } }));
}

/** The authority decides (reasons checked again), then the termination takes effect at once. */
export async function decideTermination(
  k: Kernel,
  actor: Actor,
  id: string,
  input: { liabilityReferral?: { to: string; note: string } },
) {
  await step(k, actor, id, () => ({
    action: 'decide',
    input,
    values: {
      liability_referral: input.liabilityReferral ? JSON.stringify(input.liabilityReferral) : null,
      decided_by: actor.userId ?? null,
      decided_at: k.clock.now(),
    },
  }));
  return takeEffect(k, actor, id);
}

/**
 * decided → effective. An OperationAgreement ends through authorization (its AUTH-23/AUTH-28 checks, its cascade, its
 * own transaction); if that refuses, the case stays `decided` and this step can be retried. A Lab's termination is
 * carried out by labs, which reads it through the port.
 */
export async function takeEffect(k: Kernel, actor: Actor, id: string) {
  const r = await getTermination(k, actor, id);
  let agreementTerminationId: string | null = null;
  if (r.target_type === 'OperationAgreement') {
    const a = await agreementCascade(k.db, r.target_id);
    if (a && a.state !== 'terminated') {
      const f = factsOf(r);
      const done = await terminateAgreement(k, actor, r.target_id, {
        reasonCode: f.reasonCode,
        facts: r.facts,
        evidenceFileIds: f.evidenceFileIds,
        negotiationRecordFileId: f.negotiationRecordFileId ?? undefined,
      });
      agreementTerminationId = done.terminationId;
    }
  }
  const cascade = r.target_type === 'OperationAgreement' ? await cascadeNow(k, r, agreementTerminationId, false) : null;
  return step(k, actor, id, () => ({
    action: 'take_effect',
    values: {
      agreement_termination_id: agreementTerminationId,
      effective_at: k.clock.now(),
      cascade: cascade ? JSON.stringify(cascade) : null,
    },
  }));
}

/** What became of everything under the agreement; with `dispose`, closing Workspaces are purged first (SBX-14). */
async function cascadeNow(
  k: Kernel,
  r: store.TerminationRow,
  agreementTerminationId: string | null,
  dispose: boolean,
): Promise<TerminationCascade> {
  const a = await agreementCascade(k.db, r.target_id);
  const grants = a?.grants ?? [];
  const workspaces = dispose
    ? await disposeWorkspacesOfGrants(
        k,
        grants.map((g) => g.id),
      )
    : [];
  const records = await destructionRecordStates(
    k.db,
    workspaces.flatMap((w) => (w.destructionRecordId ? [w.destructionRecordId] : [])),
  );
  return {
    agreementTerminationId,
    collaborations: (a?.collaborations ?? []).map((c) => ({ id: c.id, state: c.state })),
    grants,
    workspaces,
    destructionRecords: records,
  };
}

/**
 * effective → wound_down (ENF-06, scenario 10): purges the closed Workspaces, then checks that every collaboration
 * is terminated, every Grant ended, every Workspace destroyed and each DestructionRecord verified. Until then it
 * answers 409 TERMINATION_WIND_DOWN_INCOMPLETE naming what remains, and can be run again.
 */
export async function windDownTermination(k: Kernel, actor: Actor, id: string) {
  const r = await getTermination(k, actor, id);
  const cascade =
    r.target_type === 'OperationAgreement'
      ? await cascadeNow(k, r, r.agreement_termination_id, true)
      : { agreementTerminationId: null, collaborations: [], grants: [], workspaces: [], destructionRecords: [] };
  return step(k, actor, id, () => ({
    action: 'wind_down',
    facts: { cascade },
    values: { cascade: JSON.stringify(cascade), wound_down_at: k.clock.now() },
  }));
}

/**
 * ENF-03 (scenario 9): a rectification whose deadline passed opens a Termination proposal for each OperationAgreement
 * it suspended, as the system, with the order as its evidence. Nothing more happens by itself: the authority decides
 * or withdraws it (authorization's own clock moves the agreement to `termination_pending`, AUTH-25). An agreement that
 * already has an open case gets no second one.
 */
export async function proposeTerminationsForOverdue(
  k: Kernel,
  r: { id: string; agreementIds: string[] },
): Promise<string[]> {
  const actor = systemActor('supervision.rectifications');
  const opened: string[] = [];
  for (const agreementId of r.agreementIds) {
    if (await store.openTerminationOf(k.db, agreementId)) continue;
    const row = await proposeTermination(
      k,
      actor,
      {
        targetType: 'OperationAgreement',
        targetId: agreementId,
        reasonCode: 'breach_of_agreement',
        facts: `整改期限届满未完成整改（整改令 ${r.id}）`,
        evidenceFileIds: [`rectification:${r.id}`],
        basis: { kind: 'rectification', ref: r.id },
      },
      'propose_overdue',
    );
    opened.push(row.id);
  }
  return opened;
}
