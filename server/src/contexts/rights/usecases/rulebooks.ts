import type { z } from 'zod';
import type { Tx } from '../../../kernel/db/tables.js';
import { badInput, forbidden, notFound } from '../../../kernel/http/errors.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { loadProfile, PROFILES } from '../../../kernel/profiles/index.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { canRead, type Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { rulebookLifecycle } from '../lifecycle-rulebooks.js';
import type { RulebookInput } from '../model.js';
import { FeeLine } from '../model.js';
import type { RulebookFacts, RulebookRoute } from '../rules/rulebook.js';
import * as store from '../store-rulebooks.js';
import { orgInfo } from './orgs.js';

/**
 * RA-20 (decision 0083): a registry's business rules and fee schedule, one row per version. The registry drafts a
 * version; it reaches the public only by its profile's route — filed with the authority (备案) and published at
 * once, or submitted and published on the authority's approval. Earlier versions stay public as `superseded`.
 */

export const rulebookSubject = (r: store.RulebookRow): Subject => ({
  type: 'RegistryRulebook',
  id: r.id,
  ownerOrgId: r.registry_org_id,
  granteeOrgIds: r.authority_org_id ? [r.authority_org_id] : [],
  createdBy: r.created_by,
});

/** The states the public sees: never a draft, a pending submission or a refused one. */
export const PUBLIC_STATES = ['published', 'superseded'];

export async function draftRulebook(k: Kernel, actor: Actor, input: z.infer<typeof RulebookInput>) {
  if (!actor.orgId) throw forbidden('FORBIDDEN', { reason: 'NO_ORG' });
  if (!PROFILES[input.profile]) throw badInput('PROFILE_UNKNOWN', { profileId: input.profile });
  const registryOrgId = actor.orgId;
  const id = uuidv7();
  return k.db.transaction().execute(async (trx) => {
    const versionNo = await store.nextVersionNo(trx, registryOrgId);
    await transition(trx, k.workflow, {
      lifecycle: rulebookLifecycle,
      action: 'draft',
      actor,
      object: null,
      subject: { type: 'RegistryRulebook', id, ownerOrgId: registryOrgId },
      input: { profile: input.profile, versionNo, title: input.title },
      values: {
        id,
        registry_org_id: registryOrgId,
        profile: input.profile,
        version_no: versionNo,
        title: input.title,
        summary: input.summary,
        rules_text: input.rulesText,
        fee_lines: JSON.stringify(input.feeLines),
        created_by: actor.userId ?? null,
      },
    });
    return mustGet(trx, id);
  });
}

/**
 * Files the draft with the authority (`file`) or submits it for approval (`submit`); RA-20 refuses the route the
 * registry's profile does not take. A filing publishes at once and supersedes the registry's published version.
 */
export async function fileRulebook(k: Kernel, actor: Actor, id: string, authorityOrgId: string, route: RulebookRoute) {
  // The named body must act as an authority: read before the transaction (PGlite has one connection).
  const authority = await orgInfo(k, authorityOrgId).catch(() => null);
  if (!authority?.actors.includes('authority')) throw badInput('RULEBOOK_AUTHORITY_INVALID', { authorityOrgId });
  return withRulebook(k, actor, id, async (trx, row) => {
    const now = k.clock.now();
    const facts: RulebookFacts = {
      route,
      rulesText: row.rules_text,
      feeLines: FeeLine.array().parse(row.fee_lines).length,
      authorityOrgId,
      registryOrgId: row.registry_org_id,
    };
    const publish = route === 'file';
    if (publish) await supersedePublished(trx, k, row);
    await transition(trx, k.workflow, {
      lifecycle: rulebookLifecycle,
      action: route === 'file' ? 'file' : 'submit',
      actor,
      object: row,
      subject: rulebookSubject(row),
      facts,
      profile: loadProfile(row.profile),
      input: { authorityOrgId, rule: 'RA-20' },
      values: { authority_org_id: authorityOrgId, filed_at: now, ...(publish ? { published_at: now } : {}) },
    });
    return mustGet(trx, id);
  });
}

/** The named authority approves (publishes, superseding the previous version) or rejects a submitted version. */
export async function decideRulebook(
  k: Kernel,
  actor: Actor,
  id: string,
  outcome: 'approve' | 'reject',
  note?: string,
) {
  return withRulebook(k, actor, id, async (trx, row) => {
    const now = k.clock.now();
    if (outcome === 'approve' && row.state === 'submitted') await supersedePublished(trx, k, row);
    await transition(trx, k.workflow, {
      lifecycle: rulebookLifecycle,
      action: outcome,
      actor,
      object: row,
      subject: rulebookSubject(row),
      input: { note: note ?? null, rule: 'RA-20' },
      values: {
        decided_by: actor.userId ?? null,
        decided_at: now,
        decision_note: note ?? null,
        ...(outcome === 'approve' ? { published_at: now } : {}),
      },
    });
    return mustGet(trx, id);
  });
}

/** The version being published replaces the registry's current one, which stays readable as `superseded`. */
async function supersedePublished(trx: Tx, k: Kernel, next: store.RulebookRow) {
  const old = await store.publishedOf(trx, next.registry_org_id);
  if (!old || old.id === next.id) return;
  await transition(trx, k.workflow, {
    lifecycle: rulebookLifecycle,
    action: 'supersede',
    actor: systemActor('rights'),
    object: old,
    subject: rulebookSubject(old),
    input: { by: next.id, rule: 'RA-20' },
  });
}

export async function getRulebook(k: Kernel, actor: Actor, id: string) {
  const row = await store.getRulebook(k.db, id);
  if (!row || !canRead(actor, rulebookSubject(row))) throw notFound('RegistryRulebook', id);
  return row;
}

/** A registry's or an authority's own versions (drafts and pending submissions included). */
export function listOwnRulebooks(k: Kernel, actor: Actor, page: { limit: number; offset: number }) {
  if (!actor.orgId) throw forbidden('FORBIDDEN', { reason: 'NO_ORG' });
  return store.listRulebooks(k.db, { orgId: actor.orgId, ...page });
}

/** RA-20: what the public sees — every published version, the current one and those it replaced. */
export function listPublicRulebooks(k: Kernel, q: { registryOrgId?: string; limit: number; offset: number }) {
  return store.listRulebooks(k.db, { states: PUBLIC_STATES, ...q });
}

async function withRulebook<T>(
  k: Kernel,
  actor: Actor,
  id: string,
  fn: (trx: Tx, row: store.RulebookRow) => Promise<T>,
): Promise<T> {
  return k.db.transaction().execute(async (trx) => {
    const row = await store.getRulebook(trx, id, true);
    if (!row || !canRead(actor, rulebookSubject(row))) throw notFound('RegistryRulebook', id);
    return fn(trx, row);
  });
}

async function mustGet(trx: Tx, id: string) {
  const row = await store.getRulebook(trx, id);
  if (!row) throw notFound('RegistryRulebook', id);
  return row;
}
