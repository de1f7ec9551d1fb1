import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../kernel/db/connection.js';
import { openTestDatabase } from '../../kernel/db/testing.js';
import { createKernel, type Kernel } from '../../kernel/kernel.js';
import { systemActor } from '../../kernel/workflow/actor.js';
import { transition } from '../../kernel/workflow/transition.js';
import { crashThing, ensureCrashTable } from './test/crash-lifecycle.js';

let database: Database;
let k: Kernel;
beforeAll(async () => {
  database = await openTestDatabase('bare');
  k = await createKernel(database);
  await ensureCrashTable(k.db);
});
afterAll(() => database?.close());

const create = (id: string) =>
  k.db.transaction().execute((trx) =>
    transition(trx, k.workflow, {
      lifecycle: crashThing,
      action: 'create',
      actor: systemActor('t'),
      object: null,
      subject: { type: 'CrashThing' },
      values: { id },
    }),
  );
const counts = async (id: string) =>
  (
    await sql<{ o: number; e: number; l: number }>`SELECT
  (SELECT count(*)::int FROM crash_thing WHERE id = ${id}) AS o, (SELECT count(*)::int FROM event WHERE object_id = ${id}) AS e,
  (SELECT count(*)::int FROM ledger_entry WHERE object_id = ${id}) AS l`.execute(k.db)
  ).rows[0]!;

describe('LED-01 one entry per state change, in the same transaction (acceptance 1)', () => {
  it('when the ledger write fails, the state change rolls back; when it succeeds, exactly one event and entry exist', async () => {
    const failing = randomUUID();
    k.workflow.fault = (stage) => {
      if (stage === 'after_state_write') throw new Error('ledger insert fails on purpose');
    };
    await expect(create(failing)).rejects.toThrow(/on purpose/);
    k.workflow.fault = undefined;
    expect(await counts(failing)).toEqual({ o: 0, e: 0, l: 0 });
    const ok = randomUUID();
    await create(ok);
    expect(await counts(ok)).toEqual({ o: 1, e: 1, l: 1 });
    const entry = (await sql<any>`SELECT header FROM ledger_entry WHERE object_id = ${ok}`.execute(k.db)).rows[0];
    expect(entry.header).toMatchObject({
      fromState: null,
      toState: 'draft',
      objectVersion: 1,
      prevObjectLeafHash: null,
    });
  });

  it('LED-02 versions grow by one and each entry links to the previous leaf hash', async () => {
    const id = randomUUID();
    const r = await create(id);
    await k.db.transaction().execute((trx) =>
      transition(trx, k.workflow, {
        lifecycle: crashThing,
        action: 'open',
        actor: systemActor('t'),
        object: { id, state: r.state, version: r.version },
        subject: { type: 'CrashThing' },
      }),
    );
    const rows = (
      await sql<any>`SELECT object_version, leaf_hash, prev_object_leaf_hash FROM ledger_entry WHERE object_id = ${id} ORDER BY object_version`.execute(
        k.db,
      )
    ).rows;
    expect(rows.map((x) => x.object_version)).toEqual([1, 2]);
    expect(rows[1].prev_object_leaf_hash).toBe(rows[0].leaf_hash);
  });
});
