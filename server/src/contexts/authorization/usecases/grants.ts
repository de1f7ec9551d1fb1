import { randomUUID } from 'node:crypto';
import type { Tx } from '../../../kernel/db/tables.js';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { assertNotBanned } from '../../identity/service.js';
import { collaborationLifecycle, planLifecycle } from '../lifecycle.js';
import { transitionGrant } from './followers.js';
import type { CollaborationInput, PlanInput } from '../model.js';
import { nextDrillDue, type CollaborationFacts, type PlanFacts } from '../rules/index.js';
import * as store from '../store.js';
import { collaborationSubject, grantSubject, planSubject } from '../subjects.js';
import { AGREEMENT_IN_FORCE, json, mustRead, today } from './common.js';
import { clockActor } from './agreements.js';

export async function lockGrant(trx: Tx, actor: Actor, id: string) {
  const g = await store.getGrant(trx, id, true);
  const collabs = g
    ? (await store.listCollaborationsOfGrant(trx, id, ['filed', 'active', 'suspended'])).map(
        (c) => c.collaborator_org_id,
      )
    : [];
  return { g: mustRead(g, actor, (x) => grantSubject(x, collabs), 'Grant', id), collabs };
}

const planFacts = (p: store.PlanRow): PlanFacts => ({
  incidentTypes: p.incident_types,
  roles: p.roles,
  reportingChain: p.reporting_chain,
  responseLevels: p.response_levels,
  procedures: p.procedures,
});

/** The holder drafts the grant's emergency plan (一授权一预案, AUTH-17). */
export async function createPlan(k: Kernel, actor: Actor, input: PlanInput) {
  return k.db.transaction().execute(async (trx) => {
    const { g } = await lockGrant(trx, actor, input.grantId);
    if (await store.getLivePlanOfGrant(trx, g.id)) throw new AppError(409, 'EMERGENCY_PLAN_EXISTS', {});
    const id = randomUUID();
    return transition(trx, k.workflow, {
      lifecycle: planLifecycle,
      action: 'create',
      actor,
      object: null,
      subject: planSubject({ id, created_by: actor.userId }, g),
      input,
      values: {
        id,
        grant_id: g.id,
        holder_org_id: g.holder_org_id,
        jurisdiction_id: g.jurisdiction_id,
        incident_types: json(input.incidentTypes),
        response_levels: input.responseLevels,
        procedures: input.procedures,
        roles: json(input.roles),
        reporting_chain: json(input.reportingChain),
        created_by: actor.userId ?? null,
      },
    });
  });
}

async function lockPlan(trx: Tx, actor: Actor, id: string) {
  const p = await store.getPlan(trx, id, true);
  if (!p) throw notFound('EmergencyPlan', id);
  const { g } = await lockGrant(trx, actor, p.grant_id);
  return { p, g };
}

/** The operator submits the plan; its content is checked (AUTH-31). */
export async function submitPlan(k: Kernel, actor: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const { p, g } = await lockPlan(trx, actor, id);
    return transition(trx, k.workflow, {
      lifecycle: planLifecycle,
      action: 'submit',
      actor,
      object: p,
      subject: planSubject(p, g),
      facts: planFacts(p),
      values: { filing: json({ ...p.filing, submittedAt: k.clock.now().toISOString() }) },
    });
  });
}

/** The authority accepts the filing: the drill clock starts and the grant activates (AUTH-17, AUTH-31). */
export async function filePlan(k: Kernel, actor: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const { p, g } = await lockPlan(trx, actor, id);
    const t = today(k);
    const r = await transition(trx, k.workflow, {
      lifecycle: planLifecycle,
      action: 'file',
      actor,
      object: p,
      subject: planSubject(p, g),
      facts: planFacts(p),
      values: {
        filing: json({ ...p.filing, acceptedAt: k.clock.now().toISOString(), acceptedBy: actor.userId }),
        next_drill_due: nextDrillDue(t, k.profile.get<number>('emergency.drillIntervalMonths')),
      },
    });
    if (g.state === 'pending_plan') await activateLocked(trx, k, actor, g);
    return r;
  });
}

