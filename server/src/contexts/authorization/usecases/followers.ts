import type { Tx } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { transition, type TransitionRequest, type TransitionResult } from '../../../kernel/workflow/transition.js';
import { grantLifecycle } from '../lifecycle.js';

/**
 * The grant-follower port (decision 0062). Some consequences of a Grant transition belong to other
 * contexts but must commit with it: activation provisions the holder's Workspace (authorization.md
 * Grant lifecycle, scenario 3); suspension freezes it and revocation, expiry or lapse close it
 * (AUTH-18, AUTH-26, SBX-13), so nothing waits for a sweep. Authorization sits upstream of the
 * sandbox and cannot import it; the sandbox's service registers a follower here instead.
 */
/** `successorId`: the new version that replaces a superseded Grant (AUTH-28). */
export interface GrantChange {
  grantId: string;
  action: string;
  from: string;
  to: string;
  successorId?: string;
}
export type GrantFollower = (trx: Tx, k: Kernel, change: GrantChange) => Promise<void>;

const followers = new Map<string, GrantFollower>();

/** Registers (or replaces) the follower `name`; it runs inside every Grant transition's transaction. */
export function followGrants(name: string, follower: GrantFollower): void {
  followers.set(name, follower);
}

/**
 * The one way authorization changes a Grant's state: the workflow transition, then every follower,
 * in the same transaction. A follower that throws rolls the Grant transition back with it.
 */
export async function transitionGrant<F>(
  trx: Tx,
  k: Kernel,
  r: Omit<TransitionRequest<F>, 'lifecycle'>,
  successorId?: string,
): Promise<TransitionResult> {
  const res = await transition(trx, k.workflow, { ...r, lifecycle: grantLifecycle });
  const change: GrantChange = {
    grantId: res.id,
    action: r.action,
    from: res.from,
    to: res.state,
    ...(successorId ? { successorId } : {}),
  };
  for (const follow of followers.values()) await follow(trx, k, change);
  return res;
}
