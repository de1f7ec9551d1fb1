import { recordAuditAlone } from '../../kernel/audit.js';
import { AppError } from '../../kernel/http/errors.js';
import { markAudited } from '../../kernel/http/guards.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { Actor } from '../../kernel/workflow/actor.js';
import { assertAuthorized, canRead, type Subject } from '../../kernel/workflow/authorize.js';
import { readsOrgRegister } from './usecases/actors.js';
import type * as store from './store.js';

// Who may do what to identity's objects: the policy view of an organization and the checks outside transitions.

/** The policy view of an organization (style.md §4 toSubject). */
export function orgSubject(o: store.OrgRow): Subject {
  return {
    type: 'Organization',
    id: o.id,
    jurisdictionId: o.home_jurisdiction_id,
    jurisdictionPath: o.jurisdiction_path,
    ownerOrgId: o.id,
    createdBy: o.created_by,
  };
}

/** Runs a permission check outside a transition (reads, list actions); throws its refusal. */
export function assertAllowed(k: Kernel, actor: Actor, permission: string, subject: Subject) {
  assertAuthorized(actor, permission, subject, k.clock.now(), k.profile);
}

/** Records a refused action in the audit log, outside the rolled-back transaction (AUD-01). */
export async function auditDenied(k: Kernel, actor: Actor, action: string, s: Subject, err: unknown) {
  if (!(err instanceof AppError) || ![401, 403, 404].includes(err.status) || actor.kind === 'public') return;
  await recordAuditAlone(k.db, k.ledger, {
    action,
    actor,
    targetType: s.type,
    targetId: s.id ?? 'unknown',
    result: 'denied',
    reasonCode: err.status === 404 ? 'CROSS_TENANT' : err.code,
    jurisdictionId: s.jurisdictionId ?? null,
  });
  markAudited(err); // the HTTP refusal audit (kernel/http/guards.ts) does not write it again
}

export function canReadOrg(actor: Actor, o: store.OrgRow) {
  return canRead(actor, orgSubject(o)) || readsOrgRegister(actor);
}
