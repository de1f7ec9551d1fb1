import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import '../../app.js';
import { openDatabase, type Database } from '../../kernel/db/connection.js';
import { openTestDatabase, withDatabase } from '../../kernel/db/testing.js';
import { createKernel, type Kernel } from '../../kernel/kernel.js';
import { recordAuditAlone, type AuditRecord } from '../../kernel/audit.js';
import { systemActor } from '../../kernel/workflow/actor.js';
import { transition } from '../../kernel/workflow/transition.js';
import { apiKeyLifecycle, userLifecycle } from '../identity/lifecycle.js';
import { DEMO_API_KEY_ID } from '../../seed/sandbox.js';
import { uid } from '../../seed/identity.js';
import { auditLedger } from './usecases/audit.js';
import { flushLog } from './usecases/public-ledger.js';

let database: Database | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

/** A demo database whose logs are integrated and checkpointed. */
async function flushedDemo(): Promise<Kernel> {
  database = await openTestDatabase('demo');
  const k = await createKernel(database);
  await flushLog(k, 'main', { forceCheckpoint: true });
  await flushLog(k, 'audit', { forceCheckpoint: true });
  return k;
}

/** Changes rows the way a DBA could: with the append-only triggers switched off. */
async function tamper(k: Kernel, table: string, statement: ReturnType<typeof sql>) {
  await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER USER`.execute(k.db);
  await statement.execute(k.db);
  await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER USER`.execute(k.db);
}

const checks = (r: Awaited<ReturnType<typeof auditLedger>>) => [...new Set(r.mismatches.map((m) => m.check))];

