import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../kernel/audit.js';
import { shanghaiDate } from '../../../kernel/calendar/calendar.js';
import { sm3Hex } from '../../../kernel/crypto/sm3.js';
import type { Executor, Tx } from '../../../kernel/db/tables.js';
import { AppError, notFound } from '../../../kernel/http/errors.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { logIdFor } from '../../../kernel/ledger/append.js';
import { systemActor, type Actor } from '../../../kernel/workflow/actor.js';
import { coversJurisdiction } from '../../../kernel/workflow/authorize.js';
import { allLifecycles } from '../../../kernel/workflow/lifecycle.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { destructionLifecycle, incidentLifecycle } from '../lifecycle.js';
import { presentDestruction } from '../present.js';
import {
  eligibleFrom,
  mandateFrom,
  type Approval,
  type DecisionRef,
  type DestructionFacts,
  type ScopedEntry,
} from '../rules.js';
import * as store from '../store.js';
import type { DestructionRow, ObjectScope } from '../store.js';

/**
 * Retention and secure deletion (LED-14..LED-20): legal holds as data, and payload
 * crypto-erasure only through an approved DestructionRecord batch
 * (proposed → approved → executed → verified | verification_failed).
 */
export interface ProposeInput {
  objectType: string;
  objectIds: string[];
  ownerOrgId: string;
  dataDescription: string;
  outsourced?: boolean;
  contractorContractRef?: string | null;
  publicDataAsset?: boolean;
}

/** States no transition leaves: the retention clock starts there (LED-15). */
function terminalStates(objectType: string): string[] {
  const lc = allLifecycles().find((l) => l.objectType === objectType);
  if (!lc) return [];
  const from = new Set(Object.values(lc.transitions).flatMap((t) => t.from));
  return lc.states.filter((s) => !from.has(s));
}

/** LED-15: per object, the anchor is its first terminal-state entry, else its last entry. */
async function scopedEntries(trx: Tx, k: Kernel, scope: ObjectScope): Promise<ScopedEntry[]> {
  const rows = await store.scopedEntryRows(trx, logIdFor(k.ledger, 'main'), scope);
  const terminal = terminalStates(scope.objectType);
  const anchor = new Map<string, string>();
  for (const id of scope.objectIds) {
    const mine = rows.filter((r) => r.object_id === id);
    const t = mine.find((r) => r.to_state !== null && terminal.includes(r.to_state)) ?? mine.at(-1);
    if (t) anchor.set(id, shanghaiDate(new Date(t.at)));
  }
  return rows.map((r) => ({
    seq: r.seq === null ? null : Number(r.seq),
    eventId: r.event_id,
    objectType: r.object_type,
    objectId: r.object_id,
    retentionClass: r.retention_class,
    eligibleFrom: eligibleFrom(r.retention_class, anchor.get(r.object_id)!, k.profile),
  }));
}

/** LED-18: the open legal holds on these objects (a caller checks them before it deletes anything). */
export async function activeHolds(db: Executor, objectType: string, ids: string[]) {
  return (await store.activeHoldRows(db, { objectType, objectIds: ids })).map((h) => ({
    id: h.id,
    objectType: h.object_type,
    objectId: h.object_id,
    reason: h.reason,
  }));
}

const jurisdictionOf = (trx: Tx, k: Kernel, objectType: string, ids: string[]) =>
  store.jurisdictionOfObjects(trx, logIdFor(k.ledger, 'main'), { objectType, objectIds: ids });

