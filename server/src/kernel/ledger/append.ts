import { sql, type Transaction } from 'kysely';
import { canonicalJson } from '../crypto/jcs.js';
import { sm3Hex, type HashName } from '../crypto/sm3.js';
import { uuidv7 } from '../ids.js';
import { buildEntry, type EntryHeader } from './entry.js';

export type LogName = 'main' | 'audit';

/** What the kernel needs to write ledger entries. */
export interface LedgerConfig {
  origin: string;
  hash: HashName;
  saltBytes: number;
  masterKey: Buffer;
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

export interface AppendedEvent { eventId: string; objectVersion: number; leafHash: string; occurredAt: string }

/**
 * Writes the event row and its ledger-queue entry inside the caller's transaction
 * (LED-01: if this fails, the state change rolls back). Takes a Transaction, never a
 * bare connection, so an event cannot be written outside one (style.md §10).
 */
export async function appendEvent(trx: Transaction<any>, cfg: LedgerConfig, e: EventInput): Promise<AppendedEvent> {
  const logId = logIdFor(cfg, e.log);
  const clock = await sql<{ now: Date; tx: string }>`SELECT now() AS now, txid_current()::text AS tx`.execute(trx);
  const occurredAt = new Date(clock.rows[0]!.now).toISOString();
  const prev = await sql<{ leaf_hash: string; object_version: number }>`
    SELECT leaf_hash, object_version FROM ledger_entry
    WHERE log_id = ${logId} AND object_type = ${e.objectType} AND object_id = ${e.objectId}
    ORDER BY object_version DESC LIMIT 1`.execute(trx);
  const last = prev.rows[0];
  const objectVersion = e.objectVersion ?? (last ? last.object_version + 1 : 1);
  const eventId = uuidv7();
  const inputDigest = e.input === undefined ? null : sm3Hex(canonicalJson(e.input));
  const header: EntryHeader = {
    logId, eventId, objectType: e.objectType, objectId: e.objectId, objectVersion, eventType: e.eventType,
    fromState: e.fromState, toState: e.toState, actor: e.actor, occurredAt, txId: clock.rows[0]!.tx,
    prevObjectLeafHash: last?.leaf_hash ?? null, retentionClass: e.retentionClass, schemaVersion: 1,
  };
  const b = buildEntry(cfg.hash, cfg.saltBytes, cfg.masterKey, header, e.payload ?? { input: e.input ?? null });
  await sql`INSERT INTO event (id, log_id, object_type, object_id, object_version, event_type, action, from_state, to_state,
      actor, jurisdiction_id, input_digest, rule_results, result, reason_code, occurred_at, tx_id)
    VALUES (${eventId}, ${logId}, ${e.objectType}, ${e.objectId}, ${objectVersion}, ${e.eventType}, ${e.action},
      ${e.fromState}, ${e.toState}, ${JSON.stringify(e.actor)}, ${e.jurisdictionId ?? null}, ${inputDigest},
      ${JSON.stringify(e.ruleResults ?? [])}, ${e.result ?? 'success'}, ${e.reasonCode ?? null}, ${occurredAt}, ${header.txId})`.execute(trx);
  await sql`INSERT INTO ledger_entry (event_id, log_id, object_type, object_id, object_version, header, header_salt,
      header_commitment, payload_enc, payload_key_enc, payload_salt, payload_commitment, prev_object_leaf_hash,
      leaf_data, leaf_hash, retention_class, schema_version)
    VALUES (${eventId}, ${logId}, ${e.objectType}, ${e.objectId}, ${objectVersion}, ${JSON.stringify(header)}, ${b.headerSalt},
      ${b.headerCommitment}, ${b.payloadEnc}, ${b.payloadKeyEnc}, ${b.payloadSalt}, ${b.payloadCommitment},
      ${header.prevObjectLeafHash}, ${b.leafData}, ${b.leafHash}, ${e.retentionClass}, 1)`.execute(trx);
  await sql`SELECT pg_notify('ledger_pending', ${e.log})`.execute(trx);
  return { eventId, objectVersion, leafHash: b.leafHash, occurredAt };
}
