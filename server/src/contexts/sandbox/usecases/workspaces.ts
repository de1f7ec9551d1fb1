import { randomBytes, randomUUID } from 'node:crypto';
import type { Tx } from '../../../kernel/db/tables.js';
import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { canRead, type Subject } from '../../../kernel/workflow/authorize.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { assertGrantUsable, getGrantForUse, type GrantForUse } from '../../authorization/service.js';
import { assertDataAccess, listMembers } from '../../identity/service.js';
import { workspaceLifecycle } from '../lifecycle.js';
import { presentWorkspace } from '../present.js';
import * as store from '../store.js';
import { buildViews } from './masked-views.js';
import { assertLabGrantUse } from './lab-seam.js';

/** The policy view of a Workspace (style.md §4). */
export function workspaceSubject(ws: store.WorkspaceRow): Subject {
  return {
    type: 'Workspace',
    id: ws.id,
    jurisdictionId: ws.jurisdiction_id,
    jurisdictionPath: ws.jurisdiction_path,
    ownerOrgId: ws.holder_org_id,
    createdBy: ws.created_by,
  };
}

/** Grant states that close the Grant's Workspaces (SBX-13/14; the sweep here and the grant follower). */
export const GRANT_ENDED_STATES = ['expired', 'revoked', 'lapsed'];

export function limitsFrom(k: Kernel) {
  const p = k.profile;
  return {
    memoryMiB: p.get<number>('sandbox.memoryMiB'),
    threads: p.get<number>('sandbox.threads'),
    interactiveSec: p.get<number>('sandbox.interactiveSec'),
    batchSec: p.get<number>('sandbox.batchSec'),
    storedRows: p.get<number>('sandbox.storedRows'),
    previewRows: p.get<number>('sandbox.previewRows'),
    concurrentJobs: p.get<number>('sandbox.concurrentJobs'),
    storageGiB: p.get<number>('sandbox.storageGiB'),
  };
}

/** Opens a Workspace for the actor's org on a Grant and mounts its views (SBX-01, SBX-04). */
export async function provisionWorkspace(k: Kernel, actor: Actor, grantId: string, opts: { seats?: string[] } = {}) {
  const grant = await getGrantForUse(k.db, grantId);
  // Only the holder and its collaborators learn that the grant exists, or in which state (style.md §4).
  // IAM-17: data is reached through a Grant only — no role (authority, source unit, platform) opens a Workspace on it.
  const party =
    !!actor.orgId && !!grant && (grant.operatorOrgId === actor.orgId || grant.collaboratorOrgIds.includes(actor.orgId));
  if (!grant || !party) throw notFound('Grant', grantId);
  const id = randomUUID();
  const seatIds = [
    ...new Set([...(actor.kind === 'user' && actor.userId ? [actor.userId] : []), ...(opts.seats ?? [])]),
  ];
  // SBX-02: seats are users of the holder org.
  const members = new Set(
    (await listMembers(k, actor, actor.orgId!)).filter((m) => m.state === 'active').map((m) => m.user_id),
  );
  const outsider = seatIds.find((u) => !members.has(u));
  if (outsider) throw new AppError(422, 'SEAT_NOT_MEMBER', { userId: outsider });
  // PER-02 / PER-03 / LGN-07: a seat needs a passed background check, an NDA and a real-named user.
  for (const u of seatIds) await assertDataAccess(k.db, u, actor.orgId!, shanghaiDate(k.clock.now()));
  const seats = seatIds.map((userId) => ({ userId, addedAt: k.clock.now().toISOString(), ndaSignedAt: null }));
  // The holder's Workspace was provisioned when the Grant activated: this names its seats (SBX-02).
  const provisioned = await store.findWorkspace(k.db, actor.orgId!, grantId);
  if (provisioned && !provisioned.created_by && provisioned.state === 'active')
    return addSeats(k, actor, provisioned.id, seats);
  await k.db.transaction().execute(async (trx) => {
    const exists = !!(await store.findWorkspace(trx, actor.orgId!, grantId));
    await transition(trx, k.workflow, {
      lifecycle: workspaceLifecycle,
      action: 'create',
      actor,
      object: null,
      subject: {
        type: 'Workspace',
        jurisdictionId: grant.jurisdictionId,
        jurisdictionPath: grant.jurisdictionPath,
        ownerOrgId: actor.orgId,
        partyOrgIds: [grant.operatorOrgId, ...grant.collaboratorOrgIds],
      },
      facts: {
        grantState: grant.state,
        orgIsHolder: grant.operatorOrgId === actor.orgId,
        orgIsCollaborator: grant.collaboratorOrgIds.includes(actor.orgId!),
        exists,
      },
      input: { grantId },
      values: {
        id,
        holder_org_id: actor.orgId,
        grant_id: grantId,
        grant_no: grant.grantNo,
        scenario_application_id: grant.scenarioApplicationId,
        jurisdiction_id: grant.jurisdictionId,
        jurisdiction_path: JSON.stringify(grant.jurisdictionPath),
        name_zh: `${grant.grantNo} 开发席位`,
        seats: JSON.stringify(seats),
        limits: JSON.stringify(limitsFrom(k)),
        key_enc: k.secrets.masterKeys.encrypt(randomBytes(32)),
        created_by: actor.userId ?? null,
      },
    });
  });
  return activateWorkspace(k, id, grant);
}

