import { z } from 'zod';
import type { Tx } from '../../../kernel/db/tables.js';
import { forbidden, notFound } from '../../../kernel/http/errors.js';
import { uuidv7 } from '../../../kernel/ids.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { canRead, type Subject } from '../../../kernel/workflow/authorize.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { dataAssetLifecycle } from '../lifecycle.js';
import {
  DataAssetView,
  type AuthorizationMark,
  type ClassifyInput,
  type DataAssetInput,
  type DestroyInput,
  type AssetEncumbrance,
  type MarkInput,
  type Recognition,
} from '../model.js';
import { classify } from '../rules/index.js';
import * as store from '../store.js';

/** DataAsset cards (RA-25), the memo book and recognition (RA-34), 入表 classification (RA-35, RA-37). */

export const dataAssetSubject = (a: store.DataAssetRow): Subject => ({
  type: 'DataAsset',
  id: a.id,
  ownerOrgId: a.holder_org_id,
  createdBy: a.created_by,
});

export async function createDataAsset(k: Kernel, actor: Actor, input: z.infer<typeof DataAssetInput>) {
  if (!actor.orgId) throw forbidden('FORBIDDEN', { reason: 'NO_ORG' });
  const id = uuidv7();
  return k.db.transaction().execute(async (trx) => {
    await transition(trx, k.workflow, {
      lifecycle: dataAssetLifecycle,
      action: 'create',
      actor,
      object: null,
      subject: { type: 'DataAsset', id, ownerOrgId: actor.orgId },
      input: { name: input.name },
      values: {
        id,
        holder_org_id: actor.orgId,
        name: input.name,
        is_public_data_asset: input.isPublicDataAsset,
        basic: JSON.stringify(input.basic),
        rights: JSON.stringify(input.rights),
        usage: JSON.stringify(input.usage),
        management: JSON.stringify(input.management),
        // RA-27: the usage block as entered is current now (the clock, not the database's now()).
        usage_synced_at: k.clock.now(),
        created_by: actor.userId ?? null,
      },
    });
    return mustGet(trx, id);
  });
}

async function mustGet(db: Tx | Kernel['db'], id: string) {
  const a = await store.getDataAsset(db, id);
  if (!a) throw notFound('DataAsset', id);
  return a;
}

async function withAsset<T>(k: Kernel, actor: Actor, id: string, fn: (trx: Tx, a: store.DataAssetRow) => Promise<T>) {
  return k.db.transaction().execute(async (trx) => {
    const a = await store.getDataAsset(trx, id, true);
    if (!a || !canRead(actor, dataAssetSubject(a))) throw notFound('DataAsset', id);
    return fn(trx, a);
  });
}

export async function getDataAsset(k: Kernel, actor: Actor, id: string) {
  const a = await store.getDataAsset(k.db, id);
  if (!a || !canRead(actor, dataAssetSubject(a))) throw notFound('DataAsset', id);
  return a;
}

/** Not yet recognizable: into the memo book (资产备查簿, RA-25). */
export function toMemoBook(k: Kernel, actor: Actor, id: string) {
  return withAsset(k, actor, id, async (trx, a) => {
    await transition(trx, k.workflow, {
      lifecycle: dataAssetLifecycle,
      action: 'to_memo_book',
      actor,
      object: a,
      subject: dataAssetSubject(a),
    });
    return mustGet(trx, id);
  });
}

/** Carded only when all four recognition criteria hold (RA-34). */
export function cardDataAsset(k: Kernel, actor: Actor, id: string, recognition: z.infer<typeof Recognition>) {
  return withAsset(k, actor, id, async (trx, a) => {
    await transition(trx, k.workflow, {
      lifecycle: dataAssetLifecycle,
      action: 'card',
      actor,
      object: a,
      subject: dataAssetSubject(a),
      facts: recognition,
      input: recognition,
      values: { recognition: JSON.stringify(recognition) },
    });
    return mustGet(trx, id);
  });
}

