import { sql } from 'kysely';
import { blobVersion } from '../kernel/crypto/key-version.js';
import type { MasterKeyRing } from '../kernel/crypto/keyring.js';
import type { Executor } from '../kernel/db/tables.js';
import { DERIVATION_KEY_SECRET } from '../kernel/secrets.js';

/**
 * Every place a blob protected by the master key lives (decision 0103). The key custodian sweeps
 * them all through this one list instead of through each context's store: re-wrapping changes no
 * business state, only which master-key version protects the same data key or value. A new column
 * holding a master-key blob must be added here (rewrap.test.ts fails on a bytea `*_enc` /
 * `*_wrapped` column missing from the list).
 */
export interface WrappedColumn {
  /** Owning context, for the operator's report. */
  owner: string;
  table: string;
  id: string;
  column: string;
  /** `wrap`: a 16-byte data key (one block); `encrypt`: SM4-CBC of a longer key or a value. */
  kind: 'wrap' | 'encrypt';
  /** Set when the blob is base64 text at this key of a jsonb column. */
  jsonKey?: string;
}

export const WRAPPED_COLUMNS: readonly WrappedColumn[] = [
  { owner: 'ledger', table: 'ledger_entry', id: 'event_id', column: 'payload_key_enc', kind: 'wrap' },
  { owner: 'ledger', table: 'ledger_signing_key', id: 'id', column: 'private_key_enc', kind: 'encrypt' },
  { owner: 'sandbox', table: 'sandbox_workspace', id: 'id', column: 'key_enc', kind: 'encrypt' },
  { owner: 'sandbox', table: 'sandbox_workspace', id: 'id', column: 'result_key_wrapped', kind: 'wrap' },
  { owner: 'rights', table: 'rights_registry_key', id: 'registry_org_id', column: 'private_key_enc', kind: 'encrypt' },
  { owner: 'identity', table: 'organization', id: 'id', column: 'person_id_number_enc', kind: 'encrypt' },
  {
    owner: 'identity',
    table: 'organization',
    id: 'id',
    column: 'legal_rep',
    kind: 'encrypt',
    jsonKey: 'idNumberEnc',
  },
  { owner: 'identity', table: 'app_user', id: 'id', column: 'id_number_enc', kind: 'encrypt' },
  { owner: 'identity', table: 'app_user', id: 'id', column: 'totp_secret_enc', kind: 'encrypt' },
];

export const columnName = (c: WrappedColumn) => `${c.table}.${c.column}${c.jsonKey ? `.${c.jsonKey}` : ''}`;

interface Blob {
  id: string;
  blob: Buffer;
}

// Every id column of the list is a uuid: batches walk the primary-key index in order.
async function readBatch(db: Executor, c: WrappedColumn, after: string | null, size: number, lock: boolean) {
  const id = sql.ref(c.id);
  const value = c.jsonKey ? sql`${sql.ref(c.column)}->>${c.jsonKey}` : sql.ref(c.column);
  const rows = (
    await sql<{ id: string; v: Buffer | string }>`SELECT ${id}::text AS id, ${value} AS v FROM ${sql.table(c.table)}
      WHERE ${value} IS NOT NULL ${after === null ? sql`` : sql`AND ${id} > CAST(${after} AS uuid)`}
      ORDER BY ${id} LIMIT ${size} ${lock ? sql`FOR UPDATE` : sql``}`.execute(db)
  ).rows;
  return rows.map((r): Blob => ({ id: r.id, blob: typeof r.v === 'string' ? Buffer.from(r.v, 'base64') : r.v }));
}

async function writeBlob(trx: Executor, c: WrappedColumn, row: string, blob: Buffer): Promise<void> {
  const set = c.jsonKey
    ? sql`${sql.ref(c.column)} = jsonb_set(${sql.ref(c.column)}, ${`{${c.jsonKey}}`}::text[], to_jsonb(${blob.toString('base64')}::text))`
    : sql`${sql.ref(c.column)} = ${blob}`;
  await sql`UPDATE ${sql.table(c.table)} SET ${set} WHERE ${sql.ref(c.id)} = CAST(${row} AS uuid)`.execute(trx);
}

/**
 * Re-wraps one column under the ring's current version, batch by batch, each batch one transaction
 * holding its rows (FOR UPDATE), so a concurrent writer waits for the batch rather than losing its
 * write; the server keeps serving. Returns how many blobs moved.
 */
export async function rewrapColumn(
  db: Executor,
  ring: MasterKeyRing,
  c: WrappedColumn,
  batchSize: number,
): Promise<number> {
  let after: string | null = null;
  let moved = 0;
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      const rows = await readBatch(trx, c, after, batchSize, true);
      for (const r of rows) {
        const next = ring.rewrap(r.blob, c.kind);
        if (next) await writeBlob(trx, c, r.id, next);
        if (next) moved++;
      }
      return rows;
    });
    if (batch.length < batchSize) return moved;
    after = batch.at(-1)!.id;
  }
}

/** The derivation key (kernel_secret) moves under the current version too. */
export async function rewrapDerivationKey(db: Executor, ring: MasterKeyRing): Promise<number> {
  const row = (
    await sql<{ value: string }>`SELECT value FROM kernel_secret WHERE name = ${DERIVATION_KEY_SECRET}`.execute(db)
  ).rows[0];
  const next = row ? ring.rewrap(Buffer.from(row.value, 'hex'), 'wrap') : null;
  if (!next) return 0;
  await sql`UPDATE kernel_secret SET value = ${next.toString('hex')} WHERE name = ${DERIVATION_KEY_SECRET}`.execute(db);
  return 1;
}

/** Blobs still under a version other than the current one (0 after a completed rotation). */
export async function blobsNotCurrent(db: Executor, ring: MasterKeyRing): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const c of WRAPPED_COLUMNS) {
    let after: string | null = null;
    let n = 0;
    for (;;) {
      const rows = await readBatch(db, c, after, 5000, false);
      n += rows.filter((r) => blobVersion(r.blob) !== ring.current).length;
      if (rows.length < 5000) break;
      after = rows.at(-1)!.id;
    }
    if (n) out[columnName(c)] = n;
  }
  return out;
}
