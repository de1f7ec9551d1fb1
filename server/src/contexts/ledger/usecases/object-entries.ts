import { z } from 'zod';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { logIdFor } from '../../../kernel/ledger/append.js';
import type { Actor } from '../../../kernel/workflow/actor.js';
import { objectReaderFor, type ObjectReader } from '../../../kernel/workflow/readers.js';
import { presentObjectEntry } from '../present.js';
import { eventVisibility, objectEntryRows } from '../store.js';
import { recordAccess } from './access-log.js';

/**
 * Who may see an object's entries and evidence: for a type whose context defines a reader
 * (kernel/workflow/readers.ts), exactly who may open the object itself (its GET's rule).
 * Other types keep the event rule: the orgs that acted on it or the object is their org, and
 * authority/regulator/registry actors whose readable jurisdictions include the events'
 * jurisdiction. Everything else answers 404 (identity.md).
 */
export async function assertObjectReadable(
  k: Kernel,
  actor: Actor,
  objectType: string,
  objectId: string,
): Promise<void> {
  const read = objectReaderFor(objectType);
  if (read) return assertReadableBy(read, k, actor, objectType, objectId);
  const r = await eventVisibility(
    k.db,
    logIdFor(k.ledger, 'main'),
    { type: objectType, id: objectId },
    { orgId: actor.orgId ?? '', jurisdictionIds: actor.readableJurisdictionIds },
  );
  if (r.n === 0 || r.visible === 0) throw notFound(objectType, objectId);
}

const Uuid = z.string().uuid();

async function assertReadableBy(read: ObjectReader, k: Kernel, actor: Actor, objectType: string, objectId: string) {
  // Every object with a reader has a uuid id; anything else is not one of them (and would not cast).
  if (!Uuid.safeParse(objectId).success) throw notFound(objectType, objectId);
  try {
    await read(k, actor, objectId);
  } catch (e) {
    // A refusal of any kind says only "not found" here: no hint whether the object exists.
    if (e instanceof AppError && e.status >= 400 && e.status < 500) throw notFound(objectType, objectId);
    throw e;
  }
  // Any events at all (no org or jurisdiction is matched by an empty who).
  const { n } = await eventVisibility(
    k.db,
    logIdFor(k.ledger, 'main'),
    { type: objectType, id: objectId },
    { orgId: '', jurisdictionIds: [] },
  );
  if (n === 0) throw notFound(objectType, objectId);
}

/** `GET /ledger/objects/{type}/{id}/entries`: the object's timeline with headers. */
export async function objectEntries(k: Kernel, actor: Actor, objectType: string, objectId: string) {
  await assertObjectReadable(k, actor, objectType, objectId);
  recordAccess(k, actor, { action: 'view', objectType, objectId }); // LED-21
  const rows = await objectEntryRows(k.db, logIdFor(k.ledger, 'main'), objectType, objectId);
  return { items: rows.map(presentObjectEntry) };
}