/** LED-18: the authority of the object's jurisdiction places a legal hold. */
export async function placeLegalHold(
  k: Kernel,
  actor: Actor,
  input: { objectType: string; objectId: string; reason: string; sourceRef?: string },
) {
  return k.db.transaction().execute(async (trx) => {
    const j = await jurisdictionOf(trx, k, input.objectType, [input.objectId]);
    if (actor.kind !== 'system' && !coversJurisdiction(actor, { type: input.objectType, jurisdictionId: j }))
      throw notFound(input.objectType, input.objectId);
    const id = randomUUID();
    await store.insertLegalHold(trx, {
      id,
      object_type: input.objectType,
      object_id: input.objectId,
      reason: input.reason,
      source_ref: input.sourceRef ?? null,
      created_by: JSON.stringify({ userId: actor.userId ?? actor.system, orgId: actor.orgId ?? null }),
    });
    await recordAudit(trx, k.ledger, {
      action: 'ledger.legal_hold_placed',
      actor,
      targetType: 'LegalHold',
      targetId: id,
      result: 'success',
      jurisdictionId: j,
      after: input,
    });
    return { id };
  });
}

/** LED-18: the authority that could place a hold lifts it (the objection, arbitration or case has ended). */
export async function releaseLegalHold(k: Kernel, actor: Actor, id: string, reason: string) {
  return k.db.transaction().execute(async (trx) => {
    const h = await store.lockLegalHold(trx, id);
    if (!h) throw notFound('LegalHold', id);
    const j = await jurisdictionOf(trx, k, h.object_type, [h.object_id]);
    if (actor.kind !== 'system' && !coversJurisdiction(actor, { type: h.object_type, jurisdictionId: j }))
      throw notFound('LegalHold', id);
    if (!h.active) throw new AppError(409, 'LEGAL_HOLD_NOT_ACTIVE');
    await store.releaseHold(trx, id);
    await recordAudit(trx, k.ledger, {
      action: 'ledger.legal_hold_released',
      actor,
      targetType: 'LegalHold',
      targetId: id,
      result: 'success',
      jurisdictionId: j,
      after: { reason },
    });
    return { id, active: false as const };
  });
}

async function loadRecord(trx: Tx, id: string): Promise<DestructionRow> {
  const r = await store.destructionRow(trx, id, { lock: true });
  if (!r) throw notFound('DestructionRecord', id);
  return r;
}

/** A record's scope column: we wrote it (propose/recordMandated) as an ObjectScope. */
const scopeOf = (rec: Pick<DestructionRow, 'scope'>) => rec.scope as unknown as ObjectScope;
/** A record's approvals column: written by approveDestruction/recordMandatedDestruction as Approval[]. */
const approvalsOf = (rec: Pick<DestructionRow, 'approvals'>) => (rec.approvals ?? []) as unknown as Approval[];

/** What factsFor reads of a record (a stored row, or the one being proposed). */
interface RecordFacts {
  scope: ObjectScope;
  approvals: Approval[];
  public_data_asset?: boolean;
  outsourced?: boolean;
  contractor_contract_ref?: string | null;
}
const factsOfRow = (rec: DestructionRow): RecordFacts => ({ ...rec, scope: scopeOf(rec), approvals: approvalsOf(rec) });

async function factsFor(
  trx: Tx,
  k: Kernel,
  rec: RecordFacts,
  extra: Partial<DestructionFacts> = {},
): Promise<DestructionFacts> {
  const scope = rec.scope;
  return {
    entries: await scopedEntries(trx, k, scope),
    holds: await activeHolds(trx, scope.objectType, scope.objectIds),
    approvals: rec.approvals,
    publicDataAsset: !!rec.public_data_asset,
    outsourced: !!rec.outsourced,
    contractorContractRef: rec.contractor_contract_ref ?? null,
    today: shanghaiDate(k.clock.now()),
    ...extra,
  };
}

const subjectOf = (rec: DestructionRow) => ({
  type: 'DestructionRecord',
  id: rec.id,
  jurisdictionId: rec.jurisdiction_id,
  jurisdictionPath: rec.jurisdiction_id ? [rec.jurisdiction_id] : [],
  ownerOrgId: rec.owner_org_id,
});

