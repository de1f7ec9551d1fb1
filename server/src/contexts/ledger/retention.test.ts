import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.js';
import type { Database } from '../../kernel/db/connection.js';
import { openTestDatabase } from '../../kernel/db/testing.js';
import { createKernel, type Kernel } from '../../kernel/kernel.js';
import { loadProfile } from '../../kernel/profiles/index.js';
import { systemActor, type Actor } from '../../kernel/workflow/actor.js';
import { definePermissions } from '../../kernel/workflow/authorize.js';
import { defineLifecycle, NEW } from '../../kernel/workflow/lifecycle.js';
import { transition } from '../../kernel/workflow/transition.js';
import { jid, oid, uid } from '../../seed/identity.js';
import { auditLedger } from './usecases/audit.js';
import {
  approveDestruction,
  executeDestruction,
  placeLegalHold,
  proposeDestruction,
  verifyDestruction,
} from './usecases/retention.js';
import { eligibleFrom } from './rules.js';
import { flushLog, inclusion } from './usecases/public-ledger.js';
import { hasherFor, verifyInclusion } from '../../kernel/ledger/merkle.js';
import { latestCheckpoint } from '../../kernel/ledger/checkpoint.js';

definePermissions({
  'rettest.write': { kind: 'write', roles: ['system'], actors: ['system'], relationships: ['any'] },
});
const tempThing = defineLifecycle({
  objectType: 'TempThing',
  table: 'ret_test_thing',
  retentionClass: 'temporary',
  states: ['open', 'closed'],
  transitions: {
    create: { from: [NEW], to: 'open', permission: 'rettest.write' },
    close: { from: ['open'], to: 'closed', permission: 'rettest.write' },
  },
});
const permThing = defineLifecycle({
  objectType: 'PermThing',
  table: 'ret_test_perm',
  retentionClass: 'permanent',
  states: ['open'],
  transitions: { create: { from: [NEW], to: 'open', permission: 'rettest.write' } },
});

const J = jid('440400');
const authority = (user = 'authority.admin'): Actor => ({
  kind: 'user',
  userId: uid(user),
  orgId: oid('zh-authority'),
  roles: ['org_admin', 'reviewer'],
  actorRoles: [{ actor: 'authority', jurisdictionId: J, jurisdictionPath: [J], status: 'active' }],
  readableJurisdictionIds: [J],
  demo: true,
});
const owner: Actor = {
  kind: 'user',
  userId: uid('operator.admin'),
  orgId: oid('zh-operator'),
  roles: ['org_admin', 'reviewer'],
  actorRoles: [{ actor: 'operator', jurisdictionId: J, jurisdictionPath: [J], status: 'active' }],
  readableJurisdictionIds: [],
  demo: true,
};
const clock = new FixedClock(new Date(Date.now() + 3 * 86400_000));
let database: Database;
let k: Kernel;

async function make(lc: typeof tempThing | typeof permThing, close = false): Promise<string> {
  const id = randomUUID();
  const subject = { type: lc.objectType, jurisdictionId: J, jurisdictionPath: [J] };
  await k.db.transaction().execute(async (trx) => {
    const r = await transition(trx, k.workflow, {
      lifecycle: lc,
      action: 'create',
      actor: systemActor('t'),
      object: null,
      subject,
      values: { id },
    });
    if (close)
      await transition(trx, k.workflow, {
        lifecycle: tempThing,
        action: 'close',
        actor: systemActor('t'),
        object: { id, state: r.state, version: r.version },
        subject,
      });
  });
  return id;
}
const propose = (objectType: string, ids: string[], extra = {}) =>
  proposeDestruction(k, systemActor('retention'), {
    objectType,
    objectIds: ids,
    ownerOrgId: oid('zh-operator'),
    dataDescription: '临时数据',
    ...extra,
  });

beforeAll(async () => {
  database = await openTestDatabase('demo');
  k = await createKernel(database, { clock });
  await sql`CREATE TABLE ret_test_thing (id uuid PRIMARY KEY, state text NOT NULL, version int NOT NULL, updated_at timestamptz)`.execute(
    k.db,
  );
  await sql`CREATE TABLE ret_test_perm (id uuid PRIMARY KEY, state text NOT NULL, version int NOT NULL, updated_at timestamptz)`.execute(
    k.db,
  );
});
afterAll(() => database?.close());

