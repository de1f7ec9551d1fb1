import { randomUUID } from 'node:crypto';
import type { Tx } from '../../../kernel/db/tables.js';
import { AppError } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { hasRelationship, type Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { publicationPermissionLifecycle } from '../lifecycle.js';
import * as pstore from '../publication-store.js';
import { AUTH_29_APPROVALS, PUBLICATION_USES, type PermissionDecisionFacts } from '../rules/index.js';
import type { PublicationDecision } from '../model.js';
import type { Db, GrantRow } from '../store.js';
import { json, mustRead } from './common.js';
import { lockGrant } from './grants.js';

type Decision = PublicationDecision;
type GrantParties = Pick<GrantRow, 'jurisdiction_id' | 'jurisdiction_path' | 'holder_org_id' | 'source_unit_org_ids'>;

/** The policy view of a permission: the Grant's, so its holder, authority and source units see it. */
export const permissionSubject = (p: { id: string; created_by?: string | null }, g: GrantParties): Subject => ({
  type: 'PublicationPermission',
  id: p.id,
  jurisdictionId: g.jurisdiction_id,
  jurisdictionPath: g.jurisdiction_path,
  ownerOrgId: g.holder_org_id,
  sourceUnitOrgIds: g.source_unit_org_ids ?? [],
  createdBy: p.created_by,
});

/** AUTH-29: the Grant's holder asks for permission to file a patent or publish exclusively from the Grant's data. */
export async function requestPublicationPermission(
  k: Kernel,
  actor: Actor,
  grantId: string,
  input: { declaredUse: (typeof PUBLICATION_USES)[number]; purpose: string },
) {
  return k.db.transaction().execute(async (trx) => {
    const { g } = await lockGrant(trx, actor, grantId);
    const id = randomUUID();
    return transition(trx, k.workflow, {
      lifecycle: publicationPermissionLifecycle,
      action: 'request',
      actor,
      object: null,
      subject: permissionSubject({ id, created_by: actor.userId }, g),
      input,
      values: {
        id,
        grant_id: g.id,
        holder_org_id: g.holder_org_id,
        jurisdiction_id: g.jurisdiction_id,
        declared_use: input.declaredUse,
        purpose: input.purpose,
        source_unit_org_ids: g.source_unit_org_ids ?? [],
        created_by: actor.userId ?? null,
      },
    });
  });
}

async function lockPermission(trx: Tx, actor: Actor, id: string) {
  const p = await pstore.getPermission(trx, id, true);
  const { g } = p ? await lockGrant(trx, actor, p.grant_id) : { g: undefined };
  return { p: mustRead(p, actor, (x) => permissionSubject(x, g!), 'PublicationPermission', id), g: g! };
}

function decisionFacts(
  p: Pick<pstore.PermissionRow, 'source_unit_org_ids'>,
  decisions: Decision[],
): PermissionDecisionFacts {
  return {
    authorityApproved: decisions.some((d) => d.party === 'authority' && d.decision === 'approve'),
    sourceUnitOrgIds: p.source_unit_org_ids,
    approvedSourceUnits: decisions
      .filter((d) => d.party === 'source_unit' && d.decision === 'approve')
      .map((d) => d.orgId),
  };
}

/**
 * The authority or one source unit decides. A refusal refuses the permission; the last approval
 * needed (authority + every source unit, AUTH-29) approves it. Each party decides once.
 */
export async function decidePublicationPermission(
  k: Kernel,
  actor: Actor,
  id: string,
  input: { decision: 'approve' | 'refuse'; reason: string },
) {
  return k.db.transaction().execute(async (trx) => {
    const { p, g } = await lockPermission(trx, actor, id);
    const subject = permissionSubject(p, g);
    const party: Decision['party'] = hasRelationship(actor, 'authority_of', subject) ? 'authority' : 'source_unit';
    const earlier = p.decisions;
    if (earlier.some((d) => d.party === party && (party === 'authority' || d.orgId === actor.orgId)))
      throw new AppError(409, 'PUBLICATION_ALREADY_DECIDED', {});
    const decisions: Decision[] = [
      ...earlier,
      {
        party,
        orgId: actor.orgId ?? '',
        userId: actor.userId ?? null,
        decision: input.decision,
        reason: input.reason,
        at: k.clock.now().toISOString(),
      },
    ];
    const complete = input.decision === 'approve' && AUTH_29_APPROVALS.check(decisionFacts(p, decisions), k.profile).ok;
    const action = input.decision === 'refuse' ? 'refuse' : complete ? 'approve' : 'decide';
    return transition(trx, k.workflow, {
      lifecycle: publicationPermissionLifecycle,
      action,
      actor,
      object: p,
      subject,
      input,
      facts: decisionFacts(p, decisions),
      values: { decisions: json(decisions) },
    });
  });
}

export async function getPublicationPermission(k: Kernel, actor: Actor, id: string) {
  const p = await pstore.getPermission(k.db, id);
  const { g } = p ? await k.db.transaction().execute((trx) => lockGrant(trx, actor, p.grant_id)) : { g: undefined };
  const row = mustRead(p, actor, (x) => permissionSubject(x, g!), 'PublicationPermission', id);
  return {
    id: row.id,
    grantId: row.grant_id,
    declaredUse: row.declared_use,
    purpose: row.purpose,
    state: row.state,
    decisions: row.decisions,
    sourceUnitOrgIds: row.source_unit_org_ids,
  };
}

/** AUTH-29 for the sandbox (EGR-13): does the Grant hold an approved permission for this declared use? */
export async function hasPublicationPermission(db: Db, grantId: string, declaredUse: string): Promise<boolean> {
  if (!(PUBLICATION_USES as readonly string[]).includes(declaredUse)) return true;
  return pstore.hasApprovedPermission(db, grantId, declaredUse);
}
