import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import '../../app.js';
import type { Database } from '../../kernel/db/connection.js';
import { openTestDatabase } from '../../kernel/db/testing.js';
import { createKernel, type Kernel } from '../../kernel/kernel.js';
import { recordAuditAlone } from '../../kernel/audit.js';
import { systemActor } from '../../kernel/workflow/actor.js';
import { auditLedger } from './audit.js';
import { flushLog } from './service.js';

let database: Database | undefined;
afterEach(async () => { await database?.close(); database = undefined; });

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
    await tamper(k, 'ledger_entry', sql`UPDATE ledger_entry SET leaf_data = overlay(leaf_data placing '\\x58'::bytea from 12 for 1) WHERE seq = 3 AND log_id LIKE '%/main-sm3'`);
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
    await tamper(k, 'ledger_node', sql`UPDATE ledger_node SET hash = set_byte(hash, 0, get_byte(hash, 0) # 1) WHERE level = 1 AND idx = 0 AND log_id LIKE '%/main-sm3'`);
    const r = await auditLedger(k);
    expect(checks(r)).toContain('tree_node');
  });

  it('(e) a changed byte of a stored checkpoint fails its signature and root checks', async () => {
    const k = await flushedDemo();
    await tamper(k, 'ledger_checkpoint', sql`UPDATE ledger_checkpoint SET note_text = replace(note_text, 'time 1', 'time 2')`);
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

  it('(c) an object state changed behind the ledger\'s back is reported', async () => {
    const k = await flushedDemo();
    const org = (await sql<{ id: string; state: string }>`SELECT id, state FROM organization ORDER BY id LIMIT 1`.execute(k.db)).rows[0]!;
    await sql`UPDATE organization SET state = 'suspended' WHERE id = ${org.id}`.execute(k.db);
    const r = await auditLedger(k);
    expect(r.mismatches).toEqual([expect.objectContaining({ check: 'object_state', object: `Organization/${org.id}` })]);
  });

  it('(b) a changed header salt or payload is reported as a commitment mismatch', async () => {
    const k = await flushedDemo();
    await tamper(k, 'ledger_entry', sql`UPDATE ledger_entry SET header_salt = set_byte(header_salt, 0, get_byte(header_salt, 0) # 1) WHERE seq = 1 AND log_id LIKE '%/main-sm3'`);
    await tamper(k, 'ledger_entry', sql`UPDATE ledger_entry SET payload_salt = set_byte(payload_salt, 0, get_byte(payload_salt, 0) # 1) WHERE seq = 2 AND log_id LIKE '%/main-sm3'`);
    const r = await auditLedger(k);
    expect(checks(r).sort()).toEqual(['header_commitment', 'payload_commitment']);
  });

  it('(d) a broken per-object link is reported', async () => {
    const k = await flushedDemo();
    for (let i = 0; i < 2; i++) await recordAuditAlone(k.db, k.ledger, { action: 'test.touch', actor: systemActor('t'), targetType: 'Thing', targetId: 't1', result: 'success' });
    await flushLog(k, 'audit', { forceCheckpoint: true });
    expect((await auditLedger(k)).clean).toBe(true);
    const e = (await sql<{ event_id: string }>`SELECT event_id FROM ledger_entry WHERE object_version = 2 AND object_id = 't1'`.execute(k.db)).rows[0];
    expect(e).toBeDefined();
    await tamper(k, 'ledger_entry', sql`UPDATE ledger_entry SET prev_object_leaf_hash = repeat('0', 64) WHERE event_id = ${e!.event_id}`);
    expect(checks(await auditLedger(k))).toEqual(expect.arrayContaining(['object_link', 'header_columns']));
  });

  it('the append-only trigger refuses UPDATE and DELETE on ledger tables', async () => {
    const k = await flushedDemo();
    await expect(sql`UPDATE ledger_entry SET leaf_hash = 'x' WHERE seq = 0`.execute(k.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM event`.execute(k.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM ledger_checkpoint`.execute(k.db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE ledger_node SET hash = '\\x00'`.execute(k.db)).rejects.toThrow(/append-only/);
  });
});
