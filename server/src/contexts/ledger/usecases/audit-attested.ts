import { sql } from 'kysely';
import type { Executor } from '../../../kernel/db/tables.js';
import { openPayloadWith } from '../../../kernel/crypto/keyring.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { tableExists } from '../../../kernel/db/catalog.js';
import { logIdFor } from '../../../kernel/ledger/append.js';
import { attestedTables, type AttestedTable } from '../../../kernel/ledger/attested.js';
import type { Mismatch } from './audit.js';

const PAGE = 5000;

/** An attested row beside its first audit entry (none when the LEFT JOIN found nothing). */
interface AttestedRow {
  id: string;
  cols: Record<string, unknown>;
  since: Date | string;
  event_id: string | null;
  payload_state: string | null;
  payload_enc: Buffer | null;
  payload_key_enc: Buffer | null;
}

/**
 * LED-11 for attested rows (kernel/ledger/attested.ts): each row has its entry and agrees with
 * the entry's payload; each entry still has its row. Both passes walk an index (the row's
 * primary key, the entries' object index), so the audit stays linear in the table size.
 * Attested tables have uuid ids (the entry's object id).
 */
export async function auditAttested(k: Kernel, out: Mismatch[]): Promise<number> {
  let n = 0;
  const logId = logIdFor(k.ledger, 'audit');
  for (const t of attestedTables()) {
    if (!(await tableExists(k.db, t.table))) continue;
    n += await rowsAgainstEntries(k, t, logId, out);
    await entriesWithoutRows(k.db, t, logId, out);
  }
  return n;
}

async function rowsAgainstEntries(k: Kernel, t: AttestedTable, logId: string, out: Mismatch[]): Promise<number> {
  const cols = Object.entries(t.fields).map(([key, col]) => sql`${key}::text, ${sql.ref(`r.${col}`)}`);
  const first =
    (
      await sql<{
        at: Date | null;
      }>`SELECT min(occurred_at) AS at FROM event WHERE log_id = ${logId} AND object_type = ${t.objectType}`.execute(
        k.db,
      )
    ).rows[0]?.at ?? null;
  let n = 0;
  for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
    const rows = (
      await sql<AttestedRow>`SELECT r.id::text AS id, jsonb_build_object(${sql.join(cols)}) AS cols, ${sql.ref(`r.${t.since}`)} AS since,
        l.event_id, l.payload_state, l.payload_enc, l.payload_key_enc
      FROM ${sql.table(t.table)} r
      LEFT JOIN ledger_entry l ON l.log_id = ${logId} AND l.object_type = ${t.objectType} AND l.object_id = r.id::text AND l.object_version = 1
      WHERE ${sql.raw(t.where)} AND r.id > ${after}::uuid ORDER BY r.id LIMIT ${PAGE}`.execute(k.db)
    ).rows;
    for (const r of rows) {
      n++;
      const at = { object: `${t.objectType}/${r.id}`, eventId: r.event_id ?? undefined };
      if (!r.event_id) {
        // Rows written before the first attesting entry (under 0053) predate attestation.
        if (first && new Date(r.since) >= first)
          out.push({ ...at, check: 'attested_row_without_entry', detail: `${t.table} row has no audit entry` });
        continue;
      }
      if (r.payload_state !== 'retained') continue; // crypto-erased after retention: presence is all that is left to check
      const differs = compare(k, r, t);
      if (differs)
        out.push({ ...at, check: 'attested_row', detail: `${t.table} row differs from its audit entry: ${differs}` });
    }
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.id;
  }
  return n;
}

function compare(k: Kernel, r: AttestedRow, t: AttestedTable): string | null {
  let after: Record<string, unknown>;
  try {
    after =
      openPayloadWith<{ after?: Record<string, unknown> }>(k.secrets.masterKeys, r.payload_key_enc!, r.payload_enc!)
        .after ?? {};
  } catch {
    return 'entry payload cannot be decrypted';
  }
  const bad = Object.keys(t.fields).filter((key) => String(after[key] ?? '') !== String(r.cols[key] ?? ''));
  return bad.length ? bad.join(', ') : null;
}

async function entriesWithoutRows(db: Executor, t: AttestedTable, logId: string, out: Mismatch[]) {
  for (let after = ''; ; ) {
    const rows = (
      await sql<{ object_id: string; event_id: string; found: boolean }>`SELECT l.object_id, l.event_id,
        EXISTS (SELECT 1 FROM ${sql.table(t.table)} r WHERE r.id = l.object_id::uuid) AS found
      FROM ledger_entry l WHERE l.object_type = ${t.objectType} AND l.object_id > ${after} AND l.log_id = ${logId}
      ORDER BY l.object_type, l.object_id LIMIT ${PAGE}`.execute(db)
    ).rows;
    for (const r of rows)
      if (!r.found)
        out.push({
          object: `${t.objectType}/${r.object_id}`,
          eventId: r.event_id,
          check: 'attested_row_missing',
          detail: `the audit entry's ${t.table} row is gone`,
        });
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.object_id;
  }
}
