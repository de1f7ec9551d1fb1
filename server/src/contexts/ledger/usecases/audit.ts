import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../../kernel/db/tables.js';
import { canonicalJson } from '../../../kernel/crypto/jcs.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { openPayloadWith } from '../../../kernel/crypto/keyring.js';
import { commitment, type EntryHeader, leafHashOf } from '../../../kernel/ledger/entry.js';
import { signatureRefusal } from '../../../kernel/ledger/checkpoint.js';
import { checkpointKeys } from '../../../kernel/ledger/keys.js';
import { hasherFor, MemoryTree, verifyConsistency } from '../../../kernel/ledger/merkle.js';
import { parseNote } from '../../../kernel/ledger/note.js';
import { systemActor } from '../../../kernel/workflow/actor.js';
import { allLifecycles } from '../../../kernel/workflow/lifecycle.js';
import { transition } from '../../../kernel/workflow/transition.js';
import { tableExists } from '../../../kernel/db/catalog.js';
import { checkAccessLogSeals } from './access-log.js';
import { auditAttested } from './audit-attested.js';
import { incidentLifecycle } from '../lifecycle.js';
import { type CheckpointRow, finishAuditRun, startAuditRun } from '../store.js';

/**
 * The tamper audit (LED-11): (a) leaves, stored nodes and checkpoint roots recomputed
 * from the leaf data; (b) header and retained payload commitments; (c) every object's
 * state and version against its last entry; (d) per-object links; (e) checkpoint
 * signatures and consistency. Also: every event has exactly one entry and they agree, and
 * attested rows (e.g. UsageRecords) agree with their audit entries (audit-attested.ts).
 */
export interface Mismatch {
  check: string;
  logId?: string;
  seq?: number | null;
  eventId?: string;
  object?: string;
  detail: string;
}
export interface AuditReport {
  runId: string;
  clean: boolean;
  mismatches: Mismatch[];
  entries: number;
  checkpoints: number;
  objects: number;
  incidentId?: string;
}

const PAGE = 5000;

export async function auditLedger(k: Kernel, opts: { openIncident?: boolean } = {}): Promise<AuditReport> {
  const runId = randomUUID();
  await startAuditRun(k.db, runId);
  const out: Mismatch[] = [];
  const logs = (
    await sql<{
      log_id: string;
    }>`SELECT log_id FROM ledger_log UNION SELECT DISTINCT log_id FROM ledger_entry ORDER BY 1`.execute(k.db)
  ).rows.map((r) => r.log_id);
  let entries = 0;
  let checkpoints = 0;
  for (const logId of logs) {
    const tree = await auditEntries(k, logId, out);
    entries += tree.size + tree.pendingChecked;
    await auditNodes(k.db, logId, tree, out);
    checkpoints += await auditCheckpoints(k, logId, tree, out);
  }
  await auditEvents(k.db, out);
  await auditLinks(k.db, out);
  const objects = (await auditObjects(k, out)) + (await auditAttested(k, out));
  for (const m of await checkAccessLogSeals(k))
    out.push({ check: 'access_log_seal', object: `AccessLog/${m.date}`, detail: m.detail });
  const report: AuditReport = { runId, clean: out.length === 0, mismatches: out, entries, checkpoints, objects };
  if (!report.clean && opts.openIncident !== false) report.incidentId = await openTamperingIncident(k, report);
  await finishAuditRun(k.db, runId, report.clean, out.slice(0, 1000));
  return report;
}

interface EntryRow {
  seq: number | null;
  event_id: string;
  log_id: string;
  leaf_data: Buffer;
  leaf_hash: string;
  /** The committed header as stored: what the audit checks, so nothing in it is assumed. */
  header: Partial<EntryHeader> | null;
  header_salt: Buffer;
  header_commitment: string;
  payload_commitment: string;
  payload_enc: Buffer | null;
  payload_key_enc: Buffer | null;
  payload_salt: Buffer;
  payload_state: string;
  object_type: string;
  object_id: string;
  object_version: number;
  prev_object_leaf_hash: string | null;
}

