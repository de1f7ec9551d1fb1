import type { z } from 'zod';
import type { Executor, Tx } from '../../../kernel/db/tables.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { provideBanCheck } from '../../identity/service.js';
import { banLifecycle } from '../lifecycle.js';
import type { RecordBanInput } from '../model.js';
import { ENF_07 } from '../rules.js';
import * as store from '../store.js';
import { authorityRole } from './common.js';

/** Bans (supervision.md ENF-07): recorded by the authority, checked by credit code wherever an org applies. */

export async function recordBan(k: Kernel, actor: Actor, input: z.infer<typeof RecordBanInput>) {
  return k.db.transaction().execute((trx) => recordBanIn(trx, k, actor, input));
}

/** recordBan in the caller's transaction (labs records LAB-24/LAB-26 Bans with the decision that causes them). */
export async function recordBanIn(trx: Tx, k: Kernel, actor: Actor, input: z.infer<typeof RecordBanInput>) {
  const role = authorityRole(actor);
  const id = uuidv7();
  await transition(trx, k.workflow, {
    lifecycle: banLifecycle,
    action: 'record',
    actor,
    object: null,
    subject: { type: 'Ban', id, jurisdictionId: role.jurisdictionId, jurisdictionPath: role.jurisdictionPath },
    facts: { startsOn: input.startsOn, endsOn: input.endsOn },
    input,
    values: {
      id,
      subject_uscc: input.subjectUscc,
      org_id: input.orgId ?? null,
      scope: input.scope,
      reason: input.reason,
      basis_decision_id: input.basisDecisionId,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      jurisdiction_id: role.jurisdictionId,
      jurisdiction_path: JSON.stringify(role.jurisdictionPath),
    },
  });
  return (await store.getBan(trx, id))!;
}

/** The Bans that block `uscc` for `scope` today (the port other contexts call at application time). */
export async function blockingBans(db: Executor, uscc: string, scope: string, today: string) {
  const all = await store.listBans(db, uscc, scope);
  return all.filter(
    (b) => !ENF_07.check({ state: b.state, startsOn: b.starts_on, endsOn: b.ends_on, today }, NO_PROFILE).ok,
  );
}

// ENF-07 reads no parameters.
const NO_PROFILE = {
  id: 'none',
  has: () => false,
  get: () => {
    throw new Error('no profile');
  },
};

// ENF-07: operator selection (identity IAM-07, authorization AUTH-03) and collaborator admission ask through
// identity's ban seam; the longest-running blocking Ban answers, as in activeBanFor.
provideBanCheck(async (db, uscc, scope, today) => {
  const b = (await blockingBans(db, uscc, scope, today)).sort((x, y) => y.ends_on.localeCompare(x.ends_on))[0];
  return b && { id: b.id, endsOn: b.ends_on };
});