/** Classifies for 入表 (RA-35) and books the costs, refusing back-dated capitalization (RA-37). */
export function classifyDataAsset(k: Kernel, actor: Actor, id: string, input: z.infer<typeof ClassifyInput>) {
  return withAsset(k, actor, id, async (trx, a) => {
    const cls = classify(input.facts);
    const capitalizable = ['inventory', 'development_expenditure', 'intangible'].includes(cls);
    const sum = (cap: boolean) =>
      input.costs
        .filter((c) => (capitalizable && c.capitalize && !c.expensed) === cap)
        .reduce((s, c) => s + c.amountFen, 0);
    const acquisitionMode =
      input.acquisitionMode ?? (input.facts.holding === 'internal_rd' ? 'self_developed' : 'purchased');
    const accounting = {
      class: cls,
      acquisitionMode,
      capitalizedFen: sum(true),
      expensedFen: sum(false),
      costs: input.costs,
    };
    await transition(trx, k.workflow, {
      lifecycle: dataAssetLifecycle,
      action: 'classify',
      actor,
      object: a,
      subject: dataAssetSubject(a),
      facts: { costs: input.costs, class: cls },
      input,
      // Book value is the capitalized cost (RA-35); marks and usage never change it (RA-26).
      values: { accounting: JSON.stringify(accounting), book_value_fen: accounting.capitalizedFen },
    });
    return mustGet(trx, id);
  });
}

/** One card transition with its facts and new column values (the asset register's writes). */
function cardStep(
  trx: Tx,
  k: Kernel,
  actor: Actor,
  a: store.DataAssetRow,
  action: 'mark' | 'record_usage' | 'encumber' | 'destroy',
  o: { facts?: unknown; input: unknown; values: Record<string, unknown> },
) {
  return transition(trx, k.workflow, {
    lifecycle: dataAssetLifecycle,
    action,
    actor,
    object: a,
    subject: dataAssetSubject(a),
    ...o,
  });
}

/** RA-26: a Grant of processing-use or product-operation rights marks the usage block; book value unchanged. */
export function markAuthorization(k: Kernel, actor: Actor, id: string, input: z.infer<typeof MarkInput>) {
  return withAsset(k, actor, id, async (trx, a) => {
    const marks = [...DataAssetView.shape.marks.parse(a.marks), input as AuthorizationMark];
    await cardStep(trx, k, actor, a, 'mark', {
      facts: { rightType: input.rightType },
      input,
      values: { marks: JSON.stringify(marks) },
    });
    return mustGet(trx, id);
  });
}

/** RA-27: the usage of an authorized public data asset, refreshed on the card (clears the stale flag). */
export function recordUsage(k: Kernel, actor: Actor, id: string, usage: z.infer<typeof DataAssetInput>['usage']) {
  return withAsset(k, actor, id, async (trx, a) => {
    await cardStep(trx, k, actor, a, 'record_usage', {
      input: { usage },
      values: { usage: JSON.stringify(usage), usage_synced_at: k.clock.now() },
    });
    return mustGet(trx, id);
  });
}

/** RA-28: a pledge or equity contribution, refused for a public data asset unless the profile allows it. */
export function encumberAsset(k: Kernel, actor: Actor, id: string, input: AssetEncumbrance) {
  return withAsset(k, actor, id, async (trx, a) => {
    const list = [...DataAssetView.shape.encumbrances.parse(a.encumbrances), input];
    await cardStep(trx, k, actor, a, 'encumber', {
      facts: { isPublicDataAsset: a.is_public_data_asset },
      input,
      values: { encumbrances: JSON.stringify(list) },
    });
    return mustGet(trx, id);
  });
}

/** RA-30: logged destruction after approval and security/desensitization processing. */
export function destroyAsset(k: Kernel, actor: Actor, id: string, input: z.infer<typeof DestroyInput>) {
  return withAsset(k, actor, id, async (trx, a) => {
    const record = { ...input, destroyedAt: k.clock.now().toISOString() };
    await cardStep(trx, k, actor, a, 'destroy', {
      facts: { ...input, confidentialityContract: !!input.confidentialityContract },
      input,
      values: { destruction: JSON.stringify(record) },
    });
    return mustGet(trx, id);
  });
}