async function activateLocked(trx: Tx, k: Kernel, actor: Actor, g: store.GrantRow) {
  const plan = await store.getLivePlanOfGrant(trx, g.id);
  // Activation provisions the holder's Workspace in this same transaction (grant followers, scenario 3).
  return transitionGrant(trx, k, {
    action: 'activate',
    actor,
    object: g,
    subject: grantSubject(g),
    facts: { planState: plan?.state ?? null },
    values: { emergency_plan_id: plan?.id ?? null },
  });
}

/** Activates a grant whose plan is filed; without one it is refused with EMERGENCY_PLAN_MISSING (AUTH-17). */
export async function activateGrant(k: Kernel, actor: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => activateLocked(trx, k, actor, (await lockGrant(trx, actor, id)).g));
}

export async function returnPlan(k: Kernel, actor: Actor, id: string, reason: string) {
  return k.db.transaction().execute(async (trx) => {
    const { p, g } = await lockPlan(trx, actor, id);
    return transition(trx, k.workflow, {
      lifecycle: planLifecycle,
      action: 'return',
      actor,
      object: p,
      subject: planSubject(p, g),
      input: { reason },
    });
  });
}

/** Records a drill; the next one is due 12 months after it (AUTH-31). */
export async function recordDrill(
  k: Kernel,
  actor: Actor,
  id: string,
  drill: { date: string; scenario: string; participants: string[]; findings: string; reportFileId?: string },
) {
  return k.db.transaction().execute(async (trx) => {
    const { p, g } = await lockPlan(trx, actor, id);
    if (drill.date > today(k)) throw new AppError(422, 'BACKDATING_FORBIDDEN', { validFrom: drill.date });
    return transition(trx, k.workflow, {
      lifecycle: planLifecycle,
      action: 'record_drill',
      actor,
      object: p,
      subject: planSubject(p, g),
      input: drill,
      values: {
        drills: json([...p.drills, drill]),
        next_drill_due: nextDrillDue(drill.date, k.profile.get<number>('emergency.drillIntervalMonths')),
        drill_overdue: false,
      },
    });
  });
}

/** Authority suspends, resumes or revokes one grant; suspension is immediate (AUTH-24). */
export async function changeGrant(
  k: Kernel,
  actor: Actor,
  id: string,
  action: 'suspend' | 'resume' | 'revoke',
  reason: string,
) {
  return k.db.transaction().execute(async (trx) => {
    const { g, collabs } = await lockGrant(trx, actor, id);
    const suspension =
      action === 'suspend'
        ? json({ cause: 'authority', reason, at: k.clock.now().toISOString(), by: actor.userId })
        : null;
    return transitionGrant(trx, k, {
      action,
      actor,
      object: g,
      subject: grantSubject(g, collabs),
      input: { reason },
      values: action === 'revoke' ? {} : { suspension },
    });
  });
}

async function collaborationFacts(
  trx: Tx,
  g: store.GrantRow,
  operatorOrgId: string,
  input: {
    collaboratorOrgId: string;
    validFrom: string;
    validTo: string;
    dataScope: string[];
    terms: Record<string, string>;
  },
): Promise<CollaborationFacts> {
  const agreement = g.agreement_id ? await store.getAgreement(trx, g.agreement_id) : undefined;
  const holds =
    (await store.listGrantIdsForOrg(trx, input.collaboratorOrgId)).length > 0 &&
    (await store.getGrant(trx, g.id))?.holder_org_id === input.collaboratorOrgId;
  return {
    operatorOrgId,
    collaboratorOrgId: input.collaboratorOrgId,
    grant: {
      state: g.state,
      holderOrgId: g.holder_org_id,
      validTo: g.valid_to,
      fieldCodes: g.fields.map((f) => f.code),
    },
    agreement: {
      validTo: agreement?.valid_to ?? null,
      inForce: !!agreement && AGREEMENT_IN_FORCE.includes(agreement.state),
    },
    validFrom: input.validFrom,
    validTo: input.validTo,
    dataScope: input.dataScope,
    terms: input.terms,
    collaboratorIsHolder: holds,
  };
}