/** Seats on a system-provisioned Workspace (SBX-02: the holder's org_admin names its users; at most maxSeatsPerWorkspace). */
async function addSeats(k: Kernel, actor: Actor, id: string, seats: store.WorkspaceRow['seats']) {
  await k.db.transaction().execute(async (trx) => {
    for (const seat of seats) {
      const ws = (await store.getWorkspace(trx, id, true))!;
      const alreadySeated = ws.seats.some((s) => s.userId === seat.userId);
      await transition(trx, k.workflow, {
        lifecycle: workspaceLifecycle,
        action: 'add_seat',
        actor,
        object: ws,
        subject: workspaceSubject(ws),
        input: { userId: seat.userId },
        facts: { userInHolderOrg: true, seatCount: ws.seats.length, alreadySeated },
        values: alreadySeated ? {} : { seats: JSON.stringify([...ws.seats, seat]) },
      });
    }
  });
  return (await store.getWorkspace(k.db, id))!;
}

/** provisioning → active once the views are built (system). */
export async function activateWorkspace(k: Kernel, id: string, grant: GrantForUse) {
  const ws = (await store.getWorkspace(k.db, id))!;
  const views = await buildViews(k, ws, grant);
  await k.db.transaction().execute(async (trx) => {
    const row = (await store.getWorkspace(trx, id, true))!;
    await transition(trx, k.workflow, {
      lifecycle: workspaceLifecycle,
      action: 'activate',
      actor: systemActor('sandbox-provision'),
      object: row,
      subject: workspaceSubject(row),
      input: {
        views: views.map((v) => ({ name: v.name, resourceId: v.resourceId, snapshotVersion: v.snapshotVersion })),
      },
      values: { views: JSON.stringify(views) },
    });
  });
  return (await store.getWorkspace(k.db, id))!;
}

/** Reads a Workspace the actor may see, or 404. */
export async function loadWorkspace(k: Kernel, actor: Actor, id: string): Promise<store.WorkspaceRow> {
  const ws = await store.getWorkspace(k.db, id);
  if (!ws || !canRead(actor, workspaceSubject(ws))) throw notFound('Workspace', id);
  return ws;
}

/** SBX-02/SBX-13: the actor holds a seat, the Workspace is active and its Grant usable now. */
export async function assertWorkspaceUsable(k: Kernel, actor: Actor, ws: store.WorkspaceRow): Promise<GrantForUse> {
  // 403 as in SBX_02: the Workspace is readable but this person may not use it (style.md §5; issue 13).
  if (!ws.seats.some((s) => s.userId === actor.userId)) throw new AppError(403, 'NOT_A_SEAT');
  await assertDataAccess(k.db, actor.userId!, actor.orgId!, shanghaiDate(k.clock.now())); // PER-02: checked at every use, it may have expired
  const grant = await getGrantForUse(k.db, ws.grant_id);
  if (!grant) throw notFound('Grant', ws.grant_id);
  assertGrantUsable(grant, actor.orgId!, shanghaiDate(k.clock.now()), !!actor.inRectification);
  if (ws.state !== 'active') throw new AppError(409, 'WORKSPACE_NOT_ACTIVE', { state: ws.state });
  await assertLabGrantUse(k, ws.grant_id, 'develop'); // LAB-33: a lab's raw lines only while the lab is active
  return grant;
}