/** (a) + (b): per entry, in seq order; rebuilds the tree in memory from the leaf data. */
async function auditEntries(
  k: Kernel,
  logId: string,
  out: Mismatch[],
): Promise<MemoryTree & { pendingChecked: number }> {
  const log = (await sql<{ hash: 'sm3' | 'sha256' }>`SELECT hash FROM ledger_log WHERE log_id = ${logId}`.execute(k.db))
    .rows[0];
  const hash = log?.hash ?? k.ledger.hash;
  const tree = new MemoryTree(hasherFor(hash));
  for (let after = -1; ; ) {
    const rows = (
      await sql<EntryRow>`SELECT * FROM ledger_entry WHERE log_id = ${logId} AND seq > ${after} ORDER BY seq LIMIT ${PAGE}`.execute(
        k.db,
      )
    ).rows;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== tree.size) out.push({ check: 'seq_gap', logId, seq, detail: `expected seq ${tree.size}` });
      checkEntry(k, hash, r, out);
      tree.append(hasherFor(hash).leaf(r.leaf_data));
    }
    if (rows.length < PAGE) break;
    after = Number(rows.at(-1)!.seq);
  }
  const pending = (
    await sql<EntryRow>`SELECT * FROM ledger_entry WHERE log_id = ${logId} AND seq IS NULL`.execute(k.db)
  ).rows;
  for (const r of pending) checkEntry(k, hash, r, out);
  return Object.assign(tree, { pendingChecked: pending.length });
}

function checkEntry(k: Kernel, hash: 'sm3' | 'sha256', r: EntryRow, out: Mismatch[]) {
  const at = {
    logId: r.log_id,
    seq: r.seq === null ? null : Number(r.seq),
    eventId: r.event_id,
    object: `${r.object_type}/${r.object_id}`,
  };
  if (leafHashOf(hash, r.leaf_data) !== r.leaf_hash)
    out.push({ ...at, check: 'leaf_hash', detail: 'H(0x00‖leafData) differs from the stored leaf hash' });
  let leaf: unknown = null;
  try {
    leaf = JSON.parse(r.leaf_data.toString('utf8'));
  } catch {
    /* reported below */
  }
  const h: Partial<EntryHeader> = r.header ?? {};
  const expected = {
    logId: r.log_id,
    eventId: r.event_id,
    occurredAt: h.occurredAt,
    schemaVersion: h.schemaVersion,
    headerCommitment: r.header_commitment,
    payloadCommitment: r.payload_commitment,
  };
  if (
    !leaf ||
    canonicalJson(leaf) !== canonicalJson(expected) ||
    canonicalJson(leaf) !== r.leaf_data.toString('utf8')
  ) {
    out.push({
      ...at,
      check: 'leaf_data',
      detail: 'leaf data does not match the entry (JCS of logId, eventId, occurredAt, schemaVersion, commitments)',
    });
  }
  if (commitment(hash, r.header_salt, h) !== r.header_commitment)
    out.push({ ...at, check: 'header_commitment', detail: 'H(headerSalt‖JCS(header)) differs' });
  const hv = {
    eventId: h.eventId,
    logId: h.logId,
    objectType: h.objectType,
    objectId: h.objectId,
    objectVersion: h.objectVersion,
    prev: h.prevObjectLeafHash ?? null,
  };
  if (
    canonicalJson(hv) !==
    canonicalJson({
      eventId: r.event_id,
      logId: r.log_id,
      objectType: r.object_type,
      objectId: r.object_id,
      objectVersion: r.object_version,
      prev: r.prev_object_leaf_hash,
    })
  ) {
    out.push({ ...at, check: 'header_columns', detail: 'entry columns differ from its committed header' });
  }
  if (r.payload_state === 'retained') {
    try {
      const payload = openPayloadWith(k.secrets.masterKeys, r.payload_key_enc!, r.payload_enc!);
      if (commitment(hash, r.payload_salt, payload) !== r.payload_commitment)
        out.push({ ...at, check: 'payload_commitment', detail: 'H(payloadSalt‖JCS(payload)) differs' });
    } catch {
      out.push({ ...at, check: 'payload_commitment', detail: 'retained payload cannot be decrypted' });
    }
  }
}

/** (a) every stored node equals the node recomputed from the leaves. */
async function auditNodes(db: Executor, logId: string, tree: MemoryTree, out: Mismatch[]) {
  const size =
    (await sql<{ tree_size: number }>`SELECT tree_size FROM ledger_log WHERE log_id = ${logId}`.execute(db)).rows[0]
      ?.tree_size ?? 0;
  if (Number(size) !== tree.size)
    out.push({ check: 'tree_size', logId, detail: `log says ${size} leaves, ${tree.size} sequenced entries found` });
  let seen = 0;
  for (let lvl = 0, after = -1; ; ) {
    const rows = (
      await sql<{ level: number; idx: number; hash: Buffer }>`SELECT level, idx, hash FROM ledger_node
      WHERE log_id = ${logId} AND (level, idx) > (${lvl}, ${after}) ORDER BY level, idx LIMIT ${PAGE}`.execute(db)
    ).rows;
    for (const n of rows) {
      seen++;
      const mine = tree.levels[n.level]?.[Number(n.idx)];
      if (!mine || !mine.equals(Buffer.from(n.hash)))
        out.push({
          check: 'tree_node',
          logId,
          detail: `stored node (${n.level}, ${n.idx}) differs from the recomputed tree`,
        });
    }
    if (rows.length < PAGE) break;
    lvl = rows.at(-1)!.level;
    after = Number(rows.at(-1)!.idx);
  }
  const expected = tree.levels.reduce((s, l) => s + l.filter(Boolean).length, 0);
  if (seen !== expected) out.push({ check: 'tree_node', logId, detail: `${seen} stored nodes, ${expected} expected` });
}

