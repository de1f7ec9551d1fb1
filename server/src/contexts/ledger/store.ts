import { sql, type Insertable, type Selectable } from 'kysely';
import type {
  AnchorReceiptTable,
  DB,
  DestructionRecordTable,
  EvidencePackageTable,
  LedgerCheckpointTable,
  LedgerEntryTable,
  LegalHoldTable,
} from '../../kernel/db/schema.js';
import { type Executor, ownTables, type KernelTables } from '../../kernel/db/tables.js';
import type { EntryHeader } from '../../kernel/ledger/entry.js';

/**
 * The ledger context's tables (style.md §1): retention (legal holds, destruction records),
 * incidents, anchor receipts, evidence packages and audit runs, plus the kernel's ledger tables
 * it reads for proofs, timelines and retention scopes.
 */
export type LedgerTables = Pick<
  DB,
  'legal_hold' | 'destruction_record' | 'incident' | 'anchor_receipt' | 'evidence_package' | 'ledger_audit_run'
> &
  KernelTables;

export type LegalHoldRow = Selectable<LegalHoldTable>;
export type DestructionRow = Selectable<DestructionRecordTable>;
export type EntryRow = Omit<Selectable<LedgerEntryTable>, 'header'> & { header: EntryHeader };
export type CheckpointRow = Selectable<LedgerCheckpointTable>;
export type AnchorReceiptRow = Selectable<AnchorReceiptTable>;

/** A ledger entry's header column: the kernel wrote it (buildEntry), so it is read as its EntryHeader. */
const withHeader = <R extends { header: unknown }>(r: R) => r as Omit<R, 'header'> & { header: EntryHeader };

/** One object set: the scope of a destruction batch or of a hold lookup. */
export interface ObjectScope {
  objectType: string;
  objectIds: string[];
}

// ---- ledger entries (kernel tables, read only here, except the payload erasure of LED-19) ----

/** An object's entries in a log, oldest first (its timeline, its evidence). */
export async function objectEntryRows(db: Executor, logId: string, objectType: string, objectId: string) {
  const rows = await ownTables<LedgerTables>(db)
    .selectFrom('ledger_entry')
    .selectAll()
    .where('log_id', '=', logId)
    .where('object_type', '=', objectType)
    .where('object_id', '=', objectId)
    .orderBy('object_version')
    .execute();
  return rows.map(withHeader);
}

/** LED-15: the entries in scope with their retention class, target state and time. */
export async function scopedEntryRows(db: Executor, logId: string, scope: ObjectScope) {
  return (
    await sql<{
      seq: number | null;
      event_id: string;
      object_type: string;
      object_id: string;
      retention_class: string;
      to_state: string | null;
      at: string;
    }>`SELECT seq, event_id, object_type, object_id, retention_class, header->>'toState' AS to_state, header->>'occurredAt' AS at
    FROM ledger_entry WHERE log_id = ${logId} AND object_type = ${scope.objectType} AND object_id = ANY(${scope.objectIds}::text[])
    ORDER BY object_id, object_version`.execute(db)
  ).rows;
}

/** The jurisdiction recorded on the first event of these objects that has one. */
export async function jurisdictionOfObjects(db: Executor, logId: string, scope: ObjectScope): Promise<string | null> {
  return (
    (
      await sql<{ j: string | null }>`SELECT jurisdiction_id::text AS j FROM event WHERE log_id = ${logId}
    AND object_type = ${scope.objectType} AND object_id = ANY(${scope.objectIds}::text[]) AND jurisdiction_id IS NOT NULL LIMIT 1`.execute(
        db,
      )
    ).rows[0]?.j ?? null
  );
}

/** LED-19: the payloads still retained in scope. */
export async function retainedPayloads(db: Executor, logId: string, scope: ObjectScope) {
  return (
    await sql<{ event_id: string; seq: number | null; payload_enc: Buffer | null }>`SELECT event_id, seq, payload_enc
      FROM ledger_entry WHERE log_id = ${logId}
      AND object_type = ${scope.objectType} AND object_id = ANY(${scope.objectIds}::text[]) AND payload_state = 'retained'`.execute(
      db,
    )
  ).rows;
}

/** LED-19: crypto-erasure of the given entries' payloads (payload, salt, data key); header and leaf stay. */
export async function erasePayloads(db: Executor, eventIds: string[]): Promise<void> {
  await sql`UPDATE ledger_entry SET payload_enc = NULL, payload_key_enc = NULL, payload_salt = ''::bytea, payload_state = 'erased'
    WHERE event_id = ANY(${eventIds}::uuid[])`.execute(db);
}

/** What a crypto-erasure left behind in scope (a verifier's residue count). */
export async function payloadResidue(db: Executor, logId: string, scope: ObjectScope): Promise<number> {
  return (
    await sql<{ n: number }>`SELECT count(*)::int AS n FROM ledger_entry WHERE log_id = ${logId}
      AND object_type = ${scope.objectType} AND object_id = ANY(${scope.objectIds}::text[])
      AND (payload_enc IS NOT NULL OR payload_key_enc IS NOT NULL OR payload_state <> 'erased')`.execute(db)
  ).rows[0]!.n;
}