/** LED-16: the platform proposes a batch; LED-14, LED-15 and LED-18 are checked at once. */
export async function proposeDestruction(k: Kernel, actor: Actor, input: ProposeInput) {
  if (!input.objectIds.length) throw new AppError(422, 'DESTRUCTION_SCOPE_EMPTY');
  return k.db.transaction().execute(async (trx) => {
    const id = randomUUID();
    const rec: RecordFacts = {
      scope: { objectType: input.objectType, objectIds: input.objectIds },
      approvals: [],
      public_data_asset: !!input.publicDataAsset,
      outsourced: !!input.outsourced,
      contractor_contract_ref: input.contractorContractRef ?? null,
    };
    const facts = await factsFor(trx, k, rec);
    if (!facts.entries.length) throw new AppError(422, 'DESTRUCTION_SCOPE_EMPTY');
    const j = await jurisdictionOf(trx, k, input.objectType, input.objectIds);
    return transition(trx, k.workflow, {
      lifecycle: destructionLifecycle,
      action: 'propose',
      actor,
      object: null,
      facts,
      subject: { type: 'DestructionRecord', jurisdictionId: j },
      values: {
        id,
        jurisdiction_id: j,
        owner_org_id: input.ownerOrgId,
        scope: JSON.stringify(rec.scope),
        data_description: input.dataDescription,
        outsourced: !!input.outsourced,
        contractor_contract_ref: input.contractorContractRef ?? null,
        public_data_asset: !!input.publicDataAsset,
        created_by: JSON.stringify({ userId: actor.userId ?? `system:${actor.system}` }),
      },
    });
  });
}

/**
 * LED-16: records one approval (owner org, authority, or the public data asset's holder).
 * The record moves to `approved` through the transition once every required one is there.
 */
export async function approveDestruction(k: Kernel, actor: Actor, id: string, role: Approval['role']) {
  return k.db.transaction().execute(async (trx) => {
    const rec = await loadRecord(trx, id);
    if (role !== 'authority' && actor.orgId !== rec.owner_org_id) throw notFound('DestructionRecord', id);
    if (role === 'authority' && !coversJurisdiction(actor, subjectOf(rec))) throw notFound('DestructionRecord', id);
    // Approvals gather only while proposed (an SBX-14 record starts executed and takes none).
    if (rec.state !== 'proposed') throw new AppError(409, 'INVALID_TRANSITION', { action: 'approve', from: rec.state });
    const approvals: Approval[] = [
      ...approvalsOf(rec).filter((a) => a.role !== role),
      { orgId: actor.orgId!, userId: actor.userId!, role, at: k.clock.now().toISOString() },
    ];
    const facts = await factsFor(trx, k, { ...factsOfRow(rec), approvals });
    const complete = ['owner', 'authority', ...(rec.public_data_asset ? ['holder'] : [])].every((r) =>
      approvals.some((a) => a.role === r),
    );
    if (!complete) {
      await store.setApprovals(trx, id, approvals);
      await recordAudit(trx, k.ledger, {
        action: 'destruction.approval_recorded',
        actor,
        targetType: 'DestructionRecord',
        targetId: id,
        result: 'success',
        jurisdictionId: rec.jurisdiction_id,
        after: { role },
      });
      return { id, state: rec.state, version: rec.version };
    }
    // Whoever gives the last required approval runs the transition (LED-16 rule re-checks all of them).
    return transition(trx, k.workflow, {
      lifecycle: destructionLifecycle,
      action: 'approve',
      actor,
      object: rec,
      subject: subjectOf(rec),
      facts,
      values: { approvals: JSON.stringify(approvals) },
    });
  });
}

