import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLedger } from '../contexts/ledger/usecases/audit.js';
import { pseudonym, token } from '../contexts/sandbox/masking/methods.js';
import { openSealed, resultKey, sealFile } from '../contexts/sandbox/results/vault.js';
import { grantKeys } from '../contexts/sandbox/usecases/masked-views.js';
import { blobVersion } from '../kernel/crypto/key-version.js';
import { openPayloadWith } from '../kernel/crypto/keyring.js';
import { createKernel, type Kernel } from '../kernel/kernel.js';
import { integrate } from '../kernel/ledger/sequencer.js';
import { startTestApp, type TestApp } from '../test/harness.js';
import { rotateMasterKey } from './keys.js';
import { blobsNotCurrent, columnName, WRAPPED_COLUMNS, type WrappedColumn } from './rewrap.js';

// Issue 21 key rotation, decision 0103: data written before a master-key rotation reads after it — a wrapped data
// key (ledger payloads, workspace result keys), an SM4-encrypted result and field, a token and a pseudonym — while
// the server keeps serving; both steps are ledger events.
interface Sample {
  c: WrappedColumn;
  id: string;
  plain: Buffer;
}

async function blobOf(k: Kernel, c: WrappedColumn, id: string): Promise<Buffer> {
  const value = c.jsonKey ? sql`${sql.ref(c.column)}->>${c.jsonKey}` : sql.ref(c.column);
  const r = (
    await sql<{ v: Buffer | string }>`SELECT ${value} AS v FROM ${sql.table(c.table)}
      WHERE ${sql.ref(c.id)} = CAST(${id} AS uuid)`.execute(k.db)
  ).rows[0]!;
  return typeof r.v === 'string' ? Buffer.from(r.v, 'base64') : r.v;
}

const open = (k: Kernel, c: WrappedColumn, blob: Buffer) =>
  c.kind === 'wrap' ? k.secrets.masterKeys.unwrap(blob) : k.secrets.masterKeys.decrypt(blob);

async function samples(k: Kernel): Promise<Sample[]> {
  const out: Sample[] = [];
  for (const c of WRAPPED_COLUMNS) {
    const value = c.jsonKey ? sql`${sql.ref(c.column)}->>${c.jsonKey}` : sql.ref(c.column);
    const row = (
      await sql<{ id: string }>`SELECT ${sql.ref(c.id)}::text AS id FROM ${sql.table(c.table)}
        WHERE ${value} IS NOT NULL LIMIT 1`.execute(k.db)
    ).rows[0];
    if (row) out.push({ c, id: row.id, plain: open(k, c, await blobOf(k, c, row.id)) });
  }
  return out;
}

interface Workspace {
  id: string;
  grant_id: string;
  key_enc: Buffer;
}
const workspace = async (k: Kernel, id?: string) =>
  (
    await sql<Workspace>`SELECT id, grant_id, key_enc FROM sandbox_workspace
      WHERE key_enc IS NOT NULL ${id ? sql`AND id = ${id}` : sql``} ORDER BY id LIMIT 1`.execute(k.db)
  ).rows[0]!;