/** The state changes of these objects in a log, in time order (decision 0061). */
export async function stateChangeRows(db: Executor, logId: string, basis: { objectType: string; objectId: string }[]) {
  const keys = sql.join(basis.map((b) => sql`(${b.objectType}::text, ${b.objectId}::text)`));
  const rows = (
    await sql<{
      event_id: string;
      object_type: string;
      object_id: string;
      header: unknown;
    }>`SELECT event_id, object_type, object_id, header
    FROM ledger_entry WHERE log_id = ${logId} AND (object_type, object_id) IN (${keys}) AND header->>'toState' IS NOT NULL
    ORDER BY header->>'occurredAt', object_version`.execute(db)
  ).rows;
  return rows.map(withHeader);
}

/** The newest checkpoints of a log from a tree size on (at most 100). */
export async function checkpointRows(db: Executor, logId: string, fromTreeSize: number): Promise<CheckpointRow[]> {
  return ownTables<LedgerTables>(db)
    .selectFrom('ledger_checkpoint')
    .selectAll()
    .where('log_id', '=', logId)
    .where('tree_size', '>=', fromTreeSize)
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
}

// ---- legal holds (LED-18) ----

export async function activeHoldRows(db: Executor, scope: ObjectScope) {
  return ownTables<LedgerTables>(db)
    .selectFrom('legal_hold')
    .select(['id', 'object_type', 'object_id', 'reason'])
    .where('active', '=', true)
    .where('object_type', '=', scope.objectType)
    .where('object_id', '=', sql<string>`ANY(${scope.objectIds}::text[])`)
    .execute();
}

export async function insertLegalHold(db: Executor, row: Insertable<LegalHoldTable>): Promise<void> {
  await ownTables<LedgerTables>(db).insertInto('legal_hold').values(row).execute();
}

