import { randomBytes, randomUUID } from 'node:crypto';
import type { Tx } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { systemActor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { getGrantForUse, type GrantChange, type GrantForUse } from '../../authorization/service.js';
import { serviceLifecycle, workspaceLifecycle } from '../lifecycle.js';
import { dropRuntime, invalidateGrantBasis } from '../data-services/gateway.js';
import { serviceSubject } from '../data-services/templates.js';
import * as store from '../store.js';
import { buildViews } from './masked-views.js';
import { GRANT_ENDED_STATES, limitsFrom, workspaceStepIn, workspaceSubject } from './workspaces.js';

/**
 * The sandbox's grant follower (decision 0062), run by authorization inside the transaction of every
 * Grant transition: activation provisions the holder's Workspace (scenario 3); suspension freezes
 * its Workspaces and holds pending egress (SBX-13, sandbox scenario 12); resumption unfreezes them;
 * expiry, revocation and lapse close them and withdraw open egress (AUTH-18, AUTH-26). Its data-service
 * templates follow (suspended, active again, retired), and the gateway's cached call facts for the
 * Grant are dropped, so the next call sees the new state.
 */
export async function followGrant(trx: Tx, k: Kernel, change: GrantChange): Promise<void> {
  invalidateGrantBasis(k, change.grantId);
  if (change.action === 'activate') return provisionForGrant(trx, k, change.grantId);
  if (change.action === 'supersede' && change.successorId)
    return rebindToSuccessor(trx, k, change.grantId, change.successorId);
  const step = GRANT_ENDED_STATES.includes(change.to)
    ? 'close'
    : change.to === 'suspended'
      ? 'freeze'
      : change.to === 'active' && change.from === 'suspended'
        ? 'unfreeze'
        : null;
  if (!step) return;
  const states = step === 'close' ? ['active', 'frozen', 'provisioning'] : step === 'freeze' ? ['active'] : ['frozen'];
  for (const ws of await store.listWorkspacesOfGrant(trx, change.grantId, states)) {
    await workspaceStepIn(trx, k, ws, step, { grantState: change.to, grantAction: change.action });
  }
  await followTemplates(
    trx,
    k,
    change.grantId,
    step === 'close' ? 'retire' : step === 'freeze' ? 'suspend' : 'activate',
    change.grantId,
  );
}

/** sandbox.md Template lifecycle: active ⇄ suspended with the Grant; retired when it ends or is superseded. */
async function followTemplates(
  trx: Tx,
  k: Kernel,
  grantId: string,
  action: 'suspend' | 'activate' | 'retire',
  cause: string,
) {
  const from =
    action === 'suspend'
      ? ['active']
      : action === 'activate'
        ? ['suspended']
        : ['proposed', 'approved', 'active', 'suspended'];
  for (const s of (await store.listLiveServicesOfGrant(trx, grantId)).filter((x) => from.includes(x.state))) {
    await transition(trx, k.workflow, {
      lifecycle: serviceLifecycle,
      action,
      actor: systemActor('sandbox-grant-sync'),
      object: s,
      subject: serviceSubject(s),
      input: { grant: cause },
    });
    dropRuntime(s.id);
  }
}

/**
 * A new version replaced the Grant (AUTH-28): each live Workspace moves to it with views rebuilt from the
 * new version's fields (a removed field is no longer mounted); its data-service templates are retired
 * (sandbox.md Template lifecycle: retired when the Grant is superseded).
 */
async function rebindToSuccessor(trx: Tx, k: Kernel, grantId: string, successorId: string) {
  invalidateGrantBasis(k, successorId);
  const next = await getGrantForUse(trx, successorId);
  if (!next) return;
  const actor = systemActor('sandbox-grant-sync');
  for (const ws of await store.listWorkspacesOfGrant(trx, grantId, ['active', 'frozen'])) {
    const views = await buildViews(k, ws, next, trx);
    await transition(trx, k.workflow, {
      lifecycle: workspaceLifecycle,
      action: ws.state === 'frozen' ? 'rebind_frozen' : 'rebind',
      actor,
      object: ws,
      subject: workspaceSubject(ws),
      input: { grantId: successorId, views: views.map((v) => v.name) },
      values: { grant_id: successorId, grant_version: ws.grant_version + 1, views: JSON.stringify(views) },
    });
  }
  await followTemplates(trx, k, grantId, 'retire', successorId);
}

/** The row of a Grant holder's Workspace as provisioning writes it: no seats, the profile's limits (SBX-02). */
export function holderWorkspaceRow(k: Kernel, grant: GrantForUse, id: string, keyEnc: Buffer) {
  return {
    id,
    holder_org_id: grant.operatorOrgId,
    grant_id: grant.id,
    grant_no: grant.grantNo,
    scenario_application_id: grant.scenarioApplicationId,
    jurisdiction_id: grant.jurisdictionId,
    jurisdiction_path: JSON.stringify(grant.jurisdictionPath),
    name_zh: `${grant.grantNo} 开发席位`,
    seats: JSON.stringify([]),
    limits: JSON.stringify(limitsFrom(k)),
    key_enc: keyEnc,
    created_by: null,
  };
}

/**
 * The holder's Workspace on a newly active Grant: created, its views built and activated in the
 * Grant's transaction. No seats yet: the holder's org_admin names them (SBX-02, POST /workspaces).
 * If the views cannot be built now, the Workspace stays `provisioning` and the grant sync retries.
 */
async function provisionForGrant(trx: Tx, k: Kernel, grantId: string) {
  const grant = await getGrantForUse(trx, grantId);
  if (!grant || (await store.findWorkspace(trx, grant.operatorOrgId, grantId))) return;
  const actor = systemActor('sandbox-provision');
  const id = randomUUID();
  const keyEnc = k.secrets.masterKeys.encrypt(randomBytes(32));
  await transition(trx, k.workflow, {
    lifecycle: workspaceLifecycle,
    action: 'provision',
    actor,
    object: null,
    subject: {
      type: 'Workspace',
      jurisdictionId: grant.jurisdictionId,
      jurisdictionPath: grant.jurisdictionPath,
      ownerOrgId: grant.operatorOrgId,
    },
    facts: { grantState: grant.state, orgIsHolder: true, orgIsCollaborator: false, exists: false },
    input: { grantId },
    values: holderWorkspaceRow(k, grant, id, keyEnc),
  });
  let views;
  try {
    views = await buildViews(k, { id, key_enc: keyEnc, grant_id: grantId }, grant, trx);
  } catch {
    return; // stays provisioning; syncWorkspacesWithGrants builds the views later
  }
  const row = (await store.getWorkspace(trx, id, true))!;
  await transition(trx, k.workflow, {
    lifecycle: workspaceLifecycle,
    action: 'activate',
    actor,
    object: row,
    subject: {
      type: 'Workspace',
      id,
      jurisdictionId: row.jurisdiction_id,
      jurisdictionPath: row.jurisdiction_path,
      ownerOrgId: row.holder_org_id,
    },
    input: {
      views: views.map((v) => ({ name: v.name, resourceId: v.resourceId, snapshotVersion: v.snapshotVersion })),
    },
    values: { views: JSON.stringify(views) },
  });
}