/** (a) roots at checkpoints; (e) signatures, note body vs columns, and consistency with the previous one. */
async function auditCheckpoints(k: Kernel, logId: string, tree: MemoryTree, out: Mismatch[]): Promise<number> {
  const rows = (
    await sql<CheckpointRow>`SELECT * FROM ledger_checkpoint WHERE log_id = ${logId} ORDER BY id`.execute(k.db)
  ).rows;
  const log = logId.slice(logId.lastIndexOf('/') + 1).replace(/-(sm3|sha256)$/, '');
  // Each checkpoint verifies with the key it names, across rollovers (decision 0102).
  const keys = await checkpointKeys(k.db, k);
  let prev: CheckpointRow | null = null;
  for (const c of rows) {
    const at = { logId, seq: null, detail: '' };
    const size = Number(c.tree_size);
    const refusal = signatureRefusal(k, log, c.note_text, keys);
    if (refusal)
      out.push({
        ...at,
        check: 'checkpoint_signature',
        detail: `checkpoint ${c.id} (size ${size}) signature invalid: ${refusal}`,
      });
    try {
      const p = parseNote(c.note_text).checkpoint;
      if (p.origin !== logId || p.treeSize !== size || p.rootHash.toString('hex') !== c.root_hash)
        out.push({ ...at, check: 'checkpoint_body', detail: `checkpoint ${c.id} note differs from its columns` });
    } catch {
      out.push({ ...at, check: 'checkpoint_body', detail: `checkpoint ${c.id} note is malformed` });
    }
    if (size > tree.size)
      out.push({
        ...at,
        check: 'checkpoint_root',
        detail: `checkpoint ${c.id} size ${size} exceeds the log (${tree.size})`,
      });
    else if (tree.root(size).toString('hex') !== c.root_hash)
      out.push({
        ...at,
        check: 'checkpoint_root',
        detail: `checkpoint ${c.id} root differs from the root recomputed at size ${size}`,
      });
    if (prev) {
      const proof = (c.consistency_proof as string[]).map((x) => Buffer.from(x, 'hex'));
      const ok =
        Number(c.prev_tree_size) === Number(prev.tree_size) &&
        verifyConsistency(
          tree.h,
          Number(prev.tree_size),
          size,
          Buffer.from(prev.root_hash, 'hex'),
          Buffer.from(c.root_hash, 'hex'),
          proof,
        );
      if (!ok)
        out.push({
          ...at,
          check: 'checkpoint_consistency',
          detail: `checkpoint ${c.id} is not consistent with checkpoint ${prev.id}`,
        });
    }
    prev = c;
  }
  return rows.length;
}

/** LED-01: each event has exactly one entry, and the event row agrees with the committed header. */
/** An event row beside its entry's header (none when the event has no entry). */
interface EventWithEntry {
  id: string;
  log_id: string;
  object_type: string;
  object_id: string;
  object_version: number;
  event_type: string;
  from_state: string | null;
  to_state: string | null;
  actor: unknown;
  occurred_at: Date;
  tx_id: string;
  header: Partial<EntryHeader> | null;
  entry_id: string | null;
}

async function auditEvents(db: Executor, out: Mismatch[]) {
  for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
    const rows = (
      await sql<EventWithEntry>`SELECT e.*, l.header, l.event_id AS entry_id FROM event e LEFT JOIN ledger_entry l ON l.event_id = e.id
      WHERE e.id > ${after} ORDER BY e.id LIMIT ${PAGE}`.execute(db)
    ).rows;
    for (const e of rows) {
      const at = { eventId: e.id, object: `${e.object_type}/${e.object_id}` };
      if (!e.entry_id) {
        out.push({ ...at, check: 'event_without_entry', detail: 'event has no ledger entry' });
        continue;
      }
      const h = e.header ?? {};
      const fromEvent = {
        logId: e.log_id,
        objectType: e.object_type,
        objectId: e.object_id,
        objectVersion: e.object_version,
        eventType: e.event_type,
        fromState: e.from_state,
        toState: e.to_state,
        actor: e.actor,
        occurredAt: new Date(e.occurred_at).toISOString(),
        txId: e.tx_id,
      };
      const fromHeader = {
        logId: h.logId,
        objectType: h.objectType,
        objectId: h.objectId,
        objectVersion: h.objectVersion,
        eventType: h.eventType,
        fromState: h.fromState,
        toState: h.toState,
        actor: h.actor,
        occurredAt: h.occurredAt,
        txId: h.txId,
      };
      if (canonicalJson(fromEvent) !== canonicalJson(fromHeader))
        out.push({ ...at, check: 'event_row', detail: 'event row differs from its committed ledger header' });
    }
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.id;
  }
}

