import type { Executor, Tx } from '../../../kernel/db/tables.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { orgNames } from '../../identity/service.js';
import type { ListQuery } from '../model.js';
import * as store from '../store.js';
import { mustRead, partiesSubject, readerOf } from './common.js';

/** Reading labs: the parties and the supervising authority (and regulators above it) see a lab. */

export const labSubject = (l: store.LabRow) => partiesSubject('Lab', l);

export async function lockLab(trx: Tx, actor: Actor, id: string) {
  return mustRead(await store.getLab(trx, id, true), actor, labSubject, 'Lab', id);
}

export async function getLab(k: Kernel, actor: Actor, id: string) {
  return mustRead(await store.getLab(k.db, id), actor, labSubject, 'Lab', id);
}

export function listLabs(k: Kernel, actor: Actor, q: ListQuery) {
  return store.listLabsFor(k.db, readerOf(actor), {
    state: q.state,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
}

/** Lab states that still carry a valid plaque: the public list (LAB-11) shows these. */
export const CERTIFIED_STATES = ['active', 'rectifying', 'partner_change_pending'] as const;

/** LAB-11: the certified labs, announced publicly (no login). */
export const listPublicLabs = (k: Kernel) => store.listCertifiedLabs(k.db, CERTIFIED_STATES);

/** Names of the parties of these rows (public anyway: they are printed on the plaque). */
export function partyNames(db: Executor, rows: readonly { initiator_org_id: string; partner_org_id: string }[]) {
  return orgNames(
    db,
    rows.flatMap((r) => [r.initiator_org_id, r.partner_org_id]),
  );
}