describe('master-key rotation by re-wrap (issue 21, decision 0103)', () => {
  let t: TestApp;
  let k: Kernel;
  let before: Sample[];
  let ws: Workspace;
  let masked: { pseudonym: string; token: string };
  let payload: { eventId: string; value: unknown };
  const dir = mkdtempSync(join(tmpdir(), 'shuyun-rot-'));
  const readsDuring: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    k = t.kernel;
    ws = await workspace(k);
    const keys = grantKeys(k, ws);
    masked = { pseudonym: pseudonym(keys, '440301199001011234'), token: token(keys, '91440300MA5XXXXX0A') };
    // An SM4-encrypted result sealed under the Workspace's wrapped result key.
    writeFileSync(join(dir, 'result.csv'), 'district,count\n罗湖,42\n');
    await sealFile(await resultKey(k, k.db, ws.id), join(dir, 'result.csv'), join(dir, 'result.sealed'));
    const e = (
      await sql<{ event_id: string; payload_key_enc: Buffer; payload_enc: Buffer }>`SELECT event_id, payload_key_enc,
        payload_enc FROM ledger_entry WHERE payload_state = 'retained' AND payload_enc IS NOT NULL LIMIT 1`.execute(
        k.db,
      )
    ).rows[0]!;
    payload = { eventId: e.event_id, value: openPayloadWith(k.secrets.masterKeys, e.payload_key_enc, e.payload_enc) };
    before = await samples(k);
    // Reads go on while the sweep runs (small batches, so it takes many transactions).
    const reading = (async () => {
      for (let i = 0; i < 20; i++) {
        const w = await workspace(k, ws.id);
        readsDuring.push(pseudonym(grantKeys(k, w), '440301199001011234'));
        await new Promise((r) => setImmediate(r));
      }
    })();
    await Promise.all([rotateMasterKey(k, { batchSize: 50 }), reading]);
  }, 300_000);

  afterAll(async () => {
    await t?.close();
  });

  it('found a blob of each kind the demo holds before rotating', () => {
    const cols = before.map((s) => columnName(s.c));
    for (const c of [
      'ledger_entry.payload_key_enc',
      'sandbox_workspace.key_enc',
      'sandbox_workspace.result_key_wrapped',
    ])
      expect(cols).toContain(c);
  });

  it('re-wraps every blob under version 2 and each still opens to the same data key or value', async () => {
    expect(k.secrets.masterKeys.current).toBe(2);
    expect(await blobsNotCurrent(k.db, k.secrets.masterKeys)).toEqual({});
    for (const s of before) {
      const blob = await blobOf(k, s.c, s.id);
      expect(blobVersion(blob), columnName(s.c)).toBe(2);
      expect(open(k, s.c, blob), columnName(s.c)).toEqual(s.plain);
    }
  });

  it('pseudonyms and tokens stay the same (the derivation key is re-wrapped, not re-derived), during and after', async () => {
    expect(new Set(readsDuring)).toEqual(new Set([masked.pseudonym]));
    const keys = grantKeys(k, await workspace(k, ws.id));
    expect(pseudonym(keys, '440301199001011234')).toBe(masked.pseudonym);
    expect(token(keys, '91440300MA5XXXXX0A')).toBe(masked.token);
  });

  it('a result sealed before opens after, and a ledger payload written before reads after', async () => {
    await openSealed(await resultKey(k, k.db, ws.id), join(dir, 'result.sealed'), join(dir, 'result.out'));
    expect(readFileSync(join(dir, 'result.out'), 'utf8')).toBe('district,count\n罗湖,42\n');
    const e = (
      await sql<{ payload_key_enc: Buffer; payload_enc: Buffer }>`SELECT payload_key_enc, payload_enc FROM ledger_entry
        WHERE event_id = ${payload.eventId}`.execute(k.db)
    ).rows[0]!;
    expect(blobVersion(e.payload_key_enc)).toBe(2);
    expect(openPayloadWith(k.secrets.masterKeys, e.payload_key_enc, e.payload_enc)).toEqual(payload.value);
  });

  it('after a restart (a new kernel on the same database) everything reads the same', async () => {
    const k2 = await createKernel(t.database);
    expect(k2.secrets.masterKeys.versions()).toEqual([1, 2]);
    expect(k2.secrets.derivationKey).toEqual(k.secrets.derivationKey);
    expect(pseudonym(grantKeys(k2, await workspace(k2, ws.id)), '440301199001011234')).toBe(masked.pseudonym);
    for (const s of before) expect(open(k2, s.c, await blobOf(k2, s.c, s.id))).toEqual(s.plain);
  });

  it('is recorded as ledger events (MasterKeyRotation started, completed) and the ledger audits clean', async () => {
    const types = (
      await sql<{ t: string }>`SELECT header->>'eventType' AS t FROM ledger_entry
        WHERE object_type = 'MasterKeyRotation' ORDER BY created_at`.execute(k.db)
    ).rows.map((r) => r.t);
    expect(types).toEqual(['MasterKeyRotation.started', 'MasterKeyRotation.completed']);
    await integrate(k, 'main');
    await integrate(k, 'audit');
    const report = await auditLedger(k);
    expect(report.mismatches).toEqual([]);
  }, 300_000);

  it('the append-only guard still refuses changing a payload itself (only its key may be re-wrapped)', async () => {
    await expect(
      sql`UPDATE ledger_entry SET payload_enc = ${Buffer.alloc(32)} WHERE event_id = ${payload.eventId}`.execute(k.db),
    ).rejects.toThrow(/only be erased or its key re-wrapped/);
  });

  it('GET /ledger/public-keys answers anonymously with the key chain', async () => {
    const r = await t.anonymous.get('/api/v1/ledger/public-keys');
    expect(r.statusCode).toBe(200);
    expect(r.json().keys[0].state).toBe('active');
  });
});
