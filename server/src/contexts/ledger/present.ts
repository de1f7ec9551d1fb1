import type { z } from 'zod';
import type { Approval, DecisionRef } from './rules.js';
import type * as m from './model.js';
import type { CheckpointRow, DestructionRow, EntryRow, ObjectScope } from './store.js';

/**
 * Presenters: a row in, its `…View` (model.ts) out. Routes declare the same views as their
 * response schemas, so an answer carries exactly the declared keys (issue 13).
 */

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentCheckpoint(r: CheckpointRow): z.infer<typeof m.CheckpointView> {
  return {
    treeSize: Number(r.tree_size),
    rootHash: r.root_hash,
    timeMs: Number(r.time_ms),
    note: r.note_text,
    keyId: r.key_id,
    prevTreeSize: r.prev_tree_size === null ? null : Number(r.prev_tree_size),
  };
}

export function presentObjectEntry(r: EntryRow): z.infer<typeof m.ObjectEntryView> {
  return {
    seq: r.seq === null ? null : Number(r.seq),
    eventId: r.event_id,
    leafHash: r.leaf_hash,
    eventType: r.header.eventType,
    fromState: r.header.fromState,
    toState: r.header.toState,
    occurredAt: r.header.occurredAt,
    objectVersion: r.header.objectVersion,
    actor: r.header.actor,
    payloadState: r.payload_state,
    state: r.state,
  };
}

/**
 * The jsonb columns of a DestructionRecord hold what retention.ts wrote (ObjectScope, Approval[],
 * DecisionRef, the verification and deletion lists), so they are read as those shapes.
 */
type DestructionJson = {
  scope: ObjectScope;
  approvals: Approval[] | null;
  deleted_objects: { path: string; sm3: string }[] | null;
  destroyed_key_ids: string[] | null;
  erased_seqs: number[] | null;
  verification: z.infer<typeof m.DestructionVerificationView> | null;
  mandate: DecisionRef | null;
};

export function presentDestruction(row: DestructionRow): z.infer<typeof m.DestructionView> {
  const r = row as unknown as Omit<DestructionRow, keyof DestructionJson> & DestructionJson;
  return {
    id: r.id,
    state: r.state,
    version: r.version,
    method: r.method,
    scope: r.scope,
    dataDescription: r.data_description,
    ownerOrgId: r.owner_org_id,
    jurisdictionId: r.jurisdiction_id,
    approvals: r.approvals ?? [],
    deletedObjects: r.deleted_objects ?? [],
    destroyedKeyIds: r.destroyed_key_ids ?? [],
    erasedSeqs: r.erased_seqs ?? [],
    executedBy: r.executed_by,
    executedAt: iso(r.executed_at),
    verification: r.verification ?? null,
    createdAt: iso(r.created_at)!,
    mandate: r.mandate ?? null,
  };
}