/** The operator drafts a collaboration (开发利用协议) under one of its grants (AUTH-19…21). */
export async function createCollaboration(k: Kernel, actor: Actor, input: CollaborationInput) {
  return k.db.transaction().execute(async (trx) => {
    const { g } = await lockGrant(trx, actor, input.grantId);
    // ENF-07: a Ban on the collaborator's credit code for collaborator admission blocks the agreement.
    await assertNotBanned(trx, input.collaboratorOrgId, 'collaborator_admission', today(k));
    const id = randomUUID();
    const c = {
      id,
      operator_org_id: actor.orgId,
      collaborator_org_id: input.collaboratorOrgId,
      created_by: actor.userId,
    };
    return transition(trx, k.workflow, {
      lifecycle: collaborationLifecycle,
      action: 'create',
      actor,
      object: null,
      subject: collaborationSubject(c, g),
      facts: await collaborationFacts(trx, g, actor.orgId ?? '', input),
      input,
      values: {
        ...c,
        agreement_id: g.agreement_id,
        grant_id: g.id,
        jurisdiction_id: g.jurisdiction_id,
        scenario_title: g.purpose?.scenario?.title ?? '',
        data_scope: json(input.dataScope),
        valid_from: input.validFrom,
        valid_to: input.validTo,
        terms: json(input.terms),
      },
    });
  });
}

async function lockCollaboration(trx: Tx, actor: Actor, id: string) {
  const c = await store.getCollaboration(trx, id, true);
  const g = c ? await store.getGrant(trx, c.grant_id, true) : undefined;
  if (!c || !g) throw notFound('CollaborationAgreement', id);
  return { c: mustRead(c, actor, (x) => collaborationSubject(x, g), 'CollaborationAgreement', id), g };
}

/** The authority accepts the entry filing (AUTH-20); the collaboration is active from its start date. */
export async function fileCollaboration(k: Kernel, actor: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const { c, g } = await lockCollaboration(trx, actor, id);
    // ENF-07: a Ban recorded after the draft still blocks the admission when the filing is accepted.
    await assertNotBanned(trx, c.collaborator_org_id, 'collaborator_admission', today(k));
    const facts = await collaborationFacts(trx, g, c.operator_org_id, {
      collaboratorOrgId: c.collaborator_org_id,
      validFrom: c.valid_from,
      validTo: c.valid_to,
      dataScope: c.data_scope,
      terms: c.terms,
    });
    const r = await transition(trx, k.workflow, {
      lifecycle: collaborationLifecycle,
      action: 'file',
      actor,
      object: c,
      subject: collaborationSubject(c, g),
      facts,
      values: { entry_filing: json({ at: k.clock.now().toISOString(), acceptedBy: actor.userId }) },
    });
    if (c.valid_from <= today(k)) {
      const filed = (await store.getCollaboration(trx, id, true))!;
      return transition(trx, k.workflow, {
        lifecycle: collaborationLifecycle,
        action: 'activate',
        actor: clockActor(),
        object: filed,
        subject: collaborationSubject(filed, g),
      });
    }
    return r;
  });
}

/** Exit filing by the operator or the collaborator, within N working days of the exit (AUTH-22). */
export async function exitCollaboration(
  k: Kernel,
  actor: Actor,
  id: string,
  input: { exitDate: string; reason: string },
) {
  return k.db.transaction().execute(async (trx) => {
    const { c, g } = await lockCollaboration(trx, actor, id);
    const t = today(k);
    return transition(trx, k.workflow, {
      lifecycle: collaborationLifecycle,
      action: 'exit',
      actor,
      object: c,
      subject: collaborationSubject(c, g),
      input,
      facts: {
        exitDate: input.exitDate,
        today: t,
        workingDaysSinceExit: input.exitDate <= t ? k.calendar.workingDaysBetween(input.exitDate, t) : 0,
      },
      values: { exit_filing: json({ ...input, at: k.clock.now().toISOString(), by: actor.userId }) },
    });
  });
}