/** LED-19: crypto-erases the payloads in scope (payload, salt, data key); header and leaf stay. */
export async function executeDestruction(k: Kernel, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const rec = await loadRecord(trx, id);
    const facts = await factsFor(trx, k, factsOfRow(rec));
    const erased = await store.retainedPayloads(trx, logIdFor(k.ledger, 'main'), scopeOf(rec));
    const deleted = erased.map((e) => ({
      path: `ledger_entry/${e.event_id}/payload`,
      sm3: sm3Hex(e.payload_enc ?? Buffer.alloc(0)),
    }));
    const out = await transition(trx, k.workflow, {
      lifecycle: destructionLifecycle,
      action: 'execute',
      actor: systemActor('ledger-destruction'),
      object: rec,
      subject: subjectOf(rec),
      facts,
      values: {
        erased_seqs: JSON.stringify(erased.map((e) => Number(e.seq))),
        deleted_objects: JSON.stringify(deleted),
        destroyed_key_ids: JSON.stringify(erased.map((e) => `dk:${e.event_id}`)),
        executed_by: 'system:ledger-destruction',
        executed_at: k.clock.now().toISOString(),
        backups_covered: true,
      },
      payload: { erasedSeqs: erased.map((e) => Number(e.seq)), deletedObjects: deleted },
    });
    if (erased.length)
      await store.erasePayloads(
        trx,
        erased.map((e) => e.event_id),
      );
    return out;
  });
}

/**
 * What a verifier checks for each deletion method: `residue` counts what is still there. The
 * ledger knows its own crypto-erasure; a context that deletes by another method (the sandbox's
 * Workspace purge, SBX-14) registers its check, so the second person's verification is real.
 */
export interface ResidueCheck {
  checks: string[];
  residue: (trx: Tx, k: Kernel, scope: ObjectScope) => Promise<number>;
}
const residueChecks = new Map<string, ResidueCheck>();
export function defineResidueCheck(method: string, check: ResidueCheck) {
  residueChecks.set(method, check);
}

defineResidueCheck('crypto_erase', {
  checks: ['ledger_payloads', 'data_keys', 'backup_catalog'],
  residue: (trx, k, scope) => store.payloadResidue(trx, logIdFor(k.ledger, 'main'), scope),
});

/** A second person checks for residue; residue → verification_failed and an Incident of type `other`. */
export async function verifyDestruction(k: Kernel, actor: Actor, id: string) {
  return k.db.transaction().execute(async (trx) => {
    const rec = await loadRecord(trx, id);
    if (actor.kind !== 'system' && !canSee(actor, rec)) throw notFound('DestructionRecord', id);
    const check = residueChecks.get(rec.method);
    if (!check) throw new AppError(500, 'DESTRUCTION_METHOD_UNKNOWN', { method: rec.method });
    const residue = await check.residue(trx, k, scopeOf(rec));
    const facts = await factsFor(trx, k, factsOfRow(rec), {
      executorId: rec.executed_by,
      verifierId: actor.userId ?? null,
    });
    const verification = {
      checks: check.checks,
      result: residue ? 'residue' : 'clean',
      residue,
      verifierId: actor.userId,
      at: k.clock.now().toISOString(),
    };
    const out = await transition(trx, k.workflow, {
      lifecycle: destructionLifecycle,
      action: residue ? 'fail_verification' : 'verify',
      actor,
      object: rec,
      subject: subjectOf(rec),
      facts,
      values: { verification: JSON.stringify(verification) },
    });
    if (residue) {
      await transition(trx, k.workflow, {
        lifecycle: incidentLifecycle,
        action: 'open_residue',
        actor: systemActor('ledger-destruction'),
        object: null,
        subject: { type: 'Incident' },
        values: { id: randomUUID(), type: 'other', details: JSON.stringify({ destructionRecordId: id, residue }) },
      });
    }
    return out;
  });
}

export interface MandatedDestruction {
  objectType: string;
  objectIds: string[];
  ownerOrgId: string;
  jurisdictionId: string | null;
  dataDescription: string;
  method: string;
  deletedObjects: { path: string; sm3: string }[];
  destroyedKeyIds: string[];
  executedBy: string;
  /** The objects whose recorded decisions ordered it, the trigger first (SBX-14: the Grant, then its application). */
  mandatedBy?: { objectType: string; objectId: string }[];
}