describe('LED-14/LED-15 retention classes and clock', () => {
  it('acceptance 9: a registration cancelled 2026-12-01 may be proposed from 2056-12-02 (30 y) or 2046-12-02 (20 y)', () => {
    expect(eligibleFrom('registration', '2026-12-01', loadProfile('luohu'))).toBe('2056-12-02');
    expect(eligibleFrom('registration', '2026-12-01', loadProfile('luohu', { 'reg.retentionYears': 20 }))).toBe(
      '2046-12-02',
    );
  });
  it('acceptance 13: an access-log file of 2026-01-10 becomes eligible on 2026-07-11; permanent classes never', () => {
    expect(eligibleFrom('access_log_file', '2026-01-10', loadProfile('zhuhai'))).toBe('2026-07-11');
    expect(eligibleFrom('permanent', '2026-01-10', loadProfile('zhuhai'))).toBeNull();
    expect(eligibleFrom('authorization_document', '2026-01-10', loadProfile('zhuhai'))).toBeNull();
    expect(eligibleFrom('ledger_header', '2026-01-10', loadProfile('zhuhai'))).toBeNull();
  });
  it('LED-14 refuses to propose erasing a permanent record (acceptance 12)', async () => {
    const id = await make(permThing);
    await expect(propose('PermThing', [id])).rejects.toMatchObject({
      status: 409,
      code: 'RETENTION_PERMANENT',
      details: { failures: [expect.objectContaining({ ruleId: 'LED-14' })] },
    });
  });
  it('LED-15 refuses a proposal before the retention period ended', async () => {
    const id = await make(tempThing);
    const early = await createKernel(database, { clock: new FixedClock(new Date()) });
    await expect(
      proposeDestruction(early, systemActor('retention'), {
        objectType: 'TempThing',
        objectIds: [id],
        ownerOrgId: oid('zh-operator'),
        dataDescription: 'x',
      }),
    ).rejects.toMatchObject({ code: 'RETENTION_NOT_ENDED' });
  });
});

describe('LED-16..LED-19 destruction batch', () => {
  it('LED-18 a legal hold blocks the proposal', async () => {
    const id = await make(tempThing, true);
    await placeLegalHold(k, authority(), { objectType: 'TempThing', objectId: id, reason: '仲裁中' });
    await expect(propose('TempThing', [id])).rejects.toMatchObject({ code: 'LEGAL_HOLD_ACTIVE' });
  });

  it('LED-16 stays proposed until owner and authority approved; LED-20 outsourced needs a contract', async () => {
    const id = await make(tempThing, true);
    const rec = await propose('TempThing', [id], { outsourced: true });
    expect(rec.state).toBe('proposed');
    expect((await approveDestruction(k, owner, rec.id, 'owner')).state).toBe('proposed');
    await expect(approveDestruction(k, authority(), rec.id, 'authority')).rejects.toMatchObject({
      code: 'DESTRUCTION_CONTRACT_MISSING',
    });
    const r2 = await propose('TempThing', [id]);
    const otherJ = jid('440303');
    const luohu: Actor = {
      ...authority('luohu.reviewer'),
      actorRoles: [{ actor: 'authority', jurisdictionId: otherJ, jurisdictionPath: [otherJ], status: 'active' }],
      readableJurisdictionIds: [otherJ],
    };
    await expect(approveDestruction(k, luohu, r2.id, 'authority')).rejects.toMatchObject({ status: 404 });
    expect((await approveDestruction(k, authority(), r2.id, 'authority')).state).toBe('proposed');
    expect((await approveDestruction(k, owner, r2.id, 'owner')).state).toBe('approved');
  });

  it('LED-19 execution erases payload, salt and key; leaf and header stay, proofs verify, audit stays clean; a second person verifies', async () => {
    const id = await make(tempThing, true);
    const rec = await propose('TempThing', [id]);
    await approveDestruction(k, owner, rec.id, 'owner');
    await approveDestruction(k, authority(), rec.id, 'authority');
    const ex = await executeDestruction(k, rec.id);
    expect(ex.state).toBe('executed');
    const rows = (
      await sql<any>`SELECT seq, payload_enc, payload_key_enc, payload_salt, payload_state, leaf_hash, header FROM ledger_entry WHERE object_id = ${id}`.execute(
        k.db,
      )
    ).rows;
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r).toMatchObject({ payload_enc: null, payload_key_enc: null, payload_state: 'erased' });
      expect(Buffer.from(r.payload_salt).length).toBe(0);
      expect(r.header.objectId).toBe(id);
    }
    const dr = (await sql<any>`SELECT * FROM destruction_record WHERE id = ${rec.id}`.execute(k.db)).rows[0];
    expect(dr.deleted_objects).toHaveLength(2);
    await flushLog(k, 'main', { forceCheckpoint: true });
    const cp = (await latestCheckpoint(k.db, 'ledger.shuyun.local/main-sm3'))!;
    for (const r of rows) {
      const p = await inclusion(k, 'main', Number(r.seq), Number(cp.tree_size));
      expect(
        verifyInclusion(
          hasherFor('sm3'),
          Number(r.seq),
          Number(cp.tree_size),
          Buffer.from(p.leafHash, 'hex'),
          p.hashes.map((x) => Buffer.from(x, 'hex')),
          Buffer.from(cp.root_hash, 'hex'),
        ),
      ).toBe(true);
    }
    await flushLog(k, 'audit', { forceCheckpoint: true });
    const audit = await auditLedger(k, { openIncident: false });
    expect(audit.mismatches.map((m) => `${m.check} ${m.object} ${m.detail}`)).toEqual([]);
    const v = await verifyDestruction(k, authority('authority.reviewer'), rec.id);
    expect(v.state).toBe('verified');
  });

  it('the append-only guard refuses erasing a payload outside an erasure (payload_state stays retained)', async () => {
    const id = await make(tempThing);
    await expect(sql`UPDATE ledger_entry SET payload_enc = NULL WHERE object_id = ${id}`.execute(k.db)).rejects.toThrow(
      /only be erased/,
    );
  });
});