/** A hold, locked for its release. */
export async function lockLegalHold(db: Executor, id: string): Promise<LegalHoldRow | undefined> {
  return ownTables<LedgerTables>(db)
    .selectFrom('legal_hold')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function releaseHold(db: Executor, id: string): Promise<void> {
  await ownTables<LedgerTables>(db)
    .updateTable('legal_hold')
    .set({ active: false, released_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

// ---- destruction records (LED-16..LED-19) ----

/** A record by id; `lock` takes its row lock for a change in the caller's transaction. */
export async function destructionRow(
  db: Executor,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<DestructionRow | undefined> {
  const q = ownTables<LedgerTables>(db).selectFrom('destruction_record').selectAll().where('id', '=', id);
  return (opts.lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function setApprovals(db: Executor, id: string, approvals: unknown[]): Promise<void> {
  await ownTables<LedgerTables>(db)
    .updateTable('destruction_record')
    .set({ approvals: JSON.stringify(approvals), updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** The records an actor may see (its org owns them, or it reads their jurisdiction), newest first. */
export async function visibleDestructionRows(
  db: Executor,
  who: { orgId: string | null; jurisdictionIds: string[] },
  state: string | undefined,
  limit: number,
): Promise<DestructionRow[]> {
  return (
    await sql<DestructionRow>`SELECT * FROM destruction_record
    WHERE (owner_org_id::text = ${who.orgId ?? ''} OR jurisdiction_id = ANY(${who.jurisdictionIds}::uuid[])) AND (${state ?? null}::text IS NULL OR state = ${state ?? null})
    ORDER BY created_at DESC LIMIT ${limit}`.execute(db)
  ).rows;
}

// ---- evidence packages (LED-10, LED-13) ----

export async function insertEvidencePackage(db: Executor, row: Insertable<EvidencePackageTable>): Promise<void> {
  await ownTables<LedgerTables>(db).insertInto('evidence_package').values(row).execute();
}

/** The earlier exports of an object's evidence, oldest first. */
export async function evidencePackagesOf(db: Executor, objectType: string, objectId: string) {
  return ownTables<LedgerTables>(db)
    .selectFrom('evidence_package')
    .select(['package_no', 'requested_by', 'purpose', 'built_at', 'ip'])
    .where('object_type', '=', objectType)
    .where('object_id', '=', objectId)
    .orderBy('built_at')
    .orderBy('id')
    .execute();
}

// ---- anchor receipts (LED-12) ----

export async function ensureAnchorReceipt(
  db: Executor,
  row: Pick<
    Insertable<AnchorReceiptTable>,
    'id' | 'anchor_name' | 'log_id' | 'tree_size' | 'root_hash' | 'submitted_at'
  >,
): Promise<AnchorReceiptRow> {
  const q = ownTables<LedgerTables>(db);
  await q
    .insertInto('anchor_receipt')
    .values({ ...row, status: 'pending' })
    .onConflict((oc) => oc.columns(['anchor_name', 'log_id', 'tree_size']).doNothing())
    .execute();
  return q
    .selectFrom('anchor_receipt')
    .selectAll()
    .where('anchor_name', '=', row.anchor_name)
    .where('log_id', '=', row.log_id)
    .where('tree_size', '=', row.tree_size)
    .executeTakeFirstOrThrow();
}

/** Records one anchoring attempt: its outcome, or the error (status unchanged unless given). */
export async function recordAnchorAttempt(
  db: Executor,
  id: string,
  outcome:
    | { status: string; externalTxId?: string | null; proofBlob?: string | null }
    | { error: string; status?: 'failed' },
): Promise<void> {
  const q = ownTables<LedgerTables>(db).updateTable('anchor_receipt');
  const attempt = { attempts: sql<number>`attempts + 1`, updated_at: sql<Date>`now()` };
  const set =
    'error' in outcome
      ? { ...attempt, last_error: outcome.error, ...(outcome.status ? { status: outcome.status } : {}) }
      : {
          ...attempt,
          status: outcome.status,
          external_tx_id: outcome.externalTxId ?? null,
          proof_blob: outcome.proofBlob ?? null,
          last_error: null,
        };
  await q.set(set).where('id', '=', id).execute();
}

/** Receipts not confirmed and submitted before `cutoff`, oldest first. */
export async function unconfirmedReceiptsBefore(db: Executor, cutoff: string) {
  return ownTables<LedgerTables>(db)
    .selectFrom('anchor_receipt')
    .select(['id', 'anchor_name', 'log_id', 'tree_size'])
    .where('status', '<>', 'confirmed')
    .where('submitted_at', '<', new Date(cutoff))
    .orderBy('submitted_at')
    .execute();
}

/** An anchor's unconfirmed receipts with their checkpoints, lowest tree size first. */
export async function unconfirmedReceiptCheckpoints(db: Executor, anchorName: string) {
  return (
    await sql<{
      id: string;
      log_id: string;
      tree_size: number;
      root_hash: string;
      note_text: string;
    }>`SELECT r.id, c.log_id, c.tree_size, c.root_hash, c.note_text FROM anchor_receipt r
    JOIN LATERAL (SELECT * FROM ledger_checkpoint c WHERE c.log_id = r.log_id AND c.tree_size = r.tree_size ORDER BY id DESC LIMIT 1) c ON true
    WHERE r.anchor_name = ${anchorName} AND r.status <> 'confirmed' ORDER BY r.tree_size`.execute(db)
  ).rows;
}

// ---- public ledger and object timelines (LED-03, LED-13) ----

/** The leaf of one sequenced entry (commitments only). */
export async function leafAtSeq(db: Executor, logId: string, seq: number) {
  return ownTables<LedgerTables>(db)
    .selectFrom('ledger_entry')
    .select(['leaf_hash', 'leaf_data'])
    .where('log_id', '=', logId)
    .where('seq', '=', seq)
    .executeTakeFirst();
}

/** An object's events in a log: how many, and how many the given org or jurisdictions took part in. */
export async function eventVisibility(
  db: Executor,
  logId: string,
  object: { type: string; id: string },
  who: { orgId: string; jurisdictionIds: string[] },
): Promise<{ n: number; visible: number }> {
  return (
    await sql<{ n: number; visible: number }>`SELECT count(*)::int AS n,
      count(*) FILTER (WHERE actor->>'orgId' = ${who.orgId} OR object_id = ${who.orgId}
        OR jurisdiction_id = ANY(${who.jurisdictionIds}::uuid[]))::int AS visible
    FROM event WHERE log_id = ${logId} AND object_type = ${object.type} AND object_id = ${object.id}`.execute(db)
  ).rows[0]!;
}

// ---- access logs (LED-21) and audit runs (LED-11) ----

/** The AccessLog seal entries in the audit log: one per sealed day (object id = the date). */
export async function accessLogSeals(db: Executor, auditLogId: string, date?: string) {
  let q = ownTables<LedgerTables>(db)
    .selectFrom('ledger_entry')
    .select(['object_id', 'payload_enc', 'payload_key_enc'])
    .where('log_id', '=', auditLogId)
    .where('object_type', '=', 'AccessLog');
  if (date !== undefined) q = q.where('object_id', '=', date);
  return q.execute();
}

export async function startAuditRun(db: Executor, id: string): Promise<void> {
  await ownTables<LedgerTables>(db).insertInto('ledger_audit_run').values({ id }).execute();
}

export async function finishAuditRun(db: Executor, id: string, clean: boolean, mismatches: unknown[]): Promise<void> {
  await sql`UPDATE ledger_audit_run SET finished_at = now(), clean = ${clean}, mismatches = ${JSON.stringify(mismatches)} WHERE id = ${id}`.execute(
    db,
  );
}

/** How many audits finished on a Shanghai calendar day (the daily audit runs once). */
export async function auditRunsFinishedOn(db: Executor, shanghaiDay: string): Promise<number> {
  return (
    await sql<{ n: number }>`SELECT count(*)::int AS n FROM ledger_audit_run
        WHERE finished_at IS NOT NULL AND to_char(started_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') = ${shanghaiDay}`.execute(
      db,
    )
  ).rows[0]!.n;
}