/** The state changes of the basis objects in the main log, in time order (decision 0061). */
async function decisionsOn(
  trx: Tx,
  k: Kernel,
  basis: { objectType: string; objectId: string }[],
): Promise<DecisionRef[]> {
  if (!basis.length) return [];
  const rows = await store.stateChangeRows(trx, logIdFor(k.ledger, 'main'), basis);
  return rows.map((r) => ({
    eventId: r.event_id,
    eventType: r.header.eventType,
    objectType: r.object_type,
    objectId: r.object_id,
    toState: r.header.toState,
    at: r.header.occurredAt,
    actor: { userId: actorField(r.header.actor, 'userId'), orgId: actorField(r.header.actor, 'orgId') },
  }));
}

/**
 * SBX-14: records, in the caller's transaction, a deletion the platform was bound to make
 * (no approval batch: LED-17's deadline runs from `closing`), as `executed`, listing the SM3 of
 * every deleted object; LED-18 is checked again here, in the same transaction as the record.
 * Its mandate and approvals are the recorded decisions that ordered it (mandateFrom, decision 0061).
 */
export async function recordMandatedDestruction(trx: Tx, k: Kernel, d: MandatedDestruction): Promise<string> {
  const id = randomUUID();
  const scope = { objectType: d.objectType, objectIds: d.objectIds };
  const { mandate, approvals } = mandateFrom(
    await decisionsOn(trx, k, d.mandatedBy ?? []),
    d.mandatedBy?.[0],
    d.ownerOrgId,
  );
  const facts = await factsFor(trx, k, { scope, approvals });
  await transition(trx, k.workflow, {
    lifecycle: destructionLifecycle,
    action: 'record_mandated',
    actor: systemActor(d.executedBy),
    object: null,
    facts,
    subject: { type: 'DestructionRecord', jurisdictionId: d.jurisdictionId },
    values: {
      id,
      jurisdiction_id: d.jurisdictionId,
      owner_org_id: d.ownerOrgId,
      scope: JSON.stringify(scope),
      data_description: d.dataDescription,
      method: d.method,
      deleted_objects: JSON.stringify(d.deletedObjects),
      destroyed_key_ids: JSON.stringify(d.destroyedKeyIds),
      executed_by: `system:${d.executedBy}`,
      executed_at: k.clock.now().toISOString(),
      backups_covered: true,
      created_by: JSON.stringify({ userId: `system:${d.executedBy}` }),
      approvals: JSON.stringify(approvals),
      mandate: mandate ? JSON.stringify(mandate) : null,
    },
    payload: { scope, deletedObjects: d.deletedObjects, mandate, approvals },
  });
  return id;
}

/** Who sees a record: the owner org, and whoever reads its jurisdiction (listDestructions' WHERE, for one row). */
function canSee(actor: Actor, rec: Pick<DestructionRow, 'owner_org_id' | 'jurisdiction_id'>): boolean {
  return (
    (!!actor.orgId && actor.orgId === rec.owner_org_id) ||
    (!!rec.jurisdiction_id && actor.readableJurisdictionIds.includes(rec.jurisdiction_id))
  );
}

/** GET /destruction-records: what canSee allows, newest first, optionally one state. */
export async function listDestructions(k: Kernel, actor: Actor, state?: string) {
  const who = { orgId: actor.orgId ?? null, jurisdictionIds: actor.readableJurisdictionIds };
  const rows = await store.visibleDestructionRows(k.db, who, state, 200);
  return { items: rows.map(presentDestruction), total: rows.length, page: 1, pageSize: 200 };
}

/** GET /destruction-records/{id}: the record, or 404 for anyone the list would not show it to. */
export async function getDestruction(k: Kernel, actor: Actor, id: string) {
  const r = await store.destructionRow(k.db, id);
  if (!r || !canSee(actor, r)) throw notFound('DestructionRecord', id);
  return presentDestruction(r);
}

/** An id recorded in an entry header's actor (userId, orgId), or null. */
function actorField(actor: Record<string, unknown> | undefined, key: 'userId' | 'orgId'): string | null {
  const v = actor?.[key];
  return typeof v === 'string' ? v : null;
}
