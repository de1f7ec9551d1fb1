import { randomUUID } from 'node:crypto';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { collaborationLifecycle } from '../lifecycle.js';
import * as store from '../store.js';
import { collaborationSubject, grantSubject } from '../subjects.js';
import { clockActor } from './agreements.js';
import { json } from './common.js';
import { latestEvaluation } from './evaluations.js';
import { transitionGrant } from './followers.js';
import { lockGrant } from './grants.js';

const GRANT_COLUMNS = [
  'grant_no',
  'basis',
  'scenario_application_id',
  'agreement_id',
  'holder_org_id',
  'jurisdiction_id',
  'source_unit_org_ids',
  'purpose',
  'row_filters',
  'data_services_allowed',
  'psi_allowed',
  'psi_membership', // PSI-01 (issue 19): the explicit membership permission follows the Grant's versions
  'pseudonym_key_scope',
  'reviewers_required',
  'valid_from',
  'valid_to',
  'plan_due_at',
  'emergency_plan_id',
] as const;

/**
 * AUTH-28 (scope_reduce): the authority narrows an active Grant, on the agreement's latest Evaluation,
 * to a new version without the removed fields; the old version is superseded in the same transaction.
 * Its collaborations follow the new version (their data scope loses the removed fields); the sandbox's
 * grant follower rebinds the Workspaces and rebuilds their views (a new version only rebuilds views).
 */
export async function narrowGrant(
  k: Kernel,
  actor: Actor,
  id: string,
  input: { removeFieldCodes: string[]; reason: string },
) {
  return k.db.transaction().execute(async (trx) => {
    const { g, collabs } = await lockGrant(trx, actor, id);
    const agreement = g.agreement_id ? await store.getAgreement(trx, g.agreement_id) : undefined;
    const latest = agreement ? await latestEvaluation(trx, agreement) : null;
    const fields = g.fields.filter((f) => !input.removeFieldCodes.includes(f.code));
    const policy = {
      ...g.egress_policy,
      masking: Object.fromEntries(
        Object.entries(g.egress_policy.masking ?? {}).filter(([code]) => !input.removeFieldCodes.includes(code)),
      ),
    };
    const newId = randomUUID();
    const copied = Object.fromEntries(GRANT_COLUMNS.map((c) => [c, g[c]]));
    const r = await transitionGrant(trx, k, {
      action: 'narrow',
      actor,
      object: null,
      subject: grantSubject({ ...g, id: newId }, collabs),
      input: { ...input, previousId: g.id, evaluationId: latest?.id ?? null },
      facts: {
        grantState: g.state,
        latestEvaluation: latest,
        currentFieldCodes: g.fields.map((f) => f.code),
        removeFieldCodes: input.removeFieldCodes,
      },
      values: {
        ...copied,
        id: newId,
        grant_version: g.grant_version + 1,
        purpose: json(g.purpose),
        row_filters: json(g.row_filters),
        fields: json(fields),
        egress_policy: json(policy),
      },
    });
    // Every collaboration of the old version follows the new one, its data scope without the removed fields.
    for (const c of await store.listCollaborationsOfGrant(trx, g.id))
      await transition(trx, k.workflow, {
        lifecycle: collaborationLifecycle,
        action: `follow_grant_${c.state}`,
        actor: clockActor(),
        object: c,
        subject: collaborationSubject(c, g),
        input: { grantId: newId, previousGrantId: g.id, removeFieldCodes: input.removeFieldCodes },
        values: {
          grant_id: newId,
          data_scope: json(c.data_scope.filter((code) => !input.removeFieldCodes.includes(code))),
        },
      });
    await transitionGrant(
      trx,
      k,
      {
        action: 'supersede',
        actor,
        object: g,
        subject: grantSubject(g, collabs),
        input: { successorId: newId, reason: input.reason },
      },
      newId,
    );
    return { ...r, previousId: g.id, grantVersion: g.grant_version + 1 };
  });
}