export async function listWorkspaces(k: Kernel, actor: Actor) {
  const rows = await store.listWorkspacesVisible(k.db, actor.orgId ?? null, actor.readableJurisdictionIds ?? []);
  return { items: rows.filter((w) => canRead(actor, workspaceSubject(w))).map(presentWorkspace) };
}

/**
 * Follows the Grant (SBX-13, SBX-14): suspended → frozen; active again → unfrozen; ended → closing,
 * open egress withdrawn; closing → destroyed (usecases/destruction.ts), unless a legal hold stops it.
 */
export async function syncWorkspacesWithGrants(k: Kernel) {
  const today = shanghaiDate(k.clock.now());
  for (const ws of await store.listWorkspacesByState(k.db, ['active', 'frozen', 'provisioning'])) {
    const g = await getGrantForUse(k.db, ws.grant_id);
    const ended = !g || GRANT_ENDED_STATES.includes(g.state) || today > g.validTo;
    const action = ended
      ? 'close'
      : g.state === 'suspended' && ws.state === 'active'
        ? 'freeze'
        : g.state === 'active' && ws.state === 'frozen'
          ? 'unfreeze'
          : null;
    if (action) await workspaceStep(k, ws.id, action, { grantState: g?.state ?? 'missing' });
    // A Workspace provisioned on activation whose views could not be built then (grant-follower.ts).
    else if (ws.state === 'provisioning' && g?.state === 'active')
      await activateWorkspace(k, ws.id, g).catch(() => undefined);
  }
  const { destroyWorkspace } = await import('./destruction.js');
  for (const ws of await store.listWorkspacesByState(k.db, ['closing'])) await destroyWorkspace(k, ws.id);
}

async function workspaceStep(
  k: Kernel,
  id: string,
  action: 'freeze' | 'unfreeze' | 'close',
  input: Record<string, unknown>,
) {
  await k.db
    .transaction()
    .execute(async (trx) => workspaceStepIn(trx, k, (await store.getWorkspace(trx, id, true))!, action, input));
}

/** One Grant-driven step on a locked Workspace, with its open egress settled, in the caller's transaction. */
export async function workspaceStepIn(
  trx: Tx,
  k: Kernel,
  ws: store.WorkspaceRow,
  action: 'freeze' | 'unfreeze' | 'close',
  input: Record<string, unknown>,
) {
  await transition(trx, k.workflow, {
    lifecycle: workspaceLifecycle,
    action,
    actor: systemActor('sandbox-grant-sync'),
    object: ws,
    subject: workspaceSubject(ws),
    input,
    values: action === 'close' ? { closing_at: k.clock.now() } : {},
  });
  await settleOpenEgress(trx, k, ws.id, action);
}

/** The transition that returns a held request to the state it was held in (sandbox.md: "open state ⇄ held"). */
const RESUME_TO: Record<string, string> = {
  awaiting_second_review: 'resume_second_review',
  draft: 'resume_draft',
  returned: 'resume_returned',
};

/** What a Workspace transition does to one open request: frozen → held, unfrozen → back where it was, closing → withdrawn. */
function openEgressStep(action: string, e: store.EgressRow): { name: string; values: Record<string, unknown> } | null {
  if (action === 'close') return { name: 'withdraw', values: {} };
  if (action === 'freeze' && e.state !== 'held' && e.state !== 'checking')
    return { name: 'hold', values: { held_from: e.state } };
  if (action === 'unfreeze' && e.state === 'held')
    return { name: RESUME_TO[e.held_from ?? ''] ?? 'resume', values: { held_from: null } };
  return null;
}

async function settleOpenEgress(trx: Tx, k: Kernel, workspaceId: string, action: string) {
  const { egressStep } = await import('./egress.js');
  for (const e of await store.listEgressOpen(trx, workspaceId)) {
    const step = openEgressStep(action, e);
    if (step) await egressStep(trx, k, e, step.name, systemActor('sandbox-grant-sync'), {}, step.values);
  }
}