describe('LED-11 tamper audit', () => {
  it('an unmodified demo database audits clean and opens no incident', async () => {
    const k = await flushedDemo();
    const r = await auditLedger(k);
    expect(r.mismatches).toEqual([]);
    expect(r.clean).toBe(true);
    expect(r.entries).toBeGreaterThan(10);
    expect(r.checkpoints).toBeGreaterThanOrEqual(2);
    expect(r.objects).toBeGreaterThan(10);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM incident`.execute(k.db)).rows[0]!.n).toBe(0);
  });

  it('(a) one changed byte of a stored leaf is reported and opens a tampering incident', async () => {
    const k = await flushedDemo();
    await tamper(
      k,
      'ledger_entry',
      sql`UPDATE ledger_entry SET leaf_data = overlay(leaf_data placing '\\x58'::bytea from 12 for 1) WHERE seq = 3 AND log_id LIKE '%/main-sm3'`,
    );
    const r = await auditLedger(k);
    expect(r.clean).toBe(false);
    expect(checks(r)).toEqual(expect.arrayContaining(['leaf_hash', 'leaf_data', 'checkpoint_root']));
    expect(r.mismatches.find((m) => m.check === 'leaf_hash')).toMatchObject({ seq: 3 });
    const inc = (await sql<any>`SELECT * FROM incident`.execute(k.db)).rows;
    expect(inc).toHaveLength(1);
    expect(inc[0]).toMatchObject({ type: 'tampering', state: 'open', id: r.incidentId });
    expect(inc[0].details.count).toBe(r.mismatches.length);
  });

  it('(a) a rewritten leaf hash with a consistent stored node is caught by the checkpoint root', async () => {
    const k = await flushedDemo();
    await tamper(
      k,
      'ledger_node',
      sql`UPDATE ledger_node SET hash = set_byte(hash, 0, get_byte(hash, 0) # 1) WHERE level = 1 AND idx = 0 AND log_id LIKE '%/main-sm3'`,
    );
    const r = await auditLedger(k);
    expect(checks(r)).toContain('tree_node');
  });

  it('(e) a changed byte of a stored checkpoint fails its signature and root checks', async () => {
    const k = await flushedDemo();
    await tamper(
      k,
      'ledger_checkpoint',
      sql`UPDATE ledger_checkpoint SET note_text = replace(note_text, 'time 1', 'time 2')`,
    );
    const r = await auditLedger(k);
    expect(checks(r)).toContain('checkpoint_signature');
    await tamper(k, 'ledger_checkpoint', sql`UPDATE ledger_checkpoint SET root_hash = 'ff' || substr(root_hash, 3)`);
    expect(checks(await auditLedger(k))).toEqual(expect.arrayContaining(['checkpoint_root', 'checkpoint_body']));
  });

  it('a changed event row (one byte of its event type) is reported', async () => {
    const k = await flushedDemo();
    const ev = (await sql<{ id: string }>`SELECT id FROM event ORDER BY id LIMIT 1`.execute(k.db)).rows[0]!;
    await tamper(k, 'event', sql`UPDATE event SET event_type = event_type || 'x' WHERE id = ${ev.id}`);
    const r = await auditLedger(k);
    expect(r.mismatches).toEqual([expect.objectContaining({ check: 'event_row', eventId: ev.id })]);
  });

  it("(c) an object state changed behind the ledger's back is reported", async () => {
    const k = await flushedDemo();
    const org = (
      await sql<{ id: string; state: string }>`SELECT id, state FROM organization ORDER BY id LIMIT 1`.execute(k.db)
    ).rows[0]!;
    await sql`UPDATE organization SET state = 'suspended' WHERE id = ${org.id}`.execute(k.db);
    const r = await auditLedger(k);
    expect(r.mismatches).toEqual([
      expect.objectContaining({ check: 'object_state', object: `Organization/${org.id}` }),
    ]);
  });

  it('(b) a changed header salt or payload is reported as a commitment mismatch', async () => {
    const k = await flushedDemo();
    await tamper(
      k,
      'ledger_entry',
      sql`UPDATE ledger_entry SET header_salt = set_byte(header_salt, 0, get_byte(header_salt, 0) # 1) WHERE seq = 1 AND log_id LIKE '%/main-sm3'`,
    );
    await tamper(
      k,
      'ledger_entry',
      sql`UPDATE ledger_entry SET payload_salt = set_byte(payload_salt, 0, get_byte(payload_salt, 0) # 1) WHERE seq = 2 AND log_id LIKE '%/main-sm3'`,
    );
    const r = await auditLedger(k);
    expect(checks(r).sort()).toEqual(['header_commitment', 'payload_commitment']);
  });

  it('(d) a broken per-object link is reported', async () => {
    const k = await flushedDemo();
    for (let i = 0; i < 2; i++)
      await recordAuditAlone(k.db, k.ledger, {
        action: 'test.touch',
        actor: systemActor('t'),
        targetType: 'Thing',
        targetId: 't1',
        result: 'success',
      });
    await flushLog(k, 'audit', { forceCheckpoint: true });
    expect((await auditLedger(k)).clean).toBe(true);
    const e = (
      await sql<{
        event_id: string;
      }>`SELECT event_id FROM ledger_entry WHERE object_version = 2 AND object_id = 't1'`.execute(k.db)
    ).rows[0];
    expect(e).toBeDefined();
    await tamper(
      k,
      'ledger_entry',
      sql`UPDATE ledger_entry SET prev_object_leaf_hash = repeat('0', 64) WHERE event_id = ${e!.event_id}`,
    );
    expect(checks(await auditLedger(k))).toEqual(expect.arrayContaining(['object_link', 'header_columns']));
  });

  it('(c) audit-only entries of every kind the code writes are chain links, not state changes; a state change after them is still checked', async () => {
    const k = await flushedDemo();
    const user = uid('buyer.admin');
    const actor = systemActor('t');
    const audit = (a: Pick<AuditRecord, 'action' | 'targetType' | 'targetId'> & Partial<AuditRecord>) =>
      recordAuditAlone(k.db, k.ledger, { actor, result: 'success', ...a });
    // The kinds kernel/audit.ts callers write: sessions, key use and refusals, denials, exports, views, holds, approvals.
    for (const action of ['auth.login', 'auth.login_failed', 'auth.login_refused', 'auth.mfa_verified', 'auth.logout'])
      await audit({ action, targetType: 'User', targetId: user });
    await audit({
      action: 'apikey.denied',
      targetType: 'ApiKey',
      targetId: DEMO_API_KEY_ID,
      result: 'denied',
      reasonCode: 'IP_NOT_ALLOWED',
    });
    await audit({
      action: 'org.update',
      targetType: 'Organization',
      targetId: (await sql<{ id: string }>`SELECT id FROM organization LIMIT 1`.execute(k.db)).rows[0]!.id,
      result: 'denied',
      reasonCode: 'CROSS_TENANT',
    });
    await audit({ action: 'catalog.export', targetType: 'Catalog', targetId: 'export' });
    await audit({ action: 'catalog.export', targetType: 'Catalog', targetId: 'export' });
    await audit({
      action: 'service.test',
      targetType: 'DataServiceTemplate',
      targetId: (await sql<{ id: string }>`SELECT id FROM sandbox_service LIMIT 1`.execute(k.db)).rows[0]!.id,
    });
    await audit({
      action: 'ledger.evidence_exported',
      targetType: 'EvidencePackage',
      targetId: '00000000-0000-4000-8000-0000000000e1',
    });
    expect((await auditLedger(k)).mismatches).toEqual([]);
    // State changes after audit-only entries: the entry's version is its place in the chain (LED-02), the row's its own.
    const u = (await sql<any>`SELECT id, state, version FROM app_user WHERE id = ${user}`.execute(k.db)).rows[0];
    await k.db.transaction().execute((trx) =>
      transition(trx, k.workflow, {
        lifecycle: userLifecycle,
        action: 'lock',
        actor: systemActor('lockout'),
        object: u,
        subject: { type: 'User', id: user },
        values: { locked_until: new Date() },
      }),
    );
    await audit({
      action: 'auth.login_refused',
      targetType: 'User',
      targetId: user,
      result: 'denied',
      reasonCode: 'LOCKED',
    });
    const key = (await sql<any>`SELECT id, state, version FROM api_key WHERE id = ${DEMO_API_KEY_ID}`.execute(k.db))
      .rows[0];
    await k.db.transaction().execute((trx) =>
      transition(trx, k.workflow, {
        lifecycle: apiKeyLifecycle,
        action: 'expire',
        actor: systemActor('t'),
        object: key,
        subject: { type: 'ApiKey', id: key.id },
      }),
    );
    await flushLog(k, 'audit', { forceCheckpoint: true });
    const clean = await auditLedger(k);
    expect(clean.mismatches).toEqual([]);
    const chain = (
      await sql<{
        v: number;
      }>`SELECT object_version AS v FROM ledger_entry WHERE object_id = ${user} ORDER BY object_version`.execute(k.db)
    ).rows.map((r) => r.v);
    expect(chain).toEqual(chain.map((_, i) => i + 1));

    // A real change behind the ledger's back is still found, whatever audit entries follow the last state change.
    await sql`UPDATE app_user SET state = 'active' WHERE id = ${user}`.execute(k.db);
    expect((await auditLedger(k)).mismatches).toEqual([
      expect.objectContaining({
        check: 'object_state',
        object: `User/${user}`,
        detail: expect.stringContaining('row is active v2'),
      }),
    ]);
    await sql`UPDATE app_user SET state = 'locked', version = version + 1 WHERE id = ${user}`.execute(k.db);
    expect((await auditLedger(k)).mismatches).toEqual([
      expect.objectContaining({ check: 'object_state', object: `User/${user}` }),
    ]);
    await sql`UPDATE app_user SET version = 2 WHERE id = ${user}`.execute(k.db);
    await sql`UPDATE api_key SET state = 'active' WHERE id = ${DEMO_API_KEY_ID}`.execute(k.db);
    expect((await auditLedger(k)).mismatches).toEqual([
      expect.objectContaining({ check: 'object_state', object: `ApiKey/${DEMO_API_KEY_ID}` }),
    ]);
  });

  // Concurrency exists only on PostgreSQL (PGlite has one connection): there, eight audit-only
  // entries of one User from eight connections at once must still chain 1..n (append.ts lockObjectChains).
  it.runIf(process.env.TEST_DATABASE_URL)(
    'LED-02 audit-only entries of one object written at once from many connections chain without a fork',
    async () => {
      const k = await flushedDemo();
      const name = (await sql<{ db: string }>`SELECT current_database() AS db`.execute(k.db)).rows[0]!.db;
      const pool = await openDatabase({ url: withDatabase(process.env.TEST_DATABASE_URL!, name), poolSize: 8 });
      const user = uid('operator.admin');
      try {
        await Promise.all(
          Array.from({ length: 8 }, () =>
            recordAuditAlone(pool.db, k.ledger, {
              action: 'auth.login',
              actor: systemActor('t'),
              targetType: 'User',
              targetId: user,
              result: 'success',
            }),
          ),
        );
      } finally {
        await pool.close();
      }
      const chain = (
        await sql<{
          v: number;
        }>`SELECT object_version AS v FROM ledger_entry WHERE object_id = ${user} ORDER BY object_version`.execute(k.db)
      ).rows.map((r) => r.v);
      expect(chain).toEqual(Array.from({ length: chain.length }, (_, i) => i + 1));
      await flushLog(k, 'audit', { forceCheckpoint: true });
      expect((await auditLedger(k)).mismatches).toEqual([]);
    },
  );

  it('the append-only trigger refuses UPDATE and DELETE on ledger tables', async () => {
    const k = await flushedDemo();
    await expect(sql`UPDATE ledger_entry SET leaf_hash = 'x' WHERE seq = 0`.execute(k.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM event`.execute(k.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM ledger_checkpoint`.execute(k.db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE ledger_node SET hash = '\\x00'`.execute(k.db)).rejects.toThrow(/append-only/);
  });
});