/** (d) per object and log: versions 1..n without holes, each prev link = the previous leaf hash. */
async function auditLinks(db: Executor, out: Mismatch[]) {
  const rows = (
    await sql<{
      event_id: string;
      log_id: string;
      object_type: string;
      object_id: string;
      object_version: number;
      leaf_hash: string;
      prev_object_leaf_hash: string | null;
      prev_leaf: string | null;
      prev_version: number | null;
    }>`SELECT event_id, log_id, object_type, object_id, object_version, leaf_hash, prev_object_leaf_hash,
      lag(leaf_hash) OVER w AS prev_leaf, lag(object_version) OVER w AS prev_version
    FROM ledger_entry WINDOW w AS (PARTITION BY log_id, object_type, object_id ORDER BY object_version)`.execute(db)
  ).rows;
  for (const r of rows) {
    const at = { logId: r.log_id, eventId: r.event_id, object: `${r.object_type}/${r.object_id}` };
    const expectedVersion = r.prev_version === null ? 1 : r.prev_version + 1;
    if (r.object_version !== expectedVersion)
      out.push({
        ...at,
        check: 'object_version',
        detail: `version ${r.object_version} follows ${r.prev_version ?? 'nothing'}`,
      });
    if ((r.prev_object_leaf_hash ?? null) !== (r.prev_leaf ?? null))
      out.push({
        ...at,
        check: 'object_link',
        detail: `prevObjectLeafHash does not link to the previous entry (v${r.object_version})`,
      });
  }
}

/**
 * (c) every lifecycle table's rows: state and version equal the object's state changes in the
 * ledger. A User's or ApiKey's chain (in the `audit` log) also holds audit-only entries (logins,
 * denials, key use) that carry the object but no state (toState null): they are links of the
 * chain (checked by (d)), not state changes. So the row's state is the last entry WITH a state,
 * and its version (1 at creation, +1 per transition) the number of such entries.
 */
async function auditObjects(k: Kernel, out: Mismatch[]): Promise<number> {
  const db = k.db;
  let n = 0;
  for (const lc of allLifecycles()) {
    if (!(await tableExists(db, lc.table))) continue;
    // The lifecycle's log under any origin: an object found only under another origin is still reported by (d).
    const logPattern = `%/${lc.log ?? 'main'}-${k.ledger.hash}`;
    const rows = (
      await sql<{
        id: string;
        state: string;
        version: number;
        entries: number | null;
        changes: number | null;
        last_state: string | null;
      }>`SELECT o.id::text AS id, o.state, o.version, l.entries, l.changes, l.last_state
      FROM ${sql.table(lc.table)} o
      LEFT JOIN LATERAL (SELECT count(*)::int AS entries, count(*) FILTER (WHERE header->>'toState' IS NOT NULL)::int AS changes,
          (array_agg(header->>'toState' ORDER BY object_version DESC) FILTER (WHERE header->>'toState' IS NOT NULL))[1] AS last_state
        FROM ledger_entry WHERE object_type = ${lc.objectType} AND object_id = o.id::text AND log_id LIKE ${logPattern}) l ON true`.execute(
        db,
      )
    ).rows;
    for (const r of rows) {
      n++;
      const at = { object: `${lc.objectType}/${r.id}` };
      if (!r.entries) out.push({ ...at, check: 'object_state', detail: 'object has no ledger entry' });
      else if (r.state !== r.last_state || r.version !== r.changes)
        out.push({
          ...at,
          check: 'object_state',
          detail: `row is ${r.state} v${r.version}, its ledger entries say ${r.last_state} after ${r.changes} state changes`,
        });
    }
  }
  return n;
}

/** LED-11: a mismatch opens a `tampering` Incident (through the one transition path). */
async function openTamperingIncident(k: Kernel, report: AuditReport): Promise<string> {
  const id = randomUUID();
  const details = {
    auditRunId: report.runId,
    count: report.mismatches.length,
    mismatches: report.mismatches.slice(0, 100),
  };
  await k.db.transaction().execute((trx) =>
    transition(trx, k.workflow, {
      lifecycle: incidentLifecycle,
      action: 'open_tampering',
      actor: systemActor('ledger-audit'),
      object: null,
      subject: { type: 'Incident' },
      values: { id, type: 'tampering', details: JSON.stringify(details) },
      payload: details,
    }),
  );
  return id;
}
