/**
 * Sealing ledger entries (LED-03): the header, salted commitments, the encrypted payload and the
 * leaf of each event, and the row text insertSealed (append.ts) writes. No database here, so the
 * sealing worker (seal-worker.ts) loads this module alone.
 */
import { hash as oneShotHash } from 'node:crypto';
import { canonicalJson } from '../crypto/jcs.js';
import type { HashName } from '../crypto/sm3.js';
import { uuidv7 } from '../ids.js';
import { buildEntry, type BuiltEntry, type EntryHeader } from './entry.js';

export type LogName = 'main' | 'audit';

/** What the kernel needs to write ledger entries. */
export interface LedgerConfig {
  origin: string;
  hash: HashName;
  saltBytes: number;
  masterKey: Buffer;
  /**
   * Batches of at least this many events are sealed on the sealing worker thread (sealer.ts,
   * decision 0106); absent or 0: always on the caller's thread.
   */
  sealWorkerMinBatch?: number;
}

export function logIdFor(cfg: Pick<LedgerConfig, 'origin' | 'hash'>, log: string): string {
  return `${cfg.origin}/${log}-${cfg.hash}`;
}

export interface EventInput {
  log: LogName;
  objectType: string;
  objectId: string;
  /** The object's version after this event; omitted for audit records (next per object). */
  objectVersion?: number;
  eventType: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  actor: Record<string, unknown>;
  jurisdictionId?: string | null;
  input?: unknown;
  ruleResults?: unknown[];
  result?: 'success' | 'denied' | 'error';
  reasonCode?: string | null;
  retentionClass: string;
  /** Snapshot/diff kept encrypted beside the entry. */
  payload?: unknown;
}

export interface AppendedEvent {
  eventId: string;
  objectVersion: number;
  leafHash: string;
  occurredAt: string;
}

/** Sealed events: their rows for insertSealed and what the caller learns of each. */
export interface Sealed {
  rows: string[];
  out: AppendedEvent[];
}

const NULL_INPUT_DIGEST = oneShotHash('sm3', 'null', 'hex');

/** SM3 of the input's JCS: kept on the event row (the input itself is in the sealed payload). */
function inputDigestOf(input: unknown): string | null {
  if (input === undefined) return null;
  return input === null ? NULL_INPUT_DIGEST : oneShotHash('sm3', canonicalJson(input), 'hex');
}

/**
 * The header and sealed entry of one event, and its row for insertSealed (shared by appendEvent,
 * appendEvents and appendCreationsAlone). `actorJson` is the actor's JCS when the caller has it.
 */
export function sealEvent(
  cfg: LedgerConfig,
  e: EventInput,
  logId: string,
  objectVersion: number,
  occurredAt: string,
  txId: string,
  prevObjectLeafHash: string | null,
  actorJson?: string,
): { row: string; out: AppendedEvent } {
  const eventId = uuidv7();
  const header: EntryHeader = {
    logId,
    eventId,
    objectType: e.objectType,
    objectId: e.objectId,
    objectVersion,
    eventType: e.eventType,
    fromState: e.fromState,
    toState: e.toState,
    actor: e.actor,
    occurredAt,
    txId,
    prevObjectLeafHash,
    retentionClass: e.retentionClass,
    schemaVersion: 1,
  };
  const payload = e.payload ?? { input: e.input ?? null };
  const b = buildEntry(cfg.hash, cfg.saltBytes, cfg.masterKey, header, payload, actorJson);
  return {
    row: sealedRow(e, inputDigestOf(e.input), b),
    out: { eventId, objectVersion, leafHash: b.leafHash, occurredAt },
  };
}

const str = (v: string | null | undefined) => (v == null ? 'null' : JSON.stringify(v));

/**
 * One row of insertSealed's parameter, written as JSON text. The header travels once, as the JCS
 * text buildEntry already made for its commitment (valid JSON), and the event and entry columns
 * it holds (ids, object, version, states, actor, time, tx, link, retention) are read from it in
 * SQL instead of being sent a second time: half the bytes to build, send and parse per event
 * (docs/performance.md ledger.append). Binary columns as base64.
 */
function sealedRow(e: EventInput, inputDigest: string | null, b: BuiltEntry): string {
  return `{"h":${b.headerJson},"action":${str(e.action)},"jurisdiction_id":${str(e.jurisdictionId)},"input_digest":${str(inputDigest)},"rule_results":${JSON.stringify(e.ruleResults ?? [])},"result":${str(e.result ?? 'success')},"reason_code":${str(e.reasonCode)},"header_salt":"${b.headerSalt.toString('base64')}","header_commitment":"${b.headerCommitment}","payload_enc":"${b.payloadEnc.toString('base64')}","payload_key_enc":"${b.payloadKeyEnc.toString('base64')}","payload_salt":"${b.payloadSalt.toString('base64')}","payload_commitment":"${b.payloadCommitment}","leaf_data":"${b.leafData.toString('base64')}","leaf_hash":"${b.leafHash}"}`;
}

// NUL cannot occur in a PostgreSQL text value, so it separates the parts unambiguously.
export const keyOf = (e: EventInput) => `${e.log}\0${e.objectType}\0${e.objectId}`;

export type Prev = { leaf_hash: string; object_version: number };

/**
 * Seals events in order, chaining each object's events (version + 1, previous leaf) as it goes:
 * `last` holds each object's previous entry (from the database, then from this batch); an event of
 * version 1 begins its object and has none. An actor object shared by several events
 * (transitionMany passes one per actor) is canonicalized once. Pure computation: it runs on the
 * caller's thread or on the sealing worker (sealer.ts) with the same result.
 */
export function sealAll(
  cfg: LedgerConfig,
  events: EventInput[],
  occurredAt: string,
  txId: string,
  last: Map<string, Prev>,
): Sealed {
  const rows: string[] = [];
  const out: AppendedEvent[] = [];
  const actorJsons = new Map<object, string>();
  // Equal actors in separate objects (each data-service call builds its own) are canonicalized
  // once too, keyed by their JSON text (native, several times cheaper than canonicalJson). Only
  // flat objects of strings, booleans, finite numbers and nulls: for those, equal text is an equal
  // value, hence equal JCS (a non-finite number or a toJSON would make the text ambiguous).
  const byText = new Map<string, string>();
  for (const e of events) {
    const key = keyOf(e);
    const prev = e.objectVersion === 1 ? undefined : last.get(key);
    const objectVersion = e.objectVersion ?? (prev ? prev.object_version + 1 : 1);
    let actorJson = actorJsons.get(e.actor);
    if (actorJson === undefined) {
      const text = flatPrimitive(e.actor) ? JSON.stringify(e.actor) : undefined;
      actorJson = text === undefined ? undefined : byText.get(text);
      if (actorJson === undefined) {
        actorJson = canonicalJson(e.actor);
        if (text !== undefined) byText.set(text, actorJson);
      }
      actorJsons.set(e.actor, actorJson);
    }
    const logId = logIdFor(cfg, e.log);
    const s = sealEvent(cfg, e, logId, objectVersion, occurredAt, txId, prev?.leaf_hash ?? null, actorJson);
    last.set(key, { leaf_hash: s.out.leafHash, object_version: objectVersion });
    rows.push(s.row);
    out.push(s.out);
  }
  return { rows, out };
}

function flatPrimitive(o: Record<string, unknown>): boolean {
  for (const k in o) {
    const v = o[k];
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  }
  return true;
}
