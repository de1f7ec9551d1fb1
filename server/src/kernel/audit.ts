import type { RawBuilder } from 'kysely';
import {
  appendCreationsAlone,
  appendEvent,
  appendEvents,
  type EventInput,
  type LedgerConfig,
} from './ledger/append.js';
import type { Database } from './db/connection.js';
import type { StatementLane } from './db/lane.js';
import { actorRef, type Actor } from './workflow/actor.js';
import type { Executor, Tx } from './db/tables.js';

/** identity.md AuditEvent, stored as a LedgerEntry in the `audit` log (AUD-02). */
export interface AuditRecord {
  action: string;
  actor: Actor;
  targetType: string;
  targetId: string;
  result: 'success' | 'denied' | 'error';
  reasonCode?: string | null;
  jurisdictionId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Writes an audit record in the caller's transaction: if it fails, the action fails (AUD-02). */
export async function recordAudit(trx: Tx, cfg: LedgerConfig, a: AuditRecord) {
  return appendEvent(trx, cfg, auditEvent(a));
}

/** Many audit records in the caller's transaction, in a few statements (group commit, 0053); same rows as recordAudit each. */
export async function recordAudits(trx: Tx, cfg: LedgerConfig, records: AuditRecord[]) {
  return appendEvents(trx, cfg, records.map(auditEvent));
}

/**
 * Audit records each of which is the first entry of its target (e.g. the UsageRecord of a
 * data-service call), written with `alongside` (the rows they audit) in ONE autocommit statement:
 * both are written or neither (AUD-02), in one round trip (appendCreationsAlone).
 */
export async function recordCreationAuditsAlone(
  database: Database,
  cfg: LedgerConfig,
  records: AuditRecord[],
  at: Date,
  alongside: RawBuilder<unknown>[],
  lane?: StatementLane,
) {
  return appendCreationsAlone(database, cfg, records.map(auditEvent), at, alongside, lane);
}

function auditEvent(a: AuditRecord): EventInput {
  return {
    log: 'audit',
    objectType: a.targetType,
    objectId: a.targetId,
    eventType: a.action,
    action: a.action,
    fromState: null,
    toState: null,
    actor: { ...actorRef(a.actor), ip: a.actor.ip ?? null, userAgent: a.actor.userAgent ?? null },
    jurisdictionId: a.jurisdictionId ?? null,
    result: a.result,
    reasonCode: a.reasonCode ?? null,
    // AUD-03: the payload is an access_log (kept audit.retentionYears, ledger.md LED-14); the header never goes.
    retentionClass: 'access_log',
    payload: { before: a.before ?? null, after: a.after ?? null },
    input: null,
  };
}

/** For records that must outlive a rolled-back request (denied attempts, failed logins). */
export function recordAuditAlone(db: Executor, cfg: LedgerConfig, a: AuditRecord) {
  return db.transaction().execute((trx) => recordAudit(trx, cfg, a));
}
