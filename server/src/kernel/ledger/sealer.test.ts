import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, recordAudits, recordCreationAuditsAlone, type AuditRecord } from '../audit.js';
import { blobVersion } from '../crypto/key-version.js';
import { MasterKeyRing, openPayloadWith } from '../crypto/keyring.js';
import type { Database } from '../db/connection.js';
import { openTestDatabase } from '../db/testing.js';
import { createKernel, type Kernel } from '../kernel.js';
import { systemActor } from '../workflow/actor.js';
import { commitment, leafDataOf, leafHashOf, openPayload } from './entry.js';
import { sealedBatches } from './sealer.js';

let database: Database;
let k: Kernel;
const rec = (targetId: string): AuditRecord => ({
  action: 'test.sealer',
  actor: systemActor('t'),
  targetType: 'S',
  targetId,
  result: 'success',
  after: { n: targetId, 金额: 1200 },
});

interface StoredEntry {
  object_id: string;
  object_version: number;
  header: Parameters<typeof leafDataOf>[0];
  header_salt: Buffer;
  header_commitment: string;
  payload_salt: Buffer;
  payload_commitment: string;
  payload_enc: Buffer;
  payload_key_enc: Buffer;
  prev_object_leaf_hash: string | null;
  leaf_data: Buffer;
  leaf_hash: string;
}

async function entries(objectType: string): Promise<StoredEntry[]> {
  return (
    await sql<StoredEntry>`SELECT object_id, object_version, header, header_salt, header_commitment, payload_salt,
      payload_commitment, payload_enc, payload_key_enc, prev_object_leaf_hash, leaf_data, leaf_hash
    FROM ledger_entry WHERE object_type = ${objectType} ORDER BY object_id, object_version`.execute(k.db)
  ).rows;
}

/** Every commitment, the payload and the leaf check out against what is stored (LED-03). */
function expectSealedCorrectly(e: StoredEntry, masterKey: Buffer) {
  expect(commitment('sm3', e.header_salt, e.header)).toBe(e.header_commitment);
  const payload = openPayload<{ after: { n: string } }>(masterKey, e.payload_key_enc, e.payload_enc);
  expect(payload.after.n).toBe(e.object_id);
  expect(commitment('sm3', e.payload_salt, payload)).toBe(e.payload_commitment);
  expect(Buffer.from(e.leaf_data).equals(leafDataOf(e.header, e.header_commitment, e.payload_commitment))).toBe(true);
  expect(leafHashOf('sm3', e.leaf_data)).toBe(e.leaf_hash);
}

beforeAll(async () => {
  database = await openTestDatabase('bare');
  k = await createKernel(database);
  k.ledger.sealWorkerMinBatch = 3; // batches of 3 or more go to the worker
});
afterAll(() => database?.close());

describe('decision 0106: batches sealed on the worker thread', () => {
  it('chains, commits, encrypts and hashes exactly as sealing inline does (LED-02, LED-03)', async () => {
    const before = { ...sealedBatches };
    await k.db.transaction().execute((trx) => recordAudit(trx, k.ledger, rec('a'))); // inline: one event
    await k.db.transaction().execute((trx) => recordAudits(trx, k.ledger, ['a', 'b'].map(rec))); // inline: 2 < 3
    await k.db.transaction().execute((trx) => recordAudits(trx, k.ledger, ['a', 'b', 'a', 'a', 'b'].map(rec)));
    await recordCreationAuditsAlone(k.database, k.ledger, ['c', 'd', 'e'].map(rec), new Date(), []);
    expect(sealedBatches.worker - before.worker).toBe(2);
    expect(sealedBatches.inline - before.inline).toBe(1);
    const rows = await entries('S');
    expect(rows.map((r) => `${r.object_id}${r.object_version}`)).toEqual([
      'a1',
      'a2',
      'a3',
      'a4',
      'a5',
      'b1',
      'b2',
      'b3',
      'c1',
      'd1',
      'e1',
    ]);
    for (const [i, r] of rows.entries()) {
      expectSealedCorrectly(r, k.ledger.masterKey);
      const prev = rows[i - 1];
      expect(r.prev_object_leaf_hash).toBe(r.object_version === 1 ? null : prev!.leaf_hash);
    }
  });

  it('wraps data keys under the master-key version it is sent (decision 0103), and a wrong key opens nothing', async () => {
    const original = k.ledger.masterKey;
    const rotated = randomBytes(16);
    const ring = new MasterKeyRing([[2, rotated]]); // labels the key as version 2
    k.ledger.masterKey = rotated;
    try {
      await recordCreationAuditsAlone(
        k.database,
        k.ledger,
        ['r1', 'r2', 'r3'].map((id) => ({ ...rec(id), targetType: 'R' })),
        new Date(),
        [],
      );
    } finally {
      k.ledger.masterKey = original;
    }
    const rows = await entries('R');
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(blobVersion(r.payload_key_enc)).toBe(2);
      expect(openPayloadWith<{ after: { n: string } }>(ring, r.payload_key_enc, r.payload_enc).after.n).toBe(
        r.object_id,
      );
      let opened: unknown;
      try {
        opened = openPayload(original, r.payload_key_enc.subarray(4), r.payload_enc);
      } catch {
        opened = undefined;
      }
      expect(opened).toBeUndefined();
    }
  });

  it('an error while sealing on the worker fails that batch only, and the next batch seals', async () => {
    const bad = ['x1', 'x2', 'x3'].map((id) => ({ ...rec(id), targetType: 'X', after: { n: id, v: Number.NaN } }));
    await expect(recordCreationAuditsAlone(k.database, k.ledger, bad, new Date(), [])).rejects.toThrow(/non-finite/);
    expect(await entries('X')).toHaveLength(0);
    await recordCreationAuditsAlone(
      k.database,
      k.ledger,
      ['y1', 'y2', 'y3'].map((id) => ({ ...rec(id), targetType: 'Y' })),
      new Date(),
      [],
    );
    expect(await entries('Y')).toHaveLength(3);
  });
});
